#pragma once

#include "common/result.h"
#include "fakegithubconfig.h"
#include "fakegithubdata.h"
#include "fakerequestlog.h"

#include <QObject>
#include <QThread>
#include <QUrl>

#include <memory>

namespace runlens::sample {

class FakeGitHubApi;
class FakeFaultDice;
class FakeHttpListener;

// A local fake of the GitHub Actions REST API on 127.0.0.1: an API listener and a second
// "storage" listener (another origin) that serves log archives behind signed, expiring URLs.
// It runs on its own thread, so the thread that owns it (the GUI, a test) never blocks on it.
//
//   FakeGitHubServer server(FakeDataBuilder::build({}));
//   if (Status s = server.start(); !s) ...;
//   server.apiUrl();   // http://127.0.0.1:PORT
//   server.token();    // the one token it accepts
class FakeGitHubServer : public QObject
{
    Q_OBJECT
public:
    explicit FakeGitHubServer(FakeGitHubData data, FakeGitHubConfig config = {}, QObject* parent = nullptr);
    ~FakeGitHubServer() override;

    // Starts the server thread and both listeners; ports 0 pick free ports.
    Status start();
    // Closes both listeners (cutting open connections) and ends the thread. Idempotent.
    void stop();
    bool isRunning() const { return m_running; }

    quint16 apiPort() const { return m_apiPort; }
    quint16 storagePort() const { return m_storagePort; }
    QUrl apiUrl() const;
    QUrl storageUrl() const;
    QString token() const { return m_token; }
    const QList<FakeRepo>& repos() const { return m_repos; }

    // Every request both listeners answered so far, oldest first (thread-safe snapshot).
    QList<FakeRequestLogEntry> requestLog() const { return m_log.snapshot(); }
    void clearRequestLog() { m_log.clear(); }

private:
    FakeGitHubConfig m_config;
    QList<FakeRepo> m_repos;
    QString m_token;
    std::unique_ptr<FakeGitHubApi> m_api; // used on m_thread only once started
    std::unique_ptr<FakeFaultDice> m_dice; // likewise
    FakeRequestLog m_log;
    QThread m_thread;
    QObject* m_context = nullptr; // lives on m_thread, parent of both listeners
    FakeHttpListener* m_apiListener = nullptr;
    FakeHttpListener* m_storageListener = nullptr;
    quint16 m_apiPort = 0;
    quint16 m_storagePort = 0;
    bool m_running = false;
};

} // namespace runlens::sample
