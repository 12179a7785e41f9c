#pragma once

#include "apiresponse.h"
#include "backoffpolicy.h"
#include "ratelimit.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QRandomGenerator>
#include <QTimer>
#include <QUrl>

#include <deque>
#include <functional>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;
class QFile;

namespace runlens::github {

struct ClientOptions
{
    QUrl apiUrl = QUrl(QStringLiteral("https://api.github.com")); // GHES: https://HOST/api/v3
    QByteArray token; // empty: anonymous (listing works, downloads need a token)
    int concurrency = 4;
    BackoffPolicy backoff;
    int rateLimitThreshold = 20; // pause until reset when remaining falls below this
    int secondaryLimitWaitMs = 60000; // wait when a secondary limit answers without retry-after
    int resetMarginMs = 1000; // added to x-ratelimit-reset before resuming
    int transferTimeoutMs = 120000; // a request without progress for this long counts as a network error
};

// Asynchronous GitHub REST client on QNetworkAccessManager: a request queue limited to `concurrency`
// parallel requests, retries with backoff for 5xx and network errors, pauses for primary and secondary
// rate limits, conditional GETs, and log downloads that follow the storage redirect by hand without
// the Authorization header, streaming into a file. Callbacks run on the client's thread; nothing blocks.
class GithubClient : public QObject
{
    Q_OBJECT
public:
    using ApiCallback = std::function<void(const ApiResult&)>;
    using DownloadCallback = std::function<void(const DownloadOutcome&)>;

    explicit GithubClient(ClientOptions options, QObject* parent = nullptr);
    ~GithubClient() override;

    const ClientOptions& options() const { return m_options; }
    bool hasToken() const { return !m_options.token.isEmpty(); }

    // `path` like "/repos/o/r/actions/runs" joined to the base URL (which may carry /api/v3).
    QUrl apiUrl(const QString& path) const;

    // GET a JSON resource. With `etag`, sends If-None-Match; a 304 answers with `cachedBody`/`cachedLink`.
    void get(const QUrl& url, ApiCallback callback, const QByteArray& etag = {}, const QByteArray& cachedBody = {},
        const QByteArray& cachedLink = {});

    // POST a JSON body (e.g. create an issue), with the same queue, retries and rate-limit pauses as get().
    // A secondary-limit 403/429 (refused, so nothing happened) is waited out and retried; a 5xx or a
    // lost answer is NOT resent (it may have taken effect): the callback gets the error.
    void post(const QUrl& url, const QByteArray& jsonBody, ApiCallback callback);

    // GET a logs URL (answering 302), then the storage URL without Authorization, body streamed to `filePath`.
    void download(const QUrl& url, const QString& filePath, DownloadCallback callback);

    // Aborts every request; no callback runs after this. Partially written files are removed.
    void cancel();
    bool isCanceled() const { return m_canceled; }

    // Held: queued requests wait (no new request starts) while those in flight finish, including the
    // storage leg of a download already redirected; drained() follows once none is in flight.
    void setHeld(bool held);
    bool isHeld() const { return m_held; }
    int activeRequests() const { return m_running; }
    // Bytes of log archives received so far, those still arriving included (for throughput).
    qint64 bytesReceived() const { return m_bytesReceived; }

    RateLimit rateLimit() const { return m_rateLimit; }
    int requestsSent() const { return m_requestsSent; }
    bool idle() const { return m_queue.empty() && m_active.isEmpty(); }

Q_SIGNALS:
    void rateLimitChanged(const runlens::github::RateLimit& rateLimit);
    // Requests wait until `until` (UTC) because of `reason` (primary limit low, secondary limit, ...).
    void paused(const QDateTime& until, const QString& reason);
    void resumed();
    // Held and nothing in flight any more.
    void drained();

private:
    struct Task;
    void enqueue(std::shared_ptr<Task> task, bool front = false);
    void pump();
    void start(const std::shared_ptr<Task>& task);
    QNetworkRequest makeRequest(const QUrl& url, bool withAuth) const;
    void onApiFinished(const std::shared_ptr<Task>& task, QNetworkReply* reply);
    void onStorageFinished(const std::shared_ptr<Task>& task, QNetworkReply* reply);
    void startStorage(const std::shared_ptr<Task>& task, const QUrl& storageUrl);
    // Appends a storage chunk to the task's file; false (with the reason kept) when it cannot.
    bool writeChunk(const std::shared_ptr<Task>& task, const QByteArray& chunk);
    void retryLater(const std::shared_ptr<Task>& task, const QString& why);
    void pauseUntil(const QDateTime& until, const QString& reason);
    void fail(const std::shared_ptr<Task>& task, int status, const QString& error);

    ClientOptions m_options;
    QNetworkAccessManager* m_nam = nullptr;
    std::deque<std::shared_ptr<Task>> m_queue;
    QHash<QNetworkReply*, std::shared_ptr<Task>> m_active;
    int m_running = 0;
    QTimer m_pauseTimer;
    QDateTime m_pausedUntil;
    RateLimit m_rateLimit;
    int m_requestsSent = 0;
    qint64 m_bytesReceived = 0;
    bool m_canceled = false;
    bool m_held = false;
    bool m_drainedSignalled = false;
    QRandomGenerator m_random { 0x52554e4cu };
};

} // namespace runlens::github
