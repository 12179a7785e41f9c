#include "isolationtree.h"

#include "averagepathlength.h"
#include "featurematrix.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <random>
#include <unordered_map>

namespace runlens::model {

namespace {
    // Our own uniform draws (not std::uniform_*_distribution, whose output differs between
    // standard libraries) so a seed gives the same forest everywhere.
    double uniform01(std::mt19937_64& rng)
    {
        return double(rng() >> 11) * 0x1.0p-53;
    }

    int uniformIndex(std::mt19937_64& rng, int n)
    {
        return std::min(int(uniform01(rng) * n), n - 1);
    }

    // scikit-learn treats a feature as constant in a node when max <= min + FEATURE_THRESHOLD.
    constexpr double kFeatureThreshold = 1e-7;

    struct Pending {
        int node;
        int begin;
        int end;
        int depth;
    };
} // namespace

IsolationTree IsolationTree::grow(const FeatureMatrix& x, int sampleSize, int maxDepth, quint64 seed,
                                  std::vector<int>* inBag)
{
    std::mt19937_64 rng(seed);
    const int n = x.rows();
    sampleSize = std::clamp(sampleSize, 1, std::max(n, 1));

    // Partial Fisher-Yates over a virtual 0..n-1 array (only swapped entries stored): a uniform
    // draw without replacement in O(sampleSize), however many rows there are.
    std::vector<int> rows(static_cast<std::size_t>(sampleSize));
    std::unordered_map<int, int> swapped;
    swapped.reserve(std::size_t(sampleSize) * 2);
    const auto valueAt = [&swapped](int i) {
        const auto it = swapped.find(i);
        return it == swapped.end() ? i : it->second;
    };
    for (int i = 0; i < sampleSize; ++i) {
        const int j = i + uniformIndex(rng, n - i);
        const int vi = valueAt(i);
        rows[std::size_t(i)] = valueAt(j);
        swapped[j] = vi;
    }
    if (inBag)
        *inBag = rows;

    // The sub-sample copied column by column: the splits below scan one feature of a few rows at
    // a time, which then stays in L1 instead of missing all over the full matrix.
    const auto size = std::size_t(sampleSize);
    std::vector<double> local(size * std::size_t(x.columns()));
    for (std::size_t i = 0; i < size; ++i) {
        const std::span<const double> row = x.row(rows[i]);
        for (std::size_t f = 0; f < row.size(); ++f)
            local[f * size + i] = row[f];
    }
    const auto value = [&local, size](int sample, int feature) { return local[std::size_t(feature) * size + std::size_t(sample)]; };
    std::iota(rows.begin(), rows.end(), 0); // from here on, indices into the sub-sample

    IsolationTree tree;
    Nodes& nodes = tree.m_nodes;
    const auto addNode = [&nodes](int samples) {
        nodes.feature.push_back(-1);
        nodes.threshold.push_back(0.0);
        nodes.left.push_back(-1);
        nodes.right.push_back(-1);
        nodes.samples.push_back(samples);
        return int(nodes.feature.size()) - 1;
    };

    std::vector<int> candidates(std::size_t(x.columns()));
    std::vector<Pending> stack { { addNode(sampleSize), 0, sampleSize, 0 } };
    while (!stack.empty()) {
        const Pending p = stack.back();
        stack.pop_back();
        const int count = p.end - p.begin;
        if (p.depth >= maxDepth || count < 2)
            continue;

        // Draw features uniformly among those not yet found constant; a constant one is dropped
        // and the draw repeated, so the pick is uniform among the non-constant features.
        std::iota(candidates.begin(), candidates.end(), 0);
        int remaining = x.columns();
        int feature = -1;
        double lo = 0.0;
        double hi = 0.0;
        while (remaining > 0) {
            const int pick = uniformIndex(rng, remaining);
            const int f = candidates[std::size_t(pick)];
            lo = hi = value(rows[std::size_t(p.begin)], f);
            for (int i = p.begin + 1; i < p.end; ++i) {
                const double v = value(rows[std::size_t(i)], f);
                lo = std::min(lo, v);
                hi = std::max(hi, v);
            }
            if (hi > lo + kFeatureThreshold) {
                feature = f;
                break;
            }
            std::swap(candidates[std::size_t(pick)], candidates[std::size_t(remaining - 1)]);
            --remaining;
        }
        if (feature < 0)
            continue; // every feature constant here: a leaf

        double threshold = lo + uniform01(rng) * (hi - lo);
        if (threshold >= hi)
            threshold = lo; // as scikit-learn, keep the right child non-empty after rounding
        const auto mid = std::partition(rows.begin() + p.begin, rows.begin() + p.end,
                                        [&](int r) { return value(r, feature) <= threshold; });
        const int split = int(mid - rows.begin());

        const int left = addNode(split - p.begin);
        const int right = addNode(p.end - split);
        nodes.feature[std::size_t(p.node)] = feature;
        nodes.threshold[std::size_t(p.node)] = threshold;
        nodes.left[std::size_t(p.node)] = left;
        nodes.right[std::size_t(p.node)] = right;
        stack.push_back({ right, split, p.end, p.depth + 1 });
        stack.push_back({ left, p.begin, split, p.depth + 1 });
    }
    tree.computeDerived();
    return tree;
}

Result<IsolationTree> IsolationTree::fromNodes(Nodes nodes, int featureCount, const QString& what)
{
    const std::size_t n = nodes.feature.size();
    if (n == 0)
        return makeError(QStringLiteral("%1: a tree has no nodes").arg(what));
    if (nodes.threshold.size() != n || nodes.left.size() != n || nodes.right.size() != n || nodes.samples.size() != n)
        return makeError(QStringLiteral("%1: node arrays of different lengths").arg(what));
    for (std::size_t i = 0; i < n; ++i) {
        const int f = nodes.feature[i];
        const int l = nodes.left[i];
        const int r = nodes.right[i];
        if (nodes.samples[i] < 1)
            return makeError(QStringLiteral("%1: node %2 has n_samples %3; at least 1 expected").arg(what).arg(i).arg(nodes.samples[i]));
        if (f < 0) {
            if (l != -1 || r != -1)
                return makeError(QStringLiteral("%1: leaf node %2 has children").arg(what).arg(i));
            continue;
        }
        if (f >= featureCount)
            return makeError(QStringLiteral("%1: node %2 splits on feature %3 of %4").arg(what).arg(i).arg(f).arg(featureCount));
        if (l <= int(i) || r <= int(i) || l >= int(n) || r >= int(n) || l == r)
            return makeError(QStringLiteral("%1: node %2 has invalid children %3, %4").arg(what).arg(i).arg(l).arg(r));
    }
    IsolationTree tree;
    tree.m_nodes = std::move(nodes);
    tree.computeDerived();
    return tree;
}

void IsolationTree::computeDerived()
{
    const std::size_t n = m_nodes.feature.size();
    m_depth.assign(n, 0);
    m_value.assign(n, 0.0);
    m_maxDepth = 0;
    // Children always have larger indices than their parent, so one forward pass sets depths.
    for (std::size_t i = 0; i < n; ++i) {
        if (m_nodes.feature[i] >= 0) {
            m_depth[std::size_t(m_nodes.left[i])] = m_depth[i] + 1;
            m_depth[std::size_t(m_nodes.right[i])] = m_depth[i] + 1;
        }
        m_maxDepth = std::max(m_maxDepth, m_depth[i]);
        m_value[i] = m_depth[i] + averagePathLength(m_nodes.samples[i]);
    }
    // Breadth-first relayout with siblings next to each other.
    m_packed.assign(n, { 0.0, 0, 0 });
    m_packedValue.assign(n, 0.0);
    std::vector<std::pair<int, int>> queue { { 0, 0 } }; // (original node, packed index)
    int next = 1;
    for (std::size_t q = 0; q < queue.size(); ++q) {
        const auto [node, at] = queue[q];
        const auto i = std::size_t(node);
        if (m_nodes.feature[i] < 0) {
            m_packed[std::size_t(at)] = { std::numeric_limits<double>::infinity(), 0, at };
            m_packedValue[std::size_t(at)] = m_value[i];
            continue;
        }
        m_packed[std::size_t(at)] = { m_nodes.threshold[i], m_nodes.feature[i], next };
        queue.push_back({ m_nodes.left[i], next });
        queue.push_back({ m_nodes.right[i], next + 1 });
        next += 2;
    }
}

double IsolationTree::pathLength(std::span<const double> row) const
{
    const Packed* nodes = m_packed.data();
    int at = 0;
    for (int step = 0; step < m_maxDepth; ++step) {
        const Packed& node = nodes[at];
        at = node.left + (row[std::size_t(node.feature)] > node.threshold ? 1 : 0);
    }
    return m_packedValue[std::size_t(at)];
}

void IsolationTree::addPathLengths(const FeatureMatrix& x, int begin, int end, double* sums) const
{
    // Sixteen rows walk the tree together: independent loads overlap instead of waiting in turn.
    constexpr int kLanes = 16;
    const Packed* nodes = m_packed.data();
    const double* values = x.values().data();
    const auto columns = std::size_t(x.columns());
    int r = begin;
    for (; r + kLanes <= end; r += kLanes) {
        int at[kLanes] = {};
        const double* row[kLanes];
        for (int k = 0; k < kLanes; ++k)
            row[k] = values + std::size_t(r + k) * columns;
        for (int step = 0; step < m_maxDepth; ++step) {
            for (int k = 0; k < kLanes; ++k) {
                const Packed& node = nodes[at[k]];
                at[k] = node.left + (row[k][node.feature] > node.threshold ? 1 : 0);
            }
        }
        for (int k = 0; k < kLanes; ++k)
            sums[r + k] += m_packedValue[std::size_t(at[k])];
    }
    for (; r < end; ++r)
        sums[r] += pathLength(x.row(r));
}

int IsolationTree::leafFor(std::span<const double> row) const
{
    int node = 0;
    const int* feature = m_nodes.feature.data();
    while (feature[node] >= 0) {
        node = row[std::size_t(feature[node])] <= m_nodes.threshold[std::size_t(node)] ? m_nodes.left[std::size_t(node)]
                                                                                        : m_nodes.right[std::size_t(node)];
    }
    return node;
}

} // namespace runlens::model
