#include "collector.h"

#include "common/computepool.h"
#include "common/jobtracker.h"
#include "common/logging.h"
#include "githubclient.h"
#include "runparser.h"
#include "workspace/archivecheck.h"
#include "workspace/workspace.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QTimer>
#include <QUrlQuery>
#include <QtConcurrent/QtConcurrentRun>

namespace runlens::github {

using workspace::ArchiveState;
using workspace::CollectionState;
using workspace::LogArchiveRecord;
using workspace::RunRecord;

struct Collector::Listing
{
    QString repository;
    QSet<RunKey> seen;
    bool full = false; // max runs reached
};

struct Collector::JobsFetch
{
    RunRecord run;
    QList<workspace::JobRecord> jobs;
};

Collector::Collector(workspace::Workspace& workspace, CollectOptions options, QByteArray token, QObject* parent)
    : QObject(parent)
    , m_ws(workspace)
    , m_options(std::move(options))
    , m_verifications(new JobTracker(this))
{
    ClientOptions client;
    client.apiUrl = m_options.apiUrl;
    client.token = std::move(token);
    client.concurrency = m_options.concurrency;
    client.backoff = m_options.backoff;
    client.rateLimitThreshold = m_options.rateLimitThreshold;
    client.secondaryLimitWaitMs = m_options.secondaryLimitWaitMs;
    client.resetMarginMs = m_options.resetMarginMs;
    m_client = new GithubClient(std::move(client), this);
    connect(m_client, &GithubClient::rateLimitChanged, this, [this](const RateLimit& rate) {
        m_progress.rateRemaining = rate.remaining;
        m_progress.rateLimit = rate.limit;
        m_progress.rateReset = rate.reset;
    });
    connect(m_client, &GithubClient::paused, this, [this](const QDateTime& until, const QString& reason) {
        m_progress.pausedUntil = until;
        m_progress.pauseReason = reason;
        Q_EMIT rateLimitPaused(until, reason);
        emitProgress();
    });
    connect(m_client, &GithubClient::resumed, this, [this] {
        m_progress.pausedUntil = {};
        m_progress.pauseReason.clear();
        emitProgress();
    });
    connect(m_client, &GithubClient::drained, this, &Collector::emitProgress);
    m_ticker = new QTimer(this);
    m_ticker->setInterval(1000);
    connect(m_ticker, &QTimer::timeout, this, [this] {
        if (m_client->bytesReceived() != m_progress.bytesReceived)
            emitProgress(); // a large archive still arriving: throughput keeps moving
    });
    for (const QString& repository : std::as_const(m_options.repositories))
        repoProgress(repository);
}

Collector::~Collector() = default;

void Collector::start()
{
    if (m_running)
        return;
    m_running = true;
    m_clock.start();
    m_ticker->start();
    recover();
    ++m_outstanding; // held until every listing has been queued
    if (!m_options.fetchOnly) {
        for (const QString& repository : std::as_const(m_options.repositories))
            listRepository(repository);
    }
    operationDone();
}

void Collector::pause()
{
    if (!m_running || m_canceled || m_paused)
        return;
    m_paused = true;
    m_client->setHeld(true); // emits drained() (and so progress) at once when nothing is in flight
    emitProgress();
}

void Collector::resume()
{
    if (!m_paused)
        return;
    m_paused = false;
    m_client->setHeld(false);
    emitProgress();
}

RepoProgress& Collector::repoProgress(const QString& repository)
{
    auto it = m_repoIndex.constFind(repository);
    if (it != m_repoIndex.constEnd())
        return m_progress.repositories[*it];
    m_repoIndex.insert(repository, int(m_progress.repositories.size()));
    m_progress.repositories.append(RepoProgress { repository });
    return m_progress.repositories.last();
}

void Collector::cancel()
{
    if (!m_running || m_canceled)
        return;
    m_canceled = true;
    m_client->cancel();
    // Interrupted downloads go back to pending; their .part files were removed by the client.
    for (const auto& [runId, attempt] : std::as_const(m_downloading)) {
        Result<LogArchiveRecord> archive = m_ws.archive(runId, attempt);
        if (!archive)
            continue;
        QFile::remove(m_ws.absolutePath(archive->path) + QStringLiteral(".part"));
        LogArchiveRecord pending = *archive;
        pending.state = ArchiveState::Pending;
        pending.reason = QStringLiteral("collection canceled");
        reportIfFailed(m_ws.setArchive(pending), {}, runId, attempt);
    }
    m_downloading.clear();
    m_summary.canceled = true;
    QTimer::singleShot(0, this, &Collector::finish);
}

void Collector::recover()
{
    // A killed collection may leave .part files (never trusted) and archives marked downloading whose
    // final file may or may not be complete: verify those again.
    QDirIterator parts(
        m_ws.dir() + QStringLiteral("/logs"), { QStringLiteral("*.part") }, QDir::Files, QDirIterator::Subdirectories);
    int removed = 0;
    while (parts.hasNext()) {
        QFile::remove(parts.next());
        ++removed;
    }
    if (removed > 0)
        m_summary.notes.append(
            QStringLiteral("discarded %1 partial download(s) left by an interrupted collection").arg(removed));
    if (Result<int> reopened = m_ws.reopenIncompleteRuns(); !reopened)
        addFailure({}, 0, 0, reopened.error());
    else if (*reopened > 0)
        m_summary.notes.append(
            QStringLiteral("reopened %1 run(s) marked complete without their log archive").arg(*reopened));
    Result<QList<LogArchiveRecord>> downloading = m_ws.archivesInState(ArchiveState::Downloading);
    if (!downloading)
        return addFailure({}, 0, 0, downloading.error());
    for (LogArchiveRecord archive : std::as_const(*downloading)) {
        const QString path = m_ws.absolutePath(archive.path);
        Result<workspace::ArchiveCheck> check = QFileInfo::exists(path)
            ? workspace::verifyZip(path)
            : Result<workspace::ArchiveCheck>(makeError(QStringLiteral("no file")));
        if (check) {
            archive.state = ArchiveState::Downloaded;
            archive.bytes = check->bytes;
            archive.sha256 = check->sha256;
            archive.reason.clear();
            if (Status s = m_ws.setArchive(archive); !s)
                reportIfFailed(s, {}, archive.runId, archive.attempt);
            else
                reportIfFailed(m_ws.setCollectionState(archive.runId, archive.attempt, CollectionState::Complete), {},
                    archive.runId, archive.attempt);
        } else {
            QFile::remove(path);
            archive.state = ArchiveState::Pending;
            archive.reason = QStringLiteral("interrupted download discarded");
            reportIfFailed(m_ws.setArchive(archive), {}, archive.runId, archive.attempt);
        }
    }
    if (!downloading->isEmpty())
        m_summary.notes.append(QStringLiteral("re-verified %1 archive(s) an interrupted collection left downloading")
                                   .arg(downloading->size()));
}

bool Collector::hasFilter() const
{
    const bool status = !m_options.status.isEmpty() && m_options.status != QLatin1String("all");
    return status || !m_options.branch.isEmpty() || !m_options.event.isEmpty() || m_options.since.isValid()
        || m_options.until.isValid();
}

QUrl Collector::runsUrl(const QString& repository, const std::optional<CreatedWindow>& window) const
{
    const QString& w = m_options.workflow;
    bool numeric = false;
    w.toLongLong(&numeric);
    const bool byWorkflowEndpoint
        = !w.isEmpty() && (numeric || w.endsWith(QLatin1String(".yml")) || w.endsWith(QLatin1String(".yaml")));
    QUrl url
        = m_client->apiUrl(byWorkflowEndpoint ? QStringLiteral("/repos/%1/actions/workflows/%2/runs").arg(repository, w)
                                              : QStringLiteral("/repos/%1/actions/runs").arg(repository));
    QUrlQuery query;
    if (!m_options.status.isEmpty() && m_options.status != QLatin1String("all"))
        query.addQueryItem(QStringLiteral("status"), m_options.status);
    if (!m_options.branch.isEmpty())
        query.addQueryItem(QStringLiteral("branch"), m_options.branch);
    if (!m_options.event.isEmpty())
        query.addQueryItem(QStringLiteral("event"), m_options.event);
    if (window) {
        query.addQueryItem(QStringLiteral("created"), window->toQuery());
    } else if (m_options.since.isValid() && m_options.until.isValid()) {
        query.addQueryItem(QStringLiteral("created"), CreatedWindow::days(m_options.since, m_options.until).toQuery());
    } else if (m_options.since.isValid()) {
        query.addQueryItem(QStringLiteral("created"), QStringLiteral(">=") + m_options.since.toString(Qt::ISODate));
    } else if (m_options.until.isValid()) {
        query.addQueryItem(QStringLiteral("created"), QStringLiteral("<=") + m_options.until.toString(Qt::ISODate));
    }
    query.addQueryItem(QStringLiteral("per_page"), QStringLiteral("100"));
    url.setQuery(query);
    return url;
}

void Collector::listRepository(const QString& repository)
{
    if (Result<qint64> id = m_ws.upsertRepository(repository, m_options.apiUrl.toString()); !id)
        return addFailure(repository, 0, 0, id.error());
    auto listing = std::make_shared<Listing>();
    listing->repository = repository;
    requestRunsPage(listing, runsUrl(repository, std::nullopt), true, std::nullopt);
}

void Collector::requestRunsPage(const std::shared_ptr<Listing>& listing, const QUrl& url, bool firstPage,
    const std::optional<CreatedWindow>& window)
{
    ++m_outstanding;
    const QString key = url.toString(QUrl::FullyEncoded);
    QByteArray etag, body, link;
    if (Result<std::optional<workspace::CachedResponse>> cached = m_ws.cachedResponse(key);
        cached && cached->has_value()) {
        etag = (*cached)->etag;
        body = (*cached)->body;
        link = (*cached)->link;
    }
    m_client->get(
        url,
        [this, listing, firstPage, window, key](const ApiResult& response) {
            if (response && !response->fromCache && !response->etag.isEmpty())
                reportIfFailed(m_ws.storeCachedResponse({ key, response->etag, response->body, response->link }),
                    listing->repository);
            onRunsPage(listing, response, firstPage, window);
            operationDone();
        },
        etag, body, link);
}

void Collector::onRunsPage(const std::shared_ptr<Listing>& listing, const ApiResult& answer, bool firstPage,
    const std::optional<CreatedWindow>& window)
{
    if (!answer)
        return addFailure(listing->repository, 0, 0, QStringLiteral("listing runs failed: %1").arg(answer.error()));
    const ApiResponse& response = *answer;
    Result<RunsPage> page
        = RunParser::parseRuns(response.body, listing->repository, response.url.toString(QUrl::RemoveQuery));
    if (!page)
        return addFailure(listing->repository, 0, 0, page.error());

    if (firstPage && page->totalCount >= m_options.searchCap && (hasFilter() || window)) {
        const CreatedWindow whole
            = window.value_or(CreatedWindow::days(m_options.since.isValid() ? m_options.since : m_options.earliest,
                m_options.until.isValid() ? m_options.until : QDateTime::currentDateTimeUtc().date()));
        if (auto halves = whole.split()) {
            qCInfo(lcGithub) << listing->repository << "search" << whole.toQuery() << "reports" << page->totalCount
                             << "runs: splitting";
            requestRunsPage(listing, runsUrl(listing->repository, halves->first), true, halves->first);
            requestRunsPage(listing, runsUrl(listing->repository, halves->second), true, halves->second);
            return;
        }
        m_summary.notes.append(QStringLiteral("%1: window %2 holds %3 runs, more than one search returns; some may be "
                                              "missing")
                                   .arg(listing->repository, whole.toQuery())
                                   .arg(page->totalCount));
    }

    const bool filterByName = !m_options.workflow.isEmpty()
        && !runsUrl(listing->repository, std::nullopt).path().contains(QLatin1String("/workflows/"));
    QList<RunRecord> fresh;
    for (const RunRecord& run : std::as_const(page->runs)) {
        if (listing->full)
            break;
        if (filterByName && run.workflowName != m_options.workflow)
            continue;
        const RunKey key = run.key();
        if (listing->seen.contains(key))
            continue;
        listing->seen.insert(key);
        fresh.append(run);
        if (m_options.maxRuns > 0 && listing->seen.size() >= m_options.maxRuns)
            listing->full = true;
    }
    if (!fresh.isEmpty()) {
        if (Status s = m_ws.upsertRuns(fresh); !s)
            return addFailure(listing->repository, 0, 0, s.error());
        repoProgress(listing->repository).runsListed += int(fresh.size());
        m_summary.runsListed += int(fresh.size());
        emitProgress();
        if (m_options.previousAttempts) {
            for (const RunRecord& run : std::as_const(fresh))
                listPreviousAttempts(run);
        }
    }
    if (!listing->full && response.nextPage.isValid() && !response.nextPage.isEmpty() && !m_canceled)
        requestRunsPage(listing, response.nextPage, false, window);
}

// The listing shows the latest attempt of a re-run; the earlier ones are fetched one by one
// (GET .../runs/{id}/attempts/{n}) unless the workspace has them already.
void Collector::listPreviousAttempts(const RunRecord& latest)
{
    for (int attempt = 1; attempt < latest.attempt; ++attempt) {
        Result<std::optional<RunRecord>> known = m_ws.run(latest.runId, attempt);
        if (known && known->has_value())
            continue;
        ++m_outstanding;
        const QUrl url = m_client->apiUrl(QStringLiteral("/repos/%1/actions/runs/%2/attempts/%3")
                                              .arg(latest.repository)
                                              .arg(latest.runId)
                                              .arg(attempt));
        m_client->get(url, [this, latest, attempt](const ApiResult& response) {
            Result<RunRecord> run = response
                ? RunParser::parseRun(response->body, latest.repository, response->url.toString(QUrl::RemoveQuery))
                : Result<RunRecord>(makeError(response.error()));
            if (!run) {
                addFailure(latest.repository, latest.runId, attempt, QStringLiteral("attempt: %1").arg(run.error()));
            } else if (Status s = m_ws.upsertRun(*run); !s) {
                addFailure(latest.repository, latest.runId, attempt, s.error());
            } else {
                ++repoProgress(latest.repository).runsListed;
                ++m_summary.runsListed;
                emitProgress();
            }
            operationDone();
        });
    }
}

void Collector::startFetching()
{
    m_fetching = true;
    m_fetchClock.start();
    ++m_outstanding;
    for (const QString& repository : std::as_const(m_options.repositories)) {
        Result<QList<RunRecord>> needJobs = m_ws.runsNeedingJobs(repository);
        if (!needJobs) {
            addFailure(repository, 0, 0, needJobs.error());
            continue;
        }
        repoProgress(repository).jobsPending += int(needJobs->size());
        for (const RunRecord& run : std::as_const(*needJobs))
            fetchJobs(run);
        Result<QList<RunRecord>> needLogs = m_ws.runsNeedingLogs(repository);
        if (!needLogs) {
            addFailure(repository, 0, 0, needLogs.error());
            continue;
        }
        for (const RunRecord& run : std::as_const(*needLogs))
            downloadLogs(run);
    }
    emitProgress();
    operationDone();
}

void Collector::fetchJobs(const RunRecord& run)
{
    auto fetch = std::make_shared<JobsFetch>();
    fetch->run = run;
    const QString base = QStringLiteral("/repos/%1/actions/runs/%2").arg(run.repository).arg(run.runId);
    // The listing names the latest attempt; an attempt stored earlier is fetched by number so that
    // a re-run since then cannot slip its jobs under the old attempt.
    Result<std::optional<RunRecord>> later = m_ws.run(run.runId, run.attempt + 1);
    const bool latest = run.attempt == 1 && later && !later->has_value();
    QUrl url = m_client->apiUrl(
        base + (latest ? QStringLiteral("/jobs") : QStringLiteral("/attempts/%1/jobs").arg(run.attempt)));
    QUrlQuery query;
    if (latest)
        query.addQueryItem(QStringLiteral("filter"), QStringLiteral("latest"));
    query.addQueryItem(QStringLiteral("per_page"), QStringLiteral("100"));
    url.setQuery(query);
    requestJobsPage(fetch, url);
}

void Collector::requestJobsPage(const std::shared_ptr<JobsFetch>& fetch, const QUrl& url)
{
    ++m_outstanding;
    m_client->get(url, [this, fetch](const ApiResult& response) {
        const RunRecord& run = fetch->run;
        if (!response) {
            addFailure(run.repository, run.runId, run.attempt, QStringLiteral("jobs: %1").arg(response.error()));
        } else if (Result<JobsPage> page = RunParser::parseJobs(
                       response->body, run.runId, run.attempt, response->url.toString(QUrl::RemoveQuery));
                   !page) {
            addFailure(run.repository, run.runId, run.attempt, page.error());
        } else {
            fetch->jobs.append(page->jobs);
            if (response->nextPage.isValid() && !response->nextPage.isEmpty()) {
                requestJobsPage(fetch, response->nextPage);
            } else if (Status s = m_ws.upsertJobs(run.runId, run.attempt, fetch->jobs); !s) {
                addFailure(run.repository, run.runId, run.attempt, s.error());
            } else if (Status st = m_ws.setCollectionState(run.runId, run.attempt, CollectionState::JobsFetched); !st) {
                addFailure(run.repository, run.runId, run.attempt, st.error());
            } else {
                RepoProgress& repo = repoProgress(run.repository);
                ++repo.jobsFetched;
                --repo.jobsPending;
                ++m_summary.jobsFetched;
                emitProgress();
                downloadLogs(run);
            }
        }
        operationDone();
    });
}

void Collector::downloadLogs(const RunRecord& run, int attemptNumber)
{
    if (m_canceled)
        return;
    if (!run.status.isEmpty() && run.status != QLatin1String("completed"))
        return; // logs exist once the run completed; a later collection picks it up
    Result<LogArchiveRecord> current = m_ws.archive(run.runId, run.attempt);
    if (!current)
        return addFailure(run.repository, run.runId, run.attempt, current.error());
    if (workspace::isFinal(current->state))
        return;
    LogArchiveRecord archive = *current;
    if (!m_client->hasToken()) {
        archive.state = ArchiveState::Pending;
        archive.reason = QStringLiteral("downloading logs needs a token");
        reportIfFailed(m_ws.setArchive(archive), run.repository, run.runId, run.attempt);
        ++m_summary.logsNeedToken;
        return;
    }
    const QString finalPath = m_ws.absolutePath(archive.path);
    const QString partPath = finalPath + QStringLiteral(".part");
    QDir().mkpath(QFileInfo(finalPath).absolutePath());
    archive.state = ArchiveState::Downloading;
    archive.reason.clear();
    if (Status s = m_ws.setArchive(archive); !s)
        return addFailure(run.repository, run.runId, run.attempt, s.error());
    m_downloading.insert(run.key());
    ++repoProgress(run.repository).logsPending;
    ++m_outstanding;
    const QUrl url = m_client->apiUrl(QStringLiteral("/repos/%1/actions/runs/%2/attempts/%3/logs")
                                          .arg(run.repository)
                                          .arg(run.runId)
                                          .arg(run.attempt));
    m_client->download(
        url, partPath, [this, run, archive, finalPath, partPath, attemptNumber](const DownloadOutcome& result) {
            if (!result) {
                finishDownload(run, archive, finalPath, partPath, attemptNumber, result, std::nullopt);
                return;
            }
            // Verifying reads the whole archive: off this thread, which may be the GUI's. Tracked, so the
            // handler runs even when the check finished before it was attached and the download is counted
            // done (a lost continuation left the collection running for ever).
            using Check = std::optional<Result<workspace::ArchiveCheck>>;
            const QFuture<Check> verified
                = QtConcurrent::run(computePool(), [partPath] { return Check(workspace::verifyZip(partPath)); });
            m_verifications->add<Check>(verified,
                [this, run, archive, finalPath, partPath, attemptNumber, result](const QFuture<Check>& future) {
                    if (m_canceled) {
                        QFile::remove(partPath); // cancel() already put the archive back to pending
                        return;
                    }
                    const Check check = future.resultCount() > 0
                        ? future.result()
                        : Check(makeError(QStringLiteral("verifying '%1' was interrupted").arg(partPath)));
                    finishDownload(run, archive, finalPath, partPath, attemptNumber, result, check);
                });
        });
}

void Collector::finishDownload(const RunRecord& run, const LogArchiveRecord& archive, const QString& finalPath,
    const QString& partPath, int attemptNumber, const DownloadOutcome& result,
    const std::optional<Result<workspace::ArchiveCheck>>& check)
{
    RepoProgress& repo = repoProgress(run.repository);
    // No check: the download itself failed (a successful one is always verified).
    const DownloadError failure = check ? DownloadError {} : result.failure();
    if (failure.diskFull) {
        // Every further download would fail the same way: report it once and stop; the archives go
        // back to pending (cancel()) so that a collection after freeing space carries on.
        addFailure(run.repository, run.runId, run.attempt, failure.message);
        cancel();
        operationDone();
        return;
    }
    --repo.logsPending;
    m_downloading.remove(run.key());
    LogArchiveRecord done = archive;
    bool complete = false;
    if (check) {
        if (!*check && attemptNumber < m_options.maxDownloadAttempts) {
            qCInfo(lcGithub) << "run" << run.runId << "archive failed verification, fetching again:" << check->error();
            QFile::remove(partPath);
            done.state = ArchiveState::Pending;
            reportIfFailed(m_ws.setArchive(done), run.repository, run.runId, run.attempt);
            downloadLogs(run, attemptNumber + 1);
            operationDone();
            return;
        }
        if (!*check) {
            QFile::remove(partPath);
            done.state = ArchiveState::Corrupt;
            done.reason = check->error();
            ++repo.logsFailed;
            addFailure(run.repository, run.runId, run.attempt, check->error());
        } else {
            QFile::remove(finalPath);
            if (!QFile::rename(partPath, finalPath)) {
                done.state = ArchiveState::Failed;
                done.reason = QStringLiteral("cannot move '%1' into place").arg(partPath);
                ++repo.logsFailed;
                addFailure(run.repository, run.runId, run.attempt, done.reason);
            } else {
                done.state = ArchiveState::Downloaded;
                done.bytes = (*check)->bytes;
                done.sha256 = (*check)->sha256;
                done.reason.clear();
                complete = true;
                ++repo.logsDownloaded;
                ++m_summary.logsDownloaded;
                repo.bytes += done.bytes;
                m_summary.bytes += done.bytes;
            }
        }
    } else if (failure.status == 410) {
        done.state = ArchiveState::Expired;
        done.reason = QStringLiteral("logs expired (HTTP 410)");
        complete = true;
        ++repo.logsExpired;
        ++m_summary.logsExpired;
    } else if (failure.status == 404) {
        done.state = ArchiveState::Missing;
        done.reason = QStringLiteral("logs not found (HTTP 404)");
        complete = true;
        ++repo.logsMissing;
        ++m_summary.logsMissing;
    } else {
        done.state = ArchiveState::Failed;
        done.reason = failure.message;
        ++repo.logsFailed;
        addFailure(run.repository, run.runId, run.attempt, QStringLiteral("logs: %1").arg(failure.message));
    }
    if (Status s = m_ws.setArchive(done); !s)
        addFailure(run.repository, run.runId, run.attempt, s.error());
    else if (complete)
        reportIfFailed(m_ws.setCollectionState(run.runId, run.attempt, CollectionState::Complete), run.repository,
            run.runId, run.attempt);
    emitProgress();
    operationDone();
}

void Collector::addFailure(const QString& repository, qint64 runId, int attempt, const QString& reason)
{
    const CollectFailure failure { repository, runId, attempt, reason };
    m_summary.failures.append(failure);
    ++m_progress.failures;
    if (!repository.isEmpty())
        ++repoProgress(repository).failures;
    qCInfo(lcGithub).noquote() << failure.describe();
    Q_EMIT failureAdded(failure);
}

void Collector::reportIfFailed(const Status& status, const QString& repository, qint64 runId, int attempt)
{
    if (!status)
        addFailure(repository, runId, attempt, status.error());
}

void Collector::operationDone()
{
    --m_outstanding;
    if (m_paused)
        emitProgress(); // inFlight counts down to 0 while pausing
    if (m_outstanding > 0 || m_canceled || !m_running)
        return;
    if (!m_fetching && !m_options.listOnly) {
        startFetching();
        return;
    }
    finish();
}

void Collector::emitProgress()
{
    CollectProgress& p = m_progress;
    p.runsListed = p.jobsPending = p.jobsFetched = 0;
    p.logsPending = p.logsDownloaded = p.logsExpired = p.logsMissing = p.logsFailed = 0;
    p.bytes = 0;
    for (RepoProgress& repo : p.repositories) {
        repo.done = (m_fetching && repo.jobsPending == 0 && repo.logsPending == 0) || (!m_running && !m_canceled);
        p.runsListed += repo.runsListed;
        p.jobsPending += repo.jobsPending;
        p.jobsFetched += repo.jobsFetched;
        p.logsPending += repo.logsPending;
        p.logsDownloaded += repo.logsDownloaded;
        p.logsExpired += repo.logsExpired;
        p.logsMissing += repo.logsMissing;
        p.logsFailed += repo.logsFailed;
        p.bytes += repo.bytes;
    }
    p.requests = m_client->requestsSent();
    p.bytesReceived = m_client->bytesReceived();
    p.fetching = m_fetching;
    p.paused = m_paused;
    p.inFlight = m_client->activeRequests();
    // The mean pace since fetching began; the listing before it has no known end.
    const int done = p.workDone();
    const int remaining = p.workTotal() - done;
    if (m_fetching && done > 0 && remaining > 0)
        p.etaSeconds = m_fetchClock.elapsed() * remaining / done / 1000;
    else
        p.etaSeconds = m_fetching && remaining == 0 ? 0 : -1;
    Q_EMIT progressChanged(p);
}

void Collector::finish()
{
    if (!m_running)
        return;
    m_running = false;
    m_ticker->stop();
    m_summary.requests = m_client->requestsSent();
    m_summary.elapsedMs = m_clock.elapsed();
    emitProgress();
    Q_EMIT finished(m_summary);
}

} // namespace runlens::github
