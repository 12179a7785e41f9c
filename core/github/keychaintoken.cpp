#include "keychaintoken.h"

#ifdef RUNLENS_HAVE_KEYCHAIN
#include <qt6keychain/keychain.h>

#include <QEventLoop>
#include <QTimer>

#include <memory>
#endif

namespace runlens::github {

#ifdef RUNLENS_HAVE_KEYCHAIN
namespace {
struct KeychainAnswer
{
    bool done = false;
    bool ok = false;
    QByteArray data;
};

// Runs `job` (auto-deleting) on a local event loop; a keychain that never answers must not hang us, so
// the answer lives in a shared_ptr the job may still write to after we gave up.
std::shared_ptr<KeychainAnswer> runJob(QKeychain::Job* job, bool read)
{
    auto answer = std::make_shared<KeychainAnswer>();
    QEventLoop loop;
    QObject::connect(job, &QKeychain::Job::finished, job, [answer, read](QKeychain::Job* j) {
        answer->done = true;
        answer->ok = j->error() == QKeychain::NoError;
        if (read && answer->ok) {
            auto* r = static_cast<QKeychain::ReadPasswordJob*>(j);
            answer->data = r->binaryData().isEmpty() ? r->textData().toUtf8().trimmed() : r->binaryData().trimmed();
        }
    });
    QObject::connect(job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(5000, &loop, &QEventLoop::quit);
    job->start();
    if (!answer->done)
        loop.exec();
    return answer;
}
} // namespace

bool KeychainToken::available()
{
    return true;
}

QByteArray KeychainToken::read(const QString& service, const QString& key)
{
    auto* job = new QKeychain::ReadPasswordJob(service);
    job->setAutoDelete(true);
    job->setKey(key);
    const auto answer = runJob(job, true);
    return answer->ok ? answer->data : QByteArray();
}

bool KeychainToken::write(const QString& service, const QString& key, const QByteArray& token)
{
    auto* job = new QKeychain::WritePasswordJob(service);
    job->setAutoDelete(true);
    job->setKey(key);
    job->setBinaryData(token);
    return runJob(job, false)->ok;
}
#else
bool KeychainToken::available()
{
    return false;
}

QByteArray KeychainToken::read(const QString&, const QString&)
{
    return {};
}

bool KeychainToken::write(const QString&, const QString&, const QByteArray&)
{
    return false;
}
#endif

} // namespace runlens::github
