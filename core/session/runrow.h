#pragma once

#include "common/runkey.h"

#include <QDateTime>
#include <QString>

#include <limits>

namespace runlens::session {

// One row of the runs table: a run attempt from the workspace, its log archive, its label and, once
// an analysis ran, its score. A plain value, built off the GUI thread and handed to the model.
struct RunRow
{
    qint64 runId = 0;
    int attempt = 1;
    QString repository; // owner/name
    QString workflow;
    qint64 runNumber = 0;
    QString branch;
    QString event;
    QString conclusion;
    QDateTime createdAt;
    qint64 durationSecs = -1; // updated_at - started_at (or created_at); -1 when unknown
    qint64 logBytes = -1; // -1 when no archive is downloaded
    QString archiveState; // "downloaded", "pending", ...
    QString logPath; // absolute path of the downloaded ZIP, empty otherwise
    QString htmlUrl;
    QString category; // taxonomy id of the memory category, empty = none (set by the analysis)
    QString label; // the run's labels joined with ", "; empty = unlabelled
    bool scored = false;
    double score = 0;
    bool flagged = false;
    double stability = std::numeric_limits<double>::quiet_NaN(); // share of a seed sweep's forests flagging it

    RunKey key() const { return { runId, attempt }; }
};

} // namespace runlens::session
