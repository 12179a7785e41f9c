#include "analysis.h"
#include "common/computepool.h"

#include "common/csvtable.h"
#include "common/logging.h"
#include "features/baselines.h"
#include "features/featureextractor.h"
#include "model/diffi.h"
#include "model/featurematrix.h"
#include "model/isolationforest.h"
#include "model/modeljson.h"
#include "model/treeshap.h"
#include "pipeline/featurecache.h"
#include "taxonomy/taxonomy.h"
#include "workspace/modelstore.h"
#include "workspace/workspace.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPair>
#include <QPromise>
#include <QSaveFile>
#include <QSet>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>

namespace runlens::pipeline {

namespace {
using features::RunFeatures;
using features::RunInput;

// Progress is reported in 0..kProgressMax: extraction takes most of it.
constexpr int kProgressMax = 1000;
constexpr int kBaselinesStart = 700;
constexpr int kExtractionEnd = 800;
constexpr int kModelEnd = 950;
// Runs per transaction and per batch of evidence held at once (features, baselines, exports).
constexpr size_t kBatchRuns = 512;

struct Reporter
{
    QPromise<Result<AnalysisResult>>* promise = nullptr;
    void operator()(int value, const QString& text) const
    {
        if (promise)
            promise->setProgressValueAndText(value, text);
    }
    bool canceled() const { return promise && promise->isCanceled(); }
};

Result<std::vector<int>> selectColumns(const QStringList& ids)
{
    std::vector<int> columns;
    if (ids.isEmpty()) {
        for (int i = 0; i < features::kFeatureCount; ++i)
            columns.push_back(i);
        return columns;
    }
    for (const QString& id : ids) {
        const int index = features::featureIndex(id.trimmed());
        if (index < 0)
            return makeError(QStringLiteral("unknown feature '%1' (runlens-cli features lists them)").arg(id));
        if (std::find(columns.begin(), columns.end(), index) == columns.end())
            columns.push_back(index);
    }
    return columns;
}

QString refsText(const QList<features::LineRef>& refs)
{
    QStringList parts;
    for (const features::LineRef& ref : refs)
        parts << ref.entry + QLatin1Char(':') + QString::number(ref.line);
    return parts.join(QLatin1Char(';'));
}

QString number(double value)
{
    return QString::number(value, 'g', 17);
}

Status writeFile(const QString& path, const QByteArray& bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return makeError(QStringLiteral("cannot write '%1': %2").arg(path, file.errorString()));
    return {};
}

// exports/scores.csv and contributions.csv, written a batch of runs at a time (most anomalous first), then
// importance.csv and model.json; the previous exports stay until finish() succeeds.
class ExportWriter
{
public:
    Status open(const QString& dir)
    {
        if (!QDir().mkpath(dir))
            return makeError(QStringLiteral("cannot create the exports folder '%1'").arg(dir));
        m_dir = QDir(dir);
        m_scores.setFileName(m_dir.filePath(QStringLiteral("scores.csv")));
        m_contributions.setFileName(m_dir.filePath(QStringLiteral("contributions.csv")));
        for (QSaveFile* file : { &m_scores, &m_contributions }) {
            if (!file->open(QIODevice::WriteOnly))
                return makeError(QStringLiteral("cannot write '%1': %2").arg(file->fileName(), file->errorString()));
        }
        m_scores.write("run_id,attempt,repository,workflow,conclusion,url,score,decision,anomaly,path_length,"
                       "top1,top2,top3,stability\n");
        m_contributions.write("run_id,attempt,feature,value,contribution,contribution_log2_score,evidence\n");
        return {};
    }

    void add(const AnalysisResult& result, const RunAnalysis& run, const features::FeatureEvidence& evidence)
    {
        const auto& catalog = features::featureCatalog();
        std::vector<int> order(run.contributions.size());
        for (size_t i = 0; i < order.size(); ++i)
            order[i] = int(i);
        // Most anomalous first: negative contributions shorten the path.
        std::stable_sort(order.begin(), order.end(),
            [&](int a, int b) { return run.contributions[size_t(a)] < run.contributions[size_t(b)]; });
        QStringList top;
        for (size_t i = 0; i < std::min<size_t>(3, order.size()); ++i) {
            const int column = result.featureColumns[size_t(order[i])];
            top << QStringLiteral("%1=%2 (%3)")
                       .arg(catalog.at(column).id, number(run.features.values[size_t(column)]),
                           QString::number(run.contributions[size_t(order[i])], 'f', 4));
        }
        while (top.size() < 3)
            top << QString();
        QStringList row { QString::number(run.runId), QString::number(run.attempt), run.repository, run.workflow,
            run.conclusion, run.htmlUrl, number(run.score), number(run.decision),
            run.flagged ? QStringLiteral("1") : QStringLiteral("0"), number(run.pathLength) };
        row << top << (std::isnan(run.stability) ? QString() : number(run.stability));
        m_scores.write(CsvTable::line(row).toUtf8());

        QByteArray lines;
        for (size_t i = 0; i < run.contributions.size(); ++i) {
            const int column = result.featureColumns[i];
            QStringList line { QString::number(run.runId), QString::number(run.attempt), catalog.at(column).id,
                number(run.features.values[size_t(column)]), number(run.contributions[i]),
                number(result.cMaxSamples > 0 ? run.contributions[i] / -result.cMaxSamples : 0),
                refsText(evidence[size_t(column)]) };
            lines += CsvTable::line(line).toUtf8();
        }
        m_contributions.write(lines);
    }

