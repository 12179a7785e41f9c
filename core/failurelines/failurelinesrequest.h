#pragma once

#include "failurelines/failurelinesoptions.h"

#include <QString>
#include <QStringList>

namespace runlens::failurelines {

// What to rank in the background (FailureLineRanker::start).
struct FailureLinesRequest
{
    QString failed; // the failed run's logs
    QStringList baselines; // passing runs given by hand
    QStringList baselineNames; // how to name them (empty: by their paths)
    // A stored run: its baseline is also chosen from this workspace (storedRunLogs), in the worker.
    QString workspaceDir;
    qint64 runId = 0;
    int attempt = 1;
    FailureLinesOptions options;
};

} // namespace runlens::failurelines
