#include "treeshap.h"

#include "parallelfor.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace runlens::model {

namespace {
constexpr int kRowsPerChunk = 128;
constexpr int kTabulateFromRows = 32;

struct PathElement
{
    int feature;
    double zeroFraction;
    double oneFraction;
    double weight;
};

// The three path operations of Algorithm 2, as in shap's tree_shap.h.
void extendPath(PathElement* path, int depth, double zeroFraction, double oneFraction, int feature)
{
    path[depth] = { feature, zeroFraction, oneFraction, depth == 0 ? 1.0 : 0.0 };
    for (int i = depth - 1; i >= 0; --i) {
        path[i + 1].weight += oneFraction * path[i].weight * (i + 1) / double(depth + 1);
        path[i].weight = zeroFraction * path[i].weight * (depth - i) / double(depth + 1);
    }
}

void unwindPath(PathElement* path, int depth, int index)
{
    const double oneFraction = path[index].oneFraction;
    const double zeroFraction = path[index].zeroFraction;
    double nextOnePortion = path[depth].weight;
    for (int i = depth - 1; i >= 0; --i) {
        if (oneFraction != 0.0) {
            const double tmp = path[i].weight;
            path[i].weight = nextOnePortion * (depth + 1) / ((i + 1) * oneFraction);
            nextOnePortion = tmp - path[i].weight * zeroFraction * (depth - i) / double(depth + 1);
        } else {
            path[i].weight = path[i].weight * (depth + 1) / (zeroFraction * (depth - i));
        }
    }
    for (int i = index; i < depth; ++i) {
        path[i].feature = path[i + 1].feature;
        path[i].zeroFraction = path[i + 1].zeroFraction;
        path[i].oneFraction = path[i + 1].oneFraction;
    }
}

double unwoundPathSum(const PathElement* path, int depth, int index)
{
    const double oneFraction = path[index].oneFraction;
    const double zeroFraction = path[index].zeroFraction;
    double nextOnePortion = path[depth].weight;
    double total = 0.0;
    for (int i = depth - 1; i >= 0; --i) {
        if (oneFraction != 0.0) {
            const double tmp = nextOnePortion * (depth + 1) / ((i + 1) * oneFraction);
            total += tmp;
            nextOnePortion = path[i].weight - tmp * zeroFraction * ((depth - i) / double(depth + 1));
        } else if (zeroFraction != 0.0) {
            total += (path[i].weight / zeroFraction) / ((depth - i) / double(depth + 1));
        }
    }
    return total;
}

struct TreeWalk
{
    const IsolationTree::Nodes& nodes;
    const IsolationTree& tree;
    std::span<const double> row;
    double* phi;

