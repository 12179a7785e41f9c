#pragma once

#include "fakegithubconfig.h"
#include "fakegithubdata.h"
#include "fakehttpmessage.h"

#include <QHash>
#include <QJsonObject>

namespace runlens::sample {

// The fake GitHub: routing, filtering, pagination, rate limits, ETags, signed storage URLs and
// issues, as pure request -> response functions (sockets and faults live in FakeHttpListener).
// Used on the server thread only.
class FakeGitHubApi
{
public:
    FakeGitHubApi(FakeGitHubData data, FakeGitHubConfig config);

    // "http://127.0.0.1:P" of each listener, known once they listen.
    void setBaseUrls(const QString& apiBase, const QString& storageBase);

    FakeHttpResponse handleApi(const FakeHttpRequest& request, int inFlight);
    FakeHttpResponse handleStorage(const FakeHttpRequest& request) const;

    const QString& token() const { return m_config.token; }

private:
    struct Bucket
    {
        qint64 windowStartMs = -1;
        int used = 0;
    };
    struct Page
    {
        int perPage = 30;
        int page = 1;
    };

    FakeHttpResponse route(const FakeHttpRequest& request, bool authenticated);
    FakeHttpResponse routeRepo(
        const FakeHttpRequest& request, const FakeRepo& repo, const QStringList& rest, bool authenticated);
    FakeHttpResponse listRuns(const FakeHttpRequest& request, const FakeRepo& repo, const QString& workflow) const;
    FakeHttpResponse listJobs(const FakeHttpRequest& request, const FakeRepo& repo, qint64 runId, int attempt) const;
    FakeHttpResponse runLogs(const FakeRepo& repo, qint64 runId, int attempt, bool authenticated) const;
    FakeHttpResponse jobLogs(const FakeRepo& repo, qint64 jobId, bool authenticated) const;
    FakeHttpResponse listIssues(const FakeHttpRequest& request, const FakeRepo& repo) const;
    FakeHttpResponse createIssue(const FakeHttpRequest& request, const FakeRepo& repo, bool authenticated);
    FakeHttpResponse rateLimitResponse(bool authenticated);

    const FakeRun* findAttempt(const FakeRepo& repo, qint64 runId, int attempt) const; // attempt 0: latest
    QJsonObject runJson(const FakeRun& run) const; // `run` must be an element of m_runs
    QJsonObject buildRunJson(const FakeRun& run) const;
    QJsonObject jobJson(const FakeRun& run, const FakeJob& job) const;
    QJsonObject repoJson(const FakeRepo& repo) const;
    QString repoApiPath(const FakeRepo& repo) const; // "/repos/o/r"

    static Page pageOf(const QUrlQuery& query);
    // Adds the Link header for `retrievable` items; `numericPath` is "/repositories/{id}/...".
    void addLinks(FakeHttpResponse& response, const FakeHttpRequest& request, const QString& numericPath,
        const Page& page, qsizetype retrievable) const;

    Bucket& bucketFor(bool authenticated);
    int limitFor(bool authenticated) const;
    void addRateHeaders(FakeHttpResponse& response, bool authenticated);
    QByteArray sign(const QString& path, qint64 expiresMs) const;
    QString signedUrl(const QString& path) const;

    FakeGitHubConfig m_config;
    QList<FakeRepo> m_repos;
    QList<FakeRun> m_runs; // all attempts
    QHash<qint64, QList<int>> m_attempts; // run id -> indexes into m_runs, by attempt
    QHash<qint64, QList<int>> m_latestByRepo; // repo id -> latest attempts, newest first
    QHash<qint64, std::pair<int, int>> m_jobs; // job id -> (run index, job index)
    QList<QJsonObject> m_runJson; // per m_runs index, built by setBaseUrls()
    QHash<qint64, QList<QJsonObject>> m_issues; // repo id -> issues, oldest first
    QString m_apiBase;
    QString m_storageBase;
    QByteArray m_secret;
    Bucket m_authenticated;
    Bucket m_anonymous;
    qint64 m_apiRequests = 0;
};

} // namespace runlens::sample
