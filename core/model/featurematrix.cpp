#include "featurematrix.h"

#include <cmath>

namespace runlens::model {

namespace {
QStringList defaultNames(int columns)
{
    QStringList names;
    names.reserve(columns);
    for (int c = 0; c < columns; ++c)
        names.append(QStringLiteral("f%1").arg(c));
    return names;
}

// Whether every value is finite, in one branch-free pass the compiler vectorises: x - x is 0 for a
// finite x and NaN for NaN or +-inf, and a NaN survives the sums. Four sums keep the additions
// independent of each other.
bool allFinite(std::span<const double> values)
{
    constexpr std::size_t kSums = 4;
    double sums[kSums] = {};
    std::size_t i = 0;
    for (; i + kSums <= values.size(); i += kSums) {
        for (std::size_t j = 0; j < kSums; ++j)
            sums[j] += values[i + j] - values[i + j];
    }
    for (; i < values.size(); ++i)
        sums[0] += values[i] - values[i];
    return sums[0] + sums[1] + sums[2] + sums[3] == 0.0;
}
} // namespace

FeatureMatrix::FeatureMatrix(int rows, int columns, QStringList names)
    : m_values(std::size_t(std::max(rows, 0)) * std::size_t(std::max(columns, 0)), 0.0)
    , m_names(names.size() == columns ? std::move(names) : defaultNames(columns))
    , m_rows(std::max(rows, 0))
    , m_columns(std::max(columns, 0))
{
}

Result<FeatureMatrix> FeatureMatrix::fromValues(std::vector<double> values, int columns, QStringList names)
{
    if (columns <= 0)
        return makeError(QStringLiteral("feature matrix: %1 columns; at least one is needed").arg(columns));
    if (values.size() % std::size_t(columns) != 0)
        return makeError(
            QStringLiteral("feature matrix: %1 values do not fill rows of %2 columns").arg(values.size()).arg(columns));
    if (!names.isEmpty() && names.size() != columns)
        return makeError(
            QStringLiteral("feature matrix: %1 feature names for %2 columns").arg(names.size()).arg(columns));
    FeatureMatrix matrix;
    matrix.m_rows = int(values.size() / std::size_t(columns));
    matrix.m_columns = columns;
    matrix.m_values = std::move(values);
    matrix.m_names = names.isEmpty() ? defaultNames(columns) : std::move(names);
    if (Status finite = matrix.checkFinite(); !finite)
        return makeError(finite.error());
    return matrix;
}

Status FeatureMatrix::checkFinite() const
{
    if (allFinite(m_values))
        return {};
    for (int r = 0; r < m_rows; ++r) {
        for (int c = 0; c < m_columns; ++c) {
            const double v = at(r, c);
            if (!std::isfinite(v)) {
                return makeError(QStringLiteral("feature matrix: row %1, column %2 ('%3'): value is %4; "
                                                "NaN and infinite values are not accepted")
                                     .arg(r)
                                     .arg(c)
                                     .arg(m_names.value(c))
                                     .arg(std::isnan(v) ? QStringLiteral("NaN") : QStringLiteral("infinite")));
            }
        }
    }
    return {};
}

} // namespace runlens::model
