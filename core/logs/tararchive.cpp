#include "logs/tararchive.h"

#include "logs/ziparchive.h"

#include <QFile>
#include <QIODevice>

#include <archive.h>
#include <archive_entry.h>
#include <libdeflate.h>

#include <algorithm>
#include <cstring>
#include <optional>
#include <string_view>

namespace runlens::logs {

namespace {

constexpr qsizetype kReadBlock = qsizetype(256) << 10;

// One libarchive reader over one stream of the factory; closes both when it goes.
class TarReader
{
public:
    // Inflates the stream through libarchive's gzip filter (zlib) while reading.
    explicit TarReader(std::unique_ptr<QIODevice> device)
        : m_device(std::move(device))
        , m_buffer(kReadBlock, Qt::Uninitialized)
        , m_archive(archive_read_new())
    {
        archive_read_support_filter_gzip(m_archive);
        archive_read_support_format_tar(m_archive);
        archive_read_support_format_gnutar(m_archive);
    }
    // Reads a tar already inflated (inflateWhole()) from `compressedBytes` of gzip; `tar` must outlive
    // the reader.
    TarReader(QByteArrayView tar, qint64 compressedBytes)
        : m_memory(tar)
        , m_archive(archive_read_new())
        , m_compressed(compressedBytes)
    {
        archive_read_support_format_tar(m_archive);
        archive_read_support_format_gnutar(m_archive);
    }
    ~TarReader() { archive_read_free(m_archive); }
    TarReader(const TarReader&) = delete;
    TarReader& operator=(const TarReader&) = delete;

    bool open()
    {
        if (!m_device)
            return archive_read_open_memory(m_archive, m_memory.data(), size_t(m_memory.size())) == ARCHIVE_OK;
        return archive_read_open(m_archive, this, nullptr, &TarReader::read, nullptr) == ARCHIVE_OK;
    }
    archive* handle() const { return m_archive; }
    QString error() const
    {
        if (!m_deviceError.isEmpty())
            return m_deviceError;
        const char* text = archive_error_string(m_archive);
        return text ? QString::fromUtf8(text) : QStringLiteral("unknown error");
    }
    qint64 compressedBytes() const { return m_compressed; }
    // The inflated tar this reader reads from memory; empty when it streams.
    QByteArrayView memory() const { return m_memory; }

