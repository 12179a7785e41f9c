#pragma once

#include "common/result.h"

#include <QString>
#include <QStringList>

namespace runlens::workspace {
class Workspace;
}

namespace runlens::failurelines {

// A stored run's log archive and the archives of its baseline: the most recent successful runs of the
// same workflow that ran a job of the same name (any job when neither side has jobs stored).
struct StoredRunLogs
{
    QString failed; // absolute path of the run's archive
    QString failedName; // "owner/repo run 123 attempt 1"
    QStringList baselines; // absolute paths, most recent first
    QStringList baselineNames;
};

// Fails naming the run when it is unknown or its archive is not downloaded. Archive paths that leave the
// workspace folder are refused.
Result<StoredRunLogs> storedRunLogs(const workspace::Workspace& ws, qint64 runId, int attempt, int maxBaselines = 5);

} // namespace runlens::failurelines
