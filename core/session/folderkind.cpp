#include "folderkind.h"

#include <QDir>
#include <QFileInfo>

namespace runlens::session {

FolderKind folderKindOf(const QString& dir)
{
    const QFileInfo info(dir);
    if (!info.isDir())
        return FolderKind::Missing;
    const QDir folder(dir);
    if (folder.exists(QStringLiteral("runlens.db")))
        return FolderKind::Workspace;
    if (folder.exists(QStringLiteral("workflow_runs.csv")) || folder.exists(QStringLiteral("logs_failure"))
        || folder.exists(QStringLiteral("logs_normal")))
        return FolderKind::OldPipeline;
    return folder.isEmpty(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot) ? FolderKind::Empty
                                                                                                 : FolderKind::Other;
}

} // namespace runlens::session
