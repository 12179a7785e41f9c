#pragma once

#include "apiresponse.h"
#include "collectoptions.h"
#include "collectprogress.h"
#include "common/result.h"
#include "createdwindow.h"
#include "workspace/archivecheck.h"
#include "workspace/logarchiverecord.h"
#include "workspace/runrecord.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QSet>

class QTimer;

#include <optional>

namespace runlens {
class JobTracker;
}

namespace runlens::workspace {
class Workspace;
}

namespace runlens::github {

class GithubClient;

// Collects runs, jobs and log archives of repositories into a workspace, asynchronously, resumably:
//  1. recover: drop leftover .part files, re-verify archives a killed collection left "downloading";
//  2. list runs (Link pagination; a capped search is split by `created` windows), upserted as they come;
//  3. for every run of those repositories not yet complete: jobs, then the log ZIP (verified, atomic).
// Lives on the thread of `workspace` (which must have been opened there); never blocks it.
class Collector : public QObject
{
    Q_OBJECT
public:
    Collector(workspace::Workspace& workspace, CollectOptions options, QByteArray token, QObject* parent = nullptr);
    ~Collector() override;

    void start();
    // Aborts all requests; the workspace stays consistent (interrupted downloads go back to pending).
    // finished() follows with canceled set.
    void cancel();
    // No new request starts while paused; those in flight finish (progress shows inFlight reaching 0).
    // resume() carries on; cancel() works while paused. Rate-limit waits are separate and still apply.
    void pause();
    void resume();
    bool isPaused() const { return m_paused; }
    bool isRunning() const { return m_running; }
    CollectProgress progress() const { return m_progress; }
    GithubClient* client() const { return m_client; }

Q_SIGNALS:
    void progressChanged(const runlens::github::CollectProgress& progress);
    void rateLimitPaused(const QDateTime& until, const QString& reason);
    // A failure, as it happens (the summary lists them all again).
    void failureAdded(const runlens::github::CollectFailure& failure);
    void finished(const runlens::github::CollectSummary& summary);

private:
    struct Listing;
    struct JobsFetch;
    void recover();
    void listRepository(const QString& repository);
    void requestRunsPage(const std::shared_ptr<Listing>& listing, const QUrl& url, bool firstPage,
        const std::optional<CreatedWindow>& window);
    void onRunsPage(const std::shared_ptr<Listing>& listing, const ApiResult& answer, bool firstPage,
        const std::optional<CreatedWindow>& window);
    void listPreviousAttempts(const workspace::RunRecord& latest);
    QUrl runsUrl(const QString& repository, const std::optional<CreatedWindow>& window) const;
    bool hasFilter() const;
    void startFetching();
    void fetchJobs(const workspace::RunRecord& run);
    void requestJobsPage(const std::shared_ptr<JobsFetch>& fetch, const QUrl& url);
    void downloadLogs(const workspace::RunRecord& run, int attemptNumber = 1);
    void finishDownload(const workspace::RunRecord& run, const workspace::LogArchiveRecord& archive,
        const QString& finalPath, const QString& partPath, int attemptNumber, const DownloadOutcome& result,
        const std::optional<Result<workspace::ArchiveCheck>>& check);
    void addFailure(const QString& repository, qint64 runId, int attempt, const QString& reason);
    // A workspace write whose failure does not stop the collection is still reported (addFailure()).
    void reportIfFailed(const Status& status, const QString& repository = {}, qint64 runId = 0, int attempt = 0);
    void operationDone();
    void finish();
    void emitProgress();
    RepoProgress& repoProgress(const QString& repository);

    workspace::Workspace& m_ws;
    CollectOptions m_options;
    JobTracker* m_verifications = nullptr; // ZIP checks of finished downloads, several at once
    GithubClient* m_client = nullptr;
    CollectProgress m_progress;
    CollectSummary m_summary;
    QElapsedTimer m_clock;
    QElapsedTimer m_fetchClock;
    QTimer* m_ticker = nullptr; // progress once a second while bytes arrive between events
    int m_outstanding = 0;
    bool m_fetching = false;
    bool m_running = false;
    bool m_canceled = false;
    bool m_paused = false;
    QHash<QString, int> m_repoIndex; // repository -> index in m_progress.repositories
    QSet<RunKey> m_downloading;
};

} // namespace runlens::github
