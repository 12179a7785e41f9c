#include "rowblock.h"

#include "featurematrix.h"

namespace runlens::model {

RowBlock::RowBlock(const FeatureMatrix& x, int begin, int end)
    : m_groupSize(std::size_t(kLanes) * std::size_t(x.columns()))
    , m_rows(end - begin)
{
    m_values.assign(std::size_t(groups()) * m_groupSize, 0.0);
    const auto columns = std::size_t(x.columns());
    for (int r = 0; r < m_rows; ++r) {
        double* group = m_values.data() + std::size_t(r / kLanes) * m_groupSize + std::size_t(r % kLanes);
        const std::span<const double> row = x.row(begin + r);
        for (std::size_t f = 0; f < columns; ++f)
            group[f * kLanes] = row[f];
    }
}

} // namespace runlens::model
