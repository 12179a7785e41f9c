#include "evaluation.h"
#include "common/computepool.h"

#include "common/csvtable.h"
#include "model/detectorcomparison.h"
#include "model/metrics.h"
#include "taxonomy/memorycategory.h"
#include "taxonomy/runscanner.h"
#include "workspace/labelprecedence.h"
#include "workspace/modelstore.h"
#include "workspace/workspace.h"

#include <QFile>
#include <QHash>
#include <QMap>
#include <QPromise>
#include <QRegularExpression>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <cmath>
#include <numeric>

namespace runlens::pipeline {

namespace {
struct Label
{
    QString category;
    bool memory = false;
    int priority = 0;
};

struct Scored
{
    double score = 0;
    bool flagged = false;
    QMap<quint64, double> seedScores; // a seed sweep's forests, by seed
    QMap<quint64, bool> seedFlags;
    double stability = std::nan(""); // the share of the seeds that flag the run
};

// `a` against `b` read as `b` against `a`.
model::PairedTest mirrored(model::PairedTest t)
{
    std::swap(t.a, t.b);
    t.difference = -t.difference;
    t.interval = { -t.interval.high, -t.interval.low };
    t.statistic = -t.statistic;
    return t;
}

// Mean and sample standard deviation of each metric of one detector over the tables of a seed sweep.
model::SeedSweepRow spreadOf(const std::vector<model::ComparisonTable>& tables, std::size_t detector)
{
    model::SeedSweepRow row;
    row.detector = tables.front().rows()[detector].detector;
    row.seeds = int(tables.size());
    for (int m = 0; m < model::kMetricCount; ++m) {
        std::vector<double> values;
        for (const model::ComparisonTable& table : tables) {
            if (const std::optional<double> v = table.rows()[detector].value(model::Metric(m)))
                values.push_back(*v);
        }
        if (values.empty())
            continue;
        model::SeedSpread& spread = row.metrics[std::size_t(m)];
        spread.mean = std::accumulate(values.begin(), values.end(), 0.0) / double(values.size());
        if (values.size() > 1) {
            double squares = 0.0;
            for (double v : values)
                squares += (v - spread.mean) * (v - spread.mean);
            spread.sd = std::sqrt(squares / double(values.size() - 1));
        }
    }
    return row;
}

// Labels of the workspace, one per run (workspace::LabelPrecedence: user > sample > memory_logs).
Result<QHash<RunKey, Label>> workspaceLabels(const workspace::Workspace& ws)
{
    Result<QList<workspace::LabelRecord>> records = ws.labels();
    if (!records)
        return makeError(records.error());
    QHash<RunKey, Label> labels;
    for (const workspace::LabelRecord& record : workspace::LabelPrecedence::effective(*records)) {
        labels.insert({ record.runId, record.attempt },
            { record.label, isMemoryLabel(record.label), workspace::LabelPrecedence::rank(record.source) });
    }
    return labels;
}

// A memory_logs.txt: every listed path names a run folder (logs_failure/<run_id>/...); those runs
// are memory failures, all others not.
QHash<qint64, Label> memoryListLabels(const QByteArray& data)
{
    static const QRegularExpression runFolder(QStringLiteral("(?:^|[/\\\\])logs_(?:failure|normal)[/\\\\](\\d+)"));
    QHash<qint64, Label> labels;
    for (const QByteArray& line : data.split('\n')) {
        const QRegularExpressionMatch m = runFolder.match(QString::fromUtf8(line.trimmed()));
        if (m.hasMatch())
            labels.insert(m.captured(1).toLongLong(), { QStringLiteral("memory"), true, 1 });
    }
    return labels;
}

Result<QHash<RunKey, Label>> fileLabels(const QString& path, const QList<RunKey>& runs, bool* everyRunLabelled)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("labels file '%1': %2").arg(path, file.errorString()));
    const QByteArray data = file.readAll();
    *everyRunLabelled = false;
    const QByteArray firstLine = data.left(data.indexOf('\n'));
    if (!firstLine.contains("run_id")) {
        const QHash<qint64, Label> listed = memoryListLabels(data);
        if (listed.isEmpty() && !data.trimmed().isEmpty())
            return makeError(QStringLiteral("labels file '%1': neither a CSV with a run_id column nor a "
                                            "memory_logs.txt naming logs_failure/<run_id>/ paths")
                                 .arg(path));
        QHash<RunKey, Label> labels;
        for (const RunKey& run : runs)
            labels.insert(run, listed.value(run.runId, Label { QStringLiteral("other"), false, 1 }));
        *everyRunLabelled = true;
        return labels;
    }

