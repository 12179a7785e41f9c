#include "ghalogs/ghalogsimporter.h"

#include "common/computepool.h"
#include "common/logging.h"
#include "ghalogs/ghalogsdataset.h"
#include "ghalogs/ghalogsrecordparser.h"
#include "ghalogs/gziplinereader.h"
#include "logs/logsource.h"
#include "workspace/ghalogsstore.h"
#include "workspace/workspace.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QHash>
#include <QSet>
#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <optional>
#include <random>

namespace runlens::ghalogs {

namespace {

using RunKey = QPair<qint64, int>;

// Lines of runs.json.gz parsed at once, and at most this much of their text (records are 6-100 KB).
constexpr size_t kParseChunk = 2048;
constexpr qsizetype kParseChunkBytes = 16 << 20;

struct ParsedLine
{
    qint64 number = 0;
    QByteArray text;
    std::optional<Result<workspace::GhaLogsRunRecord>> record;
};

QSet<QString> lowerSet(const QStringList& values)
{
    QSet<QString> out;
    for (const QString& v : values)
        out.insert(v.trimmed().toLower());
    return out;
}

void addProblem(GhaLogsImportSummary& summary, const QString& problem)
{
    if (summary.problems.size() < GhaLogsImportSummary::kMaxProblems)
        summary.problems.append(problem);
    else
        ++summary.problemsLeftOut;
}

QString describeRun(const workspace::GhaLogsRunRecord& record)
{
    return QStringLiteral("run %1 attempt %2 (%3)").arg(record.run.runId).arg(record.run.attempt).arg(record.recordId);
}

// A matched record waiting in the sample, with its position in the file so that the sample is
// imported in file order.
struct Sampled
{
    qint64 order = 0;
    workspace::GhaLogsRunRecord record;
};

} // namespace

GhaLogsImporter::GhaLogsImporter(workspace::Workspace& workspace, GhaLogsImportOptions options)
    : m_ws(workspace)
    , m_options(std::move(options))
{
}

Result<GhaLogsImportSummary> GhaLogsImporter::run(const std::atomic<bool>* cancel, const ProgressFn& progress)
{
    QElapsedTimer timer;
    timer.start();
    GhaLogsImportSummary summary;
    auto dataset = GhaLogsDataset::open(m_options.datasetDir);
    if (!dataset)
        return Error { dataset.error() };
    summary.logsForm = dataset->logsFormName();
    workspace::GhaLogsStore store(m_ws);
    auto cancelled = [cancel] { return cancel && cancel->load(std::memory_order_relaxed); };

    // Repositories first: small, and the language filter needs them.
    if (!dataset->repositoriesFile().isEmpty()) {
        GzipLineReader repos;
        if (Status s = repos.open(dataset->repositoriesFile()); !s)
            return Error { s.error() };
        const QString name = QFileInfo(dataset->repositoriesFile()).fileName();
        QList<workspace::GhaLogsRepositoryRecord> batch;
        QByteArray line;
        while (repos.next(&line) && !cancelled()) {
            if (line.trimmed().isEmpty())
                continue;
            const QString what = QStringLiteral("'%1' line %2").arg(name).arg(repos.lineNumber());
            auto record = GhaLogsRecordParser::parseRepository(line, what);
            if (!record) {
                addProblem(summary, record.error());
                continue;
            }
            batch.append(std::move(record).value());
            if (batch.size() >= m_options.batchSize) {
                if (Status s = store.storeRepositories(batch); !s)
                    return Error { s.error() };
                summary.repositories += batch.size();
                batch.clear();
            }
        }
        if (Status read = repos.status(); !read)
            addProblem(summary, read.error());
        if (Status s = store.storeRepositories(batch); !s)
            return Error { s.error() };
        summary.repositories += batch.size();
    }
    QHash<QString, QString> languages;
    if (!m_options.languages.isEmpty()) {
        auto known = store.languages();
        if (!known)
            return Error { known.error() };
        languages = std::move(known).value();
        if (languages.isEmpty())
            return makeError(
                QStringLiteral("dataset '%1': filtering by language needs repositories.json.gz").arg(dataset->dir()));
    }
    if (dataset->logsForm() == GhaLogsDataset::LogsForm::None)
        addProblem(summary,
            QStringLiteral("dataset '%1': has neither logs/ nor github_run_logs.zip; runs are imported without logs")
                .arg(dataset->dir()));
    auto existing = store.importedRuns();
    if (!existing)
        return Error { existing.error() };

    const QSet<QString> repoFilter = lowerSet(m_options.repositories);
    const QSet<QString> conclusionFilter = lowerSet(m_options.conclusions);
    const QSet<QString> languageFilter = lowerSet(m_options.languages);
    auto matches = [&](const workspace::RunRecord& run) {
        const QString repo = run.repository.toLower();
        if (!repoFilter.isEmpty() && !repoFilter.contains(repo))
            return false;
        if (!conclusionFilter.isEmpty() && !conclusionFilter.contains(run.conclusion.toLower()))
            return false;
        if (!languageFilter.isEmpty() && !languageFilter.contains(languages.value(repo).toLower()))
            return false;
        const QDate created = run.createdAt.date();
        if (m_options.since.isValid() && (!created.isValid() || created < m_options.since))
            return false;
        if (m_options.until.isValid() && (!created.isValid() || created > m_options.until))
            return false;
        return true;
    };

    GzipLineReader reader;
    if (Status s = reader.open(dataset->runsFile()); !s)
        return Error { s.error() };
    const QString runsName = QFileInfo(dataset->runsFile()).fileName();
    GhaLogsImportProgress state;
    state.bytesTotal = QFileInfo(dataset->runsFile()).size();
    QList<workspace::GhaLogsRunRecord> batch;
    Status storeError;
    auto flush = [&] {
        if (batch.isEmpty() || !storeError)
            return;
        storeError = store.storeRuns(batch);
        batch.clear();
        if (progress) {
            state.records = summary.records;
            state.imported = summary.imported;
            state.bytesRead = reader.compressedBytes();
            progress(state);
        }
    };
    auto accept = [&](workspace::GhaLogsRunRecord record) {
        if (existing->contains({ record.run.runId, record.run.attempt })) {
            ++summary.alreadyImported;
            return;
        }
        record.datasetDir = dataset->dir();
        record.log.runId = record.run.runId;
        record.log.attempt = record.run.attempt;
        const QString recordPath = record.archive;
        if (!record.archiveError.isEmpty()) {
            record.archive.clear();
            record.log.state = workspace::ArchiveState::Failed;
            record.log.reason = QStringLiteral("GHALogs could not download the logs: ") + record.archiveError;
            ++summary.archiveErrors;
        } else {
            GhaLogsArchiveRef ref = dataset->resolve(recordPath);
            if (ref.state == workspace::ArchiveState::Downloaded && m_options.verifyArchives) {
                if (auto source = logs::LogSource::open(ref.path); !source) {
                    ref.state = workspace::ArchiveState::Corrupt;
                    ref.reason = source.error();
                }
            }
            record.archive = ref.archive;
            record.archiveMember = ref.member;
            record.log.path = ref.path.isEmpty() ? recordPath : ref.path;
            record.log.bytes = ref.bytes;
            record.log.state = ref.state;
            record.log.reason = ref.reason;
            if (ref.state == workspace::ArchiveState::Downloaded)
                ++summary.archivesPresent;
            else if (ref.state == workspace::ArchiveState::Missing)
                ++summary.archivesMissing;
            else
                ++summary.archivesCorrupt;
        }
        if (record.log.path.isEmpty())
            record.log.path = QStringLiteral("(none)");
        // Without logs in the dataset every run lacks its archive: one problem says so, below.
        if (record.log.state != workspace::ArchiveState::Downloaded
            && dataset->logsForm() != GhaLogsDataset::LogsForm::None)
            addProblem(summary, describeRun(record) + QStringLiteral(": ") + record.log.reason);
        existing->insert({ record.run.runId, record.run.attempt });
        ++summary.imported;
        batch.append(std::move(record));
        if (batch.size() >= m_options.batchSize)
            flush();
    };

    QSet<RunKey> seen;
    std::mt19937_64 random(m_options.seed);
    std::vector<Sampled> sample;
    qint64 matched = 0;
    // Records are parsed a chunk of lines at a time on every core (parsing is half of an import's CPU),
    // then taken one by one in file order, so filters, duplicates, the sample and the limit are as if
    // read one at a time.
    std::vector<ParsedLine> chunk;
    bool more = true;
    while (storeError && more) {
        chunk.clear();
        qsizetype chunkBytes = 0;
        QByteArray line;
        while (chunk.size() < kParseChunk && chunkBytes < kParseChunkBytes && (more = reader.next(&line))) {
            chunkBytes += line.size();
            if (!line.trimmed().isEmpty())
                chunk.push_back({ reader.lineNumber(), std::move(line), {} });
        }
        QtConcurrent::blockingMap(computePool(), chunk, [&runsName](ParsedLine& parsed) {
            parsed.record = GhaLogsRecordParser::parseRun(parsed.text, runsName, parsed.number);
            parsed.text = {};
        });
        for (ParsedLine& parsed : chunk) {
            if (!storeError)
                break;
            if (cancelled()) {
                summary.cancelled = true;
                more = false;
                break;
            }
            ++summary.records;
            Result<workspace::GhaLogsRunRecord>& record = *parsed.record;
            if (!record) {
                ++summary.malformed;
                addProblem(summary, record.error());
                continue;
            }
            if (!matches(record->run)) {
                ++summary.filteredOut;
                continue;
            }
            const RunKey key { record->run.runId, record->run.attempt };
            if (seen.contains(key)) {
                ++summary.duplicates;
                addProblem(summary,
                    QStringLiteral("'%1' line %2: duplicate of ").arg(runsName).arg(parsed.number)
                        + describeRun(*record));
                continue;
            }
            seen.insert(key);
            ++matched;
            if (m_options.sample >= 0) {
                // Reservoir sampling: each matching record ends up in the sample with equal probability.
                if (qint64(sample.size()) < m_options.sample) {
                    sample.push_back({ matched, std::move(record).value() });
                } else {
                    ++summary.filteredOut;
                    const auto j = qint64(random() % quint64(matched));
                    if (j < m_options.sample)
                        sample[size_t(j)] = { matched, std::move(record).value() };
                }
                continue;
            }
            if (m_options.limit >= 0 && matched > m_options.limit) {
                ++summary.filteredOut;
                --matched;
                more = false; // the rest of the file is not read
                break;
            }
            accept(std::move(record).value());
        }
    }
    if (Status read = reader.status(); !read)
        addProblem(summary, read.error());
    if (!summary.cancelled && storeError) {
        std::sort(sample.begin(), sample.end(), [](const Sampled& a, const Sampled& b) { return a.order < b.order; });
        qint64 taken = 0;
        for (Sampled& s : sample) {
            if (m_options.limit >= 0 && taken >= m_options.limit) {
                ++summary.filteredOut;
                continue;
            }
            ++taken;
            accept(std::move(s.record));
        }
    }
    flush();
    if (!storeError)
        return Error { storeError.error() };
    summary.seconds = double(timer.nsecsElapsed()) / 1e9;
    qCInfo(lcWorkspace) << "GHALogs import of" << dataset->dir() << ":" << summary.imported << "runs in"
                        << summary.seconds << "s";
    return summary;
}

} // namespace runlens::ghalogs
