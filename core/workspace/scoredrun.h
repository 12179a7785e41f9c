#pragma once

#include "common/runkey.h"

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
};

} // namespace runlens::workspace
