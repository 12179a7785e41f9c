#pragma once

#include <memory>
#include <span>

namespace runlens::model {

class FeatureMatrix;

// Rows of a FeatureMatrix re-laid so that kLanes rows can walk a tree together: in groups of kLanes
// rows, each group feature-major (the kLanes values of feature 0, then those of feature 1, ...).
// A walk step then finds lane k's value of the node's feature f at group[f * kLanes + k], one
// offset per node instead of one row pointer per lane. The last group is padded with zeros.
class RowBlock
{
public:
    static constexpr int kLanes = 16;

    // Rows [begin, end) of `x`.
    RowBlock(const FeatureMatrix& x, int begin, int end);

    int rows() const { return m_rows; }
    int groups() const { return (m_rows + kLanes - 1) / kLanes; }
    // The kLanes * columns values of group g (rows g * kLanes, g * kLanes + 1, ...).
    std::span<const double> group(int g) const
    {
        return { m_values.get() + std::size_t(g) * m_groupSize, m_groupSize };
    }

private:
    std::size_t m_groupSize = 0;
    int m_rows = 0;
    std::unique_ptr<double[]> m_values; // every value written once: no zero-filling first
};

} // namespace runlens::model
