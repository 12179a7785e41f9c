#pragma once

#include "common/result.h"

#include <QList>
#include <QStringList>

namespace runlens::workspace {

// A CSV table (RFC 4180: quoted fields, doubled quotes, CRLF or LF), first row the header.
struct CsvTable
{
    QStringList header;
    QList<QStringList> rows;

    // Index of `column` in the header, or -1.
    int column(const QString& name) const { return header.indexOf(name); }
};

Result<CsvTable> readCsv(const QString& path);
QString csvField(const QString& value);
QString csvLine(const QStringList& fields);

} // namespace runlens::workspace
