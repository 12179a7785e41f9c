#pragma once

#include "cliworkspacelock.h"
#include "commandline.h"

#include <memory>

namespace runlens::workspace {
class Workspace;
}

namespace runlens::cli {

// The CommandLine of a command that opens or writes its --workspace:
//   WorkspaceCommandLine cmd(kName, ctx);
//   cmd.addWorkspaceOption();
//   if (const std::optional<int> exit = cmd.parse(args))
//       return *exit;
//   workspace::Workspace ws;
//   if (const std::optional<int> exit = cmd.openWorkspace(ws))   // or openForWriting(ws) to write
//       return *exit;
// Apart from CommandLine because it links the workspace (SQLite): only runlens-cli's modules do.
class WorkspaceCommandLine : public CommandLine
{
public:
    WorkspaceCommandLine(const QString& command, CliContext& ctx);
    ~WorkspaceCommandLine();
    WorkspaceCommandLine(const WorkspaceCommandLine&) = delete;
    WorkspaceCommandLine& operator=(const WorkspaceCommandLine&) = delete;

    // Opens --workspace; on failure prints the error and returns ExitFailed.
    std::optional<int> openWorkspace(workspace::Workspace& workspace) const;
    // Takes --workspace's lock (one writer per workspace, held while this WorkspaceCommandLine lives); on
    // failure prints "workspace DIR is in use by PID N (host H)" (or "is not a workspace" with MustExist)
    // and returns ExitFailed. With WhenLocked::ReadOnly (a command whose outputs go elsewhere) a lock it
    // cannot take is noted once and the workspace is only read.
    std::optional<int> lockWorkspace(
        WorkspaceNeed need = WorkspaceNeed::MustExist, WhenLocked whenLocked = WhenLocked::Refuse);
    // lockWorkspace(), then openWorkspace().
    std::optional<int> openForWriting(workspace::Workspace& workspace, WorkspaceNeed need = WorkspaceNeed::MustExist);

private:
    std::unique_ptr<workspace::WorkspaceLock> m_lock;
};

} // namespace runlens::cli
