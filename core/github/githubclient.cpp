#include "githubclient.h"

#include "common/logging.h"
#include "common/version.h"
#include "linkheader.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <cerrno>

namespace runlens::github {

struct GithubClient::Task
{
    enum class Kind { Api, Download };
    Kind kind = Kind::Api;
    QUrl url;
    QByteArray method = "GET"; // GET or POST (Api tasks)
    QByteArray postBody;
    QByteArray etag;
    QByteArray cachedBody;
    QByteArray cachedLink;
    ApiCallback apiCallback;
    QString filePath;
    DownloadCallback downloadCallback;
    std::unique_ptr<QFile> file;
    qint64 written = 0;
    QString writeError; // set when the file could not take a chunk; the download fails with it
    bool diskFull = false;
    int retries = 0; // transient failures so far
    int rateWaits = 0; // rate-limit waits so far
    int lastStatus = 0;
};

namespace {
bool isRedirect(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

// Errors below 100 are the transport's (refused, closed, timeout, ...), not an HTTP status.
bool isNetworkError(QNetworkReply::NetworkError error)
{
    return error != QNetworkReply::NoError && int(error) < 100; // includes a transfer timeout (canceled)
}

// "no space left on device (PATH)" for a full disk or quota, else the file's own error.
QString writeErrorText(const QFile& file, int error)
{
    if (error == ENOSPC || error == EDQUOT)
        return QStringLiteral("no space left on device (%1)").arg(file.fileName());
    return QStringLiteral("cannot write '%1': %2").arg(file.fileName(), file.errorString());
}

// Never put a signed storage query (or anything else secret-looking) into a message.
QString safeUrl(const QUrl& url)
{
    return url.toString(QUrl::RemoveQuery | QUrl::RemoveUserInfo | QUrl::RemoveFragment);
}
} // namespace

GithubClient::GithubClient(ClientOptions options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_nam(new QNetworkAccessManager(this))
{
    m_options.concurrency = std::max(1, m_options.concurrency);
    m_nam->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    m_pauseTimer.setSingleShot(true);
    connect(&m_pauseTimer, &QTimer::timeout, this, [this] {
        m_pausedUntil = {};
        Q_EMIT resumed();
        pump();
    });
}

GithubClient::~GithubClient()
{
    cancel();
}

QUrl GithubClient::apiUrl(const QString& path) const
{
    QString base = m_options.apiUrl.toString(QUrl::StripTrailingSlash);
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    return QUrl(base + (path.startsWith(QLatin1Char('/')) ? path : QLatin1Char('/') + path));
}

void GithubClient::get(const QUrl& url, ApiCallback callback, const QByteArray& etag, const QByteArray& cachedBody,
    const QByteArray& cachedLink)
{
    auto task = std::make_shared<Task>();
    task->kind = Task::Kind::Api;
    task->url = url;
    task->etag = etag;
    task->cachedBody = cachedBody;
    task->cachedLink = cachedLink;
    task->apiCallback = std::move(callback);
    enqueue(std::move(task));
}

void GithubClient::post(const QUrl& url, const QByteArray& jsonBody, ApiCallback callback)
{
    auto task = std::make_shared<Task>();
    task->kind = Task::Kind::Api;
    task->method = "POST";
    task->postBody = jsonBody;
    task->url = url;
    task->apiCallback = std::move(callback);
    enqueue(std::move(task));
}

void GithubClient::download(const QUrl& url, const QString& filePath, DownloadCallback callback)
{
    auto task = std::make_shared<Task>();
    task->kind = Task::Kind::Download;
    task->url = url;
    task->filePath = filePath;
    task->downloadCallback = std::move(callback);
    enqueue(std::move(task));
}

void GithubClient::cancel()
{
    if (m_canceled)
        return;
    m_canceled = true;
    m_queue.clear();
    m_pauseTimer.stop();
    const QList<QNetworkReply*> replies = m_active.keys();
    for (QNetworkReply* reply : replies)
        reply->abort(); // finished handlers see m_canceled and only clean up
}

void GithubClient::enqueue(std::shared_ptr<Task> task, bool front)
{
    if (m_canceled)
        return;
    if (front)
        m_queue.push_front(std::move(task));
    else
        m_queue.push_back(std::move(task));
    pump();
}

void GithubClient::setHeld(bool held)
{
    if (m_held == held)
        return;
    m_held = held;
    m_drainedSignalled = false;
    pump();
}

void GithubClient::pump()
{
    while (
        !m_canceled && !m_held && !m_pauseTimer.isActive() && m_running < m_options.concurrency && !m_queue.empty()) {
        std::shared_ptr<Task> task = std::move(m_queue.front());
        m_queue.pop_front();
        start(task);
    }
    if (m_held && !m_canceled && m_running == 0 && !m_drainedSignalled) {
        m_drainedSignalled = true;
        Q_EMIT drained();
    }
}

QNetworkRequest GithubClient::makeRequest(const QUrl& url, bool withAuth) const
{
    QNetworkRequest request(url);
    request.setRawHeader("User-Agent", QByteArray(kUserAgent));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(m_options.transferTimeoutMs);
    if (withAuth) {
        request.setRawHeader("Accept", "application/vnd.github+json");
        request.setRawHeader("X-GitHub-Api-Version", "2022-11-28");
        if (!m_options.token.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + m_options.token);
    }
    return request;
}

void GithubClient::start(const std::shared_ptr<Task>& task)
{
    QNetworkRequest request = makeRequest(task->url, true);
    if (task->kind == Task::Kind::Api && !task->etag.isEmpty())
        request.setRawHeader("If-None-Match", task->etag);
    ++m_running;
    ++m_requestsSent;
    QNetworkReply* reply = nullptr;
    if (task->method == "POST") {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        reply = m_nam->post(request, task->postBody);
    } else {
        reply = m_nam->get(request);
    }
    m_active.insert(reply, task);
    connect(reply, &QNetworkReply::finished, this, [this, task, reply] { onApiFinished(task, reply); });
}

void GithubClient::onApiFinished(const std::shared_ptr<Task>& task, QNetworkReply* reply)
{
    m_active.remove(reply);
    reply->deleteLater();
    --m_running;
    if (m_canceled)
        return;

    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    task->lastStatus = status;
    const RateLimit rate = RateLimit::fromReply(*reply);
    if (rate.known()) {
        m_rateLimit = rate;
        Q_EMIT rateLimitChanged(rate);
    }
    if (status == 0) {
        retryLater(task, QStringLiteral("network error: %1").arg(reply->errorString()));
        return;
    }
    const QByteArray body = reply->readAll();
    // A cut connection (reset, or fewer bytes than Content-Length promised) is transient whatever the status.
    const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
    if (isNetworkError(reply->error()) || (length.isValid() && length.toLongLong() != body.size())) {
        retryLater(task,
            QStringLiteral("incomplete answer (HTTP %1, %2 of %3 bytes): %4")
                .arg(status)
                .arg(body.size())
                .arg(length.isValid() ? length.toLongLong() : -1)
                .arg(reply->errorString()));
        return;
    }
    if (status == 403 || status == 429) {
        bool retryAfterOk = false;
        const int retryAfter = reply->rawHeader("retry-after").trimmed().toInt(&retryAfterOk);
        const bool secondary = retryAfterOk || body.contains("secondary rate limit");
        if (++task->rateWaits > m_options.backoff.maxRetries + 4) {
            fail(task, status, QStringLiteral("still rate limited after %1 waits").arg(task->rateWaits - 1));
            return;
        }
        if (retryAfterOk) {
            pauseUntil(QDateTime::currentDateTimeUtc().addMSecs(qint64(std::max(0, retryAfter)) * 1000),
                QStringLiteral("secondary rate limit (retry-after %1 s)").arg(retryAfter));
        } else if (rate.remaining == 0) {
            pauseUntil(rate.reset.addMSecs(m_options.resetMarginMs),
                QStringLiteral("rate limit exhausted (%1 requests/h)").arg(rate.limit));
        } else if (secondary) {
            const qint64 wait = qint64(m_options.secondaryLimitWaitMs) << std::min(task->rateWaits - 1, 6);
            pauseUntil(QDateTime::currentDateTimeUtc().addMSecs(wait), QStringLiteral("secondary rate limit"));
        } else {
            fail(task, status, QStringLiteral("access denied (HTTP %1)").arg(status));
            return;
        }
        enqueue(task, true);
        return;
    }
    if (status >= 500) {
        retryLater(task, QStringLiteral("HTTP %1").arg(status));
        return;
    }
    if (rate.known() && rate.remaining < m_options.rateLimitThreshold && rate.reset > QDateTime::currentDateTimeUtc())
        pauseUntil(rate.reset.addMSecs(m_options.resetMarginMs),
            QStringLiteral("rate limit low (%1 of %2 left)").arg(rate.remaining).arg(rate.limit));

    if (task->kind == Task::Kind::Download) {
        if (isRedirect(status)) {
            const QUrl location = reply->url().resolved(reply->header(QNetworkRequest::LocationHeader).toUrl());
            if (!location.isValid() || location.isEmpty()) {
                fail(task, status, QStringLiteral("redirect without a Location"));
                return;
            }
            // Only to HTTPS storage (or the API's own scheme, for a local test server): never file:, ftp:...
            const QString scheme = location.scheme().toLower();
            if (scheme != QLatin1String("https") && scheme != m_options.apiUrl.scheme().toLower()) {
                fail(task, status,
                    QStringLiteral("redirect to a '%1:' URL refused (only https: is followed)").arg(scheme));
                return;
            }
            startStorage(task, location);
            return;
        }
        if (status == 200) { // served directly, no storage hop
            QFile file(task->filePath);
            if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered) || file.write(body) != body.size()) {
                task->diskFull = errno == ENOSPC || errno == EDQUOT;
                fail(task, status, writeErrorText(file, errno));
                return;
            }
            file.close();
            m_bytesReceived += body.size();
            task->downloadCallback(DownloadResult { task->url, status, body.size() });
            pump();
            return;
        }
        fail(task, status, QStringLiteral("HTTP %1").arg(status));
        return;
    }

