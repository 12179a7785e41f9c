#pragma once

#include <QtGlobal>

namespace runlens::logs {

// Limits that protect against hostile archives (zip bombs, entry floods). Declared sizes from the
// central directory are checked when an archive is opened; actual bytes are counted while streaming.
struct ArchiveLimits
{
    static constexpr qint64 kDefaultMaxTotalBytes = qint64(4) << 30; // 4 GiB uncompressed in all
    static constexpr qint64 kDefaultMaxEntryBytes = qint64(4) << 30; // 4 GiB uncompressed per entry
    static constexpr double kDefaultMaxRatio = 200.0; // uncompressed / compressed, per entry
    static constexpr qint64 kDefaultRatioMinBytes = qint64(1) << 20; // ratio checked from 1 MiB up
    static constexpr qint64 kDefaultMaxEntries = 100'000;

    qint64 maxTotalBytes = kDefaultMaxTotalBytes;
    qint64 maxEntryBytes = kDefaultMaxEntryBytes;
    double maxRatio = kDefaultMaxRatio;
    qint64 ratioMinBytes = kDefaultRatioMinBytes;
    qint64 maxEntries = kDefaultMaxEntries;
};

} // namespace runlens::logs
