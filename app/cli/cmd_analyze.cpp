#include "commands.h"
#include "forestoptions.h"
#include "modulecommands.h"
#include "workspacecommandline.h"

#include "features/featurecatalog.h"
#include "pipeline/analysis.h"

#include <QCommandLineParser>

#include <algorithm>

namespace runlens::cli {

namespace {
const QString kName = QStringLiteral("analyze");
constexpr int kListedRuns = 10;

int runAnalyze(const QStringList& args, CliContext& ctx)
{
    WorkspaceCommandLine cmd(kName, ctx);
    QCommandLineParser& parser = cmd.parser();
    const QCommandLineOption workspaceOption = cmd.addWorkspaceOption();
    const QCommandLineOption featuresOption = cmd.addOption(QStringLiteral("features"),
        QStringLiteral("Comma-separated feature ids for the model (default: all; see runlens-cli features)."),
        QStringLiteral("LIST"));
    const QCommandLineOption failedOnlyOption = cmd.addOption(
        QStringLiteral("train-failed-only"), QStringLiteral("Train on failed runs only (all runs are scored)."));
    const ForestOptions forestOptions;
    forestOptions.addTo(parser);
    forestOptions.addSeedsTo(parser);
    if (const std::optional<int> exit = cmd.parse(args))
        return *exit;

    pipeline::AnalysisOptions options;
    Result<model::ForestParameters> forest = forestOptions.read(parser);
    if (!forest)
        return cmd.usageError(forest.error());
    options.forest = *forest;
    Result<int> seeds = forestOptions.readSeeds(parser);
    if (!seeds)
        return cmd.usageError(seeds.error());
    options.seeds = *seeds;
    options.trainOnSuccessfulToo = !parser.isSet(failedOnlyOption);
    if (parser.isSet(featuresOption)) {
        options.featureIds = parser.value(featuresOption).split(QLatin1Char(','), Qt::SkipEmptyParts);
        for (const QString& id : std::as_const(options.featureIds)) {
            if (features::featureIndex(id.trimmed()) < 0)
                return cmd.usageError(QStringLiteral("unknown feature '%1' (runlens-cli features lists them)").arg(id));
        }
    }

    if (const std::optional<int> exit = cmd.lockWorkspace())
        return *exit;
    const Result<pipeline::AnalysisResult> analysed
        = pipeline::analyzeWorkspaceNow(parser.value(workspaceOption), options);
    if (!analysed)
        return cmd.fail(analysed.error());
    const pipeline::AnalysisResult& result = *analysed;

    const auto flagged = std::count_if(
        result.runs.begin(), result.runs.end(), [](const pipeline::RunAnalysis& r) { return r.flagged; });
    ctx.out << "analyzed " << result.runs.size() << " runs with " << result.featureIds.size()
            << " features: " << flagged << " flagged\n"
            << "features computed " << result.featuresComputed << ", reused " << result.featuresReused << "\n";
    if (!result.sweepSeeds.empty())
        ctx.out << "seed sweep: " << result.sweepSeeds.size()
                << " forests; each run's stability (share of them flagging it) is in scores.csv\n";
    ctx.out << "\nmost anomalous runs:\n  score   decision  run                     repository / workflow\n";
    for (size_t i = 0; i < std::min<size_t>(kListedRuns, result.runs.size()); ++i) {
        const pipeline::RunAnalysis& run = result.runs[i];
        ctx.out << "  " << QString::number(run.score, 'f', 4) << "  "
                << QString::number(run.decision, 'f', 4).rightJustified(8)
                << (run.flagged ? QLatin1String(" * ") : QLatin1String("   ")) << run.key().fileStem().leftJustified(22)
                << "  " << run.repository << " / " << run.workflow << "\n";
    }
    ctx.out << "\nwrote scores.csv, contributions.csv, importance.csv and model.json to " << result.exportsDir << "\n";
    if (!result.withoutLogs.isEmpty())
        ctx.out << result.withoutLogs.size() << " runs have no downloaded log and were not analyzed\n";
    if (!result.unreadable.isEmpty()) {
        ctx.err << "runlens-cli analyze: " << result.unreadable.size() << " runs could not be read:\n";
        for (const QString& line : result.unreadable)
            ctx.err << "  " << line << "\n";
        return ExitFailed;
    }
    return ExitOk;
}

const bool registered = registerModuleCommand(kName, runAnalyze);
} // namespace

} // namespace runlens::cli
