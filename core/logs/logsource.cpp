#include "logs/logsource.h"

#include "common/logging.h"
#include "logs/ghrunview.h"
#include "logs/linesplitter.h"
#include "logs/tararchive.h"
#include "logs/textdecoder.h"
#include "logs/ziparchive.h"
#include "logs/zipmemberindex.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <optional>

namespace runlens::logs {

namespace {
constexpr qsizetype kChunkSize = qsizetype(1) << 20;

QString describeFor(SourceKind kind, const QString& path)
{
    switch (kind) {
    case SourceKind::Zip:
    case SourceKind::TarGz:
        return QStringLiteral("archive '%1'").arg(path);
    case SourceKind::Folder:
        return QStringLiteral("folder '%1'").arg(path);
    case SourceKind::SingleFile:
    case SourceKind::GhRunView:
        break;
    }
    return QStringLiteral("log '%1'").arg(path);
}

// A file that is not text: a well-known binary signature, or (once decoded, so UTF-16 counts as
// text) at least 256 bytes of which more than one in ten is a control character other than tab,
// newline, CR, ESC, BS or FF. A log with a few stray NUL bytes stays a log.
bool looksBinary(QByteArrayView raw, QByteArrayView decoded)
{
    static constexpr QByteArrayView signatures[] = { "\x7F"
                                                     "ELF",
        "\x89PNG", "GIF8", "\xFF\xD8\xFF", "%PDF-", "\x1F\x8B", "7z\xBC\xAF",
        "\xFD"
        "7zXZ",
        "SQLite format 3" };
    for (const QByteArrayView signature : signatures) {
        if (raw.startsWith(signature))
            return true;
    }
    if (decoded.size() < 256)
        return false;
    qsizetype controls = 0;
    for (const char c : decoded) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 && u != '\t' && u != '\n' && u != '\r' && u != 0x1b && u != '\b' && u != '\f')
            ++controls;
    }
    return controls * 10 > decoded.size();
}

} // namespace

struct LogSource::Data
{
    QString path;
    SourceKind kind = SourceKind::SingleFile;
    ArchiveLimits limits;
    QList<LogEntry> entries;
    std::optional<ZipArchive> zip; // Zip
    std::optional<TarArchive> tar; // TarGz
    QStringList files; // Folder / SingleFile: absolute path per entry
    QList<QByteArray> texts; // GhRunView: decoded text per entry
};

QLatin1String sourceKindName(SourceKind kind)
{
    switch (kind) {
    case SourceKind::Zip:
        return QLatin1String("zip");
    case SourceKind::Folder:
        return QLatin1String("folder");
    case SourceKind::SingleFile:
        return QLatin1String("file");
    case SourceKind::GhRunView:
        return QLatin1String("gh-run-view");
    case SourceKind::TarGz:
        return QLatin1String("tar.gz");
    }
    return QLatin1String("file");
}

LogSource::LogSource()
    : m_d(QSharedPointer<const Data>::create())
{
}

