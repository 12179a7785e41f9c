#include "runrowsloader.h"

#include "charts/rungroups.h"
#include "pipeline/analysisresult.h"
#include "workspace/workspace.h"

#include <QHash>
#include <limits>

namespace runlens::ui {

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

    QList<RunRow> rows;
    rows.reserve(runs->size());
    for (const workspace::RunRecord& r : *runs) {
        RunRow row;
        row.runId = r.runId;
        row.attempt = r.attempt;
        row.repository = r.repository;
        row.workflow = r.workflowName.isEmpty() ? r.workflowPath : r.workflowName;
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

void RunRowsLoader::applyAnalysis(QList<RunRow>& rows, const pipeline::AnalysisResult& analysis)
{
    QHash<RunKey, const pipeline::RunAnalysis*> byKey;
    byKey.reserve(static_cast<qsizetype>(analysis.runs.size()));
    for (const pipeline::RunAnalysis& run : analysis.runs)
        byKey.insert(run.key(), &run);
    for (RunRow& row : rows) {
        const pipeline::RunAnalysis* run = byKey.value(row.key());
        row.scored = run != nullptr;
        row.score = run ? run->score : 0;
        row.flagged = run && run->flagged;
        row.stability = run ? run->stability : std::numeric_limits<double>::quiet_NaN();
        if (run) {
            const QString category = RunGroups::categoryOf(*run);
            row.category = category == QLatin1String("none") ? QString() : category;
            if (row.logPath.isEmpty())
                row.logPath = run->logPath;
        } else {
            row.category.clear();
        }
    }
}

} // namespace runlens::ui
