#pragma once

#include "common/result.h"
#include "diffiimportance.h"

#include <span>
#include <vector>

namespace runlens::model {

class FeatureMatrix;
class IsolationForest;

// DIFFI, Depth-based Isolation Forest Feature Importance (Carletti, Terzi, Susto: "Interpretable
// Anomaly Detection with DIFFI", 2023), following the authors' reference code.
class Diffi
{
public:
    // Global importances from each tree's in-bag rows of the training data `x`, split by the
    // forest's prediction into outliers (decision < 0) and inliers (decision > 0). For a forest
    // without in-bag rows (loaded from model.json) every row of `x` is used for every tree.
    // Induced imbalance coefficients: undefined (skipped) when fewer than two rows reach a node, 0
    // when one child is empty, else max(n_left, n_right) / n rescaled from [min, max] to [0.5, 1]
    // when `adjustIic`. A tree whose root is a leaf isolates nothing and adds nothing.
    static Result<DiffiImportance> global(const IsolationForest& forest, const FeatureMatrix& x, bool adjustIic = true);

    // Local importances of one row: for every split on its path, 1/leaf_depth - 1/max_depth goes to
    // the split feature; the sums are divided by the number of such splits per feature.
    static Result<std::vector<double>> local(const IsolationForest& forest, std::span<const double> row);
};

} // namespace runlens::model
