#include "isolationtree.h"

#include "averagepathlength.h"
#include "featurematrix.h"
#include "rowblock.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>

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

// The array 0, 1, 2, ... storing only the entries that were set, in an open-addressing table with
// linear probing kept at most a quarter full: no allocation per entry and short probes, which an
// std::unordered_map did not give (half the time of growing a tree went to its node allocations).
class SparsePermutation
{
public:
    explicit SparsePermutation(int maxEntries)
    {
        int bits = 2;
        while ((std::size_t(1) << bits) < 4 * std::size_t(maxEntries))
            ++bits;
        m_slots.assign(std::size_t(1) << bits, { kEmpty, 0 });
        m_mask = m_slots.size() - 1;
        m_shift = 64 - bits;
    }

    int at(int i) const
    {
        const Slot& slot = m_slots[find(i)];
        return slot.key == kEmpty ? i : slot.value;
    }
    void set(int i, int value) { m_slots[find(i)] = { i, value }; }

private:
    static constexpr int kEmpty = -1;
    struct Slot
    {
        int key;
        int value;
    };

    // The slot holding `key`, or the empty slot where it belongs.
    std::size_t find(int key) const
    {
        std::size_t slot = std::size_t((std::uint64_t(key) * 0x9E3779B97F4A7C15u) >> m_shift); // Fibonacci hashing
        while (m_slots[slot].key != key && m_slots[slot].key != kEmpty)
            slot = (slot + 1) & m_mask;
        return slot;
    }

    std::vector<Slot> m_slots;
    std::size_t m_mask = 0;
    int m_shift = 0;
};

struct Pending
{
    int node;
    int begin;
    int end;
    int depth;
};
} // namespace

