#include "runscanner.h"
#include "taxonomy/finalcandidates.h"

#include "logs/logsource.h"
#include "logs/ziparchive.h"
#include "taxonomy/naivekeywordfilter.h"
#include "taxonomy/taxonomy.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <cstring>
#include <deque>
#include <numeric>

namespace runlens::logs {

namespace {
bool isLogName(const QString& name)
{
    return name.endsWith(QLatin1String(".txt"), Qt::CaseInsensitive);
}

bool isZipName(const QString& name)
{
    return name.endsWith(QLatin1String(".zip"), Qt::CaseInsensitive);
}

// A run's log archive: a ZIP as downloaded, or a GHALogs tar.gz (RunSource::Kind::Zip either way).
bool isArchiveName(const QString& name)
{
    return isZipName(name) || name.endsWith(QLatin1String(".tar.gz"), Qt::CaseInsensitive)
        || name.endsWith(QLatin1String(".tgz"), Qt::CaseInsensitive);
}

bool hasLogsBelow(const QString& dir)
{
    QDirIterator it(
        dir, { QStringLiteral("*.txt"), QStringLiteral("*.TXT") }, QDir::Files, QDirIterator::Subdirectories);
    return it.hasNext();
}

QStringList sortedEntries(const QString& dir, QDir::Filters filters)
{
    return QDir(dir).entryList(filters | QDir::NoDotAndDotDot, QDir::Name);
}

// Re-cuts arbitrary chunks into pieces that end at line boundaries (the last piece may lack its newline).
class LineCarry
{
public:
    template <typename OnLines> void feed(QByteArrayView chunk, OnLines&& onLines)
    {
        const qsizetype lastNewline = chunk.lastIndexOf('\n');
        if (lastNewline < 0) {
            m_carry.append(chunk);
            return;
        }
        if (m_carry.isEmpty()) {
            onLines(chunk.first(lastNewline + 1));
        } else {
            m_carry.append(chunk.first(lastNewline + 1));
            onLines(QByteArrayView(m_carry));
            m_carry.clear();
        }
        m_carry.append(chunk.sliced(lastNewline + 1));
    }
    template <typename OnLines> void finish(OnLines&& onLines)
    {
        if (!m_carry.isEmpty())
            onLines(QByteArrayView(m_carry));
        m_carry.clear();
    }

private:
    QByteArray m_carry;
};

struct PendingHit
{
    MemoryHit hit;
    bool companion = false;
};

// Hits of one log file with a bounded memory: the first and last few, plus the final-cause candidates.
struct EntryHits
{
    explicit EntryHits(int cap)
        : half(std::max(cap / 2, 1))
    {
    }
    size_t half;
    std::vector<PendingHit> head;
    std::deque<PendingHit> tail;
    qint64 omitted = 0;
    FinalCandidates<PendingHit> candidates;

