#pragma once

#include "common/result.h"
#include "taxonomy/runscanresult.h"

#include <QString>

namespace runlens::logs {

// Why a run could not be read completely (`message` names the run or its entry), with what scanning it
// found before that: the hits of a run killed mid-upload are its evidence.
struct ScanFailure
{
    QString message;
    RunScanResult partial;
};

// What RunScanner::scan() gives for one run.
using RunScan = Result<RunScanResult, ScanFailure>;

// What scanning found in a run: all of it, or what was read before the failure.
inline const RunScanResult& foundIn(const RunScan& scan)
{
    return scan ? *scan : scan.failure().partial;
}

} // namespace runlens::logs
