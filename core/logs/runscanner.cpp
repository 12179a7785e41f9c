#include "runscanner.h"

#include "logs/naivekeywordfilter.h"
#include "logs/taxonomy.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QStringDecoder>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>

#include <quazip.h>
#include <quazipfile.h>

#include <algorithm>
#include <cstring>
#include <deque>
#include <numeric>

namespace runlens::logs {

QString runSourceKindName(RunSource::Kind kind)
{
    switch (kind) {
    case RunSource::Kind::Zip:
        return QStringLiteral("zip");
    case RunSource::Kind::Folder:
        return QStringLiteral("folder");
    case RunSource::Kind::File:
        break;
    }
    return QStringLiteral("file");
}

bool RunScanResult::memoryFailure() const
{
    return std::any_of(categories.begin(), categories.end(),
                       [](MemoryCategory c) { return categoryInfo(c).memory; });
}

namespace {
    bool isLogName(const QString& name)
    {
        return name.endsWith(QLatin1String(".txt"), Qt::CaseInsensitive);
    }

    bool isZipName(const QString& name)
    {
        return name.endsWith(QLatin1String(".zip"), Qt::CaseInsensitive);
    }

    bool hasLogsBelow(const QString& dir)
    {
        QDirIterator it(dir, { QStringLiteral("*.txt"), QStringLiteral("*.TXT") }, QDir::Files,
                        QDirIterator::Subdirectories);
        return it.hasNext();
    }

    QStringList sortedEntries(const QString& dir, QDir::Filters filters)
    {
        return QDir(dir).entryList(filters | QDir::NoDotAndDotDot, QDir::Name);
    }

    // Reads a device in chunks that end at line boundaries and hands each to `onLines`. With `decode`,
    // UTF-16 text (BOM or NUL-heavy start) is converted to UTF-8 first.
    class LineChunker {
    public:
        LineChunker(qint64 chunkBytes, bool decode)
            : m_chunkBytes(std::max<qint64>(chunkBytes, 4096))
            , m_decode(decode)
        {
        }

        // Returns the number of bytes read from the device, or -1 on a read error.
        template <typename OnLines>
        qint64 run(QIODevice& device, OnLines&& onLines)
        {
            QByteArray buffer;
            buffer.reserve(m_chunkBytes * 2);
            QByteArray raw;
            std::optional<QStringDecoder> decoder;
            bool first = true;
            qint64 total = 0;
            qsizetype carry = 0;
            for (;;) {
                qint64 got = 0;
                if (!decoder && !(m_decode && first)) {
                    buffer.resize(carry + m_chunkBytes);
                    got = device.read(buffer.data() + carry, m_chunkBytes);
                    if (got < 0)
                        return -1;
                    buffer.resize(carry + got);
                } else {
                    raw.resize(m_chunkBytes);
                    got = device.read(raw.data(), m_chunkBytes);
                    if (got < 0)
                        return -1;
                    raw.resize(got);
                    if (first) {
                        decoder = detectUtf16(raw);
                    }
                    buffer.resize(carry);
                    if (decoder)
                        buffer += QString(decoder->decode(raw)).toUtf8(); // QStringDecoder keeps state across chunks
                    else
                        buffer += raw;
                }
                first = false;
                total += got;
                if (got == 0) {
                    if (!buffer.isEmpty())
                        onLines(QByteArrayView(buffer));
                    return total;
                }
                const qsizetype lastNewline = buffer.lastIndexOf('\n');
                if (lastNewline < 0) {
                    carry = buffer.size(); // one long line: keep reading
                    continue;
                }
                onLines(QByteArrayView(buffer.constData(), lastNewline + 1));
                carry = buffer.size() - (lastNewline + 1);
                std::memmove(buffer.data(), buffer.constData() + lastNewline + 1, size_t(carry));
                buffer.resize(carry);
            }
        }

