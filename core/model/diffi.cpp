#include "diffi.h"

#include "featurematrix.h"
#include "isolationforest.h"

#include <cmath>
#include <limits>
#include <numeric>

namespace runlens::model {

namespace {
constexpr double kUndefined = -1.0;

// Accumulates one group's (outliers' or inliers') cumulative importance over trees.
struct Accumulator
{
    std::vector<double> cfi;
    std::vector<long long> count;

    explicit Accumulator(int features)
        : cfi(std::size_t(features), 0.0)
        , count(std::size_t(features), 0)
    {
    }

    std::vector<double> importance() const
    {
        std::vector<double> fi(cfi.size(), 0.0);
        for (std::size_t i = 0; i < fi.size(); ++i)
            fi[i] = count[i] > 0 ? cfi[i] / double(count[i]) : 0.0;
        return fi;
    }
};

std::vector<int> pathOf(const IsolationTree& tree, std::span<const double> row)
{
    std::vector<int> path { 0 };
    const IsolationTree::Nodes& nodes = tree.nodes();
    int node = 0;
    while (!tree.isLeaf(node)) {
        node = row[std::size_t(nodes.feature[std::size_t(node)])] <= nodes.threshold[std::size_t(node)]
            ? nodes.left[std::size_t(node)]
            : nodes.right[std::size_t(node)];
        path.push_back(node);
    }
    return path;
}

void accumulate(
    const IsolationTree& tree, const FeatureMatrix& x, const std::vector<int>& rows, bool adjustIic, Accumulator& acc)
{
    const IsolationTree::Nodes& nodes = tree.nodes();
    const auto nodeCount = std::size_t(tree.nodeCount());
    std::vector<std::vector<int>> paths;
    paths.reserve(rows.size());
    std::vector<int> reached(nodeCount, 0);
    for (int r : rows) {
        paths.push_back(pathOf(tree, x.row(r)));
        for (int node : paths.back())
            ++reached[std::size_t(node)];
    }

    std::vector<double> lambda(nodeCount, 0.0);
    for (std::size_t v = 0; v < nodeCount; ++v) {
        if (tree.isLeaf(int(v)))
            continue;
        const int n = reached[v];
        const int nl = reached[std::size_t(nodes.left[v])];
        const int nr = reached[std::size_t(nodes.right[v])];
        if (n < 2) {
            lambda[v] = kUndefined;
        } else if (nl == 0 || nr == 0) {
            lambda[v] = 0.0;
        } else {
            const double imbalance = double(std::max(nl, nr)) / n;
            const double lo = n % 2 == 0 ? 0.5 : std::ceil(n / 2.0) / n;
            const double hi = double(n - 1) / n;
            lambda[v] = adjustIic && lo != hi ? (imbalance - lo) / (hi - lo) * 0.5 + 0.5 : imbalance;
        }
    }

    for (const std::vector<int>& path : paths) {
        const int leafDepth = tree.depth(path.back());
        if (leafDepth == 0)
            continue; // the root is a leaf: no split to credit
        for (std::size_t i = 0; i + 1 < path.size(); ++i) {
            const auto v = std::size_t(path[i]);
            if (lambda[v] == kUndefined)
                continue;
            const auto f = std::size_t(nodes.feature[v]);
            acc.cfi[f] += lambda[v] / leafDepth;
            ++acc.count[f];
        }
    }
}
} // namespace

Result<DiffiImportance> Diffi::global(const IsolationForest& forest, const FeatureMatrix& x, bool adjustIic)
{
    Result<std::vector<double>> decision = forest.decisionFunction(x);
    if (!decision)
        return makeError(QStringLiteral("DIFFI: ") + decision.error());
    const std::vector<std::vector<int>>& inBag = forest.inBagRows();
    std::vector<int> allRows(std::size_t(x.rows()));
    std::iota(allRows.begin(), allRows.end(), 0);
    for (const std::vector<int>& rows : inBag) {
        for (int r : rows) {
            if (r < 0 || r >= x.rows())
                return makeError(QStringLiteral("DIFFI: the forest's in-bag row %1 is outside the %2 rows given; "
                                                "pass the training data")
                                     .arg(r)
                                     .arg(x.rows()));
        }
    }

    Accumulator outliers(x.columns());
    Accumulator inliers(x.columns());
    DiffiImportance result;
    const std::vector<IsolationTree>& trees = forest.trees();
    for (std::size_t t = 0; t < trees.size(); ++t) {
        const std::vector<int>& rows = t < inBag.size() && !inBag[t].empty() ? inBag[t] : allRows;
        std::vector<int> out;
        std::vector<int> in;
        for (int r : rows) {
            const double d = (*decision)[std::size_t(r)];
            if (d < 0)
                out.push_back(r);
            else if (d > 0)
                in.push_back(r);
        }
        if (out.empty() || in.empty())
            continue;
        ++result.treesUsed;
        accumulate(trees[t], x, out, adjustIic, outliers);
        accumulate(trees[t], x, in, adjustIic, inliers);
    }
    result.outliers = outliers.importance();
    result.inliers = inliers.importance();
    result.importance.resize(result.outliers.size());
    for (std::size_t i = 0; i < result.importance.size(); ++i) {
        const double o = result.outliers[i];
        const double n = result.inliers[i];
        result.importance[i] = n > 0 ? o / n : (o > 0 ? std::numeric_limits<double>::infinity() : 0.0);
    }
    return result;
}

Result<std::vector<double>> Diffi::local(const IsolationForest& forest, std::span<const double> row)
{
    if (forest.trees().empty())
        return makeError(QStringLiteral("DIFFI: the forest has not been trained"));
    if (int(row.size()) != forest.featureCount())
        return makeError(QStringLiteral("DIFFI: the row has %1 values, the forest was trained on %2 features")
                             .arg(row.size())
                             .arg(forest.featureCount()));
    for (std::size_t c = 0; c < row.size(); ++c) {
        if (!std::isfinite(row[c]))
            return makeError(QStringLiteral("DIFFI: the row's value in column %1 ('%2') is not finite")
                                 .arg(c)
                                 .arg(forest.featureNames().value(int(c))));
    }
    // The reference code uses ceil(log2(max_samples)); 0 for one sample, where no split exists.
    const double maxDepth = std::ceil(std::log2(double(forest.maxSamples())));
    const double inverseMaxDepth = maxDepth > 0 ? 1.0 / maxDepth : 0.0;
    std::vector<double> cfi(row.size(), 0.0);
    std::vector<long long> count(row.size(), 0);
    for (const IsolationTree& tree : forest.trees()) {
        const std::vector<int> path = pathOf(tree, row);
        const int leafDepth = tree.depth(path.back());
        for (std::size_t i = 0; i + 1 < path.size(); ++i) {
            const auto f = std::size_t(tree.nodes().feature[std::size_t(path[i])]);
            cfi[f] += 1.0 / leafDepth - inverseMaxDepth;
            ++count[f];
        }
    }
    std::vector<double> fi(row.size(), 0.0);
    for (std::size_t i = 0; i < fi.size(); ++i)
        fi[i] = count[i] > 0 ? cfi[i] / double(count[i]) : 0.0;
    return fi;
}

} // namespace runlens::model
