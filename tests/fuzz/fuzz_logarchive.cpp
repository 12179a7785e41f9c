// libFuzzer target: arbitrary bytes as a run's log ZIP (or, by the first byte, as a saved single log).
// Opening must fail cleanly with a message naming the archive, or every entry must stream.
#include "logs/logsource.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <cstdint>
#include <cstdlib>

using namespace runlens::logs;

namespace {

QTemporaryDir& workDir()
{
    static QTemporaryDir dir;
    return dir;
}

void check(bool ok)
{
    if (!ok)
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (!workDir().isValid())
        return 0;
    const bool asText = size > 0 && data[0] == 'T';
    const QString path = workDir().filePath(asText ? QStringLiteral("input.txt") : QStringLiteral("input.zip"));
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return 0;
        file.write(reinterpret_cast<const char*>(data), qint64(size));
    }
    ArchiveLimits limits;
    limits.maxTotalBytes = qint64(64) << 20; // keep memory bounded under ASan
    limits.maxEntryBytes = qint64(16) << 20;
    limits.maxEntries = 1000;
    const auto source = LogSource::open(path, limits);
    if (!source) {
        check(source.error().contains(path));
        return 0;
    }
    for (int i = 0; i < source->entries().size(); ++i) {
        qint64 lines = 0;
        const runlens::Status status = source->forEachLine(i, [&](const LogLine& line) {
            check(line.lineNumber == ++lines);
            return true;
        });
        if (!status)
            check(status.error().contains(path));
    }
    for (const QString& job : source->jobNames()) {
        const auto steps = source->steps(job);
        if (!steps)
            check(steps.error().contains(path));
    }
    return 0;
}