    if (status != 304 && (status < 200 || status >= 300)) {
        const QString message = QString::fromUtf8(body.left(200)).simplified();
        task->apiCallback(ApiError { QStringLiteral("%1 %2: HTTP %3 %4")
                                         .arg(QString::fromLatin1(task->method), safeUrl(task->url))
                                         .arg(status)
                                         .arg(message),
            status });
        pump();
        return;
    }
    ApiResponse response;
    response.url = task->url;
    response.status = status;
    if (status == 304) {
        response.body = task->cachedBody;
        response.link = task->cachedLink;
        response.etag = task->etag;
        response.fromCache = true;
    } else {
        response.body = body;
        response.link = reply->rawHeader("Link");
        response.etag = reply->rawHeader("ETag");
    }
    response.nextPage = nextLink(response.link);
    task->apiCallback(response);
    pump();
}

void GithubClient::startStorage(const std::shared_ptr<Task>& task, const QUrl& storageUrl)
{
    task->file = std::make_unique<QFile>(task->filePath);
    task->written = 0;
    task->writeError.clear();
    // Unbuffered: a full disk shows at the write that hit it, with its errno.
    if (!task->file->open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Unbuffered)) {
        fail(task, 0, QStringLiteral("cannot write '%1': %2").arg(task->filePath, task->file->errorString()));
        return;
    }
    // The storage host gets no Authorization: the signed URL is the credential.
    QNetworkRequest request = makeRequest(storageUrl, false);
    ++m_running;
    ++m_requestsSent;
    QNetworkReply* reply = m_nam->get(request);
    m_active.insert(reply, task);
    connect(reply, &QNetworkReply::readyRead, this, [this, task, reply] {
        const QByteArray chunk = reply->readAll();
        m_bytesReceived += chunk.size();
        if (!writeChunk(task, chunk))
            reply->abort(); // nothing more can be stored; onStorageFinished reports why
    });
    connect(reply, &QNetworkReply::finished, this, [this, task, reply] { onStorageFinished(task, reply); });
}