Result<LogSource> LogSource::open(const QString& path, const ArchiveLimits& limits)
{
    auto d = QSharedPointer<Data>::create();
    d->path = path;
    d->limits = limits;
    auto openedTar = [&d](Result<TarArchive> tar) -> Result<LogSource> {
        if (!tar)
            return Error { tar.error() };
        d->kind = SourceKind::TarGz;
        d->entries = tar->entries();
        d->tar = std::move(tar).value();
        return LogSource(std::move(d));
    };
    // Most sources are files (a run's archive or saved log): opened first, the path's kind asked only when
    // that fails. Unbuffered: a GHALogs archive is read whole by one read() into its buffer, and the peek
    // below reads only its 4 bytes (a buffered peek read 16 KiB, most of such an archive).
    auto opened = std::make_unique<QFile>(path);
    const bool openedFile = opened->open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    const QFileInfo info(path);
    if (!openedFile) {
        if (!info.exists()) {
            if (QString zipPath, member; splitMemberPath(path, &zipPath, &member)) {
                auto index = ZipMemberIndex::of(zipPath);
                if (!index)
                    return Error { index.error() };
                std::shared_ptr<const ZipMemberIndex> shared = std::move(index).value();
                return openedTar(TarArchive::open(
                    shared->describe(member), [shared, member] { return shared->openMember(member); }, limits));
            }
            return makeError(QStringLiteral("log '%1': does not exist").arg(path));
        }
        if (!info.isDir())
            return makeError(QStringLiteral("log '%1': cannot be read: %2").arg(path, opened->errorString()));
        d->kind = SourceKind::Folder;
        const QString what = describeFor(d->kind, path);
        const QDir root(info.absoluteFilePath());
        struct Found
        {
            LogEntry entry;
            QString file;
        };
        QList<Found> found;
        QDirIterator it(root.path(), QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString file = it.next();
            const QFileInfo fileInfo = it.fileInfo();
            if (fileInfo.isSymLink()) {
                qCWarning(lcLogs) << "skipping symbolic link" << file << "in" << path;
                continue;
            }
            if (found.size() >= limits.maxEntries)
                return makeError(what + QStringLiteral(": has more than the limit of %1 files").arg(limits.maxEntries));
            LogEntry entry = classifyEntryName(root.relativeFilePath(file));
            entry.size = fileInfo.size();
            found.append({ std::move(entry), file });
        }
        std::sort(
            found.begin(), found.end(), [](const auto& a, const auto& b) { return entryOrderLess(a.entry, b.entry); });
        for (auto& [entry, file] : found) {
            d->entries.append(std::move(entry));
            d->files.append(file);
        }
        return LogSource(std::move(d));
    }

    QFile& file = *opened;
    const QByteArray head = file.peek(4);
    if (path.endsWith(QLatin1String(".zip"), Qt::CaseInsensitive) || head.startsWith("PK\x03\x04")
        || head.startsWith("PK\x05\x06")) {
        file.close();
        auto zip = ZipArchive::open(path, limits);
        if (!zip)
            return Error { zip.error() };
        d->kind = SourceKind::Zip;
        d->entries = zip->entries();
        d->zip = std::move(zip).value();
        return LogSource(std::move(d));
    }
    if (path.endsWith(QLatin1String(".tar.gz"), Qt::CaseInsensitive)
        || path.endsWith(QLatin1String(".tgz"), Qt::CaseInsensitive) || TarArchive::looksLikeGzip(head)) {
        return openedTar(TarArchive::open(path, limits, std::move(opened)));
    }

    // A single saved log: plain, or `gh run view --log` output (decided by its first line).
    const QByteArray peeked = file.peek(64 * 1024);
    TextDecoder probe;
    QByteArray start(probe.decode(peeked).toByteArray());
    start.append(probe.finish().toByteArray());
    if (looksBinary(peeked.first(qMin<qsizetype>(peeked.size(), 16)), start))
        return makeError(QStringLiteral("log '%1': a binary file, not a text log").arg(path));
    if (looksLikeGhRunView(start)) {
        if (file.size() > limits.maxEntryBytes)
            return makeError(QStringLiteral("log '%1': %2 bytes, more than the limit of %3 bytes")
                                 .arg(path)
                                 .arg(file.size())
                                 .arg(limits.maxEntryBytes));
        const QByteArray decoded = TextDecoder::decodeAll(file.readAll());
        if (file.error() != QFileDevice::NoError)
            return makeError(QStringLiteral("log '%1': cannot be read: %2").arg(path, file.errorString()));
        d->kind = SourceKind::GhRunView;
        for (GhRunViewGroup& group : splitGhRunView(decoded)) {
            d->entries.append(std::move(group.entry));
            d->texts.append(std::move(group.text));
        }
        return LogSource(std::move(d));
    }
    d->kind = SourceKind::SingleFile;
    LogEntry entry;
    entry.name = info.fileName();
    entry.kind = EntryKind::SingleFile;
    entry.size = info.size();
    d->entries.append(std::move(entry));
    d->files.append(info.absoluteFilePath());
    return LogSource(std::move(d));
}

QString LogSource::memberPath(const QString& zipPath, const QString& member)
{
    return zipPath + QStringLiteral("!/") + member;
}

