#pragma once

#include "common/result.h"

#include <QString>

namespace runlens::workspace {

// What a verified log ZIP holds.
struct ArchiveCheck
{
    int entries = 0;
    qint64 bytes = 0; // file size
    QString sha256; // hex of the whole file
};

// Opens `path` as a ZIP, walks the central directory and reads every entry so that each CRC is checked.
// The error names the file and the failing entry.
Result<ArchiveCheck> verifyZip(const QString& path);

} // namespace runlens::workspace
