#include "rowblock.h"

#include "featurematrix.h"

#include <algorithm>

namespace runlens::model {

RowBlock::RowBlock(const FeatureMatrix& x, int begin, int end)
    : m_groupSize(std::size_t(kLanes) * std::size_t(x.columns()))
    , m_rows(end - begin)
    , m_values(std::make_unique_for_overwrite<double[]>(std::size_t(groups()) * m_groupSize))
{
    const auto columns = std::size_t(x.columns());
    const double* row = x.values().data() + std::size_t(begin) * columns;
    for (int g = 0; g < groups(); ++g) {
        double* group = m_values.get() + std::size_t(g) * m_groupSize;
        const int lanes = std::min(kLanes, m_rows - g * kLanes);
        for (int k = 0; k < kLanes; ++k) {
            // Padding lanes get zeros: finite, so they walk like any row; their sums are dropped.
            for (std::size_t f = 0; f < columns; ++f)
                group[f * kLanes + std::size_t(k)] = k < lanes ? row[f] : 0.0;
            if (k < lanes)
                row += columns;
        }
    }
}

} // namespace runlens::model
