#include "logs/tararchive.h"

#include "logs/ziparchive.h"

#include <QFile>
#include <QIODevice>

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>

namespace runlens::logs {

namespace {

constexpr qsizetype kReadBlock = qsizetype(256) << 10;

// One libarchive reader over one stream of the factory; closes both when it goes.
class TarReader
{
public:
    explicit TarReader(std::unique_ptr<QIODevice> device)
        : m_device(std::move(device))
        , m_buffer(kReadBlock, Qt::Uninitialized)
        , m_archive(archive_read_new())
    {
        archive_read_support_filter_gzip(m_archive);
        archive_read_support_format_tar(m_archive);
        archive_read_support_format_gnutar(m_archive);
    }
    ~TarReader() { archive_read_free(m_archive); }
    TarReader(const TarReader&) = delete;
    TarReader& operator=(const TarReader&) = delete;

    bool open() { return archive_read_open(m_archive, this, nullptr, &TarReader::read, nullptr) == ARCHIVE_OK; }
    archive* handle() const { return m_archive; }
    QString error() const
    {
        if (!m_deviceError.isEmpty())
            return m_deviceError;
        const char* text = archive_error_string(m_archive);
        return text ? QString::fromUtf8(text) : QStringLiteral("unknown error");
    }
    qint64 compressedBytes() const { return m_compressed; }

    // Streams the current entry's data through `chunk`, failing past `maxBytes`; `f` answers true to go
    // on, false to stop, or an error.
    Status readEntry(QByteArray& chunk, qint64 maxBytes, const QString& entryWhat,
        const std::function<Result<bool>(QByteArrayView data, qint64 seen)>& f)
    {
        qint64 seen = 0;
        for (;;) {
            const la_ssize_t n = archive_read_data(m_archive, chunk.data(), size_t(chunk.size()));
            if (n < 0)
                return makeError(entryWhat + QStringLiteral(" is corrupt or truncated: ") + error());
            if (n == 0)
                return {};
            seen += n;
            if (seen > maxBytes)
                return makeError(entryWhat + QStringLiteral(" is larger than the limit of %1 bytes").arg(maxBytes));
            const Result<bool> more = f(QByteArrayView(chunk.constData(), qsizetype(n)), seen);
            if (!more)
                return Error { more.error() };
            if (!*more)
                return {};
        }
    }

private:
    static la_ssize_t read(archive*, void* self, const void** buffer)
    {
        auto* reader = static_cast<TarReader*>(self);
        const qint64 n = reader->m_device->read(reader->m_buffer.data(), reader->m_buffer.size());
        if (n < 0) {
            reader->m_deviceError = QStringLiteral("read error: ") + reader->m_device->errorString();
            return ARCHIVE_FATAL;
        }
        reader->m_compressed += n;
        *buffer = reader->m_buffer.constData();
        return la_ssize_t(n);
    }

