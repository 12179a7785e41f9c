#pragma once

#include "common/result.h"

#include <QtGlobal>

#include <cstdint>
#include <span>
#include <vector>

namespace runlens::model {

class FeatureMatrix;
class RowBlock;

// One isolation tree as flat node arrays linked by index (node 0 is the root). A leaf has
// feature -1 and children -1. Rows with x[feature] <= threshold go left.
class IsolationTree
{
public:
    struct Nodes
    {
        std::vector<int> feature;
        std::vector<double> threshold;
        std::vector<int> left;
        std::vector<int> right;
        std::vector<int> samples; // training rows that reached the node (the TreeSHAP cover)
    };

    IsolationTree() = default;

    // Grows a tree on `sampleSize` rows of `x` drawn without replacement with a generator seeded
    // with `seed`; stores the drawn row indices in `inBag` when given.
    static IsolationTree grow(
        const FeatureMatrix& x, int sampleSize, int maxDepth, quint64 seed, std::vector<int>* inBag = nullptr);

    // A tree from stored arrays; checks sizes, feature range, that every child index is greater
    // than its parent's and every node but the root has one parent (so the arrays form a tree), and
    // that the tree is no deeper than an isolation tree grown on its root's n_samples
    // (ceil(log2(n_samples))), which also bounds the scoring layout. `what` names the input in errors.
    static Result<IsolationTree> fromNodes(Nodes nodes, int featureCount, const QString& what);

    // scikit-learn's depth limit for a tree grown on `samples` rows: ceil(log2(max(samples, 2))).
    static int maxDepthFor(int samples);

    const Nodes& nodes() const { return m_nodes; }
    int nodeCount() const { return int(m_nodes.feature.size()); }
    bool isLeaf(int node) const { return m_nodes.feature[std::size_t(node)] < 0; }
    int depth(int node) const { return m_depth[std::size_t(node)]; }
    int maxDepth() const { return m_maxDepth; }
    // depth + c(samples) at a leaf: the path length the forest averages.
    double leafValue(int node) const { return m_value[std::size_t(node)]; }

    // The leaf `row` reaches: right where row[feature] > threshold, else left (NaN goes left).
    int leafFor(std::span<const double> row) const;
    double pathLength(std::span<const double> row) const { return leafValue(leafFor(row)); }
    // Adds pathLength() of each row of `rows` to sums[0..rows.rows()), bit for bit.
    void addPathLengths(const RowBlock& rows, double* sums) const;

private:
    void computeDerived();

    // The tree re-laid for addPathLengths as a complete binary tree of depth maxDepth() in heap
    // order: the root at 1, node i's children at 2i and 2i + 1, so a step loads no child index. A
    // leaf above the last level continues as a chain of nodes with threshold +inf (every row goes
    // left) down to the last level, so a row walks exactly maxDepth() branch-free steps and
    // RowBlock::kLanes rows walk together. Features are stored as their offset in a RowBlock group.
    std::vector<std::uint32_t> m_walkFeatureOffset; // inner nodes 1 .. 2^maxDepth - 1 (0 unused)
    std::vector<double> m_walkThreshold;
    std::vector<double> m_walkValue; // last level, 2^maxDepth + j at j; leaf value where one ends

    Nodes m_nodes;
    std::vector<int> m_depth;
    std::vector<double> m_value;
    int m_maxDepth = 0;
};

} // namespace runlens::model
