#pragma once

#include "common/result.h"

#include <QStringList>

namespace runlens::workspace {

class Workspace;

// What a label import did; `warnings` name the file and line they are about.
struct LabelImportSummary
{
    int added = 0;
    int skipped = 0; // rows naming no run of the workspace, or duplicates
    QStringList warnings;
};

// Label import/export: CSV `run_id,attempt,label,source,note` and the old pipeline's memory_logs.txt.
class LabelIo
{
public:
    // The label vocabulary, in the order of the number keys 1..9, 0: the taxonomy's category ids, then
    // test-failure, compile-error, infra, flaky, other, normal.
    static const QStringList& knownLabels();
    static const QStringList& csvColumns();

    // The run id in a memory_logs.txt line such as "logs_failure/123/0_build.txt" (any prefix folders);
    // 0 when the path holds no logs_failure/ or logs_normal/ run folder.
    static qint64 runIdOfLogPath(const QString& line);

    // Every label of `ws` as CSV (atomically written); the error names `path`.
    static Status exportCsv(const Workspace& ws, const QString& path);
    // Reads a CSV written by exportCsv() (attempt, source and note are optional columns; a `category`
    // column stands in for `label`, so the sample corpus's labels.csv imports as is). Rows naming a
    // run missing from the workspace are skipped with a warning; unknown sources count as "user".
    static Result<LabelImportSummary> importCsv(Workspace& ws, const QString& path);
    // Each memory_logs.txt line -> label `label` (default "memory") on attempt 1 of its run, source
    // memory_logs, the path kept as the note.
    static Result<LabelImportSummary> importMemoryLogs(
        Workspace& ws, const QString& path, const QString& label = QStringLiteral("memory"));
};

} // namespace runlens::workspace
