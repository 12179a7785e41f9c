#include "demosession.h"

#include "github/collector.h"
#include "sample/fakecorpusdata.h"
#include "sample/fakegithubserver.h"
#include "workspace/workspace.h"

namespace runlens::ui {

sample::SampleOptions DemoSession::defaultOptions()
{
    sample::SampleOptions options;
    options.seed = 7;
    options.repoCount = 4;
    options.runsPerRepo = 12;
    options.maxJobLines = 4000;
    return options;
}

DemoSession::DemoSession(sample::SampleOptions options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    m_thread.setObjectName(QStringLiteral("runlens-demo-collect"));
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    m_thread.start();
}

DemoSession::~DemoSession()
{
    // Delete the Collector (a child of the context) and then its Workspace on their own thread.
    QObject* context = m_context;
    QMetaObject::invokeMethod(context, [context] { delete context; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    if (m_server)
        m_server->stop();
}

void DemoSession::start()
{
    if (!m_dir.isValid()) {
        emit failed(tr("Cannot create a temporary workspace folder: %1").arg(m_dir.errorString()));
        return;
    }
    m_server = std::make_unique<sample::FakeGitHubServer>(sample::FakeCorpusData::build(m_options));
    if (Status started = m_server->start(); !started) {
        emit failed(tr("Cannot start the sample GitHub server: %1").arg(started.error()));
        return;
    }
    github::CollectOptions options;
    options.apiUrl = m_server->apiUrl();
    for (const sample::FakeRepo& repo : m_server->repos())
        options.repositories.append(repo.fullName());
    m_repositories = options.repositories;
    options.backoff.baseDelayMs = 5;
    options.backoff.maxDelayMs = 200;
    options.resetMarginMs = 200;
    const QByteArray token = m_server->token().toUtf8(); // the fake server's own token
    const QString dir = m_dir.path();
    QObject* context = m_context;
    QMetaObject::invokeMethod(context, [this, context, options, token, dir] {
        auto* ws = new workspace::Workspace;
        if (Status opened = ws->open(dir); !opened) {
            delete ws;
            QMetaObject::invokeMethod(this, [this, message = opened.error()] { emit failed(message); });
            return;
        }
        auto* collector = new github::Collector(*ws, options, token, context);
        // The Collector uses the workspace until its destructor has run.
        connect(collector, &QObject::destroyed, [ws] { delete ws; });
        connect(collector, &github::Collector::progressChanged, this, &DemoSession::progressChanged);
        connect(collector, &github::Collector::finished, collector, [this, collector, dir](const github::CollectSummary& summary) {
            QMetaObject::invokeMethod(this, [this, dir, summary] { emit collected(dir, summary); });
            collector->deleteLater();
        });
        collector->start();
    });
}

void DemoSession::cancel()
{
    QObject* context = m_context;
    QMetaObject::invokeMethod(context, [context] {
        if (auto* collector = context->findChild<github::Collector*>())
            collector->cancel();
    });
}

} // namespace runlens::ui
