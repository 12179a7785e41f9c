#pragma once

#include "common/result.h"

#include <QStringList>

#include <functional>

namespace runlens::workspace {

class Workspace;

// What an import or export did; `warnings` name the file, row or column they are about.
struct SeedTransferSummary
{
    int runs = 0;
    int archives = 0; // run log folders zipped (import) or archives extracted (export)
    int labels = 0;
    int failures = 0; // rows refused and archives that failed (each also in warnings): the command fails
    QStringList warnings;
    bool canceled = false; // stopped by the progress callback; what was done so far stays done
};

// Called before each run's archive with (runs done, runs in all); returning false stops the transfer.
using SeedProgress = std::function<bool(int done, int total)>;

// The old pipeline's folder layout: workflow_runs.csv, logs_failure/<run_id>/..., logs_normal/<run_id>/...,
// optionally memory_logs.txt (paths of files that matched memory keywords) and labels.csv
// (run_id,label or category[,attempt]; the sample corpus adds zips/<owner>/<repo>/<run_id>-<attempt>.zip).
class SeedFolder
{
public:
    static const QStringList& runColumns();

    // Reads `seedDir` into `ws`: runs (source "import"; attempt 1, or the latest attempt found under zips/),
    // each run's archive put into the workspace layout as logs/<owner>/<repo>/<run_id>-<attempt>.zip (the
    // zips/ copy when present, else the extracted run folder zipped), so every later stage reads ZIPs only;
    // memory_logs.txt lines as labels "memory" with source memory_logs (the path kept as the note).
    // A canceled import leaves the workspace consistent: a later import carries on where it stopped.
    // The checks importFolder() starts with: `seedDir` exists, is a folder and holds workflow_runs.csv;
    // the error names it. For callers that must not create a workspace for a folder that cannot be imported.
    static Status checkSeedFolder(const QString& seedDir);
    static Result<SeedTransferSummary> importFolder(
        Workspace& ws, const QString& seedDir, const SeedProgress& progress = {});

    // Writes the same layout back from `ws` to `outDir` (plus zips/ with each archive as it is, and
    // labels.csv as run_id,attempt,label,source).
    // A canceled export writes no workflow_runs.csv, so the partial folder is not mistaken for a seed.
    static Result<SeedTransferSummary> exportFolder(
        Workspace& ws, const QString& outDir, const SeedProgress& progress = {});
};

} // namespace runlens::workspace
