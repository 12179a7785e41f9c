#include "cliworkspacelock.h"

#include "workspace/workspacelock.h"

#include <QDir>
#include <QFileInfo>

namespace runlens::cli {

std::unique_ptr<workspace::WorkspaceLock> lockWorkspace(
    CliContext& ctx, const QString& command, const QString& dir, WorkspaceNeed need, WhenLocked whenLocked)
{
    if (need == WorkspaceNeed::MustExist && !QFileInfo::exists(QDir(dir).filePath(QStringLiteral("runlens.db")))) {
        ctx.err << "runlens-cli " << command << ": '" << dir
                << "' is not a workspace (no runlens.db): import or collect into it, then analyze\n";
        ctx.err.flush();
        return nullptr;
    }
    auto lock = std::make_unique<workspace::WorkspaceLock>(dir);
    if (Status s = lock->lock(); !s) {
        const bool readOnly = whenLocked == WhenLocked::ReadOnly;
        ctx.err << "runlens-cli " << command << ": " << s.error()
                << (readOnly ? QStringLiteral(": reading it only, nothing is stored in it") : QString()) << "\n";
        ctx.err.flush();
        if (!readOnly)
            return nullptr;
    }
    return lock;
}

} // namespace runlens::cli
