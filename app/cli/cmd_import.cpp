#include "cliworkspacelock.h"
#include "commands.h"

#include "workspace/seedfolder.h"
#include "workspace/workspace.h"

#include <QCommandLineParser>

namespace runlens::cli {

namespace {
const QString kName = QStringLiteral("import");

int runImport(const QStringList& args, CliContext& ctx)
{
    const CliCommand& self = *findCommand(kName);
    QCommandLineParser parser;
    const QCommandLineOption workspaceOpt(
        QStringLiteral("workspace"), QStringLiteral("Workspace folder."), QStringLiteral("DIR"));
    parser.addOption(workspaceOpt);
    parser.addPositionalArgument(
        QStringLiteral("SEED_DIR"), QStringLiteral("Folder with workflow_runs.csv, logs_failure/, logs_normal/."));
    bool helpShown = false;
    if (!parseCommandLine(parser, self, args, ctx, &helpShown))
        return helpShown ? ExitOk : ExitUsage;
    if (!parser.isSet(workspaceOpt))
        return usageError(ctx, kName, QStringLiteral("--workspace DIR is required"));
    if (parser.positionalArguments().size() != 1)
        return usageError(ctx, kName, QStringLiteral("exactly one SEED_DIR expected"));

    const auto lock = lockWorkspace(ctx, kName, parser.value(workspaceOpt), WorkspaceNeed::MayCreate);
    if (!lock)
        return ExitFailed;
    workspace::Workspace ws;
    if (Status s = ws.open(parser.value(workspaceOpt)); !s) {
        ctx.err << "runlens-cli import: " << s.error() << "\n";
        return ExitFailed;
    }
    Result<workspace::SeedTransferSummary> summary
        = workspace::SeedFolder::importFolder(ws, parser.positionalArguments().constFirst());
    if (!summary) {
        ctx.err << "runlens-cli import: " << summary.error() << "\n";
        return ExitFailed;
    }
    for (const QString& warning : std::as_const(summary->warnings))
        ctx.err << "warning: " << warning << "\n";
    ctx.out << "imported " << summary->runs << " runs, " << summary->archives << " log archives, " << summary->labels
            << " labels into " << ws.dir() << "\n";
    if (summary->failures > 0) {
        ctx.err << "runlens-cli import: " << summary->failures << " run(s) or archive(s) failed (see warnings)\n";
        return ExitFailed;
    }
    return ExitOk;
}

const bool registered = registerCommand(50,
    { kName, QStringLiteral("import --workspace DIR SEED_DIR"),
        QStringLiteral("Read the old pipeline's folder (workflow_runs.csv, logs_failure/, logs_normal/, "
                       "memory_logs.txt) into the workspace; run folders are zipped into logs/."),
        runImport });
} // namespace

} // namespace runlens::cli
