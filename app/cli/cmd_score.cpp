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

#include <charconv>
#include <ctime>
#include <memory>

namespace runlens::cli {

namespace {
const QString kName = QStringLiteral("score");

struct ScoreInput
{
    model::FeatureMatrix features;
    std::vector<int> labels; // empty without a label column
};

Result<ScoreInput> readInput(const QString& path, const QString& labelColumn)
{
    Result<NumericCsv> csv = CsvTable::readNumeric(path, labelColumn);
    if (!csv)
        return makeError(csv.error());
    ScoreInput input;
    input.labels.reserve(csv->labels.size());
    for (const double label : csv->labels)
        input.labels.push_back(label != 0.0 ? 1 : 0);
    const auto columns = int(csv->featureNames.size());
    Result<model::FeatureMatrix> matrix
        = model::FeatureMatrix::fromValues(std::move(csv->values), columns, std::move(csv->featureNames));
    if (!matrix)
        return makeError(matrix.error());
    input.features = std::move(matrix).value();
    return input;
}

// CSV written a block at a time through a QSaveFile, numbers with std::to_chars (the shortest text
// that reads back to the same double) straight into the block: no string per cell, no container
// call per character, memory bounded by the block.
class CsvFileWriter
{
public:
    explicit CsvFileWriter(const QString& path)
        : m_file(path)
        , m_buffer(std::make_unique_for_overwrite<char[]>(std::size_t(kBlock + kSlack))) // untouched pages cost nothing
    {
    }

    Status open()
    {
        if (!m_file.open(QIODevice::WriteOnly))
            return makeError(
                QStringLiteral("file '%1': cannot write: %2").arg(m_file.fileName(), m_file.errorString()));
        return {};
    }
    void text(const QString& s)
    {
        const QByteArray utf8 = s.toUtf8();
        for (const char c : utf8)
            put(c);
    }
    template <typename T> void number(T value)
    {
        // kSlack is more than any number's text: the block is written out before it fills up.
        m_used = std::to_chars(m_buffer.get() + m_used, m_buffer.get() + kBlock + kSlack, value).ptr - m_buffer.get();
        flushIfFull();
    }
    void put(char c)
    {
        m_buffer[std::size_t(m_used++)] = c;
        flushIfFull();
    }
    // Ends a record.
    void endRecord() { put('\n'); }
    Status commit()
    {
        flush();
        if (!m_file.commit())
            return makeError(
                QStringLiteral("file '%1': cannot write: %2").arg(m_file.fileName(), m_file.errorString()));
        return {};
    }

private:
    static constexpr qsizetype kBlock = qsizetype(1) << 20;
    static constexpr qsizetype kSlack = 64;
    void flushIfFull()
    {
        if (m_used >= kBlock)
            flush();
    }
    void flush()
    {
        m_file.write(m_buffer.get(), m_used); // a failed write fails commit()
        m_used = 0;
    }
    QSaveFile m_file;
    std::unique_ptr<char[]> m_buffer;
    qsizetype m_used = 0;
};

Status writeScores(const QString& path, const model::ForestScores& s, const std::vector<int>& labels)
{
    CsvFileWriter csv(path);
    if (Status opened = csv.open(); !opened)
        return opened;
    csv.text(labels.empty() ? QStringLiteral("row,path_length,score,decision,anomaly")
                            : QStringLiteral("row,path_length,score,decision,anomaly,label"));
    csv.endRecord();
    for (std::size_t i = 0; i < s.score.size(); ++i) {
        csv.number(i);
        for (const double v : { s.pathLength[i], s.score[i], s.decision[i] }) {
            csv.put(',');
            csv.number(v);
        }
        csv.put(',');
        csv.put(s.prediction[i] < 0 ? '1' : '0');
        if (!labels.empty()) {
            csv.put(',');
            csv.number(labels[i]);
        }
        csv.endRecord();
    }
    return csv.commit();
}

Status writeContributions(const QString& path, const model::FeatureMatrix& phi, double baseValue)
{
    CsvFileWriter csv(path);
    if (Status opened = csv.open(); !opened)
        return opened;
    csv.text(QStringLiteral("row,base_value"));
    for (const QString& name : phi.featureNames())
        csv.text(QLatin1Char(',') + CsvTable::quote(name));
    csv.endRecord();
    for (int r = 0; r < phi.rows(); ++r) {
        csv.number(r);
        csv.put(',');
        csv.number(baseValue);
        for (const double v : phi.row(r)) {
            csv.put(',');
            csv.number(v);
        }
        csv.endRecord();
    }
    return csv.commit();
}

QString number(double v)
{
    return QString::number(v, 'g', 17);
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
    Result<ScoreInput> input = readInput(parser.value(csvOption), parser.value(labelOption));
    if (!input)
        return fail(ctx, input.error());
    const qint64 readNs = timer.nsecsElapsed();
    const std::clock_t readCpu = std::clock() - cpu;

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

    qint64 writeNs = -1;
    if (parser.isSet(outOption)) {
        timer.restart();
        if (Status written = writeScores(parser.value(outOption), *scores, input->labels); !written)
            return fail(ctx, written.error());
        writeNs = timer.nsecsElapsed();
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
        if (Status written = writeContributions(parser.value(explainOption), *phi, shap.baseValue()); !written)
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
        ctx.err << "timing: read_s=" << seconds(readNs) << " read_cpu_s=" << cpuSeconds(readCpu)
                << " fit_s=" << seconds(fitNs) << " score_s=" << seconds(scoreNs)
                << " fit_score_s=" << seconds(fitNs + scoreNs) << " fit_score_cpu_s=" << cpuSeconds(fitScoreCpu);
        if (writeNs >= 0)
            ctx.err << " write_s=" << seconds(writeNs);
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