    std::unique_ptr<QIODevice> m_device;
    QByteArray m_buffer;
    archive* m_archive;
    QString m_deviceError;
    qint64 m_compressed = 0;
};

} // namespace

struct TarArchive::Data
{
    QString what;
    StreamFactory factory;
    ArchiveLimits limits;
    QList<LogEntry> entries;
    QList<int> ordinals; // position of entries()[i] among the archive's regular files
    QList<QByteArray> bytes; // entries' raw bytes, by ordinal; empty when over the cache budget
};

bool TarArchive::looksLikeGzip(QByteArrayView head)
{
    return head.size() >= 2 && quint8(head[0]) == 0x1f && quint8(head[1]) == 0x8b;
}

QString TarArchive::describe() const
{
    return m_d ? m_d->what : QString();
}

const QList<LogEntry>& TarArchive::entries() const
{
    static const QList<LogEntry> none;
    return m_d ? m_d->entries : none;
}

Result<TarArchive> TarArchive::open(const QString& path, const ArchiveLimits& limits)
{
    return open(
        QStringLiteral("archive '%1'").arg(path),
        [path]() -> Result<std::unique_ptr<QIODevice>> {
            auto file = std::make_unique<QFile>(path);
            if (!file->open(QIODevice::ReadOnly))
                return makeError(QStringLiteral("archive '%1': cannot be read: %2").arg(path, file->errorString()));
            return std::unique_ptr<QIODevice>(std::move(file));
        },
        limits);
}

Result<TarArchive> TarArchive::open(
    const QString& what, StreamFactory factory, const ArchiveLimits& limits, qint64 cacheBytes)
{
    auto d = QSharedPointer<Data>::create();
    d->what = what;
    d->factory = std::move(factory);
    d->limits = limits;
    auto device = d->factory();
    if (!device)
        return Error { device.error() };
    TarReader reader(std::move(device).value());
    if (!reader.open())
        return makeError(what + QStringLiteral(": is not a gzipped tar archive: ") + reader.error());

    QList<LogEntry> found;
    qint64 total = 0;
    qint64 cached = 0;
    bool caching = true;
    QByteArray chunk(kReadBlock, Qt::Uninitialized);
    for (;;) {
        archive_entry* header = nullptr;
        const int r = archive_read_next_header(reader.handle(), &header);
        if (r == ARCHIVE_EOF)
            break;
        if (r < ARCHIVE_WARN) {
            if (found.isEmpty() && reader.compressedBytes() == 0)
                return makeError(what + QStringLiteral(": is empty, not a gzipped tar archive"));
            return makeError(what + QStringLiteral(": is corrupt or truncated: ") + reader.error());
        }
        const char* utf8 = archive_entry_pathname_utf8(header);
        const char* raw = archive_entry_pathname(header);
        QString name = utf8 ? QString::fromUtf8(utf8) : QString::fromUtf8(raw ? raw : "");
        while (name.startsWith(QLatin1String("./")))
            name.remove(0, 2);
        const QString entryWhat = what + QStringLiteral(": entry '%1'").arg(name);
        if (const QString reason = ZipArchive::unsafeNameReason(name); !reason.isEmpty())
            return makeError(entryWhat + QLatin1Char(' ') + reason);
        const auto type = archive_entry_filetype(header);
        if (type == AE_IFLNK)
            return makeError(entryWhat + QStringLiteral(" is a symbolic link"));
        if (archive_entry_hardlink(header))
            return makeError(entryWhat + QStringLiteral(" is a hard link"));
        if (type == AE_IFDIR)
            continue;
        if (type != AE_IFREG)
            return makeError(entryWhat + QStringLiteral(" is not a regular file"));
        if (found.size() >= limits.maxEntries)
            return makeError(what + QStringLiteral(": has more than the limit of %1 entries").arg(limits.maxEntries));
        const qint64 declared = archive_entry_size_is_set(header) ? qint64(archive_entry_size(header)) : -1;
        if (declared > limits.maxEntryBytes)
            return makeError(entryWhat
                + QStringLiteral(" declares %1 bytes, more than the per-entry limit of %2 bytes")
                      .arg(declared)
                      .arg(limits.maxEntryBytes));
        if (caching && declared >= 0 && cached + declared > cacheBytes) {
            caching = false;
            d->bytes.clear();
        }
        QByteArray bytes;
        if (caching)
            bytes.reserve(qsizetype(qMax<qint64>(declared, 0)));
        qint64 seen = 0;
        const Status read = reader.readEntry(
            chunk, limits.maxEntryBytes, entryWhat, [&](QByteArrayView data, qint64 entrySeen) -> Result<bool> {
                seen = entrySeen;
                total += data.size();
                if (total > limits.maxTotalBytes)
                    return makeError(what
                        + QStringLiteral(": holds more than the limit of %1 bytes uncompressed in total (zip bomb?)")
                              .arg(limits.maxTotalBytes));
                if (total >= limits.ratioMinBytes
                    && double(total) > limits.maxRatio * double(qMax<qint64>(reader.compressedBytes(), 1)))
                    return makeError(what
                        + QStringLiteral(": inflates more than %1 times its compressed size (zip bomb?)")
                              .arg(limits.maxRatio));
                if (caching)
                    bytes.append(data.data(), data.size());
                return true;
            });
        if (!read)
            return Error { read.error() };
        if (declared >= 0 && seen != declared)
            return makeError(entryWhat + QStringLiteral(" is truncated (%1 of %2 bytes)").arg(seen).arg(declared));
        if (caching) {
            cached += seen;
            d->bytes.append(std::move(bytes));
        }
        LogEntry entry = classifyEntryName(name);
        entry.size = seen;
        found.append(std::move(entry));
    }
    QList<int> order(found.size());
    for (int i = 0; i < found.size(); ++i)
        order[i] = i;
    std::stable_sort(
        order.begin(), order.end(), [&](int a, int b) { return entryOrderLess(found.at(a), found.at(b)); });
    for (int i : order) {
        d->entries.append(found.at(i));
        d->ordinals.append(i);
    }
    TarArchive archive;
    archive.m_d = std::move(d);
    return archive;
}

Status TarArchive::readRaw(int index, const std::function<bool(QByteArrayView raw)>& f, qsizetype chunkSize) const
{
    if (!m_d || index < 0 || index >= m_d->entries.size())
        return makeError(describe() + QStringLiteral(": no entry number %1").arg(index));
    chunkSize = qMax<qsizetype>(chunkSize, 4096);
    const int ordinal = m_d->ordinals.at(index);
    if (ordinal < m_d->bytes.size()) {
        const QByteArray& bytes = m_d->bytes.at(ordinal);
        for (qsizetype pos = 0; pos < bytes.size(); pos += chunkSize) {
            if (!f(QByteArrayView(bytes).sliced(pos, qMin(chunkSize, bytes.size() - pos))))
                break;
        }
        return {};
    }
    // Over the cache budget: stream the archive again up to the entry.
    const QString entryWhat = describe() + QStringLiteral(": entry '%1'").arg(m_d->entries.at(index).name);
    auto device = m_d->factory();
    if (!device)
        return Error { device.error() };
    TarReader reader(std::move(device).value());
    if (!reader.open())
        return makeError(describe() + QStringLiteral(": cannot be reopened: ") + reader.error());
    int regular = -1;
    for (;;) {
        archive_entry* header = nullptr;
        const int r = archive_read_next_header(reader.handle(), &header);
        if (r == ARCHIVE_EOF || r < ARCHIVE_WARN)
            return makeError(entryWhat + QStringLiteral(" is gone: the archive changed since it was opened"));
        if (archive_entry_filetype(header) != AE_IFREG || archive_entry_hardlink(header))
            continue;
        if (++regular == ordinal)
            break;
    }
    QByteArray chunk(chunkSize, Qt::Uninitialized);
    return reader.readEntry(chunk, m_d->limits.maxEntryBytes, entryWhat,
        [&f](QByteArrayView data, qint64) -> Result<bool> { return f(data); });
}

} // namespace runlens::logs