    Result<CsvTable> table = CsvTable::parse(data, QStringLiteral("labels file '%1'").arg(path));
    if (!table)
        return makeError(table.error());
    const int idColumn = table->columnIndex(QStringLiteral("run_id"));
    const int attemptColumn = table->columnIndex(QStringLiteral("attempt"));
    int labelColumn = table->columnIndex(QStringLiteral("label"));
    if (labelColumn < 0)
        labelColumn = table->columnIndex(QStringLiteral("category"));
    const int memoryColumn = table->columnIndex(QStringLiteral("is_memory"));
    if (labelColumn < 0 && memoryColumn < 0)
        return makeError(QStringLiteral("labels file '%1': needs a label, category or is_memory column").arg(path));
    QHash<RunKey, Label> labels;
    for (int r = 0; r < table->rowCount(); ++r) {
        const QStringList& row = table->row(r);
        bool ok = false;
        const qint64 runId = row.value(idColumn).toLongLong(&ok);
        if (!ok)
            return makeError(QStringLiteral("labels file '%1' line %2: run_id '%3' is not a number")
                                 .arg(path)
                                 .arg(table->lineOf(r))
                                 .arg(row.value(idColumn)));
        const int attempt = attemptColumn >= 0 ? std::max(1, row.value(attemptColumn).toInt()) : 1;
        Label label;
        label.category = labelColumn >= 0 ? row.value(labelColumn).trimmed() : QString();
        if (memoryColumn >= 0) {
            const QString v = row.value(memoryColumn).trimmed().toLower();
            label.memory = v == QLatin1String("1") || v == QLatin1String("true") || v == QLatin1String("yes");
        } else {
            label.memory = isMemoryLabel(label.category);
        }
        if (label.category.isEmpty())
            label.category = label.memory ? QStringLiteral("memory") : QStringLiteral("other");
        labels.insert({ runId, attempt }, label);
    }
    return labels;
}

struct Reporter
{
    QPromise<Result<EvaluationResult>>* promise = nullptr;
    void operator()(int value, const QString& text) const
    {
        if (promise)
            promise->setProgressValueAndText(value, text);
    }
    bool canceled() const { return promise && promise->isCanceled(); }
};

