#include "commands.h"
#include "forestoptions.h"
#include "modulecommands.h"
#include "workspacecommandline.h"

#include "charts/reportbuilder.h"
#include "pipeline/analysis.h"
#include "pipeline/evaluation.h"
#include "workspace/workspace.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>

#include <memory>

namespace runlens::cli {

namespace {
const QString kName = QStringLiteral("report");

bool positiveNumber(const QCommandLineParser& parser, const QCommandLineOption& option, int* value)
{
    if (!parser.isSet(option))
        return true;
    bool ok = false;
    *value = parser.value(option).toInt(&ok);
    return ok && *value > 0;
}

int runReport(const QStringList& args, CliContext& ctx)
{
    WorkspaceCommandLine cmd(kName, ctx);
    QCommandLineParser& parser = cmd.parser();
    const QCommandLineOption workspaceOption = cmd.addWorkspaceOption();
    const QCommandLineOption outOption = cmd.addOption(
        QStringLiteral("out"), QStringLiteral("Where figures/ and summary.md are written."), QStringLiteral("DIR"));
    const QCommandLineOption labelsOption = cmd.addOption(QStringLiteral("labels"),
        QStringLiteral("Evaluate against this file instead of the workspace's "
                       "labels: a CSV (run_id[,attempt],label|category|is_memory) "
                       "or an old memory_logs.txt."),
        QStringLiteral("FILE"));
    const QCommandLineOption widthOption = cmd.addOption(
        QStringLiteral("width"), QStringLiteral("Figure width in pixels (2100)."), QStringLiteral("PX"));
    const QCommandLineOption heightOption = cmd.addOption(
        QStringLiteral("height"), QStringLiteral("Figure height in pixels (1350)."), QStringLiteral("PX"));
    const QCommandLineOption dpiOption
        = cmd.addOption(QStringLiteral("dpi"), QStringLiteral("Resolution (300)."), QStringLiteral("DPI"));
    const QCommandLineOption kOption = cmd.addOption(QStringLiteral("k"),
        QStringLiteral("k of precision@k (default: the number of positives)."), QStringLiteral("K"));
    const QCommandLineOption reanalyzeOption = cmd.addOption(QStringLiteral("reanalyze"),
        QStringLiteral("Train a new model for this report (with the forest options below) and store it, instead of "
                       "rendering the workspace's stored analysis (its latest model)."));
    const ForestOptions forestOptions;
    forestOptions.addTo(parser);
    if (const std::optional<int> exit = cmd.parse(args))
        return *exit;
    if (!parser.isSet(outOption))
        return cmd.usageError(QStringLiteral("--out DIR is required"));
    ui::FigureOptions figure;
    report::ReportInput input;
    pipeline::EvaluationOptions evaluationOptions;
    if (!positiveNumber(parser, widthOption, &figure.widthPx) || !positiveNumber(parser, heightOption, &figure.heightPx)
        || !positiveNumber(parser, dpiOption, &figure.dpi) || !positiveNumber(parser, kOption, &evaluationOptions.k))
        return cmd.usageError(QStringLiteral("--width, --height, --dpi and --k take positive whole numbers"));
    pipeline::AnalysisOptions options;
    Result<model::ForestParameters> forest = forestOptions.read(parser);
    if (!forest)
        return cmd.usageError(forest.error());
    options.forest = *forest;
    if (!qobject_cast<QApplication*>(QCoreApplication::instance())) {
        ctx.err << "runlens-cli report: needs a QApplication (run it as 'runlens-cli report ...')\n";
        return ExitFailed;
    }

    input.workspaceDir = parser.value(workspaceOption);
    const bool forestOptionSet = forestOptions.anySet(parser);
    input.reanalyzed = parser.isSet(reanalyzeOption);
    if (forestOptionSet && !input.reanalyzed)
        return cmd.usageError(QStringLiteral("the forest options train a new model: add --reanalyze"));
    // The report goes to --out: only --reanalyze (a new model stored) writes to the workspace.
    if (const std::optional<int> exit
        = cmd.lockWorkspace(WorkspaceNeed::MustExist, input.reanalyzed ? WhenLocked::Refuse : WhenLocked::ReadOnly))
        return *exit;
    {
        workspace::Workspace ws;
        if (Status s = ws.open(input.workspaceDir); !s)
            return cmd.fail(s.error());
        Result<QList<workspace::LabelRecord>> labels = ws.labels();
        if (!labels)
            return cmd.fail(labels.error());
        input.labels = *labels;
    }
    Result<pipeline::AnalysisResult> analysis = input.reanalyzed
        ? pipeline::analyzeWorkspaceNow(input.workspaceDir, options)
        : pipeline::loadStoredAnalysisNow(input.workspaceDir);
    if (!analysis && !input.reanalyzed)
        return cmd.fail(analysis.error() + QStringLiteral(" (runlens-cli analyze, or report --reanalyze)"));
    if (!analysis)
        return cmd.fail(analysis.error());
    input.result = std::move(analysis).value();
    evaluationOptions.labelsFile = parser.value(labelsOption);
    input.evaluation = pipeline::evaluateWorkspaceNow(input.workspaceDir, evaluationOptions);
    if (!input.evaluation)
        ctx.err << "runlens-cli report: no evaluation: " << input.evaluation.error() << "\n";
    Result<QStringList> files = ui::ReportBuilder::write(input, parser.value(outOption), figure);
    if (!files)
        return cmd.fail(files.error());
    if (input.reanalyzed)
        ctx.out << "analyzed " << input.result.runs.size() << " runs (new model " << input.result.modelId << ")";
    else
        ctx.out << "rendered the stored analysis (model " << input.result.modelId << ") of " << input.result.runs.size()
                << " runs";
    ctx.out << "; evaluated " << (input.evaluation ? input.evaluation->labels.size() : 0) << " labelled runs\n";
    ctx.out << "wrote " << files->size() << " files to " << QDir(parser.value(outOption)).absolutePath()
            << " (figures/ as PNG, SVG, PDF, CSV and JSON; figures/figures.pdf; summary.md)\n";
    return ExitOk;
}

// Qt Charts are widgets: a QApplication, offscreen unless QT_QPA_PLATFORM says otherwise.
std::unique_ptr<QCoreApplication> makeGuiApplication(int& argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    return std::make_unique<QApplication>(argc, argv);
}

const bool registered = registerModuleCommand(kName, &runReport, &makeGuiApplication);
} // namespace

} // namespace runlens::cli