    // Streams the current entry's data, failing past `maxBytes`; `f` answers true to go on, false to
    // stop, or an error. A streaming reader copies the data into `chunk`; a reader of memory hands out
    // views of the tar itself (holes of sparse entries are zeros in `chunk`).
    Status readEntry(QByteArray& chunk, qint64 maxBytes, const QString& entryWhat,
        const std::function<Result<bool>(QByteArrayView data, qint64 seen)>& f)
    {
        const auto corrupt
            = [&] { return makeError(entryWhat + QStringLiteral(" is corrupt or truncated: ") + error()); };
        qint64 seen = 0;
        // Hands `data` to f: nothing to go on, else what readEntry returns.
        const auto give = [&](QByteArrayView data) -> std::optional<Status> {
            seen += data.size();
            if (seen > maxBytes)
                return makeError(entryWhat + QStringLiteral(" is larger than the limit of %1 bytes").arg(maxBytes));
            const Result<bool> more = f(data, seen);
            if (!more)
                return Error { more.error() };
            return *more ? std::nullopt : std::optional<Status>(Status {});
        };
        if (chunk.isEmpty())
            chunk.resize(kReadBlock);
        for (;;) {
            if (m_device) {
                const la_ssize_t n = archive_read_data(m_archive, chunk.data(), size_t(chunk.size()));
                if (n < 0)
                    return corrupt();
                if (n == 0)
                    return {};
                if (std::optional<Status> done = give(QByteArrayView(chunk.constData(), qsizetype(n))))
                    return *done;
                continue;
            }
            const void* block = nullptr;
            size_t size = 0;
            la_int64_t offset = 0;
            const int r = archive_read_data_block(m_archive, &block, &size, &offset);
            if (r == ARCHIVE_EOF)
                return {};
            if (r < ARCHIVE_OK || offset < seen)
                return corrupt();
            if (offset > seen)
                chunk.fill('\0');
            while (offset > seen) {
                if (std::optional<Status> done = give(QByteArrayView(chunk).first(qMin(chunk.size(), offset - seen))))
                    return *done;
            }
            if (std::optional<Status> done = give(QByteArrayView(static_cast<const char*>(block), qsizetype(size))))
                return *done;
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
    QByteArrayView m_memory;
    archive* m_archive;
    QString m_deviceError;
    qint64 m_compressed = 0;
};

// Up to this many bytes of gzip, and of the tar inside, are inflated at once in memory.
constexpr qint64 kWholeCompressedBytes = qint64(64) << 20;
constexpr qint64 kWholeTarBytes = qint64(128) << 20;

// The whole gzip stream of `device` inflated at once with libdeflate, several times faster than zlib
// behind libarchive's filter (GHALogs archives are small: tens of KiB). Nothing when the stream is not
// small, well-formed gzip whose tar stays within `limits` and the budget: the streaming reader then
// reads it again and names the problem, so hostile archives get the same errors either way.
std::optional<QByteArray> inflateWhole(
    QIODevice& device, const ArchiveLimits& limits, qint64 budget, qint64* compressedBytes)
{
    QByteArray in;
    if (!device.isSequential()) {
        in = device.read(std::min(device.size() - device.pos(), kWholeCompressedBytes + 1));
    } else {
        // A stream of unknown size (a member of a large ZIP): read(max) would allocate the maximum.
        QByteArray chunk(kReadBlock, Qt::Uninitialized);
        for (qint64 n; in.size() <= kWholeCompressedBytes && (n = device.read(chunk.data(), chunk.size())) > 0;)
            in.append(chunk.constData(), qsizetype(n));
    }
    *compressedBytes = in.size();
    constexpr qsizetype kGzipOverhead = 18; // header and trailer of one member
    if (in.size() > kWholeCompressedBytes || in.size() < kGzipOverhead || !TarArchive::looksLikeGzip(in))
        return std::nullopt;
    // Entry data is checked against the limits while the tar is read; this only bounds the memory, with
    // room for tar headers and padding.
    const qint64 ratioBound = std::max(limits.ratioMinBytes, qint64(limits.maxRatio * double(in.size())));
    const qint64 cap = std::min({ limits.maxTotalBytes, ratioBound, budget, kWholeTarBytes }) + (qint64(1) << 20);
    // The last member's trailer holds its size modulo 2^32: the usual single member fits at the first try.
    const auto* tail = reinterpret_cast<const uchar*>(in.constData() + in.size() - 4);
    const qint64 declared = qint64(tail[0]) | qint64(tail[1]) << 8 | qint64(tail[2]) << 16 | qint64(tail[3]) << 24;
    qint64 capacity = std::clamp<qint64>(declared + 1, 4 * qint64(in.size()), cap);

    struct Decompressor
    {
        Decompressor()
            : d(libdeflate_alloc_decompressor())
        {
        }
        ~Decompressor() { libdeflate_free_decompressor(d); }
        libdeflate_decompressor* d;
    };
    thread_local const Decompressor decompressor;
    if (!decompressor.d)
        return std::nullopt;

    QByteArray out(qsizetype(capacity), Qt::Uninitialized);
    size_t inPos = 0;
    size_t outPos = 0;
    while (inPos < size_t(in.size())) {
        if (size_t(in.size()) - inPos < size_t(kGzipOverhead)
            || !TarArchive::looksLikeGzip(QByteArrayView(in).sliced(qsizetype(inPos))))
            return std::nullopt; // trailing bytes that are no gzip member
        size_t inUsed = 0;
        size_t outUsed = 0;
        const libdeflate_result r = libdeflate_gzip_decompress_ex(decompressor.d, in.constData() + inPos,
            size_t(in.size()) - inPos, out.data() + outPos, size_t(out.size()) - outPos, &inUsed, &outUsed);
        if (r == LIBDEFLATE_INSUFFICIENT_SPACE && out.size() < cap) {
            out.resize(qsizetype(std::min(cap, 2 * qint64(out.size()))));
            continue; // this member again, with more room
        }
        if (r != LIBDEFLATE_SUCCESS)
            return std::nullopt;
        inPos += inUsed;
        outPos += outUsed;
    }
    out.resize(qsizetype(outPos));
    return out;
}

// The entry's path as UTF-8. An ASCII name is the same in every form: libarchive's UTF-8 form converts
// through wide characters (mbrtowc per byte), which cost more than the tar parsing itself.
QString entryName(archive_entry* header)
{
    const char* raw = archive_entry_pathname(header);
    if (raw) {
        const std::string_view view(raw);
        if (std::all_of(view.begin(), view.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
            return QString::fromLatin1(view.data(), qsizetype(view.size()));
    }
    const char* utf8 = archive_entry_pathname_utf8(header);
    return utf8 ? QString::fromUtf8(utf8) : QString::fromUtf8(raw ? raw : "");
}

// A numeric field of a tar header: octal digits after optional spaces, then only NULs or spaces. Nothing
// for anything else (base-256, stray bytes): the archive is then no plain tar.
std::optional<qint64> octalField(const char* field, int size)
{
    int i = 0;
    while (i < size && field[i] == ' ')
        ++i;
    qint64 value = 0;
    int digits = 0;
    for (; i < size && field[i] >= '0' && field[i] <= '7'; ++i, ++digits) {
        if (value > (qint64(1) << 56))
            return std::nullopt;
        value = value * 8 + (field[i] - '0');
    }
    for (; i < size; ++i) {
        if (field[i] != '\0' && field[i] != ' ')
            return std::nullopt;
    }
    return digits > 0 ? std::optional<qint64>(value) : std::nullopt;
}

// A NUL-terminated (or full) text field: empty when it holds a byte outside printable ASCII.
QString asciiField(const char* field, qsizetype size)
{
    const qsizetype length = qsizetype(std::find(field, field + size, '\0') - field);
    for (qsizetype i = 0; i < length; ++i) {
        if (static_cast<unsigned char>(field[i]) < 0x20 || static_cast<unsigned char>(field[i]) >= 0x7f)
            return {};
    }
    return QString::fromLatin1(field, length);
}

// The records of a pax extended header: only the path (ASCII) is taken; times, ids and owner names are
// ignored; any other key, or a malformed record, means no plain tar.
bool readPaxHeader(QByteArrayView data, QString* path)
{
    while (!data.isEmpty()) {
        qsizetype i = 0;
        qsizetype length = 0;
        for (; i < data.size() && i < 12 && data[i] >= '0' && data[i] <= '9'; ++i)
            length = length * 10 + (data[i] - '0');
        if (i == 0 || i >= data.size() || data[i] != ' ' || length <= i + 1 || length > data.size()
            || data[length - 1] != '\n')
            return false;
        const QByteArrayView record = data.sliced(i + 1, length - i - 2);
        const qsizetype equals = record.indexOf('=');
        if (equals <= 0)
            return false;
        const QByteArrayView key = record.first(equals);
        const QByteArrayView value = record.sliced(equals + 1);
        if (key == "path") {
            *path = asciiField(value.data(), value.size());
            if (path->isEmpty() || path->size() != value.size())
                return false;
        } else if (key != "mtime" && key != "atime" && key != "ctime" && key != "uid" && key != "gid" && key != "uname"
            && key != "gname") {
            return false;
        }
        data = data.sliced(length);
    }
    return true;
}

} // namespace

std::optional<QList<TarArchive::PlainMember>> TarArchive::readPlainTar(QByteArrayView tar)
{
    constexpr qsizetype kBlock = 512;
    QList<PlainMember> members;
    QString paxPath;
    bool pax = false; // the last header was a pax header for the next one
    for (qsizetype at = 0;;) {
        if (at + kBlock > tar.size())
            return std::nullopt; // no end-of-archive block
        const char* h = tar.data() + at;
        if (std::all_of(h, h + kBlock, [](char c) { return c == '\0'; })) {
            // The end: two zero blocks, then only zeros (the record's padding).
            if (pax || at + 2 * kBlock > tar.size()
                || !std::all_of(h + kBlock, tar.data() + tar.size(), [](char c) { return c == '\0'; }))
                return std::nullopt;
            return members;
        }
        // POSIX ustar only, with a valid checksum (the sum of the header's bytes, its own field as spaces).
        if (std::memcmp(h + 257,
                "ustar\0"
                "00",
                8)
                != 0
            || h[345] != '\0')
            return std::nullopt;
        const std::optional<qint64> checksum = octalField(h + 148, 8);
        // Summed whole (a loop the compiler vectorises), then the field's own bytes taken out.
        const auto* bytes = reinterpret_cast<const unsigned char*>(h);
        quint32 sum = 8 * ' ';
        for (qsizetype i = 0; i < kBlock; ++i)
            sum += bytes[i];
        for (qsizetype i = 148; i < 156; ++i)
            sum -= bytes[i];
        const std::optional<qint64> size = octalField(h + 124, 12);
        if (!checksum || *checksum != qint64(sum) || !size || h[157] != '\0')
            return std::nullopt;
        const qsizetype dataAt = at + kBlock;
        if (*size > tar.size() - dataAt)
            return std::nullopt; // truncated
        const QByteArrayView data = tar.sliced(dataAt, qsizetype(*size));
        at = dataAt + (qsizetype(*size) + kBlock - 1) / kBlock * kBlock;
        const char type = h[156];
        if (type == 'x') {
            if (pax || !readPaxHeader(data, &paxPath))
                return std::nullopt;
            pax = true;
            continue;
        }
        if (type != '0' && type != '\0' && type != '5')
            return std::nullopt;
        QString name = pax && !paxPath.isEmpty() ? paxPath : asciiField(h, 100);
        if (name.isEmpty())
            return std::nullopt;
        // A regular file named with a trailing '/' is a directory, as libarchive reads it.
        const bool directory = type == '5' || name.endsWith(QLatin1Char('/'));
        if (directory && *size != 0)
            return std::nullopt;
        members.append({ std::move(name), directory, data });
        pax = false;
        paxPath.clear();
    }
}

struct TarArchive::Data
{
    QString what;
    StreamFactory factory;
    ArchiveLimits limits;
    QList<LogEntry> entries;
    QList<int> ordinals; // position of entries()[i] among the archive's regular files
    QList<QByteArray> bytes; // entries' raw bytes, by ordinal; empty when over the cache budget
    QByteArray tar; // the tar when it was inflated whole: most of `bytes` are views of it (no copy)
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

Result<TarArchive> TarArchive::open(const QString& path, const ArchiveLimits& limits, std::unique_ptr<QIODevice> opened)
{
    return open(
        QStringLiteral("archive '%1'").arg(path),
        [path]() -> Result<std::unique_ptr<QIODevice>> {
            auto file = std::make_unique<QFile>(path);
            if (!file->open(QIODevice::ReadOnly))
                return makeError(QStringLiteral("archive '%1': cannot be read: %2").arg(path, file->errorString()));
            return std::unique_ptr<QIODevice>(std::move(file));
        },
        limits, kDefaultCacheBytes, std::move(opened));
}

Result<TarArchive> TarArchive::open(const QString& what, StreamFactory factory, const ArchiveLimits& limits,
    qint64 cacheBytes, std::unique_ptr<QIODevice> first)
{
    auto d = QSharedPointer<Data>::create();
    d->what = what;
    d->factory = std::move(factory);
    d->limits = limits;
    Result<std::unique_ptr<QIODevice>> device = first ? std::move(first) : d->factory();
    if (!device)
        return Error { device.error() };
    std::unique_ptr<TarReader> opened;
    qint64 compressed = 0;
    if (std::optional<QByteArray> tar = inflateWhole(**device, limits, cacheBytes, &compressed)) {
        d->tar = std::move(*tar);
        opened = std::make_unique<TarReader>(QByteArrayView(d->tar), compressed);
    } else {
        device = d->factory();
        if (!device)
            return Error { device.error() };
        opened = std::make_unique<TarReader>(std::move(device).value());
    }
    QList<LogEntry> found;
    qint64 total = 0;
    qint64 cached = 0;
    bool caching = true;
    // Checks one header of the archive and takes its entry: `read` hands its data to a callback (the
    // callback answers true to go on, or an error) and fails as TarReader::readEntry() does. `memory` is
    // the tar in memory, of which the data may be views.
    using DataSink = std::function<Result<bool>(QByteArrayView data, qint64 seen)>;
    const auto take = [&](QString name, unsigned type, bool hardLink, qint64 declared, QByteArrayView memory,
                          const std::function<Status(const QString& entryWhat, const DataSink&)>& read) -> Status {
        while (name.startsWith(QLatin1String("./")))
            name.remove(0, 2);
        const QString entryWhat = what + QStringLiteral(": entry '") + name + QLatin1Char('\'');
        if (const QString reason = ZipArchive::unsafeNameReason(name); !reason.isEmpty())
            return makeError(entryWhat + QLatin1Char(' ') + reason);
        if (type == AE_IFLNK)
            return makeError(entryWhat + QStringLiteral(" is a symbolic link"));
        if (hardLink)
            return makeError(entryWhat + QStringLiteral(" is a hard link"));
        if (type == AE_IFDIR)
            return {};
        if (type != AE_IFREG)
            return makeError(entryWhat + QStringLiteral(" is not a regular file"));
        if (found.size() >= limits.maxEntries)
            return makeError(what + QStringLiteral(": has more than the limit of %1 entries").arg(limits.maxEntries));
        if (declared > limits.maxEntryBytes)
            return makeError(entryWhat
                + QStringLiteral(" declares %1 bytes, more than the per-entry limit of %2 bytes")
                      .arg(declared)
                      .arg(limits.maxEntryBytes));
        if (caching && declared >= 0 && cached + declared > cacheBytes) {
            caching = false;
            d->bytes.clear();
        }
        // The entry's bytes: a view of the tar in memory while they lie there in one piece, else a copy.
        QByteArrayView view;
        QByteArray bytes;
        bool copying = false;
        qint64 seen = 0;
        const Status status = read(entryWhat, [&](QByteArrayView data, qint64 entrySeen) -> Result<bool> {
            seen = entrySeen;
            total += data.size();
            if (total > limits.maxTotalBytes)
                return makeError(what
                    + QStringLiteral(": holds more than the limit of %1 bytes uncompressed in total (zip bomb?)")
                          .arg(limits.maxTotalBytes));
            if (total >= limits.ratioMinBytes
                && double(total) > limits.maxRatio * double(qMax<qint64>(opened->compressedBytes(), 1)))
                return makeError(what
                    + QStringLiteral(": inflates more than %1 times its compressed size (zip bomb?)")
                          .arg(limits.maxRatio));
            if (!caching)
                return true;
            const auto at = [](const char* p) { return reinterpret_cast<quintptr>(p); };
            if (!copying && at(data.data()) >= at(memory.data()) && at(data.end()) <= at(memory.end())
                && (view.isEmpty() || data.data() == view.end())) {
                view = QByteArrayView(view.isEmpty() ? data.data() : view.data(), view.size() + data.size());
                return true;
            }
            if (!copying) {
                copying = true;
                bytes.reserve(qsizetype(qMax<qint64>(declared, 0)));
                bytes.append(view.data(), view.size());
            }
            bytes.append(data.data(), data.size());
            return true;
        });
        if (!status)
            return status;
        if (declared >= 0 && seen != declared)
            return makeError(entryWhat + QStringLiteral(" is truncated (%1 of %2 bytes)").arg(seen).arg(declared));
        if (caching) {
            cached += seen;
            d->bytes.append(copying ? std::move(bytes) : QByteArray::fromRawData(view.data(), view.size()));
        }
        LogEntry entry = classifyEntryName(name);
        entry.size = seen;
        found.append(std::move(entry));
        return {};
    };

    // A plain tar in memory is read without libarchive (its tar parsing cost more than the features of
    // small entries); anything else is read by libarchive, with its errors.
    std::optional<QList<PlainMember>> plain = d->tar.isEmpty() ? std::nullopt : readPlainTar(d->tar);
    if (plain) {
        for (PlainMember& member : *plain) {
            const Status status = take(std::move(member.name), member.directory ? AE_IFDIR : AE_IFREG, false,
                member.data.size(), d->tar, [&](const QString&, const DataSink& sink) -> Status {
                    if (member.data.isEmpty())
                        return {};
                    const Result<bool> more = sink(member.data, member.data.size());
                    return more ? Status {} : Status(Error { more.error() });
                });
            if (!status)
                return Error { status.error() };
        }
    } else {
        TarReader& reader = *opened;
        if (!reader.open())
            return makeError(what + QStringLiteral(": is not a gzipped tar archive: ") + reader.error());
        QByteArray chunk; // sized by TarReader::readEntry when it needs it
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
            const qint64 declared = archive_entry_size_is_set(header) ? qint64(archive_entry_size(header)) : -1;
            const Status status
                = take(entryName(header), archive_entry_filetype(header), archive_entry_hardlink(header) != nullptr,
                    declared, reader.memory(), [&](const QString& entryWhat, const DataSink& sink) {
                        return reader.readEntry(chunk, limits.maxEntryBytes, entryWhat, sink);
                    });
            if (!status)
                return Error { status.error() };
        }
    }
    if (!caching)
        d->tar.clear(); // nothing is a view of it
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

std::optional<QByteArrayView> TarArchive::heldBytes(int index) const
{
    if (!m_d || index < 0 || index >= m_d->entries.size())
        return std::nullopt;
    const int ordinal = m_d->ordinals.at(index);
    if (ordinal >= m_d->bytes.size())
        return std::nullopt;
    return QByteArrayView(m_d->bytes.at(ordinal));
}

Status TarArchive::readRaw(int index, const std::function<bool(QByteArrayView raw)>& f, qsizetype chunkSize) const
{
    if (!m_d || index < 0 || index >= m_d->entries.size())
        return makeError(describe() + QStringLiteral(": no entry number %1").arg(index));
    chunkSize = qMax<qsizetype>(chunkSize, 4096);
    if (const std::optional<QByteArrayView> held = heldBytes(index)) {
        const QByteArrayView bytes = *held;
        for (qsizetype pos = 0; pos < bytes.size(); pos += chunkSize) {
            if (!f(bytes.sliced(pos, qMin(chunkSize, bytes.size() - pos))))
                break;
        }
        return {};
    }
    // Over the cache budget: stream the archive again up to the entry.
    const int ordinal = m_d->ordinals.at(index);
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
