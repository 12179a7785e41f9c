#include "csv.h"

#include "common/csvtable.h"

#include <QFile>

namespace runlens::workspace {

Result<CsvTable> readCsv(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("CSV '%1': cannot open: %2").arg(path, file.errorString()));
    QString text = QString::fromUtf8(file.readAll());
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);

    QList<QStringList> records;
    QStringList record;
    QString field;
    bool quoted = false;
    bool any = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                    field += QLatin1Char('"');
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field += c;
            }
            continue;
        }
        if (c == QLatin1Char('"')) {
            quoted = true;
            any = true;
        } else if (c == QLatin1Char(',')) {
            record.append(field);
            field.clear();
            any = true;
        } else if (c == QLatin1Char('\n') || c == QLatin1Char('\r')) {
            if (c == QLatin1Char('\r') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('\n'))
                ++i;
            if (any || !field.isEmpty()) {
                record.append(field);
                records.append(record);
            }
            record.clear();
            field.clear();
            any = false;
        } else {
            field += c;
            any = true;
        }
    }
    if (quoted)
        return makeError(QStringLiteral("CSV '%1': unterminated quoted field").arg(path));
    if (any || !field.isEmpty()) {
        record.append(field);
        records.append(record);
    }
    if (records.isEmpty())
        return makeError(QStringLiteral("CSV '%1': empty file, expected a header row").arg(path));
    CsvTable table;
    table.header = records.takeFirst();
    for (QString& h : table.header)
        h = h.trimmed();
    table.rows = std::move(records);
    return table;
}

QString csvField(const QString& value)
{
    return runlens::CsvTable::quote(value);
}

QString csvLine(const QStringList& fields)
{
    return runlens::CsvTable::line(fields);
}

} // namespace runlens::workspace
