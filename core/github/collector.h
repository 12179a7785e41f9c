#pragma once

#include "collectoptions.h"
#include "collectprogress.h"
#include "createdwindow.h"
#include "workspace/runrecord.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QSet>

#include <optional>

namespace runlens::workspace {
class Workspace;
}

namespace runlens::github {

class GithubClient;
struct ApiResponse;

// Collects runs, jobs and log archives of repositories into a workspace, asynchronously, resumably:
//  1. recover: drop leftover .part files, re-verify archives a killed collection left "downloading";
//  2. list runs (Link pagination; a capped search is split by `created` windows), upserted as they come;
//  3. for every run of those repositories not yet complete: jobs, then the log ZIP (verified, atomic).
// Lives on the thread of `workspace` (which must have been opened there); never blocks it.
class Collector : public QObject {
    Q_OBJECT
public:
    Collector(workspace::Workspace& workspace, CollectOptions options, QByteArray token, QObject* parent = nullptr);
    ~Collector() override;

    void start();
    // Aborts all requests; the workspace stays consistent (interrupted downloads go back to pending).
    // finished() follows with canceled set.
    void cancel();
    bool isRunning() const { return m_running; }
    CollectProgress progress() const { return m_progress; }
    GithubClient* client() const { return m_client; }

Q_SIGNALS:
    void progressChanged(const runlens::github::CollectProgress& progress);
    void rateLimitPaused(const QDateTime& until, const QString& reason);
    void finished(const runlens::github::CollectSummary& summary);

private:
    struct Listing;
    struct JobsFetch;
    void recover();
    void listRepository(const QString& repository);
    void requestRunsPage(const std::shared_ptr<Listing>& listing, const QUrl& url, bool firstPage,
                         const std::optional<CreatedWindow>& window);
    void onRunsPage(const std::shared_ptr<Listing>& listing, const ApiResponse& response, bool firstPage,
                    const std::optional<CreatedWindow>& window);
    void listPreviousAttempts(const workspace::RunRecord& latest);
    QUrl runsUrl(const QString& repository, const std::optional<CreatedWindow>& window) const;
    bool hasFilter() const;
    void startFetching();
    void fetchJobs(const workspace::RunRecord& run);
    void requestJobsPage(const std::shared_ptr<JobsFetch>& fetch, const QUrl& url);
    void downloadLogs(const workspace::RunRecord& run, int attemptNumber = 1);
    void addFailure(const QString& repository, qint64 runId, int attempt, const QString& reason);
    void operationDone();
    void finish();
    void emitProgress();

    workspace::Workspace& m_ws;
    CollectOptions m_options;
    GithubClient* m_client = nullptr;
    CollectProgress m_progress;
    CollectSummary m_summary;
    QElapsedTimer m_clock;
    QElapsedTimer m_fetchClock;
    int m_outstanding = 0;
    bool m_fetching = false;
    bool m_running = false;
    bool m_canceled = false;
    QSet<QPair<qint64, int>> m_downloading;
};

} // namespace runlens::github