    void recurse(
        int node, PathElement* parentPath, int depth, double parentZero, double parentOne, int parentFeature) const
    {
        PathElement* path = parentPath + depth + 1;
        std::copy(parentPath, parentPath + depth + 1, path);
        extendPath(path, depth, parentZero, parentOne, parentFeature);

        const int feature = nodes.feature[std::size_t(node)];
        if (feature < 0) {
            const double value = tree.leafValue(node);
            for (int i = 1; i <= depth; ++i) {
                const double w = unwoundPathSum(path, depth, i);
                const PathElement& el = path[i];
                phi[el.feature] += w * (el.oneFraction - el.zeroFraction) * value;
            }
            return;
        }
        const int left = nodes.left[std::size_t(node)];
        const int right = nodes.right[std::size_t(node)];
        const bool goesLeft = row[std::size_t(feature)] <= nodes.threshold[std::size_t(node)];
        const int hot = goesLeft ? left : right;
        const int cold = goesLeft ? right : left;
        const double cover = nodes.samples[std::size_t(node)];
        const double hotZero = nodes.samples[std::size_t(hot)] / cover;
        const double coldZero = nodes.samples[std::size_t(cold)] / cover;
        double incomingZero = 1.0;
        double incomingOne = 1.0;

        // A feature already on the path is unwound and re-extended with the combined fractions.
        int index = 0;
        for (; index <= depth; ++index) {
            if (path[index].feature == feature)
                break;
        }
        if (index != depth + 1) {
            incomingZero = path[index].zeroFraction;
            incomingOne = path[index].oneFraction;
            unwindPath(path, depth, index);
            --depth;
        }
        recurse(hot, path, depth + 1, hotZero * incomingZero, incomingOne, feature);
        recurse(cold, path, depth + 1, coldZero * incomingZero, 0.0, feature);
    }
};

// Path-dependent TreeSHAP in tabulated form. In an isolation tree every one_fraction is 0 or 1, so
// a leaf's share of phi depends only on S, the set of its path's features whose splits the row
// follows. With z_j the product of cover ratios of the path's splits on feature j, d the number
// of distinct features on the path, w(k) = k!(d-1-k)!/d! and
//   B(T) = sum over U subset of T of w(|U|) * prod_{j not in U} z_j,
// the leaf adds v (1 - z_i) / z_i * B(S \ {i}) to phi_i for i in S and -v B(S) for i not in S
// (Algorithm 2's unwound path sums, with the 0/1 one_fractions substituted). B is tabulated per
// leaf over all 2^d subsets, which turns the O(L D^2) per-row cost into O(L D).
struct TabulatedTree
{
    struct Leaf
    {
        int width = 0; // distinct features on the path
        std::size_t table = 0; // offset into `table` (2^width entries)
        std::size_t slot = 0; // offset into slotFeature / slotCoefficient (width entries)
    };
    std::vector<int> nodeSlot; // per internal node: the path slot of its split feature
    std::vector<int> leafOf; // per node: index into leaves, -1 for an internal node
    struct Packed
    {
        double threshold;
        int feature; // -1 at a leaf
        int left;
        int right;
        int slotOrLeaf; // nodeSlot, or leafOf at a leaf
    };
    std::vector<Packed> packed;
    std::vector<Leaf> leaves;
    std::vector<int> slotFeature;
    std::vector<double> slotCoefficient; // (1 - z) / z
    std::vector<double> table; // v * B(T)
    bool ok = false;

    // 2^8 doubles per leaf at most (about 50 MB for 100 default trees in the worst case); deeper
    // or wider trees fall back to the recursive Algorithm 2.
    static constexpr int kMaxSlots = 8;
    static constexpr int kMaxDepth = 30;

    void build(const IsolationTree& tree, int featureCount)
    {
        if (std::min(tree.maxDepth(), featureCount) > kMaxSlots || tree.maxDepth() > kMaxDepth)
            return;
        const IsolationTree::Nodes& nodes = tree.nodes();
        nodeSlot.assign(std::size_t(tree.nodeCount()), -1);
        leafOf.assign(std::size_t(tree.nodeCount()), -1);
        std::vector<int> features;
        std::vector<double> zeros;
        grow(tree, nodes, 0, features, zeros);
        packed.resize(std::size_t(tree.nodeCount()));
        for (std::size_t n = 0; n < packed.size(); ++n) {
            const bool leaf = nodes.feature[n] < 0;
            packed[n] = { nodes.threshold[n], nodes.feature[n], nodes.left[n], nodes.right[n],
                leaf ? leafOf[n] : nodeSlot[n] };
        }
        ok = true;
    }

    void grow(const IsolationTree& tree, const IsolationTree::Nodes& nodes, int node, std::vector<int>& features,
        std::vector<double>& zeros)
    {
        const auto n = std::size_t(node);
        if (tree.isLeaf(node)) {
            addLeaf(node, tree.leafValue(node), features, zeros);
            return;
        }
        const int feature = nodes.feature[n];
        auto at = std::find(features.begin(), features.end(), feature);
        const bool added = at == features.end();
        if (added) {
            features.push_back(feature);
            zeros.push_back(1.0);
            at = features.end() - 1;
        }
        const auto slot = std::size_t(at - features.begin());
        nodeSlot[n] = int(slot);
        const double before = zeros[slot];
        for (const int child : { nodes.left[n], nodes.right[n] }) {
            zeros[slot] = before * nodes.samples[std::size_t(child)] / double(nodes.samples[n]);
            grow(tree, nodes, child, features, zeros);
        }
        zeros[slot] = before;
        if (added) {
            features.pop_back();
            zeros.pop_back();
        }
    }

