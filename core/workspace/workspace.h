#pragma once

#include "common/result.h"
#include "jobrecord.h"
#include "labelrecord.h"
#include "logarchiverecord.h"
#include "repositoryrecord.h"
#include "runrecord.h"

#include <QList>
#include <QString>

#include <optional>

namespace runlens::workspace {

// A response body cached with its ETag, for conditional list requests.
struct CachedResponse
{
    QString url;
    QByteArray etag;
    QByteArray body;
    QByteArray link; // the Link header, so that a 304 still knows the next page
};

// Counts of a workspace's content, for summaries and tests.
struct WorkspaceStats
{
    qint64 repositories = 0;
    qint64 runs = 0;
    qint64 jobs = 0;
    qint64 steps = 0;
    qint64 archivesDownloaded = 0;
    qint64 labels = 0;
};

// One workspace folder: runlens.db (SQLite, WAL, foreign keys, versioned schema), log ZIPs under
// logs/<owner>/<repo>/<run_id>-<attempt>.zip, and exports/.
//
// Threads: QSqlDatabase connections belong to the thread that opened them. Every Workspace object
// opens its OWN uniquely named connection ("runlens-workspace-<n>") in open() and closes it in its
// destructor; use it only on the thread that called open(). A worker thread that needs the workspace
// constructs its own Workspace on the same folder (SQLite WAL lets them read and write side by side).
//
// The GitHub token is never stored here.
class Workspace
{
public:
    Workspace();
    ~Workspace();
    Workspace(const Workspace&) = delete;
    Workspace& operator=(const Workspace&) = delete;

    static constexpr int kSchemaVersion = 4;

    // Opens `dir`, creating the folder, the database and its schema when missing, and migrating an
    // older schema (each migration in its own transaction). An existing workspace that cannot be written
    // is opened read-only (isReadOnly()).
    Status open(const QString& dir);
    bool isOpen() const;
    void close();
    // True when the workspace could only be opened for reading (a folder or database nobody can write).
    bool isReadOnly() const { return m_readOnly; }

    QString dir() const { return m_dir; }
    QString databasePath() const;
    QString exportsDir() const;
    QString connectionName() const { return m_connectionName; }
    int schemaVersion() const;

    // Workspace-relative path of a run's archive: logs/<owner>/<repo>/<run_id>-<attempt>.zip.
    // absolutePath() passes absolute paths through: archives a dataset keeps (GHALogs) are referenced.
    static QString archiveRelativePath(const QString& repository, qint64 runId, int attempt);
    QString absolutePath(const QString& relativePath) const;

    // Repositories.
    Result<qint64> upsertRepository(const QString& fullName, const QString& apiUrl = {});
    Result<QList<RepositoryRecord>> repositories() const;

    // Runs. Upserts are idempotent (keyed by run id and attempt) and never move a run's collection
    // state backwards; a pending log_archives row is created for every new run.
    Status upsertRun(const RunRecord& run);
    Status upsertRuns(const QList<RunRecord>& runs);
    Status setCollectionState(qint64 runId, int attempt, CollectionState state);
    Result<std::optional<RunRecord>> run(qint64 runId, int attempt) const;
    Result<QList<RunRecord>> runs(const QString& repository = {}) const;
    Result<QList<RunRecord>> runsNeedingJobs(const QString& repository = {}) const;
    // Runs whose jobs are known but whose archive is not in a final state.
    Result<QList<RunRecord>> runsNeedingLogs(const QString& repository = {}) const;

    // Jobs and their steps; replaces the jobs of that attempt with the same ids (idempotent).
    Status upsertJobs(qint64 runId, int attempt, const QList<JobRecord>& jobs);
    Result<QList<JobRecord>> jobs(qint64 runId, int attempt) const;

    // Log archives. setArchive() checks the state transition (e.g. Downloaded only after Downloading).
    Result<LogArchiveRecord> archive(qint64 runId, int attempt) const;
    Status setArchive(const LogArchiveRecord& archive);
    Result<QList<LogArchiveRecord>> archivesInState(ArchiveState state) const;
    static bool canTransition(ArchiveState from, ArchiveState to);
    // Marks a run's log archive to be downloaded again by the next collection of its repository
    // (archive pending with `reason`; a complete run goes back to jobs-fetched). The old ZIP stays
    // until the new one replaces it.
    Status markForDownload(qint64 runId, int attempt, const QString& reason);
    // Puts runs marked complete whose archive is not final (left by two writers racing, or an old bug)
    // back to jobs-fetched so that the next collection downloads them; returns how many.
    Result<int> reopenIncompleteRuns();

    // Labels.
    Result<qint64> addLabel(const LabelRecord& label); // returns the id; an identical label is not added twice
    Status removeLabel(qint64 id);
    Result<QList<LabelRecord>> labels(std::optional<qint64> runId = std::nullopt) const;

    // ETag cache for list pages.
    Result<std::optional<CachedResponse>> cachedResponse(const QString& url) const;
    Status storeCachedResponse(const CachedResponse& response);

    Result<WorkspaceStats> stats() const;

private:
    Status migrate();
    Status openReadOnly();
    Status execAll(const QStringList& statements, const QString& what);

    QString m_dir;
    QString m_connectionName;
    bool m_readOnly = false;
};

} // namespace runlens::workspace
