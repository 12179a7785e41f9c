#pragma once

#include "runrow.h"

#include "common/result.h"

#include <QList>
#include <QString>

#include <functional>

namespace runlens::session {

// Builds the runs table's rows. load() opens its own Workspace connection, so call it on the thread
// that uses the result (e.g. inside QtConcurrent::run) and pass the rows back by value.
class RunRowsLoader
{
public:
    // Rows of the first batch: more than a screen of the table, few enough to read in a few milliseconds.
    static constexpr qsizetype kFirstBatch = 256;

    // Every run attempt of the workspace at `workspaceDir`, with archive and labels, in the order the
    // workspace stores them, handed to `batch` a batch at a time: `firstBatch` rows first (the table's
    // first screen, before the rest is read), then batches of three times the rows handed so far, so
    // that a table sorting each batch in sorts about twice the rows in all. Stops when `batch` returns
    // false; errors name the folder.
    static Status load(const QString& workspaceDir, const std::function<bool(QList<RunRow>&&)>& batch,
        qsizetype firstBatch = kFirstBatch);
    // Every row at once.
    static Result<QList<RunRow>> load(const QString& workspaceDir);
};

} // namespace runlens::session
