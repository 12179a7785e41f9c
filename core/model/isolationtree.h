#pragma once

#include "common/result.h"

#include <QtGlobal>

#include <span>
#include <vector>

namespace runlens::model {

class FeatureMatrix;

// One isolation tree as flat node arrays linked by index (node 0 is the root). A leaf has
// feature -1 and children -1. Rows with x[feature] <= threshold go left.
class IsolationTree
{
public:
    struct Nodes {
        std::vector<int> feature;
        std::vector<double> threshold;
        std::vector<int> left;
        std::vector<int> right;
        std::vector<int> samples; // training rows that reached the node (the TreeSHAP cover)
    };

    IsolationTree() = default;

    // Grows a tree on `sampleSize` rows of `x` drawn without replacement with a generator seeded
    // with `seed`; stores the drawn row indices in `inBag` when given.
    static IsolationTree grow(const FeatureMatrix& x, int sampleSize, int maxDepth, quint64 seed,
                              std::vector<int>* inBag = nullptr);

    // A tree from stored arrays; checks sizes, feature range and that every child index is
    // greater than its parent's (so the arrays form a tree). `what` names the input in errors.
    static Result<IsolationTree> fromNodes(Nodes nodes, int featureCount, const QString& what);

    const Nodes& nodes() const { return m_nodes; }
    int nodeCount() const { return int(m_nodes.feature.size()); }
    bool isLeaf(int node) const { return m_nodes.feature[std::size_t(node)] < 0; }
    int depth(int node) const { return m_depth[std::size_t(node)]; }
    int maxDepth() const { return m_maxDepth; }
    // depth + c(samples) at a leaf: the path length the forest averages.
    double leafValue(int node) const { return m_value[std::size_t(node)]; }

    int leafFor(std::span<const double> row) const;
    double pathLength(std::span<const double> row) const;
    // Adds pathLength() of rows [begin, end) of `x` to sums[begin..end).
    void addPathLengths(const FeatureMatrix& x, int begin, int end, double* sums) const;

private:
    void computeDerived();

    // The tree re-laid for scoring: children adjacent (right = left + 1) and every leaf a self-loop
    // (threshold +inf, left = itself), so a row walks exactly maxDepth() branch-free steps and
    // several rows can walk together.
    struct Packed {
        double threshold;
        int feature;
        int left;
    };
    std::vector<Packed> m_packed;
    std::vector<double> m_packedValue; // leaf value by packed index

    Nodes m_nodes;
    std::vector<int> m_depth;
    std::vector<double> m_value;
    int m_maxDepth = 0;
};

} // namespace runlens::model