    Status finish(const AnalysisResult& result)
    {
        QByteArray importance("feature,mean_abs_contribution,diffi\n");
        for (size_t i = 0; i < size_t(result.featureIds.size()); ++i) {
            importance += result.featureIds.at(qsizetype(i)).toUtf8() + ','
                + number(result.meanAbsContribution[i]).toUtf8() + ',' + number(result.diffi[i]).toUtf8() + '\n';
        }
        for (QSaveFile* file : { &m_scores, &m_contributions }) {
            if (!file->commit())
                return makeError(QStringLiteral("cannot write '%1': %2").arg(file->fileName(), file->errorString()));
        }
        for (const auto& [name, bytes] : { std::pair { QStringLiteral("importance.csv"), importance },
                 std::pair { QStringLiteral("model.json"), result.modelJson } }) {
            if (Status s = writeFile(m_dir.filePath(name), bytes); !s)
                return s;
        }
        return {};
    }

private:
    QDir m_dir;
    QSaveFile m_scores;
    QSaveFile m_contributions;
};

// What the analysis computed beyond the model and its runs' rows, stored with the model (models.analysis):
// DIFFI needs the forest's in-bag rows, which model.json does not keep.
QByteArray analysisJson(const AnalysisResult& result)
{
    QJsonArray diffi; // as text: JSON has no infinity (a feature no outlier path splits on)
    for (double value : result.diffi)
        diffi.append(number(value));
    return QJsonDocument(
        QJsonObject { { QStringLiteral("train_on_successful_too"), result.options.trainOnSuccessfulToo },
            { QStringLiteral("diffi"), diffi } })
        .toJson(QJsonDocument::Compact);
}

// Reads analysisJson() back into `result`; false when the model was stored without it (or it does not fit).
bool readAnalysisJson(const QByteArray& json, AnalysisResult& result)
{
    const QJsonObject object = QJsonDocument::fromJson(json).object();
    const QJsonArray diffi = object.value(QLatin1String("diffi")).toArray();
    if (diffi.size() != result.featureIds.size())
        return false;
    result.options.trainOnSuccessfulToo = object.value(QLatin1String("train_on_successful_too")).toBool(true);
    result.diffi.clear();
    for (const QJsonValue& value : diffi) {
        bool ok = false;
        result.diffi.push_back(value.toString().toDouble(&ok));
        if (!ok)
            return false;
    }
    return true;
}

workspace::ScoredRun scoredRun(const RunAnalysis& run, const std::vector<quint64>& sweepSeeds)
{
    workspace::ScoredRun scored { run.key(), run.score, run.decision, run.flagged, run.contributions, {}, {},
        run.stability };
    for (size_t i = 0; i < run.seedScores.size() && i < sweepSeeds.size(); ++i) {
        scored.seedScores[sweepSeeds[i]] = run.seedScores[i];
        scored.seedFlags[sweepSeeds[i]] = run.seedFlags[i] != 0;
    }
    return scored;
}

// Stores the model with its runs' scores and contributions (one transaction) and writes the exports with
// the runs' evidence read back from the feature cache, a batch of runs at a time.
Status storeAndExport(
    const workspace::Workspace& ws, const FeatureCache& cache, AnalysisResult& result, const Reporter& report)
{
    workspace::ModelStore store(ws);
    Result<qint64> modelId = store.beginModel(QStringLiteral("isolation-forest"), result.modelJson);
    if (!modelId)
        return makeError(modelId.error());
    if (Status s = store.setAnalysisJson(*modelId, analysisJson(result)); !s)
        return s;
    ExportWriter exports;
    Status status = exports.open(result.exportsDir);
    std::vector<workspace::ScoredRun> batch;
    for (size_t start = 0; status && start < result.runs.size(); start += kBatchRuns) {
        if (report.canceled()) {
            status = makeError(QStringLiteral("analysis canceled"));
            break;
        }
        const size_t end = std::min(result.runs.size(), start + kBatchRuns);
        batch.clear();
        for (size_t r = start; status && r < end; ++r) {
            const RunAnalysis& run = result.runs[r];
            batch.push_back(scoredRun(run, result.sweepSeeds));
            Result<features::FeatureEvidence> evidence = cache.evidence(run.key());
            if (!evidence)
                status = makeError(evidence.error());
            else
                exports.add(result, run, *evidence);
        }
        if (status)
            status = store.addScores(*modelId, result.featureIds, batch);
        report(int(kModelEnd + qsizetype(kProgressMax - kModelEnd) * qsizetype(end) / qsizetype(result.runs.size())),
            QStringLiteral("Stored %1 of %2 runs").arg(end).arg(result.runs.size()));
    }
    if (status)
        status = store.commit();
    else
        store.rollback();
    if (!status)
        return status;
    result.modelId = *modelId;
    return exports.finish(result);
}

// A seed sweep: forests with seeds forest.seed + i * kSeedSweepStride on the same rows (the first is the model),
// each run's score and flag under each, and the share of the seeds that flag it.
Status sweepSeeds(const model::FeatureMatrix& train, const model::FeatureMatrix& all, const AnalysisOptions& options,
    std::vector<RunAnalysis>& runs, AnalysisResult& result, const Reporter& report)
{
    if (options.seeds <= 1)
        return {};
    for (RunAnalysis& run : runs) {
        run.seedScores = { run.score };
        run.seedFlags = { run.flagged ? 1 : 0 };
    }
    result.sweepSeeds = { options.forest.seed };
    for (int i = 1; i < options.seeds; ++i) {
        if (report.canceled())
            return makeError(QStringLiteral("analysis canceled"));
        report(kExtractionEnd + 50, QStringLiteral("Seed sweep: forest %1 of %2").arg(i + 1).arg(options.seeds));
        model::ForestParameters parameters = options.forest;
        parameters.seed = options.forest.seed + quint64(i) * kSeedSweepStride;
        Result<model::IsolationForest> forest = model::IsolationForest::fit(train, parameters);
        if (!forest)
            return makeError(forest.error());
        Result<model::ForestScores> scores = forest->evaluate(all);
        if (!scores)
            return makeError(scores.error());
        result.sweepSeeds.push_back(parameters.seed);
        for (size_t r = 0; r < runs.size(); ++r) {
            runs[r].seedScores.push_back(-scores->score[r]);
            runs[r].seedFlags.push_back(scores->prediction[r] < 0 ? 1 : 0);
        }
    }
    for (RunAnalysis& run : runs)
        run.stability = double(std::accumulate(run.seedFlags.begin(), run.seedFlags.end(), 0)) / double(options.seeds);
    return {};
}

// What the baselines read of a readable run's features (FeatureCache::loadBaselineMaterial()), as the analysis
// stored them in the cache moments ago.
Result<RunFeatures> cachedFeatures(
    const FeatureCache& cache, const RunAnalysis& run, const QString& checksum, const QString& workspaceDir)
{
    Result<std::optional<Result<RunFeatures>>> cached = cache.loadBaselineMaterial(run.key(), checksum);
    if (!cached)
        return makeError(cached.error());
    if (!cached->has_value() || !**cached)
        return makeError(QStringLiteral("the features of %1 run %2 are no longer in workspace '%3'")
                             .arg(run.repository)
                             .arg(run.runId)
                             .arg(workspaceDir));
    return std::move(**cached);
}

// The latest model of a workspace and the runs it scored, with their stored scores.
struct StoredModel
{
    qint64 id = 0;
    QByteArray json;
    QByteArray analysisJson;
    QList<workspace::ScoredRun> scores;
    QHash<RunKey, qsizetype> runs; // index in scores
};

Result<StoredModel> latestModel(const workspace::Workspace& ws, const QString& workspaceDir)
{
    const workspace::ModelStore store(ws);
    Result<std::optional<qint64>> latest = store.latestModelId();
    if (!latest)
        return makeError(QStringLiteral("workspace '%1': %2").arg(workspaceDir, latest.error()));
    if (!*latest)
        return makeError(QStringLiteral("workspace '%1' has no analysis yet: analyze it first").arg(workspaceDir));
    StoredModel stored;
    stored.id = **latest;
    Result<QByteArray> json = store.modelJson(stored.id);
    if (!json)
        return makeError(QStringLiteral("workspace '%1': %2").arg(workspaceDir, json.error()));
    stored.json = *json;
    Result<QByteArray> analysis = store.analysisJson(stored.id);
    if (!analysis)
        return makeError(QStringLiteral("workspace '%1': %2").arg(workspaceDir, analysis.error()));
    stored.analysisJson = *analysis;
    Result<QList<workspace::ScoredRun>> scores = store.scores(stored.id);
    if (!scores)
        return makeError(QStringLiteral("workspace '%1': %2").arg(workspaceDir, scores.error()));
    stored.scores = std::move(*scores);
    stored.runs.reserve(stored.scores.size());
    for (qsizetype i = 0; i < stored.scores.size(); ++i)
        stored.runs.insert(stored.scores.at(i).key, i);
    return stored;
}

// The model's columns of the runs [from, to) that `keep`, one row per run.
template <typename Keep>
Result<model::FeatureMatrix> modelMatrix(
    const std::vector<RunAnalysis>& runs, const AnalysisResult& result, Keep&& keep, size_t from, size_t to)
{
    std::vector<double> values;
    for (size_t r = from; r < to; ++r) {
        if (!keep(runs[r]))
            continue;
        for (int column : result.featureColumns)
            values.push_back(runs[r].features.values[size_t(column)]);
    }
    return model::FeatureMatrix::fromValues(std::move(values), int(result.featureColumns.size()), result.featureIds);
}

// The stored analysis read back as the analysis stored it: the runs' scores, seed sweeps and contributions from
// the model's rows, their values from the feature cache (one query per table), DIFFI from the model's analysis
// JSON; nothing is extracted or explained again. The forest scores the cached values once more (a fraction of
// a second at 100k runs; it gives the path lengths): the cache must still hold the values the model scored.
// A model stored before its DIFFI was has it computed from the forest and the cached values, as before. False
// when the stored rows no longer describe `runs` (a scored run's logs changed or went, its cached features are
// stale, incomplete or were extracted again since): the caller then computes the analysis again from the logs.
Result<bool> readStoredAnalysis(const workspace::Workspace& ws, const StoredModel& stored,
    const model::IsolationForest& forest, const QStringList& checksums, std::vector<RunAnalysis>& runs,
    AnalysisResult& result)
{
    if (runs.empty() || runs.size() != size_t(stored.scores.size()))
        return false;
    QHash<RunKey, QString> archiveSha256;
    archiveSha256.reserve(qsizetype(runs.size()));
    for (size_t i = 0; i < runs.size(); ++i)
        archiveSha256.insert(runs[i].key(), checksums.at(qsizetype(i)));
    Result<QHash<RunKey, features::FeatureValues>> values = FeatureCache(ws).values(archiveSha256);
    if (!values)
        return makeError(values.error());
    if (values->size() != archiveSha256.size())
        return false;
    std::vector<double> matrixValues;
    matrixValues.reserve(runs.size() * result.featureColumns.size());
    for (const RunAnalysis& run : runs) {
        const features::FeatureValues& cached = *values->constFind(run.key());
        for (int column : result.featureColumns)
            matrixValues.push_back(cached.values[size_t(column)]);
    }
    Result<model::FeatureMatrix> matrix = model::FeatureMatrix::fromValues(
        std::move(matrixValues), int(result.featureColumns.size()), result.featureIds);
    if (!matrix)
        return makeError(matrix.error());
    Result<model::ForestScores> scores = forest.evaluate(*matrix);
    if (!scores)
        return makeError(scores.error());
    Result<QHash<RunKey, std::vector<double>>> contributions
        = workspace::ModelStore(ws).contributions(stored.id, result.featureIds);
    if (!contributions)
        return makeError(contributions.error());

    // A seed sweep's seeds in the order they were fitted: the model's, then + i * kSeedSweepStride.
    const quint64 modelSeed = result.options.forest.seed;
    std::vector<quint64> seeds;
    for (const auto& seedScore : stored.scores.constFirst().seedScores)
        seeds.push_back(seedScore.first);
    std::sort(seeds.begin(), seeds.end(), [&](quint64 a, quint64 b) { return a - modelSeed < b - modelSeed; });
    if (!seeds.empty() && seeds.front() != modelSeed)
        return false;

    // Every run is checked before any is changed: on false, the runs are computed again as they are.
    for (size_t r = 0; r < runs.size(); ++r) {
        const workspace::ScoredRun& scored = stored.scores.at(stored.runs.value(runs[r].key()));
        if (-scores->score[r] != scored.score || scores->decision[r] != scored.decision
            || (scores->prediction[r] < 0) != scored.flagged)
            return false;
        const auto phi = contributions->constFind(runs[r].key());
        if (phi == contributions->cend()
            || std::any_of(phi->begin(), phi->end(), [](double c) { return std::isnan(c); }))
            return false;
        for (quint64 seed : seeds) {
            if (!scored.seedScores.count(seed) || !scored.seedFlags.count(seed))
                return false;
        }
    }

    const size_t width = result.featureColumns.size();
    result.meanAbsContribution.assign(width, 0.0);
    for (size_t r = 0; r < runs.size(); ++r) {
        RunAnalysis& run = runs[r];
        const workspace::ScoredRun& scored = stored.scores.at(stored.runs.value(run.key()));
        const auto phi = contributions->find(run.key());
        run.features = values->value(run.key());
        run.score = scored.score;
        run.decision = scored.decision;
        run.flagged = scored.flagged;
        run.pathLength = scores->pathLength[r];
        run.stability = scored.stability;
        // Summed in the order the analysis summed them, so that the means are the same to the last bit.
        for (size_t c = 0; c < width; ++c)
            result.meanAbsContribution[c] += std::abs((*phi)[c]) / double(runs.size());
        run.contributions = std::move(*phi);
        for (quint64 seed : seeds) {
            run.seedScores.push_back(scored.seedScores.at(seed));
            run.seedFlags.push_back(scored.seedFlags.at(seed) ? 1 : 0);
        }
    }
    contributions->clear();
    values->clear();
    if (!seeds.empty()) {
        result.options.seeds = int(seeds.size());
        result.sweepSeeds = std::move(seeds);
    }
    // A model stored before its DIFFI was: from the loaded forest over every run, as before.
    if (!readAnalysisJson(stored.analysisJson, result)) {
        Result<model::DiffiImportance> diffi = model::Diffi::global(forest, *matrix);
        result.diffi = diffi ? diffi->importance : std::vector<double>(width, 0.0);
    }
    result.baseValue = model::TreeShap(forest).baseValue();
    result.cMaxSamples = forest.averagePathLengthMaxSamples();
    result.offset = forest.offset();
    result.modelJson = model::ModelJson::toJson(forest);
    result.featuresReused = int(runs.size());
    return true;
}

void sortByScore(std::vector<RunAnalysis>& runs)
{
    std::stable_sort(
        runs.begin(), runs.end(), [](const RunAnalysis& a, const RunAnalysis& b) { return a.score > b.score; });
}

void reportDone(const AnalysisResult& result, const Reporter& report)
{
    report(kProgressMax,
        QStringLiteral("Analyzed %1 runs, %2 flagged")
            .arg(result.runs.size())
            .arg(
                std::count_if(result.runs.begin(), result.runs.end(), [](const RunAnalysis& r) { return r.flagged; })));
}

// A stored analysis, its runs most anomalous first.
AnalysisResult finished(AnalysisResult result, std::vector<RunAnalysis> runs, qint64 modelId, const Reporter& report)
{
    sortByScore(runs);
    result.runs = std::move(runs);
    result.modelId = modelId;
    reportDone(result, report);
    return result;
}

// Train: fit a new forest and store it. Stored: the workspace's latest model over the runs it scored,
// recomputed from its model.json and the cached features (a loaded forest scores identically); no
// model, score or export is written.
// Latest: as Stored, but a workspace without a model gives an empty result (modelId 0, no runs, no error).
enum class Mode { Train, Stored, Latest };

Result<AnalysisResult> analyze(const QString& workspaceDir, AnalysisOptions options, const Reporter& report, Mode mode)
{
    AnalysisResult result;
    auto failed = [](const QString& message) { return makeError(message); };
    workspace::Workspace ws;
    if (Status s = ws.open(workspaceDir); !s)
        return failed(s.error());
    std::optional<StoredModel> stored;
    std::optional<model::IsolationForest> storedForest;
    if (mode != Mode::Train) {
        if (mode == Mode::Latest) {
            Result<std::optional<qint64>> id = workspace::ModelStore(ws).latestModelId();
            if (!id)
                return failed(id.error());
            if (!*id)
                return result; // nothing analysed yet
        }
        Result<StoredModel> latest = latestModel(ws, workspaceDir);
        if (!latest)
            return failed(latest.error());
        Result<model::IsolationForest> forest = model::ModelJson::fromJson(
            latest->json, QStringLiteral("model %1 of '%2'").arg(latest->id).arg(workspaceDir));
        if (!forest)
            return failed(forest.error());
        options.forest = forest->parameters();
        options.featureIds = forest->featureNames();
        stored = std::move(*latest);
        storedForest = std::move(*forest);
    }
    result.options = options;

    Result<std::vector<int>> columns = selectColumns(options.featureIds);
    if (!columns)
        return failed(columns.error());
    result.featureColumns = *columns;
    for (int column : result.featureColumns)
        result.featureIds << features::featureCatalog().at(column).id;
    result.exportsDir = ws.exportsDir();

    // The runs whose logs are here. Their records go once this is built; repository, workflow and conclusion
    // texts are shared between the runs that have the same.
    std::vector<RunAnalysis> runs;
    QList<RunInput> inputs;
    QStringList checksums;
    {
        Result<QList<workspace::RunRecord>> records = ws.runs();
        if (!records)
            return failed(records.error());
        // The downloaded archives in one query; the others (few, or not analysed) one at a time for their state.
        Result<QList<workspace::LogArchiveRecord>> archives = ws.archivesInState(workspace::ArchiveState::Downloaded);
        if (!archives)
            return failed(archives.error());
        QHash<RunKey, workspace::LogArchiveRecord> downloaded;
        downloaded.reserve(archives->size());
        for (workspace::LogArchiveRecord& archive : *archives)
            downloaded.insert(RunKey { archive.runId, archive.attempt }, std::move(archive));
        archives->clear();
        QSet<QString> texts;
        const auto shared = [&texts](const QString& text) { return *texts.insert(text); };
        for (const workspace::RunRecord& record : std::as_const(*records)) {
            const RunKey key { record.runId, record.attempt };
            if (stored && !stored->runs.contains(key))
                continue; // not part of the stored analysis (downloaded since)
            const auto found = downloaded.constFind(key);
            Result<workspace::LogArchiveRecord> archive
                = found != downloaded.cend() ? *found : ws.archive(record.runId, record.attempt);
            if (!archive || archive->state != workspace::ArchiveState::Downloaded) {
                const QString name = QStringLiteral("%1 run %2 attempt %3")
                                         .arg(record.repository)
                                         .arg(record.runId)
                                         .arg(record.attempt);
                result.withoutLogs << QStringLiteral("%1: log archive %2")
                                          .arg(name, archive ? workspace::nameOf(archive->state) : archive.error());
                continue;
            }
            RunAnalysis run;
            run.runId = record.runId;
            run.attempt = record.attempt;
            run.repository = shared(record.repository);
            run.workflow = shared(record.workflowLabel());
            run.conclusion = shared(record.conclusion);
            run.htmlUrl = record.htmlUrl;
            run.createdAt = record.createdAt;
            run.runNumber = record.runNumber;
            run.logPath = ws.absolutePath(archive->path);
            inputs.append({ RunKey { record.runId, record.attempt }.fileStem(), run.repository, run.workflow,
                record.conclusion == QLatin1String("success"), run.logPath });
            checksums << archive->sha256;
            runs.push_back(std::move(run));
        }
    }
    if (runs.empty())
        return failed(QStringLiteral("workspace '%1' has no downloaded run logs to analyze").arg(workspaceDir));
    if (stored) {
        report(0, QStringLiteral("Reading the stored analysis of %1 runs").arg(runs.size()));
        Result<bool> read = readStoredAnalysis(ws, *stored, *storedForest, checksums, runs, result);
        if (!read)
            return failed(read.error());
        if (*read)
            return finished(std::move(result), std::move(runs), stored->id, report);
    }

    // Features, a batch of runs at a time: from the cache where still valid, else extracted in parallel and
    // stored (one transaction per batch). Only the values stay in memory; the successful runs go into the
    // baselines.
    FeatureCache cache(ws);
    features::Baselines baselines;
    std::vector<char> readable(runs.size(), 0);
    std::vector<char> inBaseline(runs.size(), 0);
    std::shared_ptr<const features::FeatureExtractor> extractor;
    report(0, QStringLiteral("Extracting features of %1 runs").arg(runs.size()));
    for (size_t start = 0; start < runs.size(); start += kBatchRuns) {
        if (report.canceled())
            return failed(QStringLiteral("analysis canceled"));
        const size_t end = std::min(runs.size(), start + kBatchRuns);
        std::vector<std::optional<Result<RunFeatures>>> batch(end - start);
        std::vector<int> missing;
        for (size_t i = start; i < end; ++i) {
            // Only the values stay in memory, and the baseline material: the evidence is read back for the
            // exports.
            Result<std::optional<Result<RunFeatures>>> cached
                = cache.loadWithoutEvidence(runs[i].key(), checksums.at(qsizetype(i)));
            if (cached && cached->has_value()) {
                batch[i - start] = std::move(**cached);
                ++result.featuresReused;
            } else {
                missing.push_back(int(i - start));
            }
        }
        if (!missing.empty()) {
            if (!extractor) {
                Result<std::shared_ptr<const logs::Taxonomy>> taxonomy = logs::Taxonomy::create();
                if (!taxonomy)
                    return failed(taxonomy.error());
                extractor = std::make_shared<const features::FeatureExtractor>(*taxonomy);
            }
            QtConcurrent::blockingMap(computePool(), missing,
                [&](int k) { batch[size_t(k)] = extractor->extract(inputs.at(qsizetype(start) + k)); });
            if (Status s = cache.begin(); !s)
                return failed(s.error());
            for (int k : missing) {
                const size_t i = start + size_t(k);
                if (Status s = cache.store(runs[i].key(), checksums.at(qsizetype(i)), *batch[size_t(k)]); !s)
                    return failed(s.error());
            }
            if (Status s = cache.commit(); !s)
                return failed(s.error());
            result.featuresComputed += int(missing.size());
        }
        for (size_t i = start; i < end; ++i) {
            const Result<RunFeatures>& extracted = *batch[i - start];
            // Runs whose logs could not be read are reported, not scored.
            if (!extracted) {
                result.unreadable << QStringLiteral("%1 run %2: %3")
                                         .arg(runs[i].repository)
                                         .arg(runs[i].runId)
                                         .arg(extracted.error());
                continue;
            }
            readable[i] = 1;
            runs[i].features = static_cast<const features::FeatureValues&>(*extracted);
            if (inputs.at(qsizetype(i)).successful) {
                baselines.add(inputs.at(qsizetype(i)), *extracted);
                inBaseline[i] = 1;
            }
        }
        report(int(kBaselinesStart * end / runs.size()),
            QStringLiteral("Extracted features of %1 of %2 runs").arg(end).arg(runs.size()));
    }

    // The runs whose workflow has no other successful run compare with their repository's or all successful
    // runs: only then are those templates read back and collected.
    for (size_t i = 0; i < runs.size(); ++i) {
        if (readable[i])
            baselines.require(inputs.at(qsizetype(i)), inBaseline[i] != 0);
    }
    for (size_t i = 0; i < runs.size(); ++i) {
        if (!inBaseline[i] || !baselines.needsTemplates(inputs.at(qsizetype(i))))
            continue;
        if (report.canceled())
            return failed(QStringLiteral("analysis canceled"));
        Result<RunFeatures> cached = cachedFeatures(cache, runs[i], checksums.at(qsizetype(i)), workspaceDir);
        if (!cached)
            return failed(cached.error());
        baselines.addTemplates(inputs.at(qsizetype(i)), *cached);
    }

    // The baseline features, a batch of runs at a time, from each run's templates and error lines read back
    // from the cache; their values and evidence go back to the cache for the explanations.
    report(kBaselinesStart, QStringLiteral("Comparing runs with the successful runs of their workflows"));
    for (size_t start = 0; start < runs.size(); start += kBatchRuns) {
        if (report.canceled())
            return failed(QStringLiteral("analysis canceled"));
        const size_t end = std::min(runs.size(), start + kBatchRuns);
        if (Status s = cache.begin(); !s)
            return failed(s.error());
        for (size_t i = start; i < end; ++i) {
            if (!readable[i])
                continue;
            Result<RunFeatures> cached = cachedFeatures(cache, runs[i], checksums.at(qsizetype(i)), workspaceDir);
            if (!cached)
                return failed(cached.error());
            const RunFeatures& before = *cached;
            RunFeatures run = before;
            baselines.apply(inputs.at(qsizetype(i)), run, inBaseline[i] != 0);
            for (features::Feature feature : features::Baselines::kFeatures)
                runs[i].features.value(feature) = run.value(feature);
            if (Status s = cache.storeBaselineFeatures(runs[i].key(), run, before); !s)
                return failed(s.error());
        }
        if (Status s = cache.commit(); !s)
            return failed(s.error());
        report(int(kBaselinesStart + (kExtractionEnd - kBaselinesStart) * end / runs.size()),
            QStringLiteral("Compared %1 of %2 runs with their baselines").arg(end).arg(runs.size()));
    }
    baselines = {};
    inputs.clear();
    checksums.clear();
    {
        std::vector<RunAnalysis> kept;
        kept.reserve(size_t(std::count(readable.begin(), readable.end(), 1)));
        for (size_t i = 0; i < runs.size(); ++i) {
            if (readable[i])
                kept.push_back(std::move(runs[i]));
        }
        runs = std::move(kept);
    }
    if (runs.empty())
        return failed(QStringLiteral("no run of workspace '%1' has readable logs").arg(workspaceDir));

    // The model.
    report(kExtractionEnd, QStringLiteral("Training the Isolation Forest on %1 runs").arg(runs.size()));
    const int width = int(result.featureColumns.size());
    auto matrixOf = [&](auto&& keep, size_t from, size_t to) { return modelMatrix(runs, result, keep, from, to); };
    const auto everyRun = [](const RunAnalysis&) { return true; };
    const auto trainsOn = [&](const RunAnalysis& run) {
        return options.trainOnSuccessfulToo || run.conclusion != QLatin1String("success");
    };
    if (std::none_of(runs.begin(), runs.end(), trainsOn))
        return failed(QStringLiteral("no run to train on: the workspace holds only successful runs"));
    // The matrices live while the model is fitted, scored and explained.
    {
        Result<model::FeatureMatrix> allMatrix = matrixOf(everyRun, 0, runs.size());
        if (!allMatrix)
            return failed(allMatrix.error());
        // Training on every run: the same matrix, not a copy.
        std::optional<Result<model::FeatureMatrix>> failedOnly;
        if (!options.trainOnSuccessfulToo) {
            failedOnly = matrixOf(trainsOn, 0, runs.size());
            if (!*failedOnly)
                return failed(failedOnly->error());
        }
        const model::FeatureMatrix& trainMatrix = failedOnly ? **failedOnly : *allMatrix;

        // Fitting, scoring and TreeSHAP poll the cancel flag per tree and row chunk.
        const model::CancelCheck cancel([&report] { return report.canceled(); });
        const auto failedOrCanceled = [&](const QString& error) {
            return failed(cancel.wasCanceled() ? QStringLiteral("analysis canceled") : error);
        };
        Result<model::IsolationForest> forest = storedForest
            ? Result<model::IsolationForest>(std::move(*storedForest))
            : model::IsolationForest::fit(trainMatrix, options.forest, cancel);
        if (!forest)
            return failedOrCanceled(forest.error());
        Result<model::ForestScores> scores = forest->evaluate(*allMatrix, cancel);
        if (!scores)
            return failedOrCanceled(scores.error());
        if (report.canceled())
            return failed(QStringLiteral("analysis canceled"));

        report(kExtractionEnd + 50, QStringLiteral("Explaining %1 runs").arg(runs.size()));
        const model::TreeShap shap(*forest);
        Result<model::DiffiImportance> diffi = model::Diffi::global(*forest, trainMatrix);

        result.baseValue = shap.baseValue();
        result.cMaxSamples = forest->averagePathLengthMaxSamples();
        result.offset = forest->offset();
        result.modelJson = model::ModelJson::toJson(*forest);
        result.meanAbsContribution.assign(size_t(width), 0.0);
        // TreeSHAP a batch of runs at a time: only the batch's contributions matrix is held besides the runs'.
        for (size_t start = 0; start < runs.size(); start += kBatchRuns) {
            const size_t end = std::min(runs.size(), start + kBatchRuns);
            Result<model::FeatureMatrix> batch = matrixOf(everyRun, start, end);
            if (!batch)
                return failed(batch.error());
            Result<model::FeatureMatrix> contributions = shap.explain(*batch, cancel);
            if (!contributions)
                return failedOrCanceled(contributions.error());
            for (size_t r = start; r < end; ++r) {
                RunAnalysis& run = runs[r];
                run.pathLength = scores->pathLength[r];
                run.score = -scores->score[r];
                run.decision = scores->decision[r];
                run.flagged = scores->prediction[r] < 0;
                const std::span<const double> phi = contributions->row(int(r - start));
                run.contributions.assign(phi.begin(), phi.end());
                for (int c = 0; c < width; ++c)
                    result.meanAbsContribution[size_t(c)] += std::abs(phi[size_t(c)]) / double(runs.size());
            }
        }
        result.diffi = diffi ? diffi->importance : std::vector<double>(size_t(width), 0.0);
        if (Status s = sweepSeeds(trainMatrix, *allMatrix, options, runs, result, report); !s)
            return failed(s.error());
    }
    // Evidence a read-only workspace could not store stays with the analysis.
    if (ws.isReadOnly())
        result.unstoredEvidence = cache.unwrittenEvidence();
    if (stored)
        return finished(std::move(result), std::move(runs), stored->id, report);
    sortByScore(runs);
    result.runs = std::move(runs);
    report(kModelEnd, QStringLiteral("Storing scores and writing exports"));
    if (Status s = storeAndExport(ws, cache, result, report); !s)
        return failed(s.error());
    reportDone(result, report);
    return result;
}
} // namespace

QFuture<Result<AnalysisResult>> analyzeWorkspace(const QString& workspaceDir, const AnalysisOptions& options)
{
    return QtConcurrent::run(computePool(), [workspaceDir, options](QPromise<Result<AnalysisResult>>& promise) {
        promise.setProgressRange(0, kProgressMax);
        promise.addResult(analyze(workspaceDir, options, Reporter { &promise }, Mode::Train));
    });
}

QFuture<Result<AnalysisResult>> loadLatestAnalysis(const QString& workspaceDir)
{
    return QtConcurrent::run(computePool(), [workspaceDir](QPromise<Result<AnalysisResult>>& promise) {
        promise.setProgressRange(0, kProgressMax);
        promise.addResult(analyze(workspaceDir, {}, Reporter { &promise }, Mode::Latest));
    });
}

Result<AnalysisResult> analyzeWorkspaceNow(const QString& workspaceDir, const AnalysisOptions& options)
{
    return analyze(workspaceDir, options, Reporter {}, Mode::Train);
}

QFuture<Result<AnalysisResult>> loadStoredAnalysis(const QString& workspaceDir)
{
    return QtConcurrent::run(computePool(), [workspaceDir](QPromise<Result<AnalysisResult>>& promise) {
        promise.setProgressRange(0, kProgressMax);
        promise.addResult(analyze(workspaceDir, {}, Reporter { &promise }, Mode::Stored));
    });
}

Result<AnalysisResult> loadStoredAnalysisNow(const QString& workspaceDir)
{
    return analyze(workspaceDir, {}, Reporter {}, Mode::Stored);
}

} // namespace runlens::pipeline
