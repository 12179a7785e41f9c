#include "analysis.h"
#include "common/computepool.h"

#include "common/csvtable.h"
#include "common/logging.h"
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
#include <QPair>
#include <QPromise>
#include <QSaveFile>
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
constexpr int kExtractionEnd = 800;
constexpr int kModelEnd = 950;

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

Status writeExports(const AnalysisResult& result)
{
    if (!QDir().mkpath(result.exportsDir))
        return makeError(QStringLiteral("cannot create the exports folder '%1'").arg(result.exportsDir));
    const auto& catalog = features::featureCatalog();

    QByteArray scores("run_id,attempt,repository,workflow,conclusion,url,score,decision,anomaly,path_length,"
                      "top1,top2,top3,stability\n");
    QByteArray contributions("run_id,attempt,feature,value,contribution,contribution_log2_score,evidence\n");
    for (const RunAnalysis& run : result.runs) {
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
        scores += CsvTable::line(row).toUtf8();

        for (size_t i = 0; i < run.contributions.size(); ++i) {
            const int column = result.featureColumns[i];
            QStringList line { QString::number(run.runId), QString::number(run.attempt), catalog.at(column).id,
                number(run.features.values[size_t(column)]), number(run.contributions[i]),
                number(result.cMaxSamples > 0 ? run.contributions[i] / -result.cMaxSamples : 0),
                refsText(run.features.evidence[size_t(column)]) };
            contributions += CsvTable::line(line).toUtf8();
        }
    }

    QByteArray importance("feature,mean_abs_contribution,diffi\n");
    for (size_t i = 0; i < size_t(result.featureIds.size()); ++i) {
        importance += result.featureIds.at(qsizetype(i)).toUtf8() + ',' + number(result.meanAbsContribution[i]).toUtf8()
            + ',' + number(result.diffi[i]).toUtf8() + '\n';
    }

    const QDir dir(result.exportsDir);
    for (const auto& [name, bytes] : { std::pair { QStringLiteral("scores.csv"), scores },
             std::pair { QStringLiteral("contributions.csv"), contributions },
             std::pair { QStringLiteral("importance.csv"), importance },
             std::pair { QStringLiteral("model.json"), result.modelJson } }) {
        if (Status s = writeFile(dir.filePath(name), bytes); !s)
            return s;
    }
    return {};
}