bool LogSource::splitMemberPath(const QString& path, QString* zipPath, QString* member)
{
    const qsizetype at = path.indexOf(QLatin1String(".zip!/"), 0, Qt::CaseInsensitive);
    if (at < 0)
        return false;
    *zipPath = path.first(at + 4);
    *member = path.sliced(at + 6);
    return !member->isEmpty();
}

LogSource::LogSource(QSharedPointer<const Data> d)
    : m_d(std::move(d))
{
}

QString LogSource::path() const
{
    return m_d->path;
}
SourceKind LogSource::kind() const
{
    return m_d->kind;
}
const ArchiveLimits& LogSource::limits() const
{
    return m_d->limits;
}
const QList<LogEntry>& LogSource::entries() const
{
    return m_d->entries;
}
QString LogSource::describe() const
{
    return describeFor(m_d->kind, m_d->path);
}

int LogSource::indexOf(const QString& name) const
{
    for (int i = 0; i < m_d->entries.size(); ++i) {
        if (m_d->entries.at(i).name == name)
            return i;
    }
    return -1;
}

QStringList LogSource::jobNames() const
{
    QStringList names;
    for (const LogEntry& entry : m_d->entries) {
        if (!entry.jobName.isEmpty() && !names.contains(entry.jobName))
            names.append(entry.jobName);
    }
    return names;
}

Status LogSource::forEachChunk(int index, const std::function<bool(QByteArrayView decoded)>& f) const
{
    if (index < 0 || index >= m_d->entries.size())
        return makeError(describe() + QStringLiteral(": no entry number %1").arg(index));
    if (m_d->kind == SourceKind::GhRunView) {
        const QByteArray& text = m_d->texts.at(index);
        for (qsizetype pos = 0; pos < text.size(); pos += kChunkSize) {
            if (!f(QByteArrayView(text).sliced(pos, qMin(kChunkSize, text.size() - pos))))
                break;
        }
        return {};
    }
    TextDecoder decoder;
    bool stopped = false;
    auto feed = [&](QByteArrayView raw) {
        const QByteArrayView decoded = decoder.decode(raw);
        if (!decoded.isEmpty() && !f(decoded))
            stopped = true;
        return !stopped;
    };
    if (m_d->kind == SourceKind::Zip || m_d->kind == SourceKind::TarGz) {
        const Status status = forEachRawChunk(index, feed);
        if (!status)
            return status;
    } else {
        const LogEntry& entry = m_d->entries.at(index);
        QFile file(m_d->files.at(index));
        const QString what
            = m_d->kind == SourceKind::Folder ? describe() + QStringLiteral(": file '%1'").arg(entry.name) : describe();
        if (!file.open(QIODevice::ReadOnly))
            return makeError(what + QStringLiteral(" cannot be read: ") + file.errorString());
        QByteArray buffer(kChunkSize, Qt::Uninitialized);
        qint64 seen = 0;
        while (!stopped) {
            const qint64 n = file.read(buffer.data(), buffer.size());
            if (n < 0)
                return makeError(what + QStringLiteral(" cannot be read: ") + file.errorString());
            if (n == 0)
                break;
            seen += n;
            if (seen > m_d->limits.maxEntryBytes)
                return makeError(
                    what + QStringLiteral(" is larger than the limit of %1 bytes").arg(m_d->limits.maxEntryBytes));
            feed(QByteArrayView(buffer.constData(), n));
        }
    }
    if (!stopped) {
        const QByteArrayView rest = decoder.finish();
        if (!rest.isEmpty())
            f(rest);
    }
    return {};
}

Status LogSource::forEachRawChunk(int index, const std::function<bool(QByteArrayView raw)>& f) const
{
    if (index < 0 || index >= m_d->entries.size())
        return makeError(describe() + QStringLiteral(": no entry number %1").arg(index));
    switch (m_d->kind) {
    case SourceKind::Zip:
        return m_d->zip->readRaw(index, f, kChunkSize);
    case SourceKind::TarGz:
        return m_d->tar->readRaw(index, f, kChunkSize);
    case SourceKind::GhRunView:
        return forEachChunk(index, f);
    case SourceKind::Folder:
    case SourceKind::SingleFile:
        break;
    }
    QFile file(m_d->files.at(index));
    if (!file.open(QIODevice::ReadOnly))
        return makeError(
            describe() + QStringLiteral(": '%1' cannot be read: ").arg(file.fileName()) + file.errorString());
    QByteArray buffer(kChunkSize, Qt::Uninitialized);
    for (;;) {
        const qint64 n = file.read(buffer.data(), buffer.size());
        if (n < 0)
            return makeError(
                describe() + QStringLiteral(": '%1' cannot be read: ").arg(file.fileName()) + file.errorString());
        if (n == 0 || !f(QByteArrayView(buffer.constData(), n)))
            return {};
    }
}