    private:
        static std::optional<QStringDecoder> detectUtf16(const QByteArray& start)
        {
            if (start.startsWith("\xFF\xFE"))
                return QStringDecoder(QStringDecoder::Utf16LE);
            if (start.startsWith("\xFE\xFF"))
                return QStringDecoder(QStringDecoder::Utf16BE);
            const qsizetype probe = std::min<qsizetype>(start.size(), 512) & ~qsizetype(1);
            if (probe < 16)
                return std::nullopt;
            qsizetype oddNuls = 0;
            for (qsizetype i = 1; i < probe; i += 2)
                oddNuls += start[i] == '\0';
            if (oddNuls * 4 >= probe / 2 * 3) // three quarters of the high bytes are zero: ASCII in UTF-16LE
                return QStringDecoder(QStringDecoder::Utf16LE);
            return std::nullopt;
        }

        qint64 m_chunkBytes;
        bool m_decode;
    };

    struct PendingHit {
        MemoryHit hit;
        bool companion = false;
    };

    // Hits of one log file with a bounded memory: the first and last few, plus the final-cause candidates.
    struct EntryHits {
        explicit EntryHits(int cap)
            : half(std::max(cap / 2, 1))
        {
        }
        size_t half;
        std::vector<PendingHit> head;
        std::deque<PendingHit> tail;
        qint64 omitted = 0;
        std::optional<PendingHit> lastAny, lastPlain, finalAny, finalPlain;

        void add(PendingHit hit)
        {
            lastAny = hit;
            if (!hit.companion)
                lastPlain = hit;
            if (head.size() < half) {
                head.push_back(std::move(hit));
                return;
            }
            tail.push_back(std::move(hit));
            if (tail.size() > half) {
                tail.pop_front();
                ++omitted;
            }
        }
        void errorMarker()
        {
            finalAny = lastAny;
            finalPlain = lastPlain;
        }
    };

    using EntryFn = std::function<void(const QString& entry, const QString& filePath, QIODevice& device)>;

