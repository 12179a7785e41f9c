#include "commandline.h"
#include "commands.h"
#include "modulecommands.h"

#include "failurelines/failurelineranker.h"
#include "failurelines/storedrunlogs.h"
#include "workspace/workspace.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace runlens::cli {

namespace {
using namespace runlens::failurelines;

const QString kName = QStringLiteral("failure-lines");

void writeText(QTextStream& out, const FailureLinesResult& result, const QStringList& baselineNames)
{
    out << "failure lines of " << result.failed << " against " << baselineNames.size() << " baseline(s)";
    for (const QString& name : baselineNames)
        out << "\n  baseline: " << name;
    out << "\n"
        << result.rankedLines << " of " << result.totalLines << " lines ranked, " << result.lines.size() << " shown\n";
    for (const FailureLine& line : result.lines) {
        out << QString::number(line.rank).rightJustified(4) << "  "
            << QString::number(line.score, 'f', 3).rightJustified(7) << "  " << line.entry << ':' << line.line;
        if (line.block > 0)
            out << "  [block " << line.block << ']';
        out << "\n        " << line.text << "\n        (" << line.reasons.join(QStringLiteral(", ")) << ")\n";
    }
}

void writeJson(QTextStream& out, const FailureLinesResult& result, const QStringList& baselineNames)
{
    QJsonArray lines;
    for (const FailureLine& line : result.lines)
        lines.append(QJsonObject {
            { QStringLiteral("rank"), line.rank },
            { QStringLiteral("entry"), line.entry },
            { QStringLiteral("line"), line.line },
            { QStringLiteral("text"), line.text },
            { QStringLiteral("score"), line.score },
            { QStringLiteral("block"), line.block > 0 ? QJsonValue(line.block) : QJsonValue() },
            { QStringLiteral("reasons"), QJsonArray::fromStringList(line.reasons) },
        });
    const QJsonObject root { { QStringLiteral("lines"), lines },
        { QStringLiteral("baselines"), QJsonArray::fromStringList(baselineNames) } };
    out << QString::fromUtf8(QJsonDocument(root).toJson(QJsonDocument::Indented));
}

int runFailureLines(const QStringList& args, CliContext& ctx)
{
    CommandLine cmd(kName, ctx);
    QCommandLineParser& parser = cmd.parser();
    const QCommandLineOption baselineOpt = cmd.addOption(QStringLiteral("baseline"),
        QStringLiteral("A passing run (ZIP, folder or log) to compare with; repeat for several."),
        QStringLiteral("PASSING"));
    const QCommandLineOption workspaceOpt = cmd.addOption(QStringLiteral("workspace"),
        QStringLiteral("Workspace holding the run given by --run."), QStringLiteral("DIR"));
    const QCommandLineOption runOpt = cmd.addOption(QStringLiteral("run"),
        QStringLiteral("Stored run to explain; its baseline is the last 5 successful runs of its workflow and job."),
        QStringLiteral("ID[:ATTEMPT]"));
    const QCommandLineOption topOpt = cmd.addOption(QStringLiteral("top"),
        QStringLiteral("Lines shown (0: all ranked lines)."), QStringLiteral("K"), QStringLiteral("20"));
    const QCommandLineOption formatOpt = cmd.addOption(QStringLiteral("format"),
        QStringLiteral("Output format: text or json."), QStringLiteral("FORMAT"), QStringLiteral("text"));
    parser.addPositionalArgument(QStringLiteral("FAILED"),
        QStringLiteral(
            "The failed run: log ZIP, extracted run folder, job log, gh run view --log output or console log."),
        QStringLiteral("[FAILED]"));
    if (const std::optional<int> exit = cmd.parse(args, CommandLine::Positionals::Any))
        return *exit;

    const QStringList positional = parser.positionalArguments();
    const bool stored = parser.isSet(workspaceOpt) || parser.isSet(runOpt);
    if (stored && !(parser.isSet(workspaceOpt) && parser.isSet(runOpt)))
        return cmd.usageError(QStringLiteral("--workspace DIR and --run ID[:ATTEMPT] go together"));
    if (stored ? !positional.isEmpty() : positional.size() != 1)
        return cmd.usageError(stored ? QStringLiteral("give either FAILED or --workspace with --run, not both")
                                     : QStringLiteral("expected one FAILED run, got %1").arg(positional.size()));
    const QString format = parser.value(formatOpt);
    if (format != QLatin1String("text") && format != QLatin1String("json"))
        return cmd.usageError(QStringLiteral("unknown format '%1' (use text or json)").arg(format));
    bool ok = false;
    FailureLinesOptions options;
    options.top = parser.value(topOpt).toInt(&ok);
    if (!ok || options.top < 0)
        return cmd.usageError(QStringLiteral("--top '%1' is not a number >= 0").arg(parser.value(topOpt)));

    QString failed = positional.value(0);
    QStringList baselines = parser.values(baselineOpt);
    QStringList baselineNames = baselines;
    if (stored) {
        const QStringList parts = parser.value(runOpt).split(QLatin1Char(':'));
        bool idOk = false;
        bool attemptOk = parts.size() == 1;
        const qint64 runId = parts.value(0).toLongLong(&idOk);
        const int attempt = parts.size() == 2 ? parts.at(1).toInt(&attemptOk) : 1;
        if (!idOk || !attemptOk || parts.size() > 2 || runId <= 0 || attempt <= 0)
            return cmd.usageError(QStringLiteral("--run '%1' is not ID or ID:ATTEMPT").arg(parser.value(runOpt)));
        workspace::Workspace ws;
        if (Status opened = ws.open(parser.value(workspaceOpt)); !opened)
            return cmd.fail(opened.error());
        Result<StoredRunLogs> logs = storedRunLogs(ws, runId, attempt);
        if (!logs)
            return cmd.fail(logs.error());
        failed = logs->failed;
        baselines = logs->baselines + baselines;
        baselineNames = logs->baselineNames + baselineNames;
    }

    Result<FailureLineRanker> ranker = FailureLineRanker::create();
    if (!ranker)
        return cmd.fail(ranker.error());
    Result<FailureLinesResult> result = ranker->rank(failed, baselines, options);
    if (!result)
        return cmd.fail(result.error());
    if (format == QLatin1String("json"))
        writeJson(ctx.out, *result, baselineNames);
    else
        writeText(ctx.out, *result, baselineNames);
    ctx.out.flush();
    return ExitOk;
}

const bool registered = registerModuleCommand(kName, runFailureLines);
} // namespace

} // namespace runlens::cli
