#include "commandline.h"
#include "commands.h"

#include "common/csvtable.h"
#include "pipeline/evaluation.h"
#include "workspace/workspace.h"

#include <QCommandLineParser>
#include <QDir>
#include <QSaveFile>

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

int runEvaluate(const QStringList& args, CliContext& ctx)
{
    CommandLine cmd(kName, ctx);
    QCommandLineParser& parser = cmd.parser();
    const QCommandLineOption workspaceOption = cmd.addWorkspaceOption();
    const QCommandLineOption labelsOption(QStringLiteral("labels"),
        QStringLiteral("Labels: a CSV with run_id[,attempt] and label, category or is_memory (e.g. the sample "
                       "corpus's labels.csv), or an old-pipeline memory_logs.txt. Default: the workspace's labels."),
        QStringLiteral("FILE"));
    const QCommandLineOption kOption(QStringLiteral("k"),
        QStringLiteral("k of precision@k and recall@k (default: the number of memory failures)."), QStringLiteral("K"));
    parser.addOptions({ labelsOption, kOption });
    if (const std::optional<int> exit = cmd.parse(args))
        return *exit;
    pipeline::EvaluationOptions options;
    options.labelsFile = parser.value(labelsOption);
    if (parser.isSet(kOption)) {
        bool ok = false;
        options.k = parser.value(kOption).toInt(&ok);
        if (!ok || options.k < 1)
            return cmd.usageError(QStringLiteral("--k '%1' is not a positive integer").arg(parser.value(kOption)));
    }

    const pipeline::EvaluationResult result = pipeline::evaluateWorkspaceNow(parser.value(workspaceOption), options);
    if (!result.error.isEmpty())
        return cmd.fail(result.error);
    const int positives = int(std::count(result.labels.begin(), result.labels.end(), 1));
    ctx.out << "labels: " << result.labelSource << ": " << result.labels.size() << " runs, " << positives
            << " memory failures";
    if (result.unlabeled > 0)
        ctx.out << " (" << result.unlabeled << " analysed runs without a label left out)";
    ctx.out << "\n\n";
    const int k = result.table.k();
    ctx.out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8\n")
                   .arg(QStringLiteral("detector"), -18)
                   .arg(QStringLiteral("roc_auc"), 8)
                   .arg(QStringLiteral("avg_prec"), 8)
                   .arg(QStringLiteral("p@%1").arg(k), 8)
                   .arg(QStringLiteral("r@%1").arg(k), 8)
                   .arg(QStringLiteral("precision"), 9)
                   .arg(QStringLiteral("recall"), 8)
                   .arg(QStringLiteral("f1"), 8);
    for (const model::ComparisonRow& row : result.table.rows()) {
        ctx.out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8\n")
                       .arg(row.detector, -18)
                       .arg(metric(row.rocAuc), 8)
                       .arg(metric(row.averagePrecision), 8)
                       .arg(metric(row.precisionAtK), 8)
                       .arg(metric(row.recallAtK), 8)
                       .arg(row.atFlags ? metric(row.atFlags->precision) : QString(), 9)
                       .arg(row.atFlags ? metric(row.atFlags->recall) : QString(), 8)
                       .arg(row.atFlags ? metric(row.atFlags->f1) : QString(), 8);
    }
    ctx.out << "\nrecall per category (flags):\n";
    for (size_t d = 0; d < result.detectors.size(); ++d) {
        ctx.out << "  " << result.detectors[d].name << ":";
        for (const model::CategoryRecall& recall : result.recallPerCategory[d])
            ctx.out << " " << recall.category << "=" << recall.detected << "/" << recall.positives;
        ctx.out << "\n";
    }

    workspace::Workspace ws;
    if (const std::optional<int> exit = cmd.openWorkspace(ws))
        return *exit;
    const QDir exports(ws.exportsDir());
    QDir().mkpath(exports.path());
    for (const auto& [name, text] : { std::pair { QStringLiteral("evaluation.csv"), result.table.toCsv() },
             std::pair { QStringLiteral("evaluation_recall.csv"), recallCsv(result) } }) {
        if (Status s = writeText(exports.filePath(name), text); !s)
            return cmd.fail(s.error());
    }
    ctx.out << "\nwrote evaluation.csv and evaluation_recall.csv to " << exports.path() << "\n";
    return ExitOk;
}

const bool registered = registerCommand(75,
    { kName, QStringLiteral("evaluate --workspace DIR [--labels FILE] [--k K]"),
        QStringLiteral("Compare the detectors (old keyword filter, taxonomy rules, Isolation Forest, forest + "
                       "rules) against labels: ROC AUC, average precision, precision@k, recall@k, precision/"
                       "recall/F1 of their flags and recall per category."),
        runEvaluate });
} // namespace

} // namespace runlens::cli
