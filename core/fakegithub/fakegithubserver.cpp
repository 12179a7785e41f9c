#include "fakegithubserver.h"

#include "fakefaultdice.h"
#include "fakegithubapi.h"
#include "fakehttplistener.h"

namespace runlens::sample {

FakeGitHubServer::FakeGitHubServer(FakeGitHubData data, FakeGitHubConfig config, QObject* parent)
    : QObject(parent)
    , m_config(config)
    , m_repos(data.repos)
    , m_api(std::make_unique<FakeGitHubApi>(std::move(data), std::move(config)))
    , m_dice(std::make_unique<FakeFaultDice>(m_config.faults, m_config.seed))
{
    m_token = m_api->token();
    m_thread.setObjectName(QStringLiteral("FakeGitHubServer"));
}

FakeGitHubServer::~FakeGitHubServer()
{
    stop();
}

QUrl FakeGitHubServer::apiUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_apiPort));
}

QUrl FakeGitHubServer::storageUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_storagePort));
}

Status FakeGitHubServer::start()
{
    if (m_running)
        return {};
    m_thread.start();
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    Status status;
    // Listening is immediate; the blocking call only waits for the thread to run it.
    QMetaObject::invokeMethod(
        m_context,
        [this, &status] {
            FakeGitHubApi* api = m_api.get();
            m_apiListener = new FakeHttpListener(
                FakeListenerKind::Api,
                [api](const FakeHttpRequest& request, int inFlight) { return api->handleApi(request, inFlight); },
                m_dice.get(), &m_log, m_context);
            m_storageListener = new FakeHttpListener(
                FakeListenerKind::Storage,
                [api](const FakeHttpRequest& request, int) { return api->handleStorage(request); }, m_dice.get(),
                &m_log, m_context);
            status = m_apiListener->listen(m_config.apiPort);
            if (status)
                status = m_storageListener->listen(m_config.storagePort);
            if (!status)
                return;
            m_apiPort = m_apiListener->port();
            m_storagePort = m_storageListener->port();
            api->setBaseUrls(QStringLiteral("http://127.0.0.1:%1").arg(m_apiPort),
                QStringLiteral("http://127.0.0.1:%1").arg(m_storagePort));
        },
        Qt::BlockingQueuedConnection);
    m_running = true; // so that stop() cleans up after a failed listen, too
    if (!status) {
        stop();
        return status;
    }
    return {};
}

void FakeGitHubServer::stop()
{
    if (!m_running)
        return;
    // Deleted on its own thread as the thread finishes: closes both listeners and their connections.
    m_context->deleteLater();
    m_context = nullptr;
    m_apiListener = nullptr;
    m_storageListener = nullptr;
    m_thread.quit();
    m_thread.wait();
    m_running = false;
}

} // namespace runlens::sample
