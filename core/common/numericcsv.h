#pragma once

#include <QStringList>

#include <vector>

namespace runlens {

// A numeric CSV read by CsvTable::readNumeric(): the feature columns as row-major doubles, and the
// label column, when one was named, apart.
struct NumericCsv
{
    QStringList featureNames; // header names of the feature columns, in file order
    std::vector<double> values; // rows x featureNames.size(), row-major
    std::vector<double> labels; // one per row; empty without a label column
    int rows = 0;
};

} // namespace runlens
