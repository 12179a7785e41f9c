#pragma once

#include "workspace/seedfolder.h"

#include <QFuture>
#include <QString>

namespace runlens::pipeline {

// The outcome of an import or export of the old pipeline's folder layout, as a value for the GUI.
struct SeedTransferResult
{
    QString error; // names the folder or file; empty on success
    workspace::SeedTransferSummary summary;
};

// SeedFolder::importFolder / exportFolder off the calling thread, with their own workspace connection,
// progress (runs done of runs in all, with text) and cancel (the future's cancel(); a canceled result
// has summary.canceled set and what was done so far stays in the workspace).
QFuture<SeedTransferResult> importSeedFolder(const QString& workspaceDir, const QString& seedDir);
QFuture<SeedTransferResult> exportSeedLayout(const QString& workspaceDir, const QString& outDir);

} // namespace runlens::pipeline
