#include "failurelines/storedrunlogs.h"

#include "workspace/workspace.h"

#include <QDir>
#include <QSet>

#include <algorithm>

namespace runlens::failurelines {

namespace {
QString runName(const workspace::RunRecord& run)
{
    return QStringLiteral("%1 run %2 attempt %3").arg(run.repository).arg(run.runId).arg(run.attempt);
}

// The archive of a run, when downloaded and inside the workspace folder.
Result<QString> archivePath(const workspace::Workspace& ws, const workspace::RunRecord& run)
{
    Result<workspace::LogArchiveRecord> archive = ws.archive(run.runId, run.attempt);
    if (!archive)
        return Error { archive.error() };
    if (archive->state != workspace::ArchiveState::Downloaded)
        return Error { QStringLiteral("%1: log archive %2").arg(runName(run), workspace::nameOf(archive->state)) };
    const QString root = QDir::cleanPath(ws.absolutePath(QString()));
    const QString path = QDir::cleanPath(ws.absolutePath(archive->path));
    if (!path.startsWith(root + QLatin1Char('/')))
        return Error { QStringLiteral("%1: archive path '%2' leaves the workspace").arg(runName(run), archive->path) };
    return path;
}

QSet<QString> jobNames(const workspace::Workspace& ws, const workspace::RunRecord& run)
{
    QSet<QString> names;
    if (Result<QList<workspace::JobRecord>> jobs = ws.jobs(run.runId, run.attempt)) {
        for (const workspace::JobRecord& job : std::as_const(*jobs))
            names.insert(job.name);
    }
    return names;
}
} // namespace

Result<StoredRunLogs> storedRunLogs(const workspace::Workspace& ws, qint64 runId, int attempt, int maxBaselines)
{
    Result<std::optional<workspace::RunRecord>> found = ws.run(runId, attempt);
    if (!found)
        return Error { found.error() };
    if (!found->has_value())
        return Error { QStringLiteral("run %1 attempt %2: not in the workspace").arg(runId).arg(attempt) };
    const workspace::RunRecord& run = **found;
    Result<QString> failed = archivePath(ws, run);
    if (!failed)
        return Error { failed.error() };
    StoredRunLogs logs { *failed, runName(run), {}, {} };

    Result<QList<workspace::RunRecord>> runs = ws.runs(run.repository);
    if (!runs)
        return Error { runs.error() };
    QList<workspace::RunRecord> candidates;
    for (const workspace::RunRecord& other : std::as_const(*runs)) {
        const bool sameWorkflow
            = run.workflowId != 0 ? other.workflowId == run.workflowId : other.workflowName == run.workflowName;
        if (sameWorkflow && other.runId != run.runId && other.conclusion == QLatin1String("success"))
            candidates.append(other);
    }
    std::stable_sort(candidates.begin(), candidates.end(),
        [](const workspace::RunRecord& a, const workspace::RunRecord& b) { return a.createdAt > b.createdAt; });
    const QSet<QString> jobs = jobNames(ws, run);
    for (const workspace::RunRecord& other : std::as_const(candidates)) {
        if (logs.baselines.size() >= maxBaselines)
            break;
        const QSet<QString> otherJobs = jobNames(ws, other);
        if (!jobs.isEmpty() && !otherJobs.isEmpty() && !jobs.intersects(otherJobs))
            continue;
        Result<QString> path = archivePath(ws, other);
        if (!path)
            continue;
        logs.baselines << *path;
        logs.baselineNames << runName(other);
    }
    return logs;
}

} // namespace runlens::failurelines
