#pragma once

#include "common/result.h"
#include "logs/runsource.h"
#include "taxonomy/runscanresult.h"
#include "taxonomy/scanfailure.h"

#include <QString>

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

namespace runlens::logs {

class Taxonomy;

struct ScanOptions
{
    bool naive = false; // the old pipeline's substring keywords instead of the taxonomy
    int maxHitsPerEntry = 64; // evidence kept per log file: the first N/2, the last N/2, and the final hit
    int threads = 0; // 0: QThreadPool's ideal count
};

// Finds memory failures in runs: streams every log file of a run (ZIP entries straight from the archive)
// in chunks, so memory stays flat in the corpus size, and scans runs in parallel.
class RunScanner
{
public:
    static Result<RunScanner> create(const ScanOptions& options = {});

    // The runs under `path`: a ZIP or a single log is one run; a seed-layout folder (workflow_runs.csv,
    // logs_failure/, logs_normal/) gives one run per sub-folder or ZIP of logs_failure/ and logs_normal/;
    // another folder is one run when it holds .txt logs, else one run per .zip in it.
    static Result<std::vector<RunSource>> discover(const QString& path);

    // Scans one run; thread-safe. An error names the run (or its entry) that could not be read completely and
    // carries what was found before it (foundIn()).
    RunScan scan(const RunSource& run) const;

    // Scans all runs in parallel and returns one Result per run, in input order: a run that cannot be
    // read is an error in its place and the others go on. `progress` (may be empty) is called from worker
    // threads after each run; `cancel` stops starting new runs (those are errors saying so).
    std::vector<RunScan> scanAll(const std::vector<RunSource>& runs,
        const std::function<void(const RunScan&)>& progress = {}, const std::atomic_bool* cancel = nullptr) const;

    const ScanOptions& options() const { return m_options; }

private:
    RunScanner(ScanOptions options, std::shared_ptr<const Taxonomy> taxonomy);

    ScanOptions m_options;
    std::shared_ptr<const Taxonomy> m_taxonomy;
};

} // namespace runlens::logs
