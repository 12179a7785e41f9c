#pragma once

#include "runrow.h"

#include "common/result.h"

#include <QList>
#include <QString>

namespace runlens::session {

// Builds the runs table's rows. load() opens its own Workspace connection, so call it on the thread
// that uses the result (e.g. inside QtConcurrent::run) and pass the rows back by value.
class RunRowsLoader
{
public:
    // Every run attempt of the workspace at `workspaceDir`, with archive and labels; errors name the folder.
    static Result<QList<RunRow>> load(const QString& workspaceDir);
};

} // namespace runlens::session
