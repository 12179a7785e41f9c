#include "ghalogs/ghalogsjob.h"

#include "common/computepool.h"
#include "ghalogs/ghalogsimporter.h"
#include "workspace/workspace.h"

#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <atomic>

namespace runlens::ghalogs {

QFuture<Result<GhaLogsImportSummary>> importGhaLogs(const QString& workspaceDir, const GhaLogsImportOptions& options)
{
    return QtConcurrent::run(computePool(), [workspaceDir, options](QPromise<Result<GhaLogsImportSummary>>& promise) {
        workspace::Workspace ws;
        if (Status s = ws.open(workspaceDir); !s) {
            promise.addResult(makeError(s.error()));
            return;
        }
        promise.setProgressRange(0, 100);
        promise.setProgressValueAndText(0, QStringLiteral("Reading runs.json.gz..."));
        std::atomic<bool> cancel { false };
        // A smaller batch than the CLI's: Cancel is honoured at the next committed batch.
        GhaLogsImportOptions batched = options;
        batched.batchSize = qMin(batched.batchSize, 500);
        promise.addResult(GhaLogsImporter(ws, batched).run(&cancel, [&](const GhaLogsImportProgress& p) {
            const int percent
                = p.bytesTotal > 0 ? int(std::clamp<qint64>(100 * p.bytesRead / p.bytesTotal, 0, 100)) : 0;
            promise.setProgressValueAndText(
                percent, QStringLiteral("%1 records read, %2 runs imported").arg(p.records).arg(p.imported));
            if (promise.isCanceled())
                cancel.store(true);
        }));
    });
}

} // namespace runlens::ghalogs
