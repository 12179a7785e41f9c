#include "taxonomy/failurelocation.h"

#include "logs/logline.h"
#include "logs/steprange.h"

namespace runlens::logs {

namespace {
bool isJobLog(const LogSource& source, const LogEntry& entry)
{
    return source.kind() == SourceKind::SingleFile || entry.kind == EntryKind::JobLog
        || entry.kind == EntryKind::LegacyJobLog;
}

bool isCleanup(const StepRange& step)
{
    return step.name == QLatin1String("Post job cleanup") || step.name == QLatin1String("Complete job")
        || step.name.startsWith(QLatin1String("Post "));
}
} // namespace

std::optional<FailureLocation> failureLocation(const LogSource& source, const std::vector<MemoryHit>& hits)
{
    const QList<LogEntry>& entries = source.entries();
    const auto jobOf = [&](const QString& name) {
        const int index = source.indexOf(name);
        return index >= 0 ? entries[index].jobName : QString();
    };
    for (const MemoryHit& hit : hits) {
        if (hit.final)
            return FailureLocation { hit.entry, hit.line, jobOf(hit.entry) };
    }
    int lastJobLog = -1;
    for (int i = 0; i < entries.size(); ++i) {
        if (!isJobLog(source, entries[i]))
            continue;
        lastJobLog = i;
        qint64 lastError = 0;
        (void)source.forEachLine(i, [&](const LogLine& line) {
            if (line.marker == Marker::Error)
                lastError = line.lineNumber;
            return true;
        });
        if (lastError > 0)
            return FailureLocation { entries[i].name, lastError, entries[i].jobName };
    }
    if (lastJobLog < 0)
        return std::nullopt;
    const LogEntry& entry = entries[lastJobLog];
    qint64 last = 0;
    (void)source.forEachLine(lastJobLog, [&](const LogLine& line) {
        last = line.lineNumber;
        return true;
    });
    if (const auto bytes = source.readEntry(lastJobLog)) {
        const QList<StepRange> steps = stepsFromGroupMarkers(*bytes, entry.jobName, lastJobLog);
        for (auto step = steps.rbegin(); step != steps.rend(); ++step) {
            if (!isCleanup(*step)) {
                last = step->lastLine;
                break;
            }
        }
    }
    return FailureLocation { entry.name, std::max<qint64>(1, last), entry.jobName };
}

} // namespace runlens::logs
