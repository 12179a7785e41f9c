#pragma once

#include <QString>
#include <QtGlobal>

namespace runlens::logs {

enum class EntryKind : quint8 {
    JobLog, // N_<job>.txt at the top
    StepLog, // <job>/<number>_<step>.txt, or a job/step group of a `gh run view --log` file
    System, // <job>/system.txt
    LegacyJobLog, // -2147483648_<job>.txt
    SingleFile, // a single saved plain log
    Other, // any other file in an archive or folder
};

// One log inside a LogSource: an archive entry, a file of an extracted run folder, a single saved log,
// or a virtual job/step group of a `gh run view --log` file.
struct LogEntry
{
    QString name; // entry name ("build/2_Checkout code.txt"), or "job\tstep" for gh run view groups
    QString jobName; // empty when unknown
    int jobIndex = -1; // N of N_<job>.txt; -1 when none
    int stepNumber = -1; // <number> of a step file (jobs-API step number); order for gh run view groups
    QString stepName;
    EntryKind kind = EntryKind::Other;
    qint64 size = -1; // raw bytes as stored (uncompressed); -1 when unknown
    qint64 compressedSize = -1; // ZIP only
};

// Classifies an archive-relative name ('/' separated) by the GitHub log archive naming rules.
LogEntry classifyEntryName(const QString& name);

QLatin1String entryKindName(EntryKind kind);

// The order readers list a run's entries in: by job, then job log, system, steps by number, name.
bool entryOrderLess(const LogEntry& x, const LogEntry& y);

} // namespace runlens::logs
