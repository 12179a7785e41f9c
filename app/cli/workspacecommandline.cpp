#include "workspacecommandline.h"

#include "workspace/workspace.h"

namespace runlens::cli {

WorkspaceCommandLine::WorkspaceCommandLine(const QString& command, CliContext& ctx)
    : CommandLine(command, ctx)
{
}

WorkspaceCommandLine::~WorkspaceCommandLine() = default;

std::optional<int> WorkspaceCommandLine::openWorkspace(workspace::Workspace& workspace) const
{
    if (Status s = workspace.open(workspaceDir()); !s)
        return fail(s.error());
    return std::nullopt;
}

std::optional<int> WorkspaceCommandLine::lockWorkspace(WorkspaceNeed need, WhenLocked whenLocked)
{
    m_lock = cli::lockWorkspace(context(), command().name, workspaceDir(), need, whenLocked);
    if (!m_lock)
        return ExitFailed;
    return std::nullopt;
}

std::optional<int> WorkspaceCommandLine::openForWriting(workspace::Workspace& workspace, WorkspaceNeed need)
{
    if (const std::optional<int> exit = lockWorkspace(need))
        return exit;
    return openWorkspace(workspace);
}

} // namespace runlens::cli
