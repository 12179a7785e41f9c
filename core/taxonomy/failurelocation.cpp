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
            return FailureLocation { hit.entry, hit.line.get(), jobOf(hit.entry) };
    }
    int lastJobLog = -1;
    for (int i = 0; i < entries.size(); ++i) {
        if (!isJobLog(source, entries[i]))
            continue;
        lastJobLog = i;
        qint64 lastError = 0;
        const Status read = source.forEachLine(i, [&](const LogLine& line) {
            if (line.marker == Marker::Error)
                lastError = line.lineNumber;
            return true;
        });
        if (read && lastError > 0)
            return FailureLocation { entries[i].name, lastError, entries[i].jobName };
    }
    if (lastJobLog < 0)
        return std::nullopt;
    const LogEntry& entry = entries[lastJobLog];
    qint64 last = 0;
    if (!source.forEachLine(lastJobLog, [&](const LogLine& line) {
            last = line.lineNumber;
            return true;
        }))
        return std::nullopt; // unreadable: no place to open at
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

std::vector<FailureLocation> errorLocations(const LogSource& source)
{
    std::vector<FailureLocation> errors;
    const QList<LogEntry>& entries = source.entries();
    for (int i = 0; i < entries.size(); ++i) {
        if (!isJobLog(source, entries[i]))
            continue;
        std::vector<FailureLocation> found;
        const Status read = source.forEachLine(i, [&](const LogLine& line) {
            if (line.marker == Marker::Error)
                found.push_back({ entries[i].name, line.lineNumber, entries[i].jobName });
            return true;
        });
        if (read)
            errors.insert(errors.end(), found.begin(), found.end());
    }
    return errors;
}

} // namespace runlens::logs
