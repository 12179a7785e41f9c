#pragma once

#include "logs/runsource.h"
#include "taxonomy/keywordhit.h"
#include "taxonomy/memoryhit.h"

#include <QList>
#include <QStringList>

#include <optional>
#include <vector>

namespace runlens::logs {

// What scanning one run found (RunScanner::scan(): for a run that could not be read completely, what was
// found before the failure, in its ScanFailure). Hits come in entry order, then line order.
struct RunScanResult
{
    RunSource source;
    std::vector<MemoryHit> hits;
    qint64 hitsOmitted = 0; // mentions beyond the per-entry evidence cap (counted, not kept)
    QList<MemoryCategory> categories; // distinct categories of the kept hits, in taxonomy order
    std::optional<MemoryCategory> finalCategory; // category of the first final hit
    std::vector<KeywordHit> keywordHits; // --naive: one per matched file
    QStringList matchedFiles; // memory_logs.txt lines: files with a memory hit (or a keyword, naive)
    qint64 entries = 0; // log files scanned
    qint64 bytes = 0; // uncompressed bytes scanned

    bool memoryFailure() const;
};

} // namespace runlens::logs
