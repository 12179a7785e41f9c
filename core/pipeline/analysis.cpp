#include "analysis.h"
#include "common/computepool.h"

#include "common/csvtable.h"
#include "common/logging.h"
#include "features/featureextractor.h"
#include "logs/taxonomy.h"
#include "model/diffi.h"
#include "model/featurematrix.h"
#include "model/isolationforest.h"
#include "model/modeljson.h"
#include "model/treeshap.h"
#include "pipeline/featurecache.h"
#include "workspace/workspace.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QPromise>
#include <QSaveFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>
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
    QPromise<AnalysisResult>* promise = nullptr;
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
                      "top1,top2,top3\n");
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
        row << top;
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

Status storeScores(const QString& connection, AnalysisResult& result)
{
    QSqlDatabase db = QSqlDatabase::database(connection);
    auto fail = [&](const QString& what, const QSqlQuery& q) {
        db.rollback();
        return makeError(QStringLiteral("workspace: cannot store %1: %2").arg(what, q.lastError().text()));
    };
    if (!db.transaction())
        return makeError(QStringLiteral("workspace: cannot begin a transaction: %1").arg(db.lastError().text()));
    QSqlQuery model(db);
    model.prepare(QStringLiteral("INSERT INTO models (name, json, created_at) VALUES (?, ?, ?)"));
    model.addBindValue(QStringLiteral("isolation-forest"));
    model.addBindValue(QString::fromUtf8(result.modelJson));
    model.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    if (!model.exec())
        return fail(QStringLiteral("the model"), model);
    result.modelId = model.lastInsertId().toLongLong();

    QSqlQuery score(db);
    score.prepare(QStringLiteral("INSERT INTO scores (model_id, run_id, attempt, name, value) VALUES (?, ?, ?, ?, ?)"));
    QSqlQuery contribution(db);
    contribution.prepare(
        QStringLiteral("INSERT INTO contributions (model_id, run_id, attempt, name, value) VALUES (?, ?, ?, ?, ?)"));
    auto insert = [&](QSqlQuery& q, const RunAnalysis& run, const QString& name, double value) {
        q.addBindValue(result.modelId);
        q.addBindValue(run.runId);
        q.addBindValue(run.attempt);
        q.addBindValue(name);
        q.addBindValue(value);
        return q.exec();
    };
    for (const RunAnalysis& run : result.runs) {
        if (!insert(score, run, QStringLiteral("score"), run.score)
            || !insert(score, run, QStringLiteral("decision"), run.decision)
            || !insert(score, run, QStringLiteral("flagged"), run.flagged ? 1 : 0))
            return fail(QStringLiteral("scores"), score);
        for (size_t i = 0; i < run.contributions.size(); ++i) {
            if (!insert(contribution, run, result.featureIds.at(qsizetype(i)), run.contributions[i]))
                return fail(QStringLiteral("contributions"), contribution);
        }
    }
    if (!db.commit())
        return makeError(QStringLiteral("workspace: cannot commit scores: %1").arg(db.lastError().text()));
    return {};
}

// The latest model stored in the workspace: its row and JSON, or nothing.
struct StoredModel
{
    qint64 id = 0;
    QByteArray json;
};

Result<std::optional<StoredModel>> latestModel(const QString& connection)
{
    QSqlQuery q(QSqlDatabase::database(connection));
    if (!q.exec(QStringLiteral("SELECT id, json FROM models ORDER BY id DESC LIMIT 1")))
        return makeError(QStringLiteral("workspace: cannot read the models: %1").arg(q.lastError().text()));
    if (!q.next())
        return std::optional<StoredModel>();
    return std::optional<StoredModel>(StoredModel { q.value(0).toLongLong(), q.value(1).toString().toUtf8() });
}

