#include "logs/runentries.h"

#include "logs/logsource.h"

namespace runlens::logs {

QList<int> entriesHoldingRunLines(const LogSource& source)
{
    QList<int> jobLogs;
    QList<int> others;
    const QList<LogEntry>& entries = source.entries();
    for (int i = 0; i < entries.size(); ++i) {
        switch (entries.at(i).kind) {
        case EntryKind::JobLog:
        case EntryKind::LegacyJobLog:
            jobLogs.append(i);
            break;
        case EntryKind::System:
            break;
        default:
            others.append(i);
        }
    }
    return jobLogs.isEmpty() ? others : jobLogs;
}

} // namespace runlens::logs