Status storeScores(const workspace::Workspace& ws, AnalysisResult& result)
{
    std::vector<workspace::ScoredRun> runs;
    runs.reserve(result.runs.size());
    for (const RunAnalysis& run : result.runs) {
        workspace::ScoredRun scored { run.key(), run.score, run.decision, run.flagged, run.contributions, {}, {},
            run.stability };
        for (size_t i = 0; i < run.seedScores.size() && i < result.sweepSeeds.size(); ++i) {
            scored.seedScores[result.sweepSeeds[i]] = run.seedScores[i];
            scored.seedFlags[result.sweepSeeds[i]] = run.seedFlags[i] != 0;
        }
        runs.push_back(std::move(scored));
    }
    Result<qint64> modelId = workspace::ModelStore(ws).store(
        QStringLiteral("isolation-forest"), result.modelJson, result.featureIds, runs);
    if (!modelId)
        return makeError(modelId.error());
    result.modelId = *modelId;
    return {};
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

// The latest model of a workspace and the runs it scored.
struct StoredModel
{
    qint64 id = 0;
    QByteArray json;
    QSet<RunKey> runs;
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
    Result<QList<workspace::ScoredRun>> scores = store.scores(stored.id);
    if (!scores)
        return makeError(QStringLiteral("workspace '%1': %2").arg(workspaceDir, scores.error()));
    for (const workspace::ScoredRun& run : std::as_const(*scores))
        stored.runs.insert(run.key);
    return stored;
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

    // The runs whose logs are here.
    Result<QList<workspace::RunRecord>> records = ws.runs();
    if (!records)
        return failed(records.error());
    std::vector<RunAnalysis> runs;
    QList<RunInput> inputs;
    QStringList checksums;
    for (const workspace::RunRecord& record : std::as_const(*records)) {
        if (stored && !stored->runs.contains(RunKey { record.runId, record.attempt }))
            continue; // not part of the stored analysis (downloaded since)
        const QString name
            = QStringLiteral("%1 run %2 attempt %3").arg(record.repository).arg(record.runId).arg(record.attempt);
        Result<workspace::LogArchiveRecord> archive = ws.archive(record.runId, record.attempt);
        if (!archive || archive->state != workspace::ArchiveState::Downloaded) {
            result.withoutLogs << QStringLiteral("%1: log archive %2")
                                      .arg(name, archive ? workspace::nameOf(archive->state) : archive.error());
            continue;
        }
        RunAnalysis run;
        run.runId = record.runId;
        run.attempt = record.attempt;
        run.repository = record.repository;
        run.workflow = record.workflowLabel();
        run.conclusion = record.conclusion;
        run.htmlUrl = record.htmlUrl;
        run.createdAt = record.createdAt;
        run.runNumber = record.runNumber;
        run.logPath = ws.absolutePath(archive->path);
        inputs.append({ RunKey { record.runId, record.attempt }.fileStem(), run.repository, run.workflow,
            record.conclusion == QLatin1String("success"), run.logPath });
        checksums << archive->sha256;
        runs.push_back(std::move(run));
    }
    if (runs.empty())
        return failed(QStringLiteral("workspace '%1' has no downloaded run logs to analyze").arg(workspaceDir));

    // Features: from the cache where still valid, else extracted in parallel batches.
    FeatureCache cache(ws);
    std::vector<RunFeatures> extracted(runs.size());
    QList<int> missing;
    for (size_t i = 0; i < runs.size(); ++i) {
        Result<std::optional<RunFeatures>> cached = cache.load(runs[i].key(), checksums.at(qsizetype(i)));
        if (cached && cached->has_value()) {
            extracted[i] = std::move(**cached);
            extracted[i].key = inputs.at(qsizetype(i)).key;
            ++result.featuresReused;
        } else {
            missing.append(int(i));
        }
    }
    report(
        0, QStringLiteral("Extracting features of %1 runs (%2 cached)").arg(missing.size()).arg(result.featuresReused));
    if (!missing.isEmpty()) {
        Result<std::shared_ptr<const logs::Taxonomy>> taxonomy = logs::Taxonomy::create();
        if (!taxonomy)
            return failed(taxonomy.error());
        const auto extractor = std::make_shared<const features::FeatureExtractor>(*taxonomy);
        const int batch = std::max(4, computePool()->maxThreadCount() * 4);
        for (qsizetype start = 0; start < missing.size(); start += batch) {
            if (report.canceled())
                return failed(QStringLiteral("analysis canceled"));
            const QList<int> slice = missing.mid(start, batch);
            const QList<RunFeatures> done = QtConcurrent::blockingMapped<QList<RunFeatures>>(
                computePool(), slice, [&](int i) { return extractor->extract(inputs.at(i)); });
            if (Status s = cache.begin(); !s)
                return failed(s.error());
            for (qsizetype k = 0; k < slice.size(); ++k) {
                const size_t i = size_t(slice.at(k));
                extracted[i] = done.at(k);
                if (Status s = cache.store(runs[i].key(), checksums.at(qsizetype(i)), extracted[i]); !s)
                    return failed(s.error());
            }
            if (Status s = cache.commit(); !s)
                return failed(s.error());
            result.featuresComputed += int(slice.size());
            const qsizetype finished = std::min<qsizetype>(start + batch, missing.size());
            report(int(kExtractionEnd * finished / missing.size()),
                QStringLiteral("Extracted features of %1 of %2 runs").arg(finished).arg(missing.size()));
        }
    }
    features::applyBaselines(inputs, extracted);

    // Runs whose logs could not be read are reported, not scored.
    std::vector<RunAnalysis> readable;
    for (size_t i = 0; i < runs.size(); ++i) {
        if (!extracted[i].error.isEmpty()) {
            result.unreadable
                << QStringLiteral("%1 run %2: %3").arg(runs[i].repository).arg(runs[i].runId).arg(extracted[i].error);
            continue;
        }
        runs[i].features = std::move(extracted[i]);
        readable.push_back(std::move(runs[i]));
    }
    if (readable.empty())
        return failed(QStringLiteral("no run of workspace '%1' has readable logs").arg(workspaceDir));

    // The model.
    report(kExtractionEnd, QStringLiteral("Training the Isolation Forest on %1 runs").arg(readable.size()));
    const int width = int(result.featureColumns.size());
    auto matrixOf = [&](const std::vector<const RunAnalysis*>& rows) {
        std::vector<double> values;
        values.reserve(rows.size() * size_t(width));
        for (const RunAnalysis* run : rows) {
            for (int column : result.featureColumns)
                values.push_back(run->features.values[size_t(column)]);
        }
        return model::FeatureMatrix::fromValues(std::move(values), width, result.featureIds);
    };
    std::vector<const RunAnalysis*> all;
    std::vector<const RunAnalysis*> training;
    for (const RunAnalysis& run : readable) {
        all.push_back(&run);
        if (options.trainOnSuccessfulToo || run.conclusion != QLatin1String("success"))
            training.push_back(&run);
    }
    if (training.empty())
        return failed(QStringLiteral("no run to train on: the workspace holds only successful runs"));
    Result<model::FeatureMatrix> allMatrix = matrixOf(all);
    Result<model::FeatureMatrix> trainMatrix = matrixOf(training);
    if (!allMatrix || !trainMatrix)
        return failed(!allMatrix ? allMatrix.error() : trainMatrix.error());

    // Fitting, scoring and TreeSHAP poll the cancel flag per tree and row chunk.
    const model::CancelCheck cancel([&report] { return report.canceled(); });
    const auto failedOrCanceled = [&](const QString& error) {
        return failed(cancel.wasCanceled() ? QStringLiteral("analysis canceled") : error);
    };
    Result<model::IsolationForest> forest = storedForest
        ? Result<model::IsolationForest>(std::move(*storedForest))
        : model::IsolationForest::fit(*trainMatrix, options.forest, cancel);
    if (!forest)
        return failedOrCanceled(forest.error());
    Result<model::ForestScores> scores = forest->evaluate(*allMatrix, cancel);
    if (!scores)
        return failedOrCanceled(scores.error());
    if (report.canceled())
        return failed(QStringLiteral("analysis canceled"));

    report(kExtractionEnd + 50, QStringLiteral("Explaining %1 runs").arg(readable.size()));
    const model::TreeShap shap(*forest);
    Result<model::FeatureMatrix> contributions = shap.explain(*allMatrix, cancel);
    if (!contributions)
        return failedOrCanceled(contributions.error());
    Result<model::DiffiImportance> diffi = model::Diffi::global(*forest, *trainMatrix);

    result.baseValue = shap.baseValue();
    result.cMaxSamples = forest->averagePathLengthMaxSamples();
    result.offset = forest->offset();
    result.modelJson = model::ModelJson::toJson(*forest);
    result.meanAbsContribution.assign(size_t(width), 0.0);
    for (size_t r = 0; r < readable.size(); ++r) {
        RunAnalysis& run = readable[r];
        run.pathLength = scores->pathLength[r];
        run.score = -scores->score[r];
        run.decision = scores->decision[r];
        run.flagged = scores->prediction[r] < 0;
        const std::span<const double> phi = contributions->row(int(r));
        run.contributions.assign(phi.begin(), phi.end());
        for (int c = 0; c < width; ++c)
            result.meanAbsContribution[size_t(c)] += std::abs(phi[size_t(c)]) / double(readable.size());
    }
    result.diffi = diffi ? diffi->importance : std::vector<double>(size_t(width), 0.0);
    if (Status s = sweepSeeds(*trainMatrix, *allMatrix, options, readable, result, report); !s)
        return failed(s.error());
    std::stable_sort(
        readable.begin(), readable.end(), [](const RunAnalysis& a, const RunAnalysis& b) { return a.score > b.score; });
    result.runs = std::move(readable);

    if (stored) {
        result.modelId = stored->id;
    } else {
        report(kModelEnd, QStringLiteral("Storing scores and writing exports"));
        if (Status s = storeScores(ws, result); !s)
            return failed(s.error());
        if (Status s = writeExports(result); !s)
            return failed(s.error());
    }
    report(kProgressMax,
        QStringLiteral("Analyzed %1 runs, %2 flagged")
            .arg(result.runs.size())
            .arg(
                std::count_if(result.runs.begin(), result.runs.end(), [](const RunAnalysis& r) { return r.flagged; })));
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
