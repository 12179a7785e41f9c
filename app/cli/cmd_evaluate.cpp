#include "commands.h"
#include "forestoptions.h"
#include "modulecommands.h"
#include "workspacecommandline.h"

#include "common/csvtable.h"
#include "pipeline/analysis.h"
#include "pipeline/evaluation.h"
#include "workspace/workspace.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

#include <cmath>

namespace runlens::cli {

namespace {
const QString kName = QStringLiteral("evaluate");

QString metric(double value)
{
    return QString::number(value, 'f', 3);
}

QString recallCsv(const pipeline::EvaluationResult& result)
{
    QString csv = QStringLiteral("detector,category,positives,detected,recall\n");
    for (size_t d = 0; d < result.detectors.size(); ++d) {
        for (const model::CategoryRecall& recall : result.recallPerCategory[d]) {
            csv += CsvTable::quote(result.detectors[d].name) + QLatin1Char(',') + CsvTable::quote(recall.category)
                + QLatin1Char(',') + QString::number(recall.positives) + QLatin1Char(',')
                + QString::number(recall.detected) + QLatin1Char(',') + QString::number(recall.recall, 'g', 17)
                + QLatin1Char('\n');
        }
    }
    return csv;
}

Status writeText(const QString& path, const QString& text)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text.toUtf8()) < 0 || !file.commit())
        return makeError(QStringLiteral("cannot write '%1': %2").arg(path, file.errorString()));
    return {};
}

QString interval(const model::Interval& i)
{
    return i.valid() ? QStringLiteral("[%1,%2]").arg(metric(i.low), metric(i.high)) : QString();
}

QString seedsCsv(const pipeline::EvaluationResult& result)
{
    QString csv = QStringLiteral("detector,seeds,metric,mean,std\n");
    for (const model::SeedSweepRow& row : result.seedSweep) {
        for (int m = 0; m < model::kMetricCount; ++m) {
            const model::SeedSpread& spread = row.metrics[size_t(m)];
            if (std::isnan(spread.mean))
                continue;
            csv += CsvTable::quote(row.detector) + QLatin1Char(',') + QString::number(row.seeds) + QLatin1Char(',')
                + model::ComparisonTable::metricKey(model::Metric(m)) + QLatin1Char(',')
                + QString::number(spread.mean, 'g', 17) + QLatin1Char(',')
                + (std::isnan(spread.sd) ? QString() : QString::number(spread.sd, 'g', 17)) + QLatin1Char('\n');
        }
    }
    return csv;
}

void printComparison(const model::PairedComparison& c, QTextStream& out)
{
    out << "\n"
        << c.detectorA << " vs " << c.detectorB << " (" << QString::number(c.level * 100, 'g', 4)
        << "% intervals of the difference):\n";
    for (const model::PairedTest* t : { &c.rocAuc, &c.averagePrecision }) {
        out << QStringLiteral("  %1 %2 vs %3: difference %4 %5, %6p = %7 (%8)\n")
                   .arg(t->metric, -18)
                   .arg(metric(t->a), metric(t->b))
                   .arg(QString::number(t->difference, 'f', 3), interval(t->interval))
                   .arg(std::isnan(t->statistic) ? QString() : QStringLiteral("z = %1, ").arg(t->statistic, 0, 'f', 3))
                   .arg(t->pValue, 0, 'g', 4)
                   .arg(t->method);
    }
}

