#pragma once

#include "common/result.h"

#include <QStringList>

#include <span>
#include <vector>

namespace runlens::model {

// Rows = runs (or any samples), columns = named numeric features; row-major doubles.
class FeatureMatrix
{
public:
    FeatureMatrix() = default;
    // A rows x columns matrix of zeros. `names` is empty or holds one name per column.
    FeatureMatrix(int rows, int columns, QStringList names = {});

    // Takes `values` (row-major, a multiple of `columns` long). Refuses a size mismatch and
    // NaN/inf values, naming the row and column.
    static Result<FeatureMatrix> fromValues(std::vector<double> values, int columns, QStringList names = {});

    int rows() const { return m_rows; }
    int columns() const { return m_columns; }
    double at(int row, int column) const
    {
        return m_values[std::size_t(row) * std::size_t(m_columns) + std::size_t(column)];
    }
    void set(int row, int column, double value)
    {
        m_values[std::size_t(row) * std::size_t(m_columns) + std::size_t(column)] = value;
    }
    std::span<const double> row(int row) const
    {
        return std::span<const double>(m_values).subspan(
            std::size_t(row) * std::size_t(m_columns), std::size_t(m_columns));
    }
    std::span<const double> values() const { return m_values; }

    // One name per column; "f0", "f1", ... when none were given.
    const QStringList& featureNames() const { return m_names; }

    // An error naming the first non-finite cell ("row 3, column 'cpu': value is NaN"), else success.
    Status checkFinite() const;

private:
    std::vector<double> m_values;
    QStringList m_names;
    int m_rows = 0;
    int m_columns = 0;
};

} // namespace runlens::model