    // Calls `fn` for every log file of the run. Returns the first problem, naming the input.
    QString forEachEntry(const RunSource& run, const EntryFn& fn, qint64* entries)
    {
        switch (run.kind) {
        case RunSource::Kind::Zip: {
            QuaZip zip(run.path);
            if (!zip.open(QuaZip::mdUnzip))
                return QStringLiteral("archive '%1': cannot open as ZIP (damaged or not a ZIP, error %2)")
                    .arg(run.path)
                    .arg(zip.getZipError());
            QString problem;
            for (bool more = zip.goToFirstFile(); more; more = zip.goToNextFile()) {
                const QString name = zip.getCurrentFileName();
                if (name.endsWith(QLatin1Char('/')) || !isLogName(name))
                    continue;
                QuaZipFile file(&zip);
                if (!file.open(QIODevice::ReadOnly)) {
                    problem = QStringLiteral("archive '%1': entry '%2' cannot be read (error %3)")
                                  .arg(run.path, name)
                                  .arg(file.getZipError());
                    continue;
                }
                ++*entries;
                fn(name, run.path + QLatin1Char('/') + name, file);
                file.close();
                if (file.getZipError() != UNZ_OK && problem.isEmpty())
                    problem = QStringLiteral("archive '%1': entry '%2' is damaged (error %3)")
                                  .arg(run.path, name)
                                  .arg(file.getZipError());
            }
            if (zip.getZipError() != UNZ_OK && problem.isEmpty())
                problem = QStringLiteral("archive '%1': damaged directory (error %2)").arg(run.path).arg(zip.getZipError());
            return problem;
        }
        case RunSource::Kind::Folder: {
            QStringList files;
            QDirIterator it(run.path, QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString path = it.next();
                if (isLogName(path))
                    files << path;
            }
            files.sort();
            QString problem;
            const QDir root(run.path);
            for (const QString& path : std::as_const(files)) {
                QFile file(path);
                if (!file.open(QIODevice::ReadOnly)) {
                    problem = QStringLiteral("log '%1': %2").arg(path, file.errorString());
                    continue;
                }
                ++*entries;
                fn(root.relativeFilePath(path), path, file);
            }
            return problem;
        }
        case RunSource::Kind::File: {
            QFile file(run.path);
            if (!file.open(QIODevice::ReadOnly))
                return QStringLiteral("log '%1': %2").arg(run.path, file.errorString());
            ++*entries;
            fn(QFileInfo(run.path).fileName(), run.path, file);
            return {};
        }
        }
        return {};
    }
} // namespace

RunScanner::RunScanner(ScanOptions options, std::shared_ptr<const Taxonomy> taxonomy)
    : m_options(options)
    , m_taxonomy(std::move(taxonomy))
{
}

Result<RunScanner> RunScanner::create(const ScanOptions& options)
{
    auto taxonomy = Taxonomy::create();
    if (!taxonomy)
        return makeError(taxonomy.error());
    return RunScanner(options, std::move(taxonomy.value()));
}

Result<std::vector<RunSource>> RunScanner::discover(const QString& path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return makeError(QStringLiteral("'%1': no such file or folder").arg(path));
    QString given = path;
    while (given.size() > 1 && given.endsWith(QLatin1Char('/')))
        given.chop(1);
    std::vector<RunSource> runs;
    if (info.isFile()) {
        runs.push_back({ given, given, isZipName(path) ? RunSource::Kind::Zip : RunSource::Kind::File });
        return runs;
    }
    const QDir dir(path);
    const bool seed = dir.exists(QStringLiteral("workflow_runs.csv")) || dir.exists(QStringLiteral("logs_failure"))
        || dir.exists(QStringLiteral("logs_normal"));
    auto addRunsIn = [&](const QString& folder, const QString& prefix) {
        for (const QString& name : sortedEntries(folder, QDir::Dirs))
            runs.push_back({ prefix + name, folder + QLatin1Char('/') + name, RunSource::Kind::Folder });
        for (const QString& name : sortedEntries(folder, QDir::Files)) {
            if (isZipName(name))
                runs.push_back({ prefix + name, folder + QLatin1Char('/') + name, RunSource::Kind::Zip });
            else if (isLogName(name))
                runs.push_back({ prefix + name, folder + QLatin1Char('/') + name, RunSource::Kind::File });
        }
    };
    if (seed) {
        for (const QString& sub : { QStringLiteral("logs_failure"), QStringLiteral("logs_normal") }) {
            if (QFileInfo(dir.filePath(sub)).isDir())
                addRunsIn(given + QLatin1Char('/') + sub, sub + QLatin1Char('/'));
        }
        return runs;
    }
    if (hasLogsBelow(path)) {
        runs.push_back({ given, given, RunSource::Kind::Folder });
        return runs;
    }
    for (const QString& name : sortedEntries(path, QDir::Files)) {
        if (isZipName(name))
            runs.push_back({ given + QLatin1Char('/') + name, given + QLatin1Char('/') + name, RunSource::Kind::Zip });
    }
    if (runs.empty())
        return makeError(QStringLiteral("'%1': no .txt logs or .zip archives in this folder").arg(path));
    return runs;
}

RunScanResult RunScanner::scan(const RunSource& run) const
{
    RunScanResult result;
    result.source = run;
    LineChunker chunker(m_options.chunkBytes, !m_options.naive);

    if (m_options.naive) {
        result.error = forEachEntry(
            run,
            [&](const QString& entry, const QString& filePath, QIODevice& device) {
                NaiveKeywordFilter filter;
                const qint64 read = chunker.run(device, [&](QByteArrayView lines) { filter.feed(lines); });
                result.bytes += std::max<qint64>(read, 0);
                if (filter.matched()) {
                    result.keywordHits.push_back(
                        { entry, filter.line(), filter.keyword(), Taxonomy::evidenceText(filter.lineText()) });
                    result.matchedFiles << filePath;
                }
            },
            &result.entries);
        return result;
    }

    const auto scratch = m_taxonomy->makeScratch();
    struct EntryRecord {
        QString entry;
        QString filePath;
        EntryHits hits;
        bool hasMarker = false;
    };
    std::vector<EntryRecord> records;
    result.error = forEachEntry(
        run,
        [&](const QString& entry, const QString& filePath, QIODevice& device) {
            EntryRecord record { entry, filePath, EntryHits(m_options.maxHitsPerEntry), false };
            qint64 nextLine = 1;
            const qint64 read = chunker.run(device, [&](QByteArrayView lines) {
                nextLine += m_taxonomy->scanLines(lines, nextLine, *scratch, [&](const TaxonomyLineEvent& event) {
                    if (event.match) {
                        const CategoryInfo& info = categoryInfo(event.match->category);
                        record.hits.add({ MemoryHit { entry, event.line, Taxonomy::evidenceText(event.raw),
                                                      event.match->category, event.match->rule, false, info.possible },
                                          event.match->needsCompanion });
                    }
                    if (event.errorMarker) {
                        record.hits.errorMarker();
                        record.hasMarker = true;
                    }
                });
            });
            result.bytes += std::max<qint64>(read, 0);
            if (read < 0 && result.error.isEmpty())
                result.error = QStringLiteral("log '%1': read error").arg(filePath);
            if (record.hits.lastAny)
                records.push_back(std::move(record));
        },
        &result.entries);

    // exit 143 means runner-lost only next to a runner shutdown or lost-communication line.
    bool companionPresent = false;
    for (const EntryRecord& record : records) {
        auto isCompanion = [](const PendingHit& p) { return p.hit.category == MemoryCategory::RunnerLost && !p.companion; };
        companionPresent = companionPresent || std::any_of(record.hits.head.begin(), record.hits.head.end(), isCompanion)
            || std::any_of(record.hits.tail.begin(), record.hits.tail.end(), isCompanion);
    }

    bool anyFinal = false;
    for (EntryRecord& record : records) {
        std::vector<MemoryHit> hits;
        auto keep = [&](const PendingHit& p) {
            if (companionPresent || !p.companion)
                hits.push_back(p.hit);
        };
        std::for_each(record.hits.head.begin(), record.hits.head.end(), keep);
        std::for_each(record.hits.tail.begin(), record.hits.tail.end(), keep);
        const std::optional<PendingHit>& final = companionPresent ? record.hits.finalAny : record.hits.finalPlain;
        if (final) {
            auto at = std::lower_bound(hits.begin(), hits.end(), final->hit.line,
                                       [](const MemoryHit& h, qint64 line) { return h.line < line; });
            if (at == hits.end() || at->line != final->hit.line) {
                at = hits.insert(at, final->hit);
                --record.hits.omitted;
            }
            at->final = true;
            anyFinal = true;
        }
        result.hitsOmitted += record.hits.omitted;
        bool memoryFile = false;
        for (MemoryHit& hit : hits) {
            memoryFile = memoryFile || categoryInfo(hit.category).memory;
            result.hits.push_back(std::move(hit));
        }
        if (memoryFile)
            result.matchedFiles << record.filePath;
    }
    if (!anyFinal && !result.hits.empty())
        result.hits.back().final = true; // no error marker after any hit: the run's last mention is the cause
    for (const CategoryInfo& info : allCategories()) {
        if (std::any_of(result.hits.begin(), result.hits.end(),
                        [&](const MemoryHit& h) { return h.category == info.category; }))
            result.categories << info.category;
    }
    for (const MemoryHit& hit : result.hits) {
        if (hit.final) {
            result.finalCategory = hit.category;
            break;
        }
    }
    return result;
}

std::vector<RunScanResult> RunScanner::scanAll(const std::vector<RunSource>& runs,
                                               const std::function<void(const RunScanResult&)>& progress,
                                               const std::atomic_bool* cancel) const
{
    std::vector<RunScanResult> results(runs.size());
    std::vector<size_t> indices(runs.size());
    std::iota(indices.begin(), indices.end(), size_t(0));
    QThreadPool pool;
    if (m_options.threads > 0)
        pool.setMaxThreadCount(m_options.threads);
    QtConcurrent::blockingMap(&pool, indices, [&](size_t index) {
        if (cancel && cancel->load()) {
            results[index].source = runs[index];
            results[index].error = QStringLiteral("'%1': scan cancelled").arg(runs[index].path);
            return;
        }
        results[index] = scan(runs[index]);
        if (progress)
            progress(results[index]);
    });
    return results;
}

} // namespace runlens::logs