// With `stored`, the stored model is applied again to the (cached) features instead of training a new
// one, and nothing is written: the analysis as it was stored.
AnalysisResult analyze(const QString& workspaceDir, AnalysisOptions options, const Reporter& report,
    const std::optional<StoredModel>& stored = std::nullopt)
{
    AnalysisResult result;
    auto failed = [&](const QString& message) {
        AnalysisResult failure;
        failure.options = options;
        failure.error = message;
        return failure;
    };
    std::optional<model::IsolationForest> storedForest;
    if (stored) {
        Result<model::IsolationForest> parsed = model::ModelJson::fromJson(
            stored->json, QStringLiteral("model %1 of workspace '%2'").arg(stored->id).arg(workspaceDir));
        if (!parsed)
            return failed(parsed.error());
        options.featureIds = parsed->featureNames();
        options.forest = parsed->parameters();
        storedForest = std::move(parsed).value();
    }
    result.options = options;

    Result<std::vector<int>> columns = selectColumns(options.featureIds);
    if (!columns)
        return failed(columns.error());
    result.featureColumns = *columns;
    for (int column : result.featureColumns)
        result.featureIds << features::featureCatalog().at(column).id;

    workspace::Workspace ws;
    if (Status s = ws.open(workspaceDir); !s)
        return failed(s.error());
    result.exportsDir = ws.exportsDir();

    // The runs whose logs are here.
    Result<QList<workspace::RunRecord>> records = ws.runs();
    if (!records)
        return failed(records.error());
    std::vector<RunAnalysis> runs;
    QList<RunInput> inputs;
    QStringList checksums;
    for (const workspace::RunRecord& record : std::as_const(*records)) {
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
        run.workflow = record.workflowName.isEmpty() ? record.workflowPath : record.workflowName;
        run.conclusion = record.conclusion;
        run.htmlUrl = record.htmlUrl;
        run.createdAt = record.createdAt;
        run.logPath = ws.absolutePath(archive->path);
        inputs.append({ QStringLiteral("%1-%2").arg(record.runId).arg(record.attempt), run.repository, run.workflow,
            record.conclusion == QLatin1String("success"), run.logPath });
        checksums << archive->sha256;
        runs.push_back(std::move(run));
    }
    if (runs.empty())
        return failed(QStringLiteral("workspace '%1' has no downloaded run logs to analyze").arg(workspaceDir));

    // Features: from the cache where still valid, else extracted in parallel batches.
    FeatureCache cache(ws.connectionName());
    std::vector<RunFeatures> extracted(runs.size());
    QList<int> missing;
    for (size_t i = 0; i < runs.size(); ++i) {
        Result<std::optional<RunFeatures>> cached
            = cache.load(runs[i].runId, runs[i].attempt, checksums.at(qsizetype(i)));
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
                if (Status s = cache.store(runs[i].runId, runs[i].attempt, checksums.at(qsizetype(i)), extracted[i]);
                    !s)
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

    Result<model::IsolationForest> forest
        = storedForest ? std::move(*storedForest) : model::IsolationForest::fit(*trainMatrix, options.forest);
    if (!forest)
        return failed(forest.error());
    Result<model::ForestScores> scores = forest->evaluate(*allMatrix);
    if (!scores)
        return failed(scores.error());
    if (report.canceled())
        return failed(QStringLiteral("analysis canceled"));

    report(kExtractionEnd + 50, QStringLiteral("Explaining %1 runs").arg(readable.size()));
    const model::TreeShap shap(*forest);
    Result<model::FeatureMatrix> contributions = shap.explain(*allMatrix);
    if (!contributions)
        return failed(contributions.error());
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
    std::stable_sort(
        readable.begin(), readable.end(), [](const RunAnalysis& a, const RunAnalysis& b) { return a.score > b.score; });
    result.runs = std::move(readable);

    if (stored) {
        result.modelId = stored->id;
        return result;
    }
    report(kModelEnd, QStringLiteral("Storing scores and writing exports"));
    if (Status s = storeScores(ws.connectionName(), result); !s)
        return failed(s.error());
    if (Status s = writeExports(result); !s)
        return failed(s.error());
    report(kProgressMax,
        QStringLiteral("Analyzed %1 runs, %2 flagged")
            .arg(result.runs.size())
            .arg(
                std::count_if(result.runs.begin(), result.runs.end(), [](const RunAnalysis& r) { return r.flagged; })));
    return result;
}
} // namespace

QFuture<AnalysisResult> analyzeWorkspace(const QString& workspaceDir, const AnalysisOptions& options)
{
    return QtConcurrent::run(computePool(), [workspaceDir, options](QPromise<AnalysisResult>& promise) {
        promise.setProgressRange(0, kProgressMax);
        promise.addResult(analyze(workspaceDir, options, Reporter { &promise }));
    });
}

QFuture<AnalysisResult> loadLatestAnalysis(const QString& workspaceDir)
{
    return QtConcurrent::run(computePool(), [workspaceDir](QPromise<AnalysisResult>& promise) {
        promise.setProgressRange(0, kProgressMax);
        AnalysisResult none;
        workspace::Workspace ws;
        if (Status s = ws.open(workspaceDir); !s) {
            none.error = s.error();
            promise.addResult(std::move(none));
            return;
        }
        const Result<std::optional<StoredModel>> stored = latestModel(ws.connectionName());
        ws.close();
        if (!stored || !stored->has_value()) {
            none.error = stored ? QString() : stored.error();
            promise.addResult(std::move(none));
            return;
        }
        promise.addResult(analyze(workspaceDir, {}, Reporter { &promise }, **stored));
    });
}

AnalysisResult analyzeWorkspaceNow(const QString& workspaceDir, const AnalysisOptions& options)
{
    return analyze(workspaceDir, options, Reporter {});
}

} // namespace runlens::pipeline