    void addLeaf(int node, double value, const std::vector<int>& features, const std::vector<double>& zeros)
    {
        const int d = int(features.size());
        const std::size_t size = std::size_t(1) << d;
        Leaf leaf { d, table.size(), slotFeature.size() };
        leafOf[std::size_t(node)] = int(leaves.size());
        leaves.push_back(leaf);
        for (int i = 0; i < d; ++i) {
            slotFeature.push_back(features[std::size_t(i)]);
            slotCoefficient.push_back((1.0 - zeros[std::size_t(i)]) / zeros[std::size_t(i)]);
        }
        // w(k) = k! (d-1-k)! / d!, built by the ratio w(k+1) / w(k) = (k+1) / (d-1-k).
        std::vector<double> w(std::size_t(d) + 1, 0.0);
        if (d > 0) {
            w[0] = 1.0 / d;
            for (int k = 0; k + 1 < d; ++k)
                w[std::size_t(k) + 1] = w[std::size_t(k)] * (k + 1) / double(d - 1 - k);
        }
        // term[U] = w(|U|) * prod of z_j for j not in U; inside[U] = prod of z_j for j in U.
        std::vector<double> inside(size, 1.0);
        std::vector<int> bits(size, 0);
        for (std::size_t u = 1; u < size; ++u) {
            inside[u] = inside[u & (u - 1)] * zeros[std::size_t(std::countr_zero(u))];
            bits[u] = bits[u & (u - 1)] + 1;
        }
        const std::size_t full = size - 1;
        std::vector<double> term(size);
        for (std::size_t u = 0; u < size; ++u)
            term[u] = w[std::size_t(bits[u])] * inside[full ^ u];
        table.resize(table.size() + size);
        double* b = table.data() + leaf.table;
        for (std::size_t t = 0; t < size; ++t) {
            double sum = 0.0;
            for (std::size_t u = t;; u = (u - 1) & t) {
                sum += term[u];
                if (u == 0)
                    break;
            }
            b[t] = value * sum;
        }
    }

    void add(std::span<const double> row, double* phi) const
    {
        struct Item
        {
            int node;
            unsigned failed; // slots whose splits the row does not follow
        };
        Item stack[kMaxDepth + 2]; // depth-first: at most one pending sibling per level
        int top = 0;
        stack[top++] = { 0, 0u };
        while (top > 0) {
            const Item item = stack[--top];
            const Packed& node = packed[std::size_t(item.node)];
            if (node.feature < 0) {
                const Leaf& leaf = leaves[std::size_t(node.slotOrLeaf)];
                const unsigned full = (1u << leaf.width) - 1u;
                const unsigned s = full & ~item.failed;
                const double* b = table.data() + leaf.table;
                const double bs = b[s];
                const int* feature = slotFeature.data() + leaf.slot;
                const double* coefficient = slotCoefficient.data() + leaf.slot;
                for (int i = 0; i < leaf.width; ++i) {
                    if (s & (1u << i))
                        phi[feature[i]] += coefficient[i] * b[s & ~(1u << i)];
                    else
                        phi[feature[i]] -= bs;
                }
                continue;
            }
            const bool goesLeft = row[std::size_t(node.feature)] <= node.threshold;
            const unsigned bit = 1u << node.slotOrLeaf;
            stack[top++] = { goesLeft ? node.right : node.left, item.failed | bit };
            stack[top++] = { goesLeft ? node.left : node.right, item.failed };
        }
    }
};

} // namespace

TreeShap::TreeShap(IsolationForest forest)
    : m_forest(std::move(forest))
{
    int maxDepth = 0;
    double sum = 0.0;
    for (const IsolationTree& tree : m_forest.trees()) {
        maxDepth = std::max(maxDepth, tree.maxDepth());
        const IsolationTree::Nodes& nodes = tree.nodes();
        const double rootCover = nodes.samples.front();
        double expected = 0.0;
        for (int n = 0; n < tree.nodeCount(); ++n) {
            if (tree.isLeaf(n))
                expected += nodes.samples[std::size_t(n)] / rootCover * tree.leafValue(n);
        }
        sum += expected;
    }
    m_baseValue = m_forest.trees().empty() ? 0.0 : sum / double(m_forest.trees().size());
    // Each recursion level copies at most depth + 2 elements after its parent's.
    const auto levels = std::size_t(maxDepth + 4);
    m_pathBufferSize = levels * (levels + 1) / 2;
}

