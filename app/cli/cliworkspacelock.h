#pragma once

#include "clicommand.h"
#include "workspace/workspacelock.h"

#include <memory>

namespace runlens::cli {

enum class WorkspaceNeed { MayCreate, MustExist };
// What a command does when it cannot take the lock (another process holds it, or the folder is read-only):
// refuse (it writes to the workspace), or go on reading it (its outputs go elsewhere).
enum class WhenLocked { Refuse, ReadOnly };

// Takes the lock of workspace `dir` for a writing command. On failure prints
// "runlens-cli <command>: workspace DIR is in use by PID N (host H)" and returns null (exit 1); with
// ReadOnly it prints that once with "reading it only, nothing is stored in it" and returns the lock
// unlocked (isReadOnly()). With MustExist, a folder without runlens.db is refused ("is not a workspace")
// before anything is created.
std::unique_ptr<workspace::WorkspaceLock> lockWorkspace(CliContext& ctx, const QString& command, const QString& dir,
    WorkspaceNeed need = WorkspaceNeed::MustExist, WhenLocked whenLocked = WhenLocked::Refuse);

} // namespace runlens::cli
