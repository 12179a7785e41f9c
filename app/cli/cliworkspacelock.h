#pragma once

#include "clicommand.h"
#include "workspace/workspacelock.h"

#include <memory>

namespace runlens::cli {

enum class WorkspaceNeed { MayCreate, MustExist };

// Takes the lock of workspace `dir` for a writing command. On failure prints
// "runlens-cli <command>: workspace DIR is in use by PID N (host H)" and returns null (exit 1). With
// MustExist, a folder without runlens.db is refused ("is not a workspace") before anything is created.
std::unique_ptr<workspace::WorkspaceLock> lockWorkspace(
    CliContext& ctx, const QString& command, const QString& dir, WorkspaceNeed need = WorkspaceNeed::MustExist);

} // namespace runlens::cli