int runEvaluate(const QStringList& args, CliContext& ctx)
{
    WorkspaceCommandLine cmd(kName, ctx);
    QCommandLineParser& parser = cmd.parser();
    const QCommandLineOption workspaceOption = cmd.addWorkspaceOption();
    const QCommandLineOption labelsOption = cmd.addOption(QStringLiteral("labels"),
        QStringLiteral("Labels: a CSV with run_id[,attempt] and label, category or is_memory (e.g. the sample "
                       "corpus's labels.csv), or an old-pipeline memory_logs.txt. Default: the workspace's labels."),
        QStringLiteral("FILE"));
    const QCommandLineOption kOption = cmd.addOption(QStringLiteral("k"),
        QStringLiteral("k of precision@k and recall@k (default: the number of memory failures)."), QStringLiteral("K"));
    const QCommandLineOption bootstrapOption = cmd.addOption(QStringLiteral("bootstrap"),
        QStringLiteral("Stratified bootstrap resamples for the intervals and the paired comparisons (default 1000; "
                       "0: none)."),
        QStringLiteral("N"), QStringLiteral("1000"));
    const QCommandLineOption levelOption
        = cmd.addOption(QStringLiteral("ci-level"), QStringLiteral("Confidence level of the intervals (default 0.95)."),
            QStringLiteral("L"), QStringLiteral("0.95"));
    const QCommandLineOption bootstrapSeedOption = cmd.addOption(QStringLiteral("bootstrap-seed"),
        QStringLiteral("Seed of the bootstrap resamples (default 1)."), QStringLiteral("S"), QStringLiteral("1"));
    const QCommandLineOption compareOption = cmd.addOption(QStringLiteral("compare"),
        QStringLiteral("Compare two detectors: --compare \"A\" \"B\" (DeLong's test of ROC AUC, paired bootstrap of "
                       "average precision)."),
        QStringLiteral("A"));
    const QCommandLineOption latexOption = cmd.addOption(QStringLiteral("latex"),
        QStringLiteral("Write the table as booktabs LaTeX to FILE and the same data as CSV beside it (FILE's name "
                       "with .csv)."),
        QStringLiteral("FILE"));
    const QCommandLineOption outOption = cmd.addOption(QStringLiteral("out"),
        QStringLiteral("Write the evaluation CSVs to DIR instead of the workspace's exports/; the workspace is then "
                       "only read (a read-only workspace, or one another process is writing, can be evaluated)."),
        QStringLiteral("DIR"));
    const ForestOptions forestOptions;
    forestOptions.addTo(parser);
    forestOptions.addSeedsTo(parser);
    // --compare takes two names: the option's value and the one positional argument after it.
    if (const std::optional<int> exit = cmd.parse(args, CommandLine::Positionals::Any))
        return *exit;
    QStringList positional = parser.positionalArguments();
    QStringList compare;
    if (parser.isSet(compareOption)) {
        if (positional.isEmpty())
            return cmd.usageError(QStringLiteral("--compare needs two detector names: --compare \"A\" \"B\""));
        compare = { parser.value(compareOption), positional.takeFirst() };
    }
    if (!positional.isEmpty())
        return cmd.usageError(QStringLiteral("unexpected argument '%1'").arg(positional.first()));
    pipeline::EvaluationOptions options;
    options.labelsFile = parser.value(labelsOption);
    if (parser.isSet(kOption)) {
        bool ok = false;
        options.k = parser.value(kOption).toInt(&ok);
        if (!ok || options.k < 1)
            return cmd.usageError(QStringLiteral("--k '%1' is not a positive integer").arg(parser.value(kOption)));
    }
    model::BootstrapOptions bootstrap;
    bool ok = false;
    bootstrap.resamples = parser.value(bootstrapOption).toInt(&ok);
    if (!ok || bootstrap.resamples < 0 || bootstrap.resamples > 1000000)
        return cmd.usageError(QStringLiteral("--bootstrap '%1' is not a whole number from 0 to 1000000")
                                  .arg(parser.value(bootstrapOption)));
    bootstrap.level = parser.value(levelOption).toDouble(&ok);
    if (!ok || !(bootstrap.level > 0.0 && bootstrap.level < 1.0))
        return cmd.usageError(QStringLiteral("--ci-level '%1' is not between 0 and 1").arg(parser.value(levelOption)));
    bootstrap.seed = parser.value(bootstrapSeedOption).toULongLong(&ok);
    if (!ok)
        return cmd.usageError(QStringLiteral("--bootstrap-seed '%1' is not a non-negative integer")
                                  .arg(parser.value(bootstrapSeedOption)));
    options.bootstrap = bootstrap.resamples > 0 ? std::optional(bootstrap) : std::nullopt;
    if (!compare.isEmpty() && !options.bootstrap)
        return cmd.usageError(QStringLiteral("--compare needs the bootstrap (--bootstrap N with N > 0)"));
    if (parser.isSet(latexOption) && QFileInfo(parser.value(latexOption)).suffix() == QLatin1String("csv"))
        return cmd.usageError(QStringLiteral("--latex '%1': the CSV is written beside the LaTeX file; name a .tex file")
                                  .arg(parser.value(latexOption)));
    Result<int> seeds = forestOptions.readSeeds(parser);
    if (!seeds)
        return cmd.usageError(seeds.error());
    Result<model::ForestParameters> forest = forestOptions.read(parser);
    if (!forest)
        return cmd.usageError(forest.error());

    const QString workspaceDir = cmd.workspaceDir();
    // Without --out the CSVs go to the workspace's exports/, and a seed sweep stores its forests: both write.
    const bool onlyReads = parser.isSet(outOption) && *seeds <= 1;
    if (const std::optional<int> exit
        = cmd.lockWorkspace(WorkspaceNeed::MustExist, onlyReads ? WhenLocked::ReadOnly : WhenLocked::Refuse))
        return *exit;
    if (*seeds > 1) {
        // A sweep needs independent forests on the same features: analyze again with N seeds.
        pipeline::AnalysisOptions analysis;
        analysis.forest = *forest;
        analysis.seeds = *seeds;
        ctx.out << "seed sweep: analysing with " << *seeds << " seeds from " << forest->seed << "\n";
        const Result<pipeline::AnalysisResult> analysed = pipeline::analyzeWorkspaceNow(workspaceDir, analysis);
        if (!analysed)
            return cmd.fail(analysed.error());
    }

    const Result<pipeline::EvaluationResult> evaluated = pipeline::evaluateWorkspaceNow(workspaceDir, options);
    if (!evaluated)
        return cmd.fail(evaluated.error());
    const pipeline::EvaluationResult& result = *evaluated;
    std::optional<model::PairedComparison> comparison;
    if (!compare.isEmpty()) {
        comparison = result.comparison(compare.at(0), compare.at(1));
        if (!comparison) {
            QStringList names;
            for (const model::DetectorScores& d : result.detectors)
                names << QLatin1Char('"') + d.name + QLatin1Char('"');
            ctx.err << "runlens-cli evaluate: --compare \"" << compare.at(0) << "\" \"" << compare.at(1)
                    << "\": name two different detectors of " << names.join(QStringLiteral(", ")) << "\n";
            return ExitUsage;
        }
    }
    const int positives = int(std::count(result.labels.begin(), result.labels.end(), 1));
    ctx.out << "labels: " << result.labelSource << ": " << result.labels.size() << " runs, " << positives
            << " memory failures";
    if (result.unlabeled > 0)
        ctx.out << " (" << result.unlabeled << " analysed runs without a label left out)";
    ctx.out << "\n\n";
    // One column per metric; with intervals, each value has its interval on the line below.
    const int k = result.table.k();
    const int width = result.table.bootstrap() ? 13 : 9;
    const QStringList headers { QStringLiteral("roc_auc"), QStringLiteral("avg_prec"), QStringLiteral("p@%1").arg(k),
        QStringLiteral("r@%1").arg(k), QStringLiteral("precision"), QStringLiteral("recall"), QStringLiteral("f1") };
    QString header = QStringLiteral("detector").leftJustified(18);
    for (const QString& h : headers)
        header += QLatin1Char(' ') + h.rightJustified(width);
    ctx.out << header << "\n";
    for (const model::ComparisonRow& row : result.table.rows()) {
        QString values = row.detector.leftJustified(18);
        QString intervals = QString(18, QLatin1Char(' '));
        for (int m = 0; m < model::kMetricCount; ++m) {
            const std::optional<double> v = row.value(model::Metric(m));
            values += QLatin1Char(' ') + (v ? metric(*v) : QString()).rightJustified(width);
            intervals += QLatin1Char(' ') + interval(row.interval(model::Metric(m))).rightJustified(width);
        }
        ctx.out << values << "\n";
        if (result.table.bootstrap())
            ctx.out << intervals << "\n";
    }
    if (const auto& b = result.table.bootstrap())
        ctx.out << "intervals: " << QString::number(b->level * 100, 'g', 4) << "% stratified bootstrap percentile, "
                << b->resamples << " resamples, seed " << b->seed << "\n";
    if (!result.seedSweep.empty()) {
        ctx.out << "\nseed sweep over " << result.seeds.size() << " forests (seeds " << result.seeds.front() << ".."
                << result.seeds.back() << "), mean ± std:\n";
        for (const model::SeedSweepRow& row : result.seedSweep) {
            ctx.out << "  " << row.detector << ":";
            for (int m = 0; m < model::kMetricCount; ++m) {
                const model::SeedSpread& spread = row.metrics[size_t(m)];
                if (!std::isnan(spread.mean))
                    ctx.out << " " << model::ComparisonTable::metricKey(model::Metric(m)) << "=" << metric(spread.mean)
                            << "±" << metric(spread.sd);
            }
            ctx.out << "\n";
        }
        // Which runs the seeds agree on.
        int all = 0, most = 0, few = 0;
        for (double s : result.stability) {
            all += s >= 1.0;
            most += s >= 0.5 && s < 1.0;
            few += s > 0.0 && s < 0.5;
        }
        ctx.out << "  labelled runs flagged by all seeds: " << all << ", by most (at least half): " << most
                << ", by few (under half): " << few << "; stability per run in scores.csv\n";
    }
    ctx.out << "\nrecall per category (flags):\n";
    for (size_t d = 0; d < result.detectors.size(); ++d) {
        ctx.out << "  " << result.detectors[d].name << ":";
        for (const model::CategoryRecall& recall : result.recallPerCategory[d])
            ctx.out << " " << recall.category << "=" << recall.detected << "/" << recall.positives;
        ctx.out << "\n";
    }
    if (comparison)
        printComparison(*comparison, ctx.out);

    QString exportsDir = parser.value(outOption);
    if (exportsDir.isEmpty()) {
        workspace::Workspace ws;
        if (const std::optional<int> exit = cmd.openWorkspace(ws))
            return *exit;
        exportsDir = ws.exportsDir();
    }
    const QDir exports(exportsDir);
    if (!QDir().mkpath(exports.path()))
        return cmd.fail(QStringLiteral("cannot create the folder '%1'").arg(exports.path()));
    std::vector<std::pair<QString, QString>> files { { exports.filePath(QStringLiteral("evaluation.csv")),
                                                         result.table.toCsv() },
        { exports.filePath(QStringLiteral("evaluation_recall.csv")), recallCsv(result) } };
    if (!result.seedSweep.empty())
        files.push_back({ exports.filePath(QStringLiteral("evaluation_seeds.csv")), seedsCsv(result) });
    for (const auto& [path, text] : files) {
        if (Status s = writeText(path, text); !s)
            return cmd.fail(s.error());
    }
    ctx.out << "\nwrote";
    for (const auto& file : files)
        ctx.out << " " << QDir::toNativeSeparators(file.first);
    if (parser.isSet(latexOption)) {
        Result<QStringList> written = result.table.writeLatex(parser.value(latexOption), result.caption());
        if (!written)
            return cmd.fail(written.error());
        for (const QString& path : std::as_const(*written))
            ctx.out << " " << QDir::toNativeSeparators(path);
    }
    ctx.out << "\n";
    return ExitOk;
}

const bool registered = registerModuleCommand(kName, runEvaluate);
} // namespace

} // namespace runlens::cli