void GithubClient::onStorageFinished(const std::shared_ptr<Task>& task, QNetworkReply* reply)
{
    m_active.remove(reply);
    reply->deleteLater();
    --m_running;
    const QByteArray rest = reply->readAll();
    m_bytesReceived += rest.size();
    writeChunk(task, rest);
    if (task->file) {
        task->file->close();
        task->file.reset();
    }
    if (m_canceled) {
        QFile::remove(task->filePath);
        return;
    }
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    task->lastStatus = status;
    if (!task->writeError.isEmpty()) {
        // A local write failure is not the network's: retrying only fills the disk again.
        fail(task, status, task->writeError);
        return;
    }
    const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
    if (isNetworkError(reply->error()) || status != 200) {
        retryLater(task,
            status == 0 ? QStringLiteral("storage: %1").arg(reply->errorString())
                        : QStringLiteral("storage HTTP %1").arg(status));
        return;
    }
    if (length.isValid() && length.toLongLong() != task->written) {
        retryLater(task, QStringLiteral("truncated body (%1 of %2 bytes)").arg(task->written).arg(length.toLongLong()));
        return;
    }
    task->downloadCallback(DownloadResult { task->url, status, task->written });
    pump();
}

bool GithubClient::writeChunk(const std::shared_ptr<Task>& task, const QByteArray& chunk)
{
    if (!task->writeError.isEmpty() || !task->file || !task->file->isOpen())
        return false;
    if (chunk.isEmpty())
        return true;
    errno = 0;
    if (task->file->write(chunk) != chunk.size()) {
        const int error = errno;
        task->diskFull = error == ENOSPC || error == EDQUOT;
        task->writeError = writeErrorText(*task->file, error);
        return false;
    }
    task->written += chunk.size();
    return true;
}

