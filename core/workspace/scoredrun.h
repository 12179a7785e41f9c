#pragma once

#include "common/runkey.h"

#include <QtGlobal>

#include <limits>
#include <map>
#include <vector>

namespace runlens::workspace {

// One run's result under a stored model: its anomaly score, decision value, flag and per-feature
// contributions (in the model's feature order; empty when read back by ModelStore::scores()).
struct ScoredRun
{
    RunKey key;
    double score = 0;
    double decision = 0;
    bool flagged = false;
    std::vector<double> contributions;
    // A seed sweep's score and flag of each seed's forest, and the share of the seeds that flag the run
    // (NaN without a sweep).
    std::map<quint64, double> seedScores;
    std::map<quint64, bool> seedFlags;
    double stability = std::numeric_limits<double>::quiet_NaN();
};

} // namespace runlens::workspace
