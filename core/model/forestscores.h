#pragma once

#include <vector>

namespace runlens::model {

// Per-row outputs of IsolationForest::evaluate(), with scikit-learn's signs.
struct ForestScores
{
    std::vector<double> pathLength; // mean over trees of leaf depth + c(n_leaf)
    std::vector<double> score; // score_samples: -2^(-pathLength / c(max_samples)); lower = more abnormal
    std::vector<double> decision; // decision_function: score - offset; < 0 is an outlier
    std::vector<int> prediction; // predict: -1 outlier, 1 inlier
};

} // namespace runlens::model
