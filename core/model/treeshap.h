#pragma once

#include "cancelcheck.h"
#include "common/result.h"
#include "featurecontribution.h"
#include "featurematrix.h"
#include "isolationforest.h"

#include <span>
#include <vector>

namespace runlens::model {

// Exact path-dependent TreeSHAP (Lundberg et al. 2020, Algorithm 2) of an Isolation Forest's mean
// path length, as shap's TreeExplainer computes it for IsolationForest: a leaf's value is its depth
// + c(n_leaf), a node's cover is its training sample count, and results are averaged over trees.
// Local accuracy: baseValue() + sum of a row's contributions = the row's mean path length.
//
// Score units: score_samples = -2^(-E/c) with E the mean path length and c = c(max_samples), so
// log2(-score) = baseValue()/(-c) + sum_i contribution_i/(-c): contribution / (-c) is additive in
// log2 of the (negated) score; see toLog2ScoreUnits().
class TreeShap
{
public:
    explicit TreeShap(IsolationForest forest);

    const IsolationForest& forest() const { return m_forest; }

    // Mean over trees of the cover-weighted mean leaf value (E[path length] over training data).
    double baseValue() const { return m_baseValue; }

    // Contributions of one row (featureCount() values) into `phi`, which must have that size.
    void explainRow(std::span<const double> row, std::span<double> phi) const;
    std::vector<double> explainRow(std::span<const double> row) const;

    // A rows x features matrix of contributions for every row of `x`, computed in parallel.
    // `cancel` is polled per tree and row chunk; once it says yes the result is an error ending
    // in "canceled".
    Result<FeatureMatrix> explain(const FeatureMatrix& x, const CancelCheck& cancel = {}) const;

    // contribution / (-c(max_samples)); 0 when c is 0.
    double toLog2ScoreUnits(double contribution) const;

    // The `k` largest contributions by absolute value (ties by feature index); all when k <= 0.
    static std::vector<FeatureContribution> topContributions(
        std::span<const double> row, std::span<const double> contributions, int k);
    std::vector<FeatureContribution> topContributions(std::span<const double> row, int k) const;

private:
    IsolationForest m_forest;
    double m_baseValue = 0.0;
    std::size_t m_pathBufferSize = 0;
};

} // namespace runlens::model
