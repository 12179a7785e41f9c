#pragma once

#include "common/result.h"
#include "logs/archivelimits.h"
#include "logs/logentry.h"

#include <QByteArrayView>
#include <QList>
#include <QSharedPointer>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

class QIODevice;

namespace runlens::logs {

// A validated gzipped tar of a run's logs (GHALogs' archives: GitHub's run-log ZIP contents re-packed),
// read with libarchive from a file or from any stream, e.g. a member of a large ZIP, without temporary
// files. A tar has no central directory, so opening streams the whole archive once: it checks every
// header (names that escape the archive, absolute paths, symlinks, hard links, devices, entry count,
// sizes against ArchiveLimits, the inflation ratio, truncation) and refuses the whole archive on the
// first problem. Entries' bytes are kept from that pass when they fit in a small budget, so that
// reading them costs no second inflation; larger archives are streamed again per entry. Cheap to
// copy; const methods are thread-safe.
class TarArchive
{
public:
    // Opens a fresh stream of the compressed bytes each time it is called.
    using StreamFactory = std::function<Result<std::unique_ptr<QIODevice>>()>;

    static constexpr qint64 kDefaultCacheBytes = qint64(64) << 20;

    // `opened`, when given, is `path` already open at its start: the first read uses it instead of
    // opening the file again (LogSource has looked at its first bytes).
    static Result<TarArchive> open(
        const QString& path, const ArchiveLimits& limits = {}, std::unique_ptr<QIODevice> opened = {});
    // `what` names the input in errors ("archive 'big.zip': member 'logs/a/1-1.tar.gz'"). `first`, when
    // given, is the factory's device already made: the first read uses it.
    static Result<TarArchive> open(const QString& what, StreamFactory factory, const ArchiveLimits& limits = {},
        qint64 cacheBytes = kDefaultCacheBytes, std::unique_ptr<QIODevice> first = {});

    // Entries in the LogSource order (job, job log, system, steps by number), directories left out.
    const QList<LogEntry>& entries() const;

    // Entry `index`'s raw bytes when the archive holds them in memory (inflated with it, within the
    // cache budget): valid while the archive lives. Nothing when they must be streamed again.
    std::optional<QByteArrayView> heldBytes(int index) const;

    // Calls `f` with raw chunks of entry `index` (at most `chunkSize` bytes each); false from f stops.
    Status readRaw(
        int index, const std::function<bool(QByteArrayView raw)>& f, qsizetype chunkSize = qsizetype(1) << 20) const;

    QString describe() const;

    // True when `head` starts with the gzip magic number.
    static bool looksLikeGzip(QByteArrayView head);

    // A member of a plain tar read without libarchive; `data` is a view of the tar.
    struct PlainMember
    {
        QString name;
        bool directory = false;
        QByteArrayView data;
    };
    // The members of a plain tar in memory, in archive order: POSIX ustar headers (valid checksums, no name
    // prefix) of regular files and directories, each after at most one pax header holding only times, ids,
    // owner names and an ASCII path; then the end-of-archive blocks. Nothing for anything else (links,
    // other formats and extensions, non-ASCII names, truncation): libarchive reads those, with its errors.
    static std::optional<QList<PlainMember>> readPlainTar(QByteArrayView tar);

private:
    struct Data;
    QSharedPointer<const Data> m_d;
};

} // namespace runlens::logs
