#include "commandline.h"
#include "commands.h"

#include "common/computepool.h"
#include "common/csvtable.h"
#include "model/featurematrix.h"
#include "model/isolationforest.h"
#include "model/metrics.h"
#include "model/modeljson.h"
#include "model/treeshap.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QSaveFile>
#include <QThreadPool>

#include <ctime>

namespace runlens::cli {

namespace {
const QString kName = QStringLiteral("score");

struct ScoreInput
{
    model::FeatureMatrix features;
    std::vector<int> labels; // empty without a label column
};

Result<ScoreInput> readInput(const CsvTable& table, const QString& path, const QString& labelColumn)
{
    const int labelIndex = labelColumn.isEmpty() ? -1 : table.columnIndex(labelColumn);
    if (!labelColumn.isEmpty() && labelIndex < 0)
        return makeError(QStringLiteral("file '%1': no column '%2' in the header").arg(path, labelColumn));
    QStringList names;
    std::vector<int> featureColumns;
    for (int c = 0; c < table.columnCount(); ++c) {
        if (c == labelIndex)
            continue;
        names.append(table.header().at(c));
        featureColumns.push_back(c);
    }
    if (featureColumns.empty())
        return makeError(QStringLiteral("file '%1': no feature columns").arg(path));
    if (table.rowCount() == 0)
        return makeError(QStringLiteral("file '%1': no data rows").arg(path));

    ScoreInput input;
    std::vector<double> values;
    values.reserve(std::size_t(table.rowCount()) * featureColumns.size());
    for (int r = 0; r < table.rowCount(); ++r) {
        for (int c : featureColumns) {
            Result<double> v = table.number(r, c);
            if (!v)
                return makeError(v.error());
            values.push_back(*v);
        }
        if (labelIndex >= 0) {
            Result<double> label = table.number(r, labelIndex);
            if (!label)
                return makeError(label.error());
            input.labels.push_back(*label != 0.0 ? 1 : 0);
        }
    }
    Result<model::FeatureMatrix> matrix
        = model::FeatureMatrix::fromValues(std::move(values), int(featureColumns.size()), names);
    if (!matrix)
        return makeError(matrix.error());
    input.features = std::move(matrix).value();
    return input;
}

Status writeFile(const QString& path, const QString& text)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(QStringLiteral("file '%1': cannot write: %2").arg(path, file.errorString()));
    file.write(text.toUtf8());
    if (!file.commit())
        return makeError(QStringLiteral("file '%1': cannot write: %2").arg(path, file.errorString()));
    return {};
}

QString number(double v)
{
    return QString::number(v, 'g', 17);
}

QString scoresCsv(const model::ForestScores& s, const std::vector<int>& labels)
{
    QString csv = QStringLiteral("row,path_length,score,decision,anomaly");
    csv += labels.empty() ? QStringLiteral("\n") : QStringLiteral(",label\n");
    for (std::size_t i = 0; i < s.score.size(); ++i) {
        csv += QString::number(i) + QLatin1Char(',') + number(s.pathLength[i]) + QLatin1Char(',') + number(s.score[i])
            + QLatin1Char(',') + number(s.decision[i]) + QLatin1Char(',')
            + (s.prediction[i] < 0 ? QLatin1Char('1') : QLatin1Char('0'));
        if (!labels.empty())
            csv += QLatin1Char(',') + QString::number(labels[i]);
        csv += QLatin1Char('\n');
    }
    return csv;
}

QString contributionsCsv(const model::FeatureMatrix& phi, double baseValue)
{
    QString csv = QStringLiteral("row,base_value");
    for (const QString& name : phi.featureNames())
        csv += QLatin1Char(',') + CsvTable::quote(name);
    csv += QLatin1Char('\n');
    for (int r = 0; r < phi.rows(); ++r) {
        csv += QString::number(r) + QLatin1Char(',') + number(baseValue);
        for (double v : phi.row(r))
            csv += QLatin1Char(',') + number(v);
        csv += QLatin1Char('\n');
    }
    return csv;
}

int fail(CliContext& ctx, const QString& message)
{
    ctx.err << "runlens-cli score: " << message << "\n";
    ctx.err.flush();
    return ExitFailed;
}

int runScore(const QStringList& args, CliContext& ctx)
{
    CommandLine cmd(kName, ctx);
    QCommandLineParser& parser = cmd.parser();
    const QCommandLineOption csvOption(
        QStringLiteral("csv"), QStringLiteral("Numeric CSV with a header line."), QStringLiteral("FILE"));
    const QCommandLineOption labelOption(QStringLiteral("label-column"),
        QStringLiteral("Column holding labels (non-zero = anomaly); not a feature."), QStringLiteral("NAME"));
    const QCommandLineOption treesOption(QStringLiteral("trees"), QStringLiteral("Number of trees (default 100)."),
        QStringLiteral("N"), QStringLiteral("100"));
    const QCommandLineOption samplesOption(QStringLiteral("samples"),
        QStringLiteral("Sub-sample size per tree (default min(256, rows))."), QStringLiteral("N"));
    const QCommandLineOption contaminationOption(QStringLiteral("contamination"),
        QStringLiteral("'auto' (offset -0.5) or the expected anomaly fraction in (0, 0.5]."), QStringLiteral("auto|F"),
        QStringLiteral("auto"));
    const QCommandLineOption seedOption(
        QStringLiteral("seed"), QStringLiteral("Random seed (default 0)."), QStringLiteral("S"), QStringLiteral("0"));
    const QCommandLineOption outOption(QStringLiteral("out"),
        QStringLiteral("Write per-row path length, score, decision and anomaly flag as CSV."), QStringLiteral("F"));
    const QCommandLineOption explainOption(QStringLiteral("explain"),
        QStringLiteral("Write per-row TreeSHAP contributions (mean path length units) as CSV."), QStringLiteral("F"));
    const QCommandLineOption modelOption(
        QStringLiteral("model-out"), QStringLiteral("Write the trained forest as model.json."), QStringLiteral("F"));
    const QCommandLineOption timingOption(
        QStringLiteral("timing"), QStringLiteral("Print in-process timings to stderr."));
    const QCommandLineOption threadsOption(
        QStringLiteral("threads"), QStringLiteral("Worker threads (default: one per core)."), QStringLiteral("N"));
    parser.addOptions({ csvOption, labelOption, treesOption, samplesOption, contaminationOption, seedOption, outOption,
        explainOption, modelOption, timingOption, threadsOption });
    if (const std::optional<int> exit = cmd.parse(args))
        return *exit;
    if (!parser.isSet(csvOption))
        return cmd.usageError(QStringLiteral("--csv FILE is required"));

    model::ForestParameters params;
    bool ok = false;
    params.trees = parser.value(treesOption).toInt(&ok);
    if (!ok || params.trees < 1)
        return cmd.usageError(QStringLiteral("--trees '%1' is not a positive integer").arg(parser.value(treesOption)));
    if (parser.isSet(samplesOption)) {
        params.maxSamples = parser.value(samplesOption).toInt(&ok);
        if (!ok || params.maxSamples < 1)
            return usageError(ctx, cmd.command().name,
                QStringLiteral("--samples '%1' is not a positive integer").arg(parser.value(samplesOption)));
    }
    const QString contamination = parser.value(contaminationOption);
    if (contamination != QLatin1String("auto")) {
        const double c = contamination.toDouble(&ok);
        if (!ok || !(c > 0.0 && c <= 0.5))
            return usageError(ctx, cmd.command().name,
                QStringLiteral("--contamination '%1' is neither 'auto' nor a number in (0, 0.5]").arg(contamination));
        params.contamination = c;
    }
    params.seed = parser.value(seedOption).toULongLong(&ok);
    if (!ok)
        return cmd.usageError(
            QStringLiteral("--seed '%1' is not a non-negative integer").arg(parser.value(seedOption)));

    if (parser.isSet(threadsOption)) {
        const int threads = parser.value(threadsOption).toInt(&ok);
        if (!ok || threads < 1)
            return usageError(ctx, cmd.command().name,
                QStringLiteral("--threads '%1' is not a positive integer").arg(parser.value(threadsOption)));
        computePool()->setMaxThreadCount(threads);
    }

    // Wall time and process CPU time (all threads): on a shared machine the latter is the steadier.
    QElapsedTimer timer;
    timer.start();
    std::clock_t cpu = std::clock();
    // The table lives until the command ends: freeing its cells (a QString each) leaves glibc's
    // malloc ~10 small chunks per row to merge at the next large allocation, which would otherwise
    // fall inside the timed fit (~37M instructions on 49k rows).
    const Result<CsvTable> table = CsvTable::read(parser.value(csvOption));
    if (!table)
        return fail(ctx, table.error());
    Result<ScoreInput> input = readInput(*table, parser.value(csvOption), parser.value(labelOption));
    if (!input)
        return fail(ctx, input.error());
    const qint64 readNs = timer.nsecsElapsed();

    timer.restart();
    cpu = std::clock();
    Result<model::IsolationForest> forest = model::IsolationForest::fit(input->features, params);
    if (!forest)
        return fail(ctx, forest.error());
    const qint64 fitNs = timer.nsecsElapsed();
    timer.restart();
    Result<model::ForestScores> scores = forest->evaluate(input->features);
    if (!scores)
        return fail(ctx, scores.error());
    const qint64 scoreNs = timer.nsecsElapsed();
    const std::clock_t fitScoreCpu = std::clock() - cpu;

    const auto flagged = std::count(scores->prediction.begin(), scores->prediction.end(), -1);
    ctx.out << "rows=" << input->features.rows() << "\nfeatures=" << input->features.columns()
            << "\nflagged=" << flagged << "\n";
    if (!input->labels.empty()) {
        std::vector<double> anomaly(scores->score.size());
        std::transform(scores->score.begin(), scores->score.end(), anomaly.begin(), [](double s) { return -s; });
        Result<double> auc = model::Metrics::rocAuc(anomaly, input->labels);
        Result<double> ap = model::Metrics::averagePrecision(anomaly, input->labels);
        if (!auc)
            return fail(ctx, auc.error());
        if (!ap)
            return fail(ctx, ap.error());
        ctx.out << "roc_auc=" << number(*auc) << "\naverage_precision=" << number(*ap) << "\n";
    }
    ctx.out.flush();

    if (parser.isSet(outOption)) {
        if (Status written = writeFile(parser.value(outOption), scoresCsv(*scores, input->labels)); !written)
            return fail(ctx, written.error());
    }
    qint64 explainNs = -1;
    std::clock_t explainCpu = 0;
    if (parser.isSet(explainOption)) {
        timer.restart();
        cpu = std::clock();
        const model::TreeShap shap(*forest);
        Result<model::FeatureMatrix> phi = shap.explain(input->features);
        if (!phi)
            return fail(ctx, phi.error());
        explainNs = timer.nsecsElapsed();
        explainCpu = std::clock() - cpu;
        if (Status written = writeFile(parser.value(explainOption), contributionsCsv(*phi, shap.baseValue())); !written)
            return fail(ctx, written.error());
    }
    if (parser.isSet(modelOption)) {
        if (Status written = model::ModelJson::save(*forest, parser.value(modelOption)); !written)
            return fail(ctx, written.error());
    }
    if (parser.isSet(timingOption)) {
        const auto seconds = [](qint64 ns) { return QString::number(double(ns) / 1e9, 'f', 6); };
        const auto cpuSeconds
            = [](std::clock_t ticks) { return QString::number(double(ticks) / CLOCKS_PER_SEC, 'f', 6); };
        ctx.err << "timing: read_s=" << seconds(readNs) << " fit_s=" << seconds(fitNs)
                << " score_s=" << seconds(scoreNs) << " fit_score_s=" << seconds(fitNs + scoreNs)
                << " fit_score_cpu_s=" << cpuSeconds(fitScoreCpu);
        if (explainNs >= 0)
            ctx.err << " explain_s=" << seconds(explainNs) << " explain_cpu_s=" << cpuSeconds(explainCpu);
        ctx.err << "\n";
        ctx.err.flush();
    }
    return ExitOk;
}

const bool registered = registerCommand(70,
    { kName,
        QStringLiteral("score --csv FILE [--label-column NAME] [--trees N] [--samples N] [--contamination auto|F] "
                       "[--seed S] [--out F] [--explain F] [--model-out F] [--timing] [--threads N]"),
        QStringLiteral("Isolation Forest on any numeric CSV; with labels prints roc_auc= and average_precision=."),
        runScore });
} // namespace

} // namespace runlens::cli
