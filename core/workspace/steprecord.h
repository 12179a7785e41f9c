#pragma once

#include <QDateTime>
#include <QString>

namespace runlens::workspace {

// One step of a job. Numbers come from the jobs API and may skip (post steps).
struct StepRecord
{
    int number = 0;
    QString name;
    QString status;
    QString conclusion;
    QDateTime startedAt;
    QDateTime completedAt;
};

} // namespace runlens::workspace
