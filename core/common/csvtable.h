#pragma once

#include "numericcsv.h"
#include "result.h"

#include <QByteArray>
#include <QStringList>

#include <vector>

namespace runlens {

// A CSV file with a header line (RFC 4180: quoted fields, "" inside quotes, LF or CRLF, an optional
// UTF-8 BOM). Errors name the file and line.
class CsvTable
{
public:
    static Result<CsvTable> read(const QString& path);
    // `what` names the input in errors, e.g. "file 'runs.csv'".
    static Result<CsvTable> parse(const QByteArray& data, const QString& what);

    // A numeric CSV streamed from `path` straight into doubles, a block at a time: no string per
    // cell, memory about the size of the values. Every column but `labelColumn` (when given) is a
    // feature. Same syntax as parse(); a cell that is not a finite number is refused as number()
    // refuses it ("file 'x.csv', line 7, column 'f3': 'abc' is not a finite number"), and so are a
    // missing label column, no feature column and no data row. A file of 2 MiB or more is parsed in
    // chunks on the computePool() threads when the pool has several, each chunk read a block at a time
    // (the same values and errors; of several bad records, the first in the file is named).
    static Result<NumericCsv> readNumeric(const QString& path, const QString& labelColumn = {});

    const QString& source() const { return m_what; }
    const QStringList& header() const { return m_header; }
    int rowCount() const { return int(m_rows.size()); }
    int columnCount() const { return int(m_header.size()); }
    const QStringList& row(int row) const { return m_rows[std::size_t(row)]; }
    // The 1-based line of the file where data row `row` starts.
    int lineOf(int row) const { return m_lines[std::size_t(row)]; }
    // Index of the header `name`, or -1.
    int columnIndex(const QString& name) const { return int(m_header.indexOf(name)); }

    // The cell as a number, or an error naming file, line and column ("... line 7, column 'f3':
    // 'abc' is not a number"). Surrounding spaces are ignored; empty, NaN and inf cells are refused.
    Result<double> number(int row, int column) const;

    // `field` quoted if it holds a comma, quote or line break.
    static QString quote(const QString& field);
    // One record: the fields quoted as needed, joined by commas, ending in '\n'.
    static QString line(const QStringList& fields);

private:
    QString m_what;
    QStringList m_header;
    std::vector<QStringList> m_rows;
    std::vector<int> m_lines;
};

} // namespace runlens
