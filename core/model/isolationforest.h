#pragma once

#include "cancelcheck.h"
#include "common/result.h"
#include "forestparameters.h"
#include "forestscores.h"
#include "isolationtree.h"

#include <QStringList>

#include <span>
#include <vector>

namespace runlens::model {

class FeatureMatrix;

// Isolation Forest as scikit-learn's sklearn.ensemble.IsolationForest (1.2): sub-samples drawn
// without replacement, max depth ceil(log2(max(max_samples, 2))), a feature drawn uniformly among
// those not constant in a node and a threshold uniform in [min, max). Trees are grown and rows
// scored in parallel on runlens::computePool(); tree t is seeded with treeSeed(seed, t), so the
// forest does not depend on the number of threads.
class IsolationForest
{
public:
    IsolationForest() = default;

    // Refuses empty input, NaN/inf (naming row and column) and bad parameters. `cancel` is polled
    // before each tree (and each row chunk when contamination is set); once it says yes the result
    // is the error "isolation forest: training: canceled" (or "scoring: canceled").
    static Result<IsolationForest> fit(
        const FeatureMatrix& x, const ForestParameters& parameters = {}, const CancelCheck& cancel = {});

    // A forest from stored parts (model.json); `what` names the input in errors.
    static Result<IsolationForest> fromParts(ForestParameters parameters, QStringList featureNames, int maxSamples,
        double offset, std::vector<IsolationTree> trees, const QString& what);

    // Mean path length, score_samples, decision_function and predict for every row of `x`;
    // `cancel` is polled before each chunk of 256 rows.
    Result<ForestScores> evaluate(const FeatureMatrix& x, const CancelCheck& cancel = {}) const;
    Result<std::vector<double>> scoreSamples(const FeatureMatrix& x) const;
    Result<std::vector<double>> decisionFunction(const FeatureMatrix& x) const;
    Result<std::vector<int>> predict(const FeatureMatrix& x) const;

    // The seed of tree `tree` of the forest seeded with `seed`: output tree + 1 of a SplitMix64
    // generator started at `seed`. Unlike seed + tree, the forests of nearby seeds share no tree.
    static quint64 treeSeed(quint64 seed, int tree);

    // One row (size featureCount()), no checks beyond the size assertion.
    double pathLength(std::span<const double> row) const;
    // score_samples for a mean path length; -0.5 when c(max_samples) is 0 (one training row), as sklearn.
    double scoreForPathLength(double meanPathLength) const;

    const ForestParameters& parameters() const { return m_parameters; }
    const QStringList& featureNames() const { return m_featureNames; }
    int featureCount() const { return int(m_featureNames.size()); }
    int maxSamples() const { return m_maxSamples; }
    int maxDepth() const;
    double offset() const { return m_offset; }
    double averagePathLengthMaxSamples() const { return m_cMaxSamples; } // c(max_samples)
    const std::vector<IsolationTree>& trees() const { return m_trees; }
    // The training rows each tree was grown on; empty for a forest loaded from model.json.
    const std::vector<std::vector<int>>& inBagRows() const { return m_inBag; }

private:
    Status checkInput(const FeatureMatrix& x) const;

    ForestParameters m_parameters;
    QStringList m_featureNames;
    std::vector<IsolationTree> m_trees;
    std::vector<std::vector<int>> m_inBag;
    int m_maxSamples = 0;
    double m_offset = -0.5;
    double m_cMaxSamples = 0.0;
};

// numpy.percentile(values, q) with the default linear interpolation; q in [0, 100].
double percentile(std::vector<double> values, double q);

} // namespace runlens::model
