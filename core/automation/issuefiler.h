#pragma once

#include "common/result.h"
#include "github/githubclient.h"
#include "issuefilerbucket.h"
#include "issuefilercandidate.h"
#include "issuefileroptions.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QTimer>

namespace runlens::workspace {
class Workspace;
}

namespace runlens::github {

// Files one GitHub issue per newly flagged run of the latest analysis (`runlens-cli file-issues`):
//   1. lists the repository's issues (state=all, every page) and collects their hidden markers
//      `<!-- runlens:run=ID:ATTEMPT -->`; runs found there are recorded as filed, not filed again;
//   2. picks the latest model's flagged runs not recorded in the workspace's filed_issues table,
//      most anomalous first, filtered by --min-score and --category, at most --top; quotes their
//      evidence lines from the run's archive;
//   3. POSTs each issue through GithubClient (its retries and rate-limit pauses), at most
//      `perMinute` a minute (token bucket), and records it in filed_issues.
// Runs on the thread that owns it and the workspace; emits finished() once.
class IssueFiler : public QObject
{
    Q_OBJECT
public:
    IssueFiler(
        workspace::Workspace& workspace, IssueFilerOptions options, ClientOptions client, QObject* parent = nullptr);
    ~IssueFiler() override;

    void start();
    const IssueFilerSummary& summary() const { return m_summary; }

    // `<!-- runlens:run=ID:ATTEMPT -->`
    static QString marker(RunKey run);
    // The run of every marker in an issue body.
    static QList<RunKey> markersIn(const QString& body);
    static QString title(const IssueCandidate& candidate);
    static QString body(const IssueCandidate& candidate);

    // Flagged runs of the latest model in the workspace that need an issue, most anomalous first,
    // skipping recorded ones and those in `skip`. Errors name the workspace.
    static Result<QList<IssueCandidate>> candidates(
        const workspace::Workspace& workspace, const IssueFilerOptions& options, const QSet<RunKey>& skip = {});
    // Records a filed issue in the workspace (idempotent).
    static Status record(const workspace::Workspace& workspace, const FiledIssue& issue);

Q_SIGNALS:
    void issueFiled(const runlens::github::FiledIssue& issue);
    void paused(const QString& reason, qint64 ms);
    void finished(const runlens::github::IssueFilerSummary& summary);

private:
    void listPage(const QUrl& url);
    void select();
    void fileNext();
    void onCreated(const IssueCandidate& candidate, const QString& title, const github::ApiResult& response);
    // After a POST whose answer was lost: was the issue created after all (its marker is on the
    // newest page of issues)? If not, file it again, at most kMaxPostAttempts times.
    void verifyLost(const IssueCandidate& candidate, const QString& why);
    void recordFiled(const IssueCandidate& candidate, const QString& title, const QJsonObject& issue);
    void finish();

    workspace::Workspace& m_workspace;
    IssueFilerOptions m_options;
    GithubClient* m_client = nullptr;
    IssueFilerBucket m_bucket;
    QElapsedTimer m_clock;
    QTimer m_bucketTimer;
    QHash<RunKey, FiledIssue> m_existing; // the issue carrying each run's marker
    QList<IssueCandidate> m_queue;
    IssueFilerSummary m_summary;
    QHash<RunKey, int> m_postAttempts; // POSTs sent per run
    bool m_finished = false;
};

} // namespace runlens::github