IsolationTree IsolationTree::grow(
    const FeatureMatrix& x, int sampleSize, int maxDepth, quint64 seed, std::vector<int>* inBag)
{
    std::mt19937_64 rng(seed);
    const int n = x.rows();
    sampleSize = std::clamp(sampleSize, 1, std::max(n, 1));

    // Partial Fisher-Yates over a virtual 0..n-1 array: a uniform draw without replacement in
    // O(sampleSize), however many rows there are.
    std::vector<int> rows(static_cast<std::size_t>(sampleSize));
    SparsePermutation permutation(sampleSize);
    for (int i = 0; i < sampleSize; ++i) {
        const int j = i + uniformIndex(rng, n - i);
        const int vi = permutation.at(i);
        rows[std::size_t(i)] = permutation.at(j);
        permutation.set(j, vi);
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
    const auto value
        = [&local, size](int sample, int feature) { return local[std::size_t(feature) * size + std::size_t(sample)]; };
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
        // Branch-free partition (a row goes left about half the time, which a branch mispredicts);
        // the order within each side does not matter, nothing downstream depends on it.
        int split = p.begin;
        for (int i = p.begin; i < p.end; ++i) {
            const int r = rows[std::size_t(i)];
            const bool goesLeft = value(r, feature) <= threshold;
            rows[std::size_t(i)] = rows[std::size_t(split)];
            rows[std::size_t(split)] = r;
            split += goesLeft ? 1 : 0;
        }

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

int IsolationTree::maxDepthFor(int samples)
{
    return int(std::ceil(std::log2(std::max(samples, 2))));
}

Result<IsolationTree> IsolationTree::fromNodes(Nodes nodes, int featureCount, const QString& what)
{
    const std::size_t n = nodes.feature.size();
    if (n == 0)
        return makeError(QStringLiteral("%1: a tree has no nodes").arg(what));
    if (nodes.threshold.size() != n || nodes.left.size() != n || nodes.right.size() != n || nodes.samples.size() != n)
        return makeError(QStringLiteral("%1: node arrays of different lengths").arg(what));
    std::vector<int> parents(n, 0);
    std::vector<int> depth(n, 0); // final for node i once its parent, an earlier node, is checked
    for (std::size_t i = 0; i < n; ++i) {
        const int f = nodes.feature[i];
        const int l = nodes.left[i];
        const int r = nodes.right[i];
        if (nodes.samples[i] < 1)
            return makeError(QStringLiteral("%1: node %2 has n_samples %3; at least 1 expected")
                                 .arg(what)
                                 .arg(i)
                                 .arg(nodes.samples[i]));
        if (f < 0) {
            if (l != -1 || r != -1)
                return makeError(QStringLiteral("%1: leaf node %2 has children").arg(what).arg(i));
            continue;
        }
        if (f >= featureCount)
            return makeError(
                QStringLiteral("%1: node %2 splits on feature %3 of %4").arg(what).arg(i).arg(f).arg(featureCount));
        if (l <= int(i) || r <= int(i) || l >= int(n) || r >= int(n) || l == r)
            return makeError(QStringLiteral("%1: node %2 has invalid children %3, %4").arg(what).arg(i).arg(l).arg(r));
        ++parents[std::size_t(l)];
        ++parents[std::size_t(r)];
        depth[std::size_t(l)] = depth[std::size_t(r)] = depth[i] + 1;
    }
    for (std::size_t i = 1; i < n; ++i) {
        if (parents[i] != 1)
            return makeError(
                QStringLiteral("%1: node %2 is a child of %3 nodes; every node but the root has one parent")
                    .arg(what)
                    .arg(i)
                    .arg(parents[i]));
    }
    const int deepest = *std::max_element(depth.begin(), depth.end());
    const int depthLimit = maxDepthFor(nodes.samples.front());
    if (deepest > depthLimit)
        return makeError(QStringLiteral("%1: the tree is %2 levels deep; one grown on %3 samples has at most %4")
                             .arg(what)
                             .arg(deepest)
                             .arg(nodes.samples.front())
                             .arg(depthLimit));
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
    // The complete layout, filled depth first from (original node, position) pairs.
    const std::size_t firstLeaf = std::size_t(1) << m_maxDepth;
    m_walkFeatureOffset.assign(firstLeaf, 0);
    m_walkThreshold.assign(firstLeaf, std::numeric_limits<double>::infinity());
    m_walkValue.assign(firstLeaf, 0.0);
    std::vector<std::pair<int, std::size_t>> stack { { 0, 1 } };
    while (!stack.empty()) {
        const auto [node, at] = stack.back();
        stack.pop_back();
        const auto i = std::size_t(node);
        if (at >= firstLeaf) {
            m_walkValue[at - firstLeaf] = m_value[i];
        } else if (m_nodes.feature[i] < 0) {
            stack.push_back({ node, 2 * at }); // the +inf chain down the left
        } else {
            m_walkFeatureOffset[at] = std::uint32_t(m_nodes.feature[i]) * RowBlock::kLanes;
            m_walkThreshold[at] = m_nodes.threshold[i];
            stack.push_back({ m_nodes.left[i], 2 * at });
            stack.push_back({ m_nodes.right[i], 2 * at + 1 });
        }
    }
}

void IsolationTree::addPathLengths(const RowBlock& rows, double* sums) const
{
    // The lanes' steps are independent, so their loads overlap instead of waiting in turn.
    constexpr std::size_t kLanes = RowBlock::kLanes;
    const std::uint32_t* featureOffsets = m_walkFeatureOffset.data();
    const double* thresholds = m_walkThreshold.data();
    const std::size_t firstLeaf = m_walkValue.size();
    for (int g = 0; g < rows.groups(); ++g) {
        const double* group = rows.group(g).data();
        std::size_t at[kLanes];
        if (m_maxDepth == 0) {
            std::fill(std::begin(at), std::end(at), 1);
        } else {
            // Every lane starts at the root, whose feature and threshold need loading only once.
            const std::size_t rootOffset = featureOffsets[1];
            const double rootThreshold = thresholds[1];
            for (std::size_t k = 0; k < kLanes; ++k)
                at[k] = 2 + std::size_t(group[rootOffset + k] > rootThreshold);
        }
        for (int step = 1; step < m_maxDepth; ++step) {
            for (std::size_t k = 0; k < kLanes; ++k) {
                const double value = group[std::size_t(featureOffsets[at[k]]) + k];
                at[k] = 2 * at[k] + std::size_t(value > thresholds[at[k]]);
            }
        }
        const int lanes = std::min(int(kLanes), rows.rows() - g * int(kLanes)); // the rest is padding
        double* sum = sums + std::size_t(g) * kLanes;
        for (int k = 0; k < lanes; ++k)
            sum[k] += m_walkValue[at[k] - firstLeaf];
    }
}

int IsolationTree::leafFor(std::span<const double> row) const
{
    int node = 0;
    const int* feature = m_nodes.feature.data();
    while (feature[node] >= 0) {
        const auto i = std::size_t(node);
        node = row[std::size_t(feature[i])] > m_nodes.threshold[i] ? m_nodes.right[i] : m_nodes.left[i];
    }
    return node;
}

} // namespace runlens::model
