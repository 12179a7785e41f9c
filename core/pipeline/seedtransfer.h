#pragma once

#include "common/result.h"
#include "workspace/seedfolder.h"

#include <QFuture>
#include <QString>

namespace runlens::pipeline {

// SeedFolder::importFolder / exportFolder off the calling thread, with their own workspace connection,
// progress (runs done of runs in all, with text) and cancel (the future's cancel(); a canceled summary
// has `canceled` set and what was done so far stays in the workspace). An error names the folder or file.
QFuture<Result<workspace::SeedTransferSummary>> importSeedFolder(const QString& workspaceDir, const QString& seedDir);
QFuture<Result<workspace::SeedTransferSummary>> exportSeedLayout(const QString& workspaceDir, const QString& outDir);

} // namespace runlens::pipeline
