#pragma once

#include "steprecord.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace runlens::workspace {

// One job of a run attempt (GET .../runs/{id}/jobs), with its steps.
struct JobRecord
{
    qint64 jobId = 0;
    qint64 runId = 0;
    int attempt = 1;
    QString name;
    QString status;
    QString conclusion;
    QDateTime startedAt;
    QDateTime completedAt;
    QString runnerName;
    QStringList runnerLabels;
    QList<StepRecord> steps;
};

} // namespace runlens::workspace