Result<EvaluationResult> evaluate(const QString& workspaceDir, const EvaluationOptions& options, const Reporter& report)
{
    EvaluationResult result;
    auto failed = [](const QString& message) { return makeError(message); };

    workspace::Workspace ws;
    if (Status s = ws.open(workspaceDir); !s)
        return failed(s.error());
    const workspace::ModelStore models(ws);
    Result<std::optional<qint64>> latest = models.latestModelId();
    if (!latest)
        return failed(latest.error());
    if (!latest->has_value())
        return failed(
            QStringLiteral("workspace '%1' has no analysis yet: run runlens-cli analyze first").arg(workspaceDir));
    Result<QList<workspace::ScoredRun>> scores = models.scores(**latest);
    if (!scores)
        return failed(scores.error());
    QHash<RunKey, Scored> scored;
    QList<RunKey> order;
    for (const workspace::ScoredRun& run : std::as_const(*scores)) {
        Scored& s = scored[run.key];
        s.score = run.score;
        s.flagged = run.flagged;
        s.stability = run.stability;
        for (const auto& [seed, value] : run.seedScores)
            s.seedScores.insert(seed, value);
        for (const auto& [seed, flag] : run.seedFlags)
            s.seedFlags.insert(seed, flag);
        order.append(run.key);
    }

    bool everyRunLabelled = false;
    Result<QHash<RunKey, Label>> labels
        = options.labelsFile.isEmpty() ? workspaceLabels(ws) : fileLabels(options.labelsFile, order, &everyRunLabelled);
    if (!labels)
        return failed(labels.error());
    result.labelSource = options.labelsFile.isEmpty() ? QStringLiteral("workspace labels") : options.labelsFile;

    std::vector<logs::RunSource> sources;
    for (const RunKey& key : std::as_const(order)) {
        const auto label = labels->constFind(key);
        if (label == labels->cend()) {
            ++result.unlabeled;
            continue;
        }
        Result<workspace::LogArchiveRecord> archive = ws.archive(key.runId, key.attempt);
        if (!archive)
            return failed(archive.error());
        sources.push_back({ key.fileStem(), ws.absolutePath(archive->path), logs::RunSource::Kind::Zip });
        result.runIds.push_back(key.runId);
        result.attempts.push_back(key.attempt);
        result.labels.push_back(label->memory ? 1 : 0);
        result.categories << label->category;
    }
    if (sources.empty())
        return failed(
            QStringLiteral("no analysed run of workspace '%1' has a label (%2)").arg(workspaceDir, result.labelSource));
    if (std::count(result.labels.begin(), result.labels.end(), 1) == 0)
        return failed(QStringLiteral("the labels (%1) name no memory failure among the %2 labelled runs: nothing to "
                                     "evaluate against")
                          .arg(result.labelSource)
                          .arg(sources.size()));

    // The two rule-based detectors scan the same logs.
    std::atomic_bool cancel { false };
    auto scanWith = [&](bool naive, int progressFrom) -> Result<std::vector<logs::RunScan>> {
        logs::ScanOptions scanOptions;
        scanOptions.naive = naive;
        Result<logs::RunScanner> scanner = logs::RunScanner::create(scanOptions);
        if (!scanner)
            return makeError(scanner.error());
        std::atomic_int done { 0 };
        return scanner->scanAll(
            sources,
            [&](const logs::RunScan&) {
                const int n = ++done;
                if (report.canceled())
                    cancel = true;
                report(progressFrom + int(450 * qint64(n) / qint64(sources.size())),
                    QStringLiteral("Scanning logs (%1): %2 of %3")
                        .arg(naive ? QStringLiteral("old keywords") : QStringLiteral("taxonomy"))
                        .arg(n)
                        .arg(sources.size()));
            },
            &cancel);
    };
    Result<std::vector<logs::RunScan>> rules = scanWith(false, 0);
    if (!rules)
        return failed(rules.error());
    Result<std::vector<logs::RunScan>> naive = scanWith(true, 450);
    if (!naive)
        return failed(naive.error());
    if (cancel || report.canceled())
        return failed(QStringLiteral("evaluation canceled"));

    model::DetectorScores naiveDetector { QStringLiteral("naive keywords"), {}, {} };
    model::DetectorScores rulesDetector { QStringLiteral("taxonomy rules"), {}, {} };
    model::DetectorScores forestDetector { QStringLiteral("isolation forest"), {}, {} };
    model::DetectorScores combined { QStringLiteral("forest + rules"), {}, {} };
    // A run whose logs cannot be read completely counts with what was found before the failure.
    for (size_t i = 0; i < sources.size(); ++i) {
        const logs::RunScanResult& r = logs::foundIn((*rules)[i]);
        const logs::RunScanResult& n = logs::foundIn((*naive)[i]);
        const bool naiveHit = !n.keywordHits.empty() || !n.matchedFiles.isEmpty();
        naiveDetector.scores.push_back(naiveHit ? 1 : 0);
        naiveDetector.flags.push_back(naiveHit ? 1 : 0);
        // 2: the run's final failure cause is memory; 1: memory mentioned before another failure.
        const bool finalMemory = r.finalCategory && logs::categoryInfo(*r.finalCategory).memory;
        const double rulesScore = finalMemory ? 2 : (r.memoryFailure() ? 1 : 0);
        rulesDetector.scores.push_back(rulesScore);
        rulesDetector.flags.push_back(rulesScore > 0 ? 1 : 0);
        const Scored& s = scored.value({ result.runIds[i], result.attempts[i] });
        forestDetector.scores.push_back(s.score);
        forestDetector.flags.push_back(s.flagged ? 1 : 0);
        // Rules first; the forest's score (in (0, 1]) orders runs the rules cannot tell apart.
        combined.scores.push_back(rulesScore + s.score);
        combined.flags.push_back(rulesScore > 0 || s.flagged ? 1 : 0);
    }
    result.detectors = { naiveDetector, rulesDetector, forestDetector, combined };

    const int positives = int(std::count(result.labels.begin(), result.labels.end(), 1));
    const int k = options.k > 0 ? options.k : positives;
    report(900, QStringLiteral("Bootstrap intervals of %1 detectors").arg(result.detectors.size()));
    Result<model::ComparisonTable> table
        = model::ComparisonTable::build(result.detectors, result.labels, k, options.bootstrap);
    if (!table)
        return failed(table.error());
    result.table = *table;
    if (options.bootstrap && options.bootstrap->resamples > 0) {
        for (size_t a = 0; a < result.detectors.size(); ++a) {
            for (size_t b = a + 1; b < result.detectors.size(); ++b) {
                Result<model::PairedComparison> c = model::DetectorComparison::compare(
                    result.detectors[a], result.detectors[b], result.labels, *options.bootstrap);
                if (!c)
                    return failed(c.error());
                result.comparisons.push_back(*c);
            }
        }
    }

    // A seed sweep: the forest detectors again with each seed's forest (the analysis stored them).
    const Scored& first = scored.value({ result.runIds.front(), result.attempts.front() });
    const QList<quint64> seeds = first.seedScores.keys();
    if (seeds.size() > 1) {
        std::vector<model::ComparisonTable> tables;
        for (quint64 seed : seeds) {
            model::DetectorScores forest { forestDetector.name, {}, {} };
            model::DetectorScores withRules { combined.name, {}, {} };
            for (size_t i = 0; i < result.runIds.size(); ++i) {
                const Scored& s = scored.value({ result.runIds[i], result.attempts[i] });
                const double score = s.seedScores.value(seed);
                const bool flagged = s.seedFlags.value(seed);
                forest.scores.push_back(score);
                forest.flags.push_back(flagged ? 1 : 0);
                withRules.scores.push_back(rulesDetector.scores[i] + score);
                withRules.flags.push_back(rulesDetector.flags[i] != 0 || flagged ? 1 : 0);
                if (tables.empty())
                    result.stability.push_back(s.stability);
            }
            const std::vector<model::DetectorScores> perSeed { forest, withRules };
            Result<model::ComparisonTable> seedTable = model::ComparisonTable::build(perSeed, result.labels, k);
            if (!seedTable)
                return failed(QStringLiteral("seed %1: %2").arg(seed).arg(seedTable.error()));
            tables.push_back(*seedTable);
        }
        result.seeds.assign(seeds.begin(), seeds.end());
        for (size_t d = 0; d < tables.front().rows().size(); ++d)
            result.seedSweep.push_back(spreadOf(tables, d));
    }
    for (const model::DetectorScores& detector : result.detectors) {
        Result<std::vector<model::CategoryRecall>> recall
            = model::Metrics::recallPerCategory(detector.flags, result.labels, result.categories);
        if (!recall)
            return failed(recall.error());
        result.recallPerCategory.push_back(*recall);
    }
    report(1000, QStringLiteral("Evaluated %1 labelled runs").arg(sources.size()));
    return result;
}
} // namespace