void GithubClient::retryLater(const std::shared_ptr<Task>& task, const QString& why)
{
    // A POST whose answer was lost (5xx, reset, truncated) may have taken effect: resending could
    // create a second issue, so the caller decides (file-issues looks for its marker first).
    if (task->method == "POST") {
        fail(task, task->lastStatus, QStringLiteral("not resent, it may have taken effect: %1").arg(why));
        return;
    }
    ++task->retries;
    if (!m_options.backoff.shouldRetry(task->retries)) {
        fail(task, task->lastStatus, QStringLiteral("gave up after %1 attempts, last: %2").arg(task->retries).arg(why));
        return;
    }
    const qint64 delay = m_options.backoff.delayMs(task->retries, m_random.generateDouble());
    qCDebug(lcGithub) << "retrying" << safeUrl(task->url) << "in" << delay << "ms:" << why;
    QTimer::singleShot(std::chrono::milliseconds(delay), this, [this, task] { enqueue(task, true); });
    pump();
}

void GithubClient::pauseUntil(const QDateTime& until, const QString& reason)
{
    const qint64 ms = QDateTime::currentDateTimeUtc().msecsTo(until);
    if (ms <= 0)
        return;
    if (m_pauseTimer.isActive() && m_pausedUntil >= until)
        return;
    m_pausedUntil = until;
    m_pauseTimer.start(std::chrono::milliseconds(ms));
    qCInfo(lcGithub) << "pausing until" << until << reason;
    Q_EMIT paused(until, reason);
}

void GithubClient::fail(const std::shared_ptr<Task>& task, int status, const QString& error)
{
    const QString message
        = QStringLiteral("%1 %2: %3").arg(QString::fromLatin1(task->method), safeUrl(task->url), error);
    if (task->kind == Task::Kind::Api) {
        task->apiCallback(ApiError { message, status });
    } else {
        if (task->file) {
            task->file->close();
            task->file.reset();
        }
        QFile::remove(task->filePath);
        task->downloadCallback(DownloadError { message, status, task->diskFull });
    }
    pump();
}

} // namespace runlens::github
