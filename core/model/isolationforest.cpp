#include "isolationforest.h"

#include "averagepathlength.h"
#include "common/logging.h"
#include "featurematrix.h"
#include "parallelfor.h"
#include "rowblock.h"

#include <algorithm>
#include <cmath>

namespace runlens::model {

namespace {
// Rows scored per parallel task: big enough to amortise the task, small enough to balance.
constexpr int kRowsPerChunk = 256;
} // namespace

quint64 IsolationForest::treeSeed(quint64 seed, int tree)
{
    // SplitMix64 (Steele, Lea & Flood 2014): a Weyl sequence with an odd step, each state mixed.
    // Tree t of seed s and tree u of seed r get the same state only if s - r = (u - t) * step
    // (mod 2^64); for forests of fewer than 2^20 trees that needs seeds more than 2^43 apart.
    quint64 z = seed + (quint64(tree) + 1) * 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

double percentile(std::vector<double> values, double q)
{
    if (values.empty())
        return std::nan("");
    std::sort(values.begin(), values.end());
    const double index = q / 100.0 * double(values.size() - 1);
    const auto lo = std::size_t(std::floor(index));
    const std::size_t hi = std::min(lo + 1, values.size() - 1);
    const double t = index - double(lo);
    const double a = values[lo];
    const double b = values[hi];
    // numpy's _lerp: exact at both ends.
    return t >= 0.5 ? b - (b - a) * (1.0 - t) : a + (b - a) * t;
}

Result<IsolationForest> IsolationForest::fit(
    const FeatureMatrix& x, const ForestParameters& parameters, const CancelCheck& cancel)
{
    if (x.rows() < 1 || x.columns() < 1)
        return makeError(
            QStringLiteral("isolation forest: training data has %1 rows and %2 columns; at least one of each is needed")
                .arg(x.rows())
                .arg(x.columns()));
    if (parameters.trees < 1)
        return makeError(
            QStringLiteral("isolation forest: %1 trees requested; at least 1 is needed").arg(parameters.trees));
    if (parameters.maxSamples < 0)
        return makeError(QStringLiteral("isolation forest: max samples %1 is negative").arg(parameters.maxSamples));
    if (parameters.contamination && !(*parameters.contamination > 0.0 && *parameters.contamination <= 0.5))
        return makeError(
            QStringLiteral("isolation forest: contamination %1 is outside (0, 0.5]").arg(*parameters.contamination));
    if (Status finite = x.checkFinite(); !finite)
        return makeError(finite.error());

    IsolationForest forest;
    forest.m_parameters = parameters;
    forest.m_featureNames = x.featureNames();
    // sklearn: "auto" is min(256, n); a larger request is capped at n (with a warning).
    forest.m_maxSamples
        = parameters.maxSamples == 0 ? std::min(256, x.rows()) : std::min(parameters.maxSamples, x.rows());
    if (parameters.maxSamples > x.rows())
        qCInfo(lcModel) << "max samples" << parameters.maxSamples << "is more than the" << x.rows() << "rows; using"
                        << x.rows();
    forest.m_cMaxSamples = averagePathLength(forest.m_maxSamples);
    const int maxDepth = IsolationTree::maxDepthFor(forest.m_maxSamples);

    forest.m_trees.resize(std::size_t(parameters.trees));
    forest.m_inBag.resize(std::size_t(parameters.trees));
    const Status grown = parallelFor(
        parameters.trees, cancel,
        [&](int t) {
            const auto i = std::size_t(t);
            forest.m_trees[i] = IsolationTree::grow(
                x, forest.m_maxSamples, maxDepth, treeSeed(parameters.seed, t), &forest.m_inBag[i]);
        },
        [](int t) { return QStringLiteral("tree %1").arg(t); });
    if (!grown)
        return makeError(QStringLiteral("isolation forest: training: ") + grown.error());

    if (parameters.contamination) {
        Result<ForestScores> scores = forest.evaluate(x, cancel);
        if (!scores)
            return makeError(scores.error());
        forest.m_offset = percentile(std::move(scores->score), 100.0 * *parameters.contamination);
    } else {
        forest.m_offset = -0.5;
    }
    return forest;
}

Result<IsolationForest> IsolationForest::fromParts(ForestParameters parameters, QStringList featureNames,
    int maxSamples, double offset, std::vector<IsolationTree> trees, const QString& what)
{
    if (featureNames.isEmpty())
        return makeError(QStringLiteral("%1: no feature names").arg(what));
    if (trees.empty())
        return makeError(QStringLiteral("%1: no trees").arg(what));
    if (maxSamples < 1)
        return makeError(QStringLiteral("%1: max_samples %2 is less than 1").arg(what).arg(maxSamples));
    if (!std::isfinite(offset))
        return makeError(QStringLiteral("%1: offset is not a finite number").arg(what));
    IsolationForest forest;
    parameters.trees = int(trees.size());
    forest.m_parameters = parameters;
    forest.m_featureNames = std::move(featureNames);
    forest.m_maxSamples = maxSamples;
    forest.m_cMaxSamples = averagePathLength(maxSamples);
    forest.m_offset = offset;
    forest.m_trees = std::move(trees);
    return forest;
}

int IsolationForest::maxDepth() const
{
    return IsolationTree::maxDepthFor(m_maxSamples);
}

Status IsolationForest::checkInput(const FeatureMatrix& x) const
{
    if (m_trees.empty())
        return makeError(QStringLiteral("isolation forest: the forest has not been trained"));
    if (x.columns() != featureCount())
        return makeError(QStringLiteral("isolation forest: data has %1 columns, the forest was trained on %2")
                             .arg(x.columns())
                             .arg(featureCount()));
    return x.checkFinite();
}

double IsolationForest::pathLength(std::span<const double> row) const
{
    double sum = 0.0;
    for (const IsolationTree& tree : m_trees)
        sum += tree.pathLength(row);
    return sum / double(m_trees.size());
}

double IsolationForest::scoreForPathLength(double meanPathLength) const
{
    // sklearn divides the summed depths by n_trees * c(max_samples) and uses 1 where that is 0.
    const double ratio = m_cMaxSamples != 0.0 ? meanPathLength / m_cMaxSamples : 1.0;
    return -std::exp2(-ratio);
}

Result<ForestScores> IsolationForest::evaluate(const FeatureMatrix& x, const CancelCheck& cancel) const
{
    if (Status ok = checkInput(x); !ok)
        return makeError(ok.error());
    ForestScores out;
    const auto n = std::size_t(x.rows());
    out.pathLength.resize(n);
    const double trees = double(m_trees.size());
    const Status scored = parallelForRows(x.rows(), kRowsPerChunk, cancel, [&](int begin, int end) {
        // Tree-major within a chunk keeps one tree in L1 for all its rows; every row still
        // sums its trees in index order, so results do not depend on chunks or threads.
        const RowBlock rows(x, begin, end);
        double* sum = out.pathLength.data() + begin;
        for (const IsolationTree& tree : m_trees)
            tree.addPathLengths(rows, sum);
        for (int r = 0; r < rows.rows(); ++r)
            sum[r] /= trees;
    });
    if (!scored)
        return makeError(QStringLiteral("isolation forest: scoring: ") + scored.error());
    out.score.resize(n);
    out.decision.resize(n);
    out.prediction.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        out.score[i] = scoreForPathLength(out.pathLength[i]);
        out.decision[i] = out.score[i] - m_offset;
        out.prediction[i] = out.decision[i] < 0.0 ? -1 : 1;
    }
    return out;
}

Result<std::vector<double>> IsolationForest::scoreSamples(const FeatureMatrix& x) const
{
    Result<ForestScores> scores = evaluate(x);
    if (!scores)
        return makeError(scores.error());
    return std::move(scores->score);
}

Result<std::vector<double>> IsolationForest::decisionFunction(const FeatureMatrix& x) const
{
    Result<ForestScores> scores = evaluate(x);
    if (!scores)
        return makeError(scores.error());
    return std::move(scores->decision);
}

Result<std::vector<int>> IsolationForest::predict(const FeatureMatrix& x) const
{
    Result<ForestScores> scores = evaluate(x);
    if (!scores)
        return makeError(scores.error());
    return std::move(scores->prediction);
}

} // namespace runlens::model