std::optional<model::PairedComparison> EvaluationResult::comparison(const QString& a, const QString& b) const
{
    for (const model::PairedComparison& c : comparisons) {
        if (c.detectorA == a && c.detectorB == b)
            return c;
        if (c.detectorA == b && c.detectorB == a) {
            model::PairedComparison m = c;
            std::swap(m.detectorA, m.detectorB);
            m.rocAuc = mirrored(c.rocAuc);
            m.averagePrecision = mirrored(c.averagePrecision);
            return m;
        }
    }
    return std::nullopt;
}

QString EvaluationResult::caption() const
{
    return QStringLiteral("Detectors against %1 labelled runs (%2 memory failures; labels: %3)")
        .arg(labels.size())
        .arg(std::count(labels.begin(), labels.end(), 1))
        .arg(labelSource);
}

bool isMemoryLabel(const QString& label)
{
    if (label == QLatin1String("memory"))
        return true;
    const std::optional<logs::MemoryCategory> category = logs::categoryFromId(label);
    return category && logs::categoryInfo(*category).memory;
}

QFuture<Result<EvaluationResult>> evaluateWorkspace(const QString& workspaceDir, const EvaluationOptions& options)
{
    return QtConcurrent::run(computePool(), [workspaceDir, options](QPromise<Result<EvaluationResult>>& promise) {
        promise.setProgressRange(0, 1000);
        promise.addResult(evaluate(workspaceDir, options, Reporter { &promise }));
    });
}

Result<EvaluationResult> evaluateWorkspaceNow(const QString& workspaceDir, const EvaluationOptions& options)
{
    return evaluate(workspaceDir, options, Reporter {});
}

} // namespace runlens::pipeline
