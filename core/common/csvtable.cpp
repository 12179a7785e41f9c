#include "csvtable.h"

#include <QFile>

#include <charconv>
#include <cmath>

namespace runlens {

Result<CsvTable> CsvTable::read(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("file '%1': cannot read: %2").arg(path, file.errorString()));
    return parse(file.readAll(), QStringLiteral("file '%1'").arg(path));
}

Result<CsvTable> CsvTable::parse(const QByteArray& data, const QString& what)
{
    QString text = QString::fromUtf8(data);
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);

    CsvTable table;
    table.m_what = what;
    QStringList record;
    QString field;
    bool inQuotes = false;
    bool haveHeader = false;
    bool recordHasContent = false;
    int line = 1;
    int recordLine = 1;
    const auto endRecord = [&]() -> Status {
        record.append(field);
        field.clear();
        if (!recordHasContent && record.size() == 1 && record.first().isEmpty()) {
            record.clear(); // blank line
            return {};
        }
        if (!haveHeader) {
            haveHeader = true;
            table.m_header = record;
            for (QString& h : table.m_header)
                h = h.trimmed();
            record.clear();
            return {};
        }
        if (record.size() != table.m_header.size())
            return makeError(QStringLiteral("%1, line %2: %3 fields, the header has %4")
                                 .arg(what)
                                 .arg(recordLine)
                                 .arg(record.size())
                                 .arg(table.m_header.size()));
        table.m_rows.push_back(record);
        table.m_lines.push_back(recordLine);
        record.clear();
        return {};
    };

    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (inQuotes) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                    field.append(c);
                    ++i;
                } else {
                    inQuotes = false;
                }
            } else {
                if (c == QLatin1Char('\n'))
                    ++line;
                field.append(c);
            }
            continue;
        }
        if (c == QLatin1Char('"')) {
            inQuotes = true;
            recordHasContent = true;
        } else if (c == QLatin1Char(',')) {
            record.append(field);
            field.clear();
            recordHasContent = true;
        } else if (c == QLatin1Char('\n') || c == QLatin1Char('\r')) {
            if (c == QLatin1Char('\r') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('\n'))
                ++i;
            if (Status ok = endRecord(); !ok)
                return makeError(ok.error());
            recordHasContent = false;
            ++line;
            recordLine = line;
        } else {
            field.append(c);
            recordHasContent = true;
        }
    }
    if (inQuotes)
        return makeError(QStringLiteral("%1, line %2: a quoted field is not closed").arg(what).arg(recordLine));
    if (recordHasContent || !field.isEmpty()) {
        if (Status ok = endRecord(); !ok)
            return makeError(ok.error());
    }
    if (table.m_header.isEmpty())
        return makeError(QStringLiteral("%1: empty, no header line").arg(what));
    return table;
}

Result<double> CsvTable::number(int row, int column) const
{
    const QString cell = m_rows[std::size_t(row)].value(column).trimmed();
    // std::from_chars: locale-independent and far cheaper than QString::toDouble on big tables.
    const QByteArray text = cell.toUtf8();
    const char* begin = text.constData();
    const char* end = begin + text.size();
    if (begin != end && *begin == '+')
        ++begin;
    double value = 0.0;
    const auto [stop, error] = std::from_chars(begin, end, value);
    const bool ok = begin != end && error == std::errc() && stop == end;
    if (!ok || !std::isfinite(value)) {
        return makeError(QStringLiteral("%1, line %2, column '%3': '%4' is not a finite number")
                             .arg(m_what)
                             .arg(lineOf(row))
                             .arg(m_header.value(column), cell));
    }
    return value;
}

QString CsvTable::quote(const QString& field)
{
    if (!field.contains(QLatin1Char(',')) && !field.contains(QLatin1Char('"')) && !field.contains(QLatin1Char('\n'))
        && !field.contains(QLatin1Char('\r')))
        return field;
    QString quoted = field;
    quoted.replace(QStringLiteral("\""), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString CsvTable::line(const QStringList& fields)
{
    QStringList quoted;
    quoted.reserve(fields.size());
    for (const QString& field : fields)
        quoted.append(quote(field));
    return quoted.join(QLatin1Char(',')) + QLatin1Char('\n');
}

} // namespace runlens
