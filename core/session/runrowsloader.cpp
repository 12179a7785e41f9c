#include "runrowsloader.h"

#include "workspace/runliststore.h"
#include "workspace/workspace.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <utility>

namespace runlens::session {

Status RunRowsLoader::load(
    const QString& workspaceDir, const std::function<bool(QList<RunRow>&&)>& batch, qsizetype firstBatch)
{
    workspace::Workspace ws;
    if (Status s = ws.open(workspaceDir); !s)
        return s;
    auto repositories = ws.repositories();
    if (!repositories)
        return makeError(repositories.error());
    QHash<qint64, QString> repositoryNames;
    for (const workspace::RepositoryRecord& r : *repositories)
        repositoryNames.insert(r.id, r.fullName);
    auto labels = ws.labels();
    if (!labels)
        return makeError(labels.error());
    QHash<RunKey, QStringList> labelsByRun;
    for (const workspace::LabelRecord& l : *labels) {
        QStringList& list = labelsByRun[l.key()];
        if (!list.contains(l.label))
            list.append(l.label);
    }

    // The workflow texts are shared between the runs that have the same (the repository names are
    // shared by construction): the table's sorts compare shared texts by address. Only those two:
    // hashing the short, varied ones cost more than their sorts gain.
    QSet<QString> workflows;
    const qsizetype first = std::max<qsizetype>(1, firstBatch);
    qsizetype handed = 0;
    QList<RunRow> rows;
    rows.reserve(first);
    bool wanted = true;
    const auto hand = [&] {
        handed += rows.size();
        wanted = batch(std::exchange(rows, {}));
    };
    const Status listed = workspace::RunListStore(ws).forEach([&](workspace::RunListing& r) {
        RunRow row;
        row.runId = r.runId;
        row.attempt = r.attempt;
        row.repository = repositoryNames.value(r.repositoryId);
        row.workflow = *workflows.insert(r.workflow);
        row.runNumber = r.runNumber;
        row.branch = std::move(r.branch);
        row.event = std::move(r.event);
        row.conclusion = std::move(r.conclusion);
        row.createdAt = r.createdAt;
        row.htmlUrl = std::move(r.htmlUrl);
        const QDateTime& start = r.startedAt.isValid() ? r.startedAt : r.createdAt;
        if (start.isValid() && r.updatedAt.isValid() && r.updatedAt >= start)
            row.durationSecs = start.secsTo(r.updatedAt);
        row.archiveState = std::move(r.archiveState);
        if (r.archiveBytes >= 0) {
            row.logBytes = r.archiveBytes;
            row.logPath = ws.absolutePath(r.archivePath);
        }
        if (const auto it = labelsByRun.constFind(r.key()); it != labelsByRun.constEnd())
            row.label = it->join(QStringLiteral(", "));
        rows.append(std::move(row));
        if (rows.size() >= (handed == 0 ? first : handed * 3))
            hand();
        return wanted;
    });
    if (!listed)
        return listed;
    if (wanted && !rows.isEmpty())
        hand();
    return {};
}

Result<QList<RunRow>> RunRowsLoader::load(const QString& workspaceDir)
{
    QList<RunRow> all;
    const Status s = load(workspaceDir, [&all](QList<RunRow>&& rows) {
        all.append(std::move(rows));
        return true;
    });
    if (!s)
        return makeError(s.error());
    return all;
}

} // namespace runlens::session
