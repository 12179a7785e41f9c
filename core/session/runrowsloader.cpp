#include "runrowsloader.h"

#include "workspace/workspace.h"

#include <QHash>
#include <QSet>
#include <limits>

namespace runlens::session {

namespace {

constexpr workspace::ArchiveState kArchiveStates[] = {
    workspace::ArchiveState::Pending,
    workspace::ArchiveState::Downloading,
    workspace::ArchiveState::Downloaded,
    workspace::ArchiveState::Expired,
    workspace::ArchiveState::Missing,
    workspace::ArchiveState::Corrupt,
    workspace::ArchiveState::Failed,
};
} // namespace

Result<QList<RunRow>> RunRowsLoader::load(const QString& workspaceDir)
{
    workspace::Workspace ws;
    if (Status s = ws.open(workspaceDir); !s)
        return makeError(s.error());
    auto runs = ws.runs();
    if (!runs)
        return makeError(runs.error());

    QHash<RunKey, workspace::LogArchiveRecord> archives;
    for (workspace::ArchiveState state : kArchiveStates) {
        auto inState = ws.archivesInState(state);
        if (!inState)
            return makeError(inState.error());
        for (const workspace::LogArchiveRecord& a : *inState)
            archives.insert(a.key(), a);
    }
    auto labels = ws.labels();
    if (!labels)
        return makeError(labels.error());
    QHash<RunKey, QStringList> labelsByRun;
    for (const workspace::LabelRecord& l : *labels) {
        QStringList& list = labelsByRun[l.key()];
        if (!list.contains(l.label))
            list.append(l.label);
    }

    // The repository and workflow texts are shared between the runs that have the same: the table's sorts
    // compare shared texts by address (the default sort by repository compares 100k rows on the first
    // paint). Only those two: hashing the short, varied ones cost more than their sorts gain.
    QSet<QString> texts;
    const auto shared = [&texts](const QString& text) { return *texts.insert(text); };
    QList<RunRow> rows;
    rows.reserve(runs->size());
    for (const workspace::RunRecord& r : *runs) {
        RunRow row;
        row.runId = r.runId;
        row.attempt = r.attempt;
        row.repository = shared(r.repository);
        row.workflow = shared(r.workflowLabel());
        row.runNumber = r.runNumber;
        row.branch = r.branch;
        row.event = r.event;
        row.conclusion = r.conclusion.isEmpty() ? r.status : r.conclusion;
        row.createdAt = r.createdAt;
        row.htmlUrl = r.htmlUrl;
        const QDateTime start = r.startedAt.isValid() ? r.startedAt : r.createdAt;
        if (start.isValid() && r.updatedAt.isValid() && r.updatedAt >= start)
            row.durationSecs = start.secsTo(r.updatedAt);
        const RunKey key = r.key();
        if (auto it = archives.constFind(key); it != archives.constEnd()) {
            row.archiveState = workspace::nameOf(it->state);
            if (it->state == workspace::ArchiveState::Downloaded) {
                row.logBytes = it->bytes;
                row.logPath = ws.absolutePath(it->path);
            }
        }
        row.label = labelsByRun.value(key).join(QStringLiteral(", "));
        rows.append(std::move(row));
    }
    return rows;
}

} // namespace runlens::session
