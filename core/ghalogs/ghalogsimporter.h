#pragma once

#include "common/result.h"
#include "ghalogs/ghalogsimportoptions.h"
#include "ghalogs/ghalogsimportsummary.h"

#include <atomic>
#include <functional>

namespace runlens::workspace {
class Workspace;
}

namespace runlens::ghalogs {

// Imports a GHALogs dataset into a workspace by streaming runs.json.gz once: runs, repositories,
// jobs and steps (log_insights) become rows, archives are referenced where the dataset keeps them.
// Commits every options.batchSize runs, so an interrupted import keeps what it stored and the next
// one skips it. Runs on the calling thread (the Workspace's); `cancel` is polled between records.
class GhaLogsImporter
{
public:
    using ProgressFn = std::function<void(const GhaLogsImportProgress&)>;

    GhaLogsImporter(workspace::Workspace& workspace, GhaLogsImportOptions options);
    Result<GhaLogsImportSummary> run(const std::atomic<bool>* cancel = nullptr, const ProgressFn& progress = {});

private:
    workspace::Workspace& m_ws;
    GhaLogsImportOptions m_options;
};

} // namespace runlens::ghalogs
