#pragma once

#include "common/result.h"
#include "logs/archivelimits.h"
#include "logs/logentry.h"

#include <QByteArrayView>
#include <QList>
#include <QString>

#include <functional>

namespace runlens::logs {

// A validated ZIP archive: opening checks every central-directory record (names that escape the
// archive, absolute paths, drive letters, symlinks, encryption, entry count, declared sizes and
// compression ratios against ArchiveLimits) and refuses the whole archive on the first problem.
// Reading streams one entry's raw (not yet decoded) bytes, counting actual bytes against the limits
// and checking the CRC. Directory entries are skipped. Cheap to copy; reads open the file afresh, so
// const methods are thread-safe.
class ZipArchive
{
public:
    static Result<ZipArchive> open(const QString& path, const ArchiveLimits& limits = {});

    QString path() const { return m_path; }
    const QList<LogEntry>& entries() const { return m_entries; }

    // Calls `f` with raw chunks of entry `index` (at most `chunkSize` bytes each); false from f stops.
    Status readRaw(
        int index, const std::function<bool(QByteArrayView raw)>& f, qsizetype chunkSize = qsizetype(1) << 20) const;

    // "archive 'path'".
    QString describe() const;

    // The reason a name is unsafe to use as a relative path ("escapes the archive", "is an absolute
    // path", ...), or an empty string when it is safe.
    static QString unsafeNameReason(const QString& name);

private:
    QString m_path;
    ArchiveLimits m_limits;
    QList<LogEntry> m_entries;
    struct Position
    {
        quint64 directoryOffset = 0; // minizip's unz64_file_pos, to jump straight to an entry
        quint64 number = 0;
    };
    QList<Position> m_positions; // of entries()[i] in the central directory
};

} // namespace runlens::logs
