#pragma once

#include "logs/logsource.h"
#include "taxonomy/memoryhit.h"

#include <QString>

#include <optional>
#include <vector>

namespace runlens::logs {

// Where a run failed: the line a log viewer opens at.
struct FailureLocation
{
    QString entry; // entry name in the run's LogSource
    qint64 line = 0; // 1-based
    QString jobName; // the job of `entry`
};

// Where the run in `source` failed, from its taxonomy hits (RunScanner::scan): the hit marked final
// (docs/taxonomy.md); else the last `##[error]` line of the first whole-job log (or single log) that has
// one, which is the failing step's; else the last line of the last job log's last step before the job's
// cleanup (without an `##[error]` line the logs do not say which job failed; a failing job is usually the
// last to run).
// Empty for a run without logs.
std::optional<FailureLocation> failureLocation(const LogSource& source, const std::vector<MemoryHit>& hits);

// Every `##[error]` line of the whole-job logs (or the single log) of `source`, in entry and line order:
// the steps that failed, for a step tree to mark. Entries that cannot be read are left out.
std::vector<FailureLocation> errorLocations(const LogSource& source);

} // namespace runlens::logs
