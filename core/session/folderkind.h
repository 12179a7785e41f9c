#pragma once

#include <QString>

namespace runlens::session {

// What a folder chosen with Open Workspace holds, so that opening never writes into a folder the
// user did not mean as a workspace.
enum class FolderKind {
    Missing, // does not exist (or is not a folder)
    Empty, // exists and holds nothing: a workspace may be created in it
    Workspace, // holds runlens.db
    OldPipeline, // a folder of the old Python pipeline (workflow_runs.csv, logs_failure/, logs_normal/)
    Other, // holds other files
};

FolderKind folderKindOf(const QString& dir);

} // namespace runlens::session
