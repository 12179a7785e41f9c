#pragma once

#include <QtGlobal>

#include <optional>

namespace runlens::model {

// Isolation Forest parameters, with scikit-learn's defaults.
struct ForestParameters
{
    int trees = 100; // n_estimators
    int maxSamples = 0; // sub-sample size per tree; 0 = "auto" = min(256, rows); capped at rows
    std::optional<double> contamination; // nullopt = "auto" (offset -0.5); else a fraction in (0, 0.5]
    quint64 seed = 0; // tree t draws from IsolationForest::treeSeed(seed, t)
};

} // namespace runlens::model
