#pragma once

#include "failurelines/failureline.h"
#include "failurelines/failurelinesentry.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace runlens::failurelines {

// The ranking of one failed run against its baselines.
struct FailureLinesResult
{
    QString failed; // the failed run's path
    QStringList baselines; // the baseline paths, in the order given
    QStringList baselineNames; // how to name them: run names for stored runs, else the paths
    std::vector<FailureLine> lines; // best first
    qint64 rankedLines = 0; // lines with a positive score (lines holds the first `top` of them)
    qint64 totalLines = 0; // lines read from the failed run
    std::vector<FailureLinesEntry> entries; // with FailureLinesOptions::keepKnownLines
};

} // namespace runlens::failurelines