    void add(PendingHit hit)
    {
        candidates.add(hit, hit.companion);
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
    void errorMarker() { candidates.errorMarker(); }
};

// Called with an entry's name, its path for memory_logs.txt, and a function that streams its text.
using ChunkReader = std::function<Status(const std::function<bool(QByteArrayView)>&)>;
using EntryFn = std::function<void(const QString& entry, const QString& filePath, const ChunkReader& read)>;

// ZIPs and folders: the .txt logs; a single file (plain or gh run view groups): everything.
bool isScannedEntry(SourceKind source, const LogEntry& entry)
{
    return source == SourceKind::SingleFile || source == SourceKind::GhRunView || isLogName(entry.name);
}

Status readFileRaw(const QString& path, const std::function<bool(QByteArrayView)>& f)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("log '%1': cannot be read: %2").arg(path, file.errorString()));
    QByteArray buffer(qsizetype(1) << 20, Qt::Uninitialized);
    for (;;) {
        const qint64 n = file.read(buffer.data(), buffer.size());
        if (n < 0)
            return makeError(QStringLiteral("log '%1': cannot be read: %2").arg(path, file.errorString()));
        if (n == 0 || !f(QByteArrayView(buffer.constData(), n)))
            return {};
    }
}

// Calls `fn` for every log file of the run (LogSource decodes text: BOMs, UTF-16, gh run view groups).
// `raw` gives the bytes as stored instead, as the old Python filter read them. Returns the first
// problem, naming the input; other entries are still scanned.
QString forEachEntry(const RunSource& run, bool raw, const EntryFn& fn, qint64* entries)
{
    if (raw && run.kind == RunSource::Kind::File) {
        ++*entries;
        fn(QFileInfo(run.path).fileName(), run.path,
            [&](const std::function<bool(QByteArrayView)>& f) { return readFileRaw(run.path, f); });
        return {};
    }
    if (raw && run.kind == RunSource::Kind::Zip && isZipName(run.path)) {
        const auto zip = ZipArchive::open(run.path);
        if (!zip)
            return zip.error();
        QString problem;
        for (int i = 0; i < zip->entries().size(); ++i) {
            const LogEntry& entry = zip->entries().at(i);
            if (!isLogName(entry.name))
                continue;
            ++*entries;
            Status status;
            fn(entry.name, run.path + QLatin1Char('/') + entry.name,
                [&](const std::function<bool(QByteArrayView)>& f) { return status = zip->readRaw(i, f); });
            if (!status && problem.isEmpty())
                problem = status.error();
        }
        return problem;
    }
    const auto source = LogSource::open(run.path);
    if (!source)
        return source.error();
    QString problem;
    for (int i = 0; i < source->entries().size(); ++i) {
        const LogEntry& entry = source->entries().at(i);
        if (!isScannedEntry(source->kind(), entry))
            continue;
        ++*entries;
        const QString filePath = source->kind() == SourceKind::SingleFile || source->kind() == SourceKind::GhRunView
            ? run.path
            : run.path + QLatin1Char('/') + entry.name;
        Status status;
        if (raw && source->kind() == SourceKind::TarGz) {
            fn(entry.name, filePath,
                [&](const std::function<bool(QByteArrayView)>& f) { return status = source->forEachRawChunk(i, f); });
        } else if (raw) {
            fn(entry.name, filePath,
                [&](const std::function<bool(QByteArrayView)>& f) { return status = readFileRaw(filePath, f); });
        } else {
            fn(entry.name, filePath,
                [&](const std::function<bool(QByteArrayView)>& f) { return status = source->forEachChunk(i, f); });
        }
        if (!status && problem.isEmpty())
            problem = status.error();
    }
    return problem;
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
        runs.push_back({ given, given, isArchiveName(path) ? RunSource::Kind::Zip : RunSource::Kind::File });
        return runs;
    }
    const QDir dir(path);
    const bool seed = dir.exists(QStringLiteral("workflow_runs.csv")) || dir.exists(QStringLiteral("logs_failure"))
        || dir.exists(QStringLiteral("logs_normal"));
    auto addRunsIn = [&](const QString& folder, const QString& prefix) {
        for (const QString& name : sortedEntries(folder, QDir::Dirs))
            runs.push_back({ prefix + name, folder + QLatin1Char('/') + name, RunSource::Kind::Folder });
        for (const QString& name : sortedEntries(folder, QDir::Files)) {
            if (isArchiveName(name))
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
        if (isArchiveName(name))
            runs.push_back({ given + QLatin1Char('/') + name, given + QLatin1Char('/') + name, RunSource::Kind::Zip });
    }
    if (runs.empty())
        return makeError(QStringLiteral("'%1': no .txt logs or .zip archives in this folder").arg(path));
    return runs;
}

RunScan RunScanner::scan(const RunSource& run) const
{
    RunScanResult result;
    result.source = run;
    if (m_options.naive) {
        const QString problem = forEachEntry(
            run, true,
            [&](const QString& entry, const QString& filePath, const ChunkReader& read) {
                NaiveKeywordFilter filter;
                LineCarry carry;
                auto onLines = [&](QByteArrayView lines) { filter.feed(lines); };
                const Status status = read([&](QByteArrayView chunk) {
                    result.bytes += chunk.size();
                    carry.feed(chunk, onLines);
                    return !filter.matched(); // the verdict cannot change any more
                });
                carry.finish(onLines);
                if (status && filter.matched()) {
                    result.keywordHits.push_back(
                        { entry, filter.line(), filter.keyword(), Taxonomy::evidenceText(filter.lineText()) });
                    result.matchedFiles << filePath;
                }
            },
            &result.entries);
        if (!problem.isEmpty())
            return ScanFailure { problem, std::move(result) };
        return result;
    }

    const auto scratch = m_taxonomy->makeScratch();
    struct EntryRecord
    {
        QString entry;
        QString filePath;
        EntryHits hits;
        bool hasMarker = false;
    };
    std::vector<EntryRecord> records;
    const QString problem = forEachEntry(
        run, false,
        [&](const QString& entry, const QString& filePath, const ChunkReader& read) {
            EntryRecord record { entry, filePath, EntryHits(m_options.maxHitsPerEntry), false };
            qint64 nextLine = 1;
            LineCarry carry;
            auto onLines = [&](QByteArrayView lines) {
                nextLine += m_taxonomy->scanLines(lines, nextLine, *scratch, [&](const TaxonomyLineEvent& event) {
                    if (event.match) {
                        const CategoryInfo& info = categoryInfo(event.match->category);
                        record.hits.add({ MemoryHit { entry, LineNumber(event.line), Taxonomy::evidenceText(event.raw),
                                              event.match->category, event.match->rule, false, info.possible },
                            event.match->needsCompanion });
                    }
                    if (event.errorMarker) {
                        record.hits.errorMarker();
                        record.hasMarker = true;
                    }
                });
            };
            // A read error is reported by forEachEntry (the run's ScanFailure); the hits found before it
            // still count.
            [[maybe_unused]] const Status status = read([&](QByteArrayView chunk) {
                result.bytes += chunk.size();
                carry.feed(chunk, onLines);
                return true;
            });
            carry.finish(onLines);
            if (record.hits.candidates.any())
                records.push_back(std::move(record));
        },
        &result.entries);

    // exit 143 means runner-lost only next to a runner shutdown or lost-communication line.
    bool companionPresent = false;
    for (const EntryRecord& record : records) {
        auto isCompanion
            = [](const PendingHit& p) { return p.hit.category == MemoryCategory::RunnerLost && !p.companion; };
        companionPresent = companionPresent
            || std::any_of(record.hits.head.begin(), record.hits.head.end(), isCompanion)
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
        const std::optional<PendingHit>& final = record.hits.candidates.finalHit(companionPresent);
        if (final) {
            auto at = std::lower_bound(hits.begin(), hits.end(), final->hit.line,
                [](const MemoryHit& h, LineNumber line) { return h.line < line; });
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
        if (memoryFile && !result.matchedFiles.contains(record.filePath)) // gh run view: one file, many groups
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
    if (!problem.isEmpty())
        return ScanFailure { problem, std::move(result) };
    return result;
}

std::vector<RunScan> RunScanner::scanAll(const std::vector<RunSource>& runs,
    const std::function<void(const RunScan&)>& progress, const std::atomic_bool* cancel) const
{
    std::vector<RunScan> results(runs.size(), ScanFailure { QStringLiteral("not scanned"), {} });
    std::vector<size_t> indices(runs.size());
    std::iota(indices.begin(), indices.end(), size_t(0));
    QThreadPool pool;
    if (m_options.threads > 0)
        pool.setMaxThreadCount(m_options.threads);
    QtConcurrent::blockingMap(&pool, indices, [&](size_t index) {
        if (cancel && cancel->load()) {
            RunScanResult unscanned;
            unscanned.source = runs[index];
            results[index] = ScanFailure { QStringLiteral("'%1': scan cancelled").arg(runs[index].path), unscanned };
            return;
        }
        results[index] = scan(runs[index]);
        if (progress)
            progress(results[index]);
    });
    return results;
}

} // namespace runlens::logs
