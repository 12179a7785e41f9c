#pragma once

#include "common/result.h"
#include "logs/archivelimits.h"

#include <QString>

namespace runlens::workspace {

// What a verified log ZIP holds.
struct ArchiveCheck
{
    int entries = 0;
    qint64 bytes = 0; // file size
    QString sha256; // hex of the whole file
};

// Opens `path` as a ZIP with ZipArchive's checks under `limits` (the ones reading applies), then reads
// every entry so that each CRC is checked. GitHub's 22-byte empty ZIP is a valid archive of 0 entries.
// The error names the file, the failing entry and the reason.
Result<ArchiveCheck> verifyZip(const QString& path, const logs::ArchiveLimits& limits = {});

} // namespace runlens::workspace
