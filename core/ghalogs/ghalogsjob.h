#pragma once

#include "common/result.h"
#include "ghalogs/ghalogsimportoptions.h"
#include "ghalogs/ghalogsimportsummary.h"

#include <QFuture>

namespace runlens::ghalogs {

// GhaLogsImporter as a background job for the desktop: opens its own Workspace connection on the
// worker thread, reports progress (percent of runs.json.gz read, with a text) and stops at the next
// committed batch when the future is canceled; what was stored stays, and the next import finishes.
// An error Result names the workspace or the dataset; batches committed before it stay stored.
QFuture<Result<GhaLogsImportSummary>> importGhaLogs(const QString& workspaceDir, const GhaLogsImportOptions& options);

} // namespace runlens::ghalogs
