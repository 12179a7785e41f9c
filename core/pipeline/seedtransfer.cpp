#include "seedtransfer.h"

#include "common/computepool.h"
#include "workspace/workspace.h"

#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace runlens::pipeline {

namespace {
enum class Direction { Import, Export };

QFuture<Result<workspace::SeedTransferSummary>> transfer(
    Direction direction, const QString& workspaceDir, const QString& folder)
{
    // Zipping and inflating logs is CPU work: it belongs on the compute pool, not Qt's global one.
    return QtConcurrent::run(
        computePool(), [direction, workspaceDir, folder](QPromise<Result<workspace::SeedTransferSummary>>& promise) {
            workspace::Workspace ws;
            if (Status s = ws.open(workspaceDir); !s) {
                promise.addResult(makeError(s.error()));
                return;
            }
            const QString verb
                = direction == Direction::Import ? QStringLiteral("Importing") : QStringLiteral("Exporting");
            const workspace::SeedProgress progress = [&promise, &verb](int done, int total) {
                promise.setProgressRange(0, std::max(total, 1));
                promise.setProgressValueAndText(
                    done, QStringLiteral("%1 run %2 of %3").arg(verb).arg(done + 1).arg(total));
                return !promise.isCanceled();
            };
            promise.addResult(direction == Direction::Import
                    ? workspace::SeedFolder::importFolder(ws, folder, progress)
                    : workspace::SeedFolder::exportFolder(ws, folder, progress));
        });
}
} // namespace

QFuture<Result<workspace::SeedTransferSummary>> importSeedFolder(const QString& workspaceDir, const QString& seedDir)
{
    return transfer(Direction::Import, workspaceDir, seedDir);
}

QFuture<Result<workspace::SeedTransferSummary>> exportSeedLayout(const QString& workspaceDir, const QString& outDir)
{
    return transfer(Direction::Export, workspaceDir, outDir);
}

} // namespace runlens::pipeline
