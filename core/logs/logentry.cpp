#include "logs/logentry.h"

namespace runlens::logs {

namespace {

// "<number>_<rest>.txt" -> number and rest; false when `file` has another shape.
bool splitNumbered(QStringView file, qint64* number, QString* rest)
{
    if (!file.endsWith(QLatin1String(".txt"), Qt::CaseInsensitive))
        return false;
    const qsizetype underscore = file.indexOf(QLatin1Char('_'));
    if (underscore <= 0)
        return false;
    bool ok = false;
    const qint64 n = file.first(underscore).toLongLong(&ok);
    if (!ok)
        return false;
    *number = n;
    *rest = file.sliced(underscore + 1, file.size() - underscore - 1 - 4).toString();
    return true;
}

constexpr qint64 kLegacyJobIndex = -2147483648LL;

int kindOrder(EntryKind kind)
{
    switch (kind) {
    case EntryKind::JobLog:
    case EntryKind::LegacyJobLog:
        return 0;
    case EntryKind::System:
        return 1;
    case EntryKind::StepLog:
        return 2;
    case EntryKind::SingleFile:
    case EntryKind::Other:
        break;
    }
    return 3;
}

} // namespace

LogEntry classifyEntryName(const QString& name)
{
    LogEntry entry;
    entry.name = name;
    const qsizetype slash = name.indexOf(QLatin1Char('/'));
    qint64 number = 0;
    QString rest;
    if (slash < 0) {
        if (splitNumbered(name, &number, &rest)) {
            entry.jobName = rest;
            if (number == kLegacyJobIndex) {
                entry.kind = EntryKind::LegacyJobLog;
            } else if (number >= 0 && number <= std::numeric_limits<int>::max()) {
                entry.kind = EntryKind::JobLog;
                entry.jobIndex = int(number);
            } else {
                entry.jobName.clear();
            }
        }
        return entry;
    }
    const QStringView job = QStringView(name).first(slash);
    const QStringView file = QStringView(name).sliced(slash + 1);
    if (job.isEmpty() || file.contains(QLatin1Char('/')))
        return entry;
    if (file.compare(QLatin1String("system.txt"), Qt::CaseInsensitive) == 0) {
        entry.kind = EntryKind::System;
        entry.jobName = job.toString();
    } else if (splitNumbered(file, &number, &rest) && number >= 0 && number <= std::numeric_limits<int>::max()) {
        entry.kind = EntryKind::StepLog;
        entry.jobName = job.toString();
        entry.stepNumber = int(number);
        entry.stepName = rest;
    }
    return entry;
}

QLatin1String entryKindName(EntryKind kind)
{
    switch (kind) {
    case EntryKind::JobLog:
        return QLatin1String("job");
    case EntryKind::StepLog:
        return QLatin1String("step");
    case EntryKind::System:
        return QLatin1String("system");
    case EntryKind::LegacyJobLog:
        return QLatin1String("legacy-job");
    case EntryKind::SingleFile:
        return QLatin1String("single");
    case EntryKind::Other:
        return QLatin1String("other");
    }
    return QLatin1String("other");
}

bool entryOrderLess(const LogEntry& x, const LogEntry& y)
{
    if (x.jobName != y.jobName)
        return x.jobName < y.jobName;
    if (kindOrder(x.kind) != kindOrder(y.kind))
        return kindOrder(x.kind) < kindOrder(y.kind);
    if (x.stepNumber != y.stepNumber)
        return x.stepNumber < y.stepNumber;
    return x.name < y.name;
}

} // namespace runlens::logs