void TreeShap::explainRow(std::span<const double> row, std::span<double> phi) const
{
    std::fill(phi.begin(), phi.end(), 0.0);
    std::vector<PathElement> buffer(m_pathBufferSize);
    for (const IsolationTree& tree : m_forest.trees()) {
        const TreeWalk walk { tree.nodes(), tree, row, phi.data() };
        walk.recurse(0, buffer.data(), 0, 1.0, 1.0, -1);
    }
    const double trees = double(m_forest.trees().size());
    for (double& v : phi)
        v /= trees;
}

std::vector<double> TreeShap::explainRow(std::span<const double> row) const
{
    std::vector<double> phi(std::size_t(m_forest.featureCount()));
    explainRow(row, phi);
    return phi;
}

Result<FeatureMatrix> TreeShap::explain(const FeatureMatrix& x, const CancelCheck& cancel) const
{
    if (m_forest.trees().empty())
        return makeError(QStringLiteral("TreeSHAP: the forest has not been trained"));
    if (x.columns() != m_forest.featureCount())
        return makeError(QStringLiteral("TreeSHAP: data has %1 columns, the forest was trained on %2")
                             .arg(x.columns())
                             .arg(m_forest.featureCount()));
    if (Status finite = x.checkFinite(); !finite)
        return makeError(finite.error());

    // Tables cost about 3^depth per leaf: worth it from a few dozen rows on.
    const std::vector<IsolationTree>& trees = m_forest.trees();
    std::vector<TabulatedTree> tables(x.rows() >= kTabulateFromRows ? trees.size() : 0);
    const Status built = parallelFor(
        int(tables.size()), cancel, [&](int t) { tables[std::size_t(t)].build(trees[std::size_t(t)], x.columns()); },
        [](int t) { return QStringLiteral("tree %1").arg(t); });
    if (!built)
        return makeError(QStringLiteral("TreeSHAP: tabulating: ") + built.error());

    std::vector<double> out(std::size_t(x.rows()) * std::size_t(x.columns()));
    const auto columns = std::size_t(x.columns());
    const Status explained = parallelForRows(x.rows(), kRowsPerChunk, cancel, [&](int begin, int end) {
        // Tree-major inside the chunk keeps one tree's tables in cache for all its rows; each
        // row still sums its trees in index order, so results do not depend on chunking.
        std::vector<PathElement> buffer(m_pathBufferSize);
        for (std::size_t t = 0; t < trees.size(); ++t) {
            if (cancel.canceled())
                return;
            for (int r = begin; r < end; ++r) {
                const std::span<const double> row = x.row(r);
                double* phi = out.data() + std::size_t(r) * columns;
                if (t < tables.size() && tables[t].ok) {
                    tables[t].add(row, phi);
                } else {
                    const TreeWalk walk { trees[t].nodes(), trees[t], row, phi };
                    walk.recurse(0, buffer.data(), 0, 1.0, 1.0, -1);
                }
            }
        }
        for (int r = begin; r < end; ++r) {
            double* phi = out.data() + std::size_t(r) * columns;
            for (std::size_t c = 0; c < columns; ++c)
                phi[c] /= double(trees.size());
        }
    });
    if (!explained)
        return makeError(QStringLiteral("TreeSHAP: ") + explained.error());
    return FeatureMatrix::fromValues(std::move(out), x.columns(), x.featureNames());
}

double TreeShap::toLog2ScoreUnits(double contribution) const
{
    const double c = m_forest.averagePathLengthMaxSamples();
    return c != 0.0 ? contribution / -c : 0.0;
}

std::vector<FeatureContribution> TreeShap::topContributions(
    std::span<const double> row, std::span<const double> contributions, int k)
{
    std::vector<FeatureContribution> all;
    all.reserve(contributions.size());
    for (std::size_t i = 0; i < contributions.size(); ++i)
        all.push_back({ int(i), i < row.size() ? row[i] : 0.0, contributions[i] });
    std::stable_sort(all.begin(), all.end(), [](const FeatureContribution& a, const FeatureContribution& b) {
        return std::abs(a.contribution) > std::abs(b.contribution);
    });
    if (k > 0 && std::size_t(k) < all.size())
        all.resize(std::size_t(k));
    return all;
}

std::vector<FeatureContribution> TreeShap::topContributions(std::span<const double> row, int k) const
{
    return topContributions(row, explainRow(row), k);
}

} // namespace runlens::model
