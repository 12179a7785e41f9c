#pragma once

#include <QString>
#include <QStringList>

namespace runlens::failurelines {

// One ranked line of a failed run.
struct FailureLine
{
    int rank = 0; // 1-based
    QString entry; // log entry (archive entry, file name, or "job\tstep" for gh run view groups)
    qint64 line = 0; // 1-based line number within the entry (a single file: its physical line)
    QString text; // the line without timestamp and ANSI escapes, at most 1000 characters
    double score = 0; // ranking key: non-increasing with rank
    int block = 0; // 1-based id of the block of contiguous novel lines it belongs to; 0 when none
    QStringList reasons; // "novel", "error annotation", "oom-killed final", "exception", ...
    QString job; // empty when unknown (plain logs)
    QString step; // empty when unknown
};

} // namespace runlens::failurelines