Result<QByteArray> LogSource::readEntry(int index) const
{
    QByteArray out;
    if (index >= 0 && index < m_d->entries.size()) {
        if (m_d->kind == SourceKind::GhRunView)
            return m_d->texts.at(index);
        out.reserve(qsizetype(qBound<qint64>(0, m_d->entries.at(index).size, qint64(1) << 30)));
    }
    const Status status = forEachChunk(index, [&out](QByteArrayView decoded) {
        out.append(decoded.data(), decoded.size());
        return true;
    });
    if (!status)
        return Error { status.error() };
    return out;
}

Status LogSource::withEntry(int index, const std::function<void(QByteArrayView decoded)>& f) const
{
    if (m_d->kind == SourceKind::TarGz) {
        if (const std::optional<QByteArrayView> raw = m_d->tar->heldBytes(index)) {
            TextDecoder decoder;
            const QByteArrayView decoded = decoder.decode(*raw);
            const bool inPlace = decoded.isEmpty()
                || (decoded.data() >= raw->data() && decoded.data() + decoded.size() <= raw->data() + raw->size());
            if (inPlace && decoder.finish().isEmpty()) {
                f(decoded);
                return {};
            }
        }
    }
    const Result<QByteArray> copy = readEntry(index);
    if (!copy)
        return Error { copy.error() };
    f(*copy);
    return {};
}

Status LogSource::forEachLine(int index, const std::function<bool(const LogLine&)>& f) const
{
    QByteArray scratch;
    LineSplitter splitter([&](QByteArrayView raw, qint64 offset, qint64 number) {
        LogLine line = parseLine(raw, scratch);
        line.byteOffset = offset;
        line.lineNumber = number;
        return f(line);
    });
    bool go = true;
    const Status status = forEachChunk(index, [&](QByteArrayView decoded) {
        go = splitter.feed(decoded);
        return go;
    });
    if (!status)
        return status;
    if (go)
        splitter.finish();
    return {};
}

Result<QList<StepRange>> LogSource::steps(const QString& jobName) const
{
    QList<StepRange> steps;
    int jobLog = -1;
    for (int i = 0; i < m_d->entries.size(); ++i) {
        const LogEntry& entry = m_d->entries.at(i);
        if (entry.jobName != jobName)
            continue;
        if ((entry.kind == EntryKind::JobLog || entry.kind == EntryKind::LegacyJobLog) && jobLog < 0)
            jobLog = i;
        if (entry.kind != EntryKind::StepLog)
            continue;
        StepRange step;
        step.jobName = jobName;
        step.number = entry.stepNumber;
        step.name = entry.stepName;
        step.firstLine = 1;
        step.source = m_d->kind == SourceKind::GhRunView ? StepSource::GhRunView : StepSource::StepFile;
        step.entryIndex = i;
        qint64 lines = 0;
        bool partial = false;
        const Status status = forEachChunk(i, [&](QByteArrayView decoded) {
            lines += decoded.count('\n');
            partial = decoded.back() != '\n';
            return true;
        });
        if (!status)
            return Error { status.error() };
        step.lastLine = lines + (partial ? 1 : 0);
        steps.append(std::move(step));
    }
    if (!steps.isEmpty()) {
        std::stable_sort(
            steps.begin(), steps.end(), [](const StepRange& a, const StepRange& b) { return a.number < b.number; });
        return steps;
    }
    if (jobLog < 0)
        return makeError(describe() + QStringLiteral(": no log for job '%1'").arg(jobName));
    const auto text = readEntry(jobLog);
    if (!text)
        return Error { text.error() };
    return stepsFromGroupMarkers(*text, jobName, jobLog);
}

} // namespace runlens::logs
