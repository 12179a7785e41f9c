#pragma once

#include "common/result.h"
#include "ghalogsrunrecord.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

namespace runlens::workspace {

class Workspace;

// Writes GHALogs runs into a workspace in batches, one transaction per batch with prepared
// statements (an import of half a million runs cannot afford a commit or a lookup per run).
// Use on the Workspace's thread.
class GhaLogsStore
{
public:
    explicit GhaLogsStore(Workspace& workspace);

    // (run id, attempt) of every GHALogs run already stored: a re-import skips them.
    Result<QSet<QPair<qint64, int>>> importedRuns() const;
    // Stores runs, their repositories, jobs, steps and archive references; idempotent.
    Status storeRuns(const QList<GhaLogsRunRecord>& runs);
    Status storeRepositories(const QList<GhaLogsRepositoryRecord>& repositories);
    // Language of every repository of repositories.json.gz (lower-case full name -> language).
    Result<QHash<QString, QString>> languages() const;
    Result<std::optional<GhaLogsRunRecord>> run(qint64 runId, int attempt) const;

    // A job id for GHALogs jobs, which have none: negative so it never meets a GitHub job id.
    static qint64 syntheticJobId(qint64 runId, int attempt, int jobIndex);

private:
    Result<qint64> repositoryId(const QString& fullName);

    Workspace& m_ws;
    QHash<QString, qint64> m_repositoryIds;
};

} // namespace runlens::workspace
