#include "commands.h"
#include "modulecommands.h"
#include "workspacecommandline.h"

#include "workspace/seedfolder.h"
#include "workspace/workspace.h"

#include <QCommandLineParser>

namespace runlens::cli {

namespace {
const QString kName = QStringLiteral("import");

int runImport(const QStringList& args, CliContext& ctx)
{
    WorkspaceCommandLine cmd(kName, ctx);
    QCommandLineParser& parser = cmd.parser();
    const QCommandLineOption workspaceOpt = cmd.addWorkspaceOption(QStringLiteral("Workspace folder."));
    parser.addPositionalArgument(
        QStringLiteral("SEED_DIR"), QStringLiteral("Folder with workflow_runs.csv, logs_failure/, logs_normal/."));
    if (const std::optional<int> exit = cmd.parse(args, CommandLine::Positionals::Any))
        return *exit;
    if (parser.positionalArguments().size() != 1)
        return cmd.usageError(QStringLiteral("exactly one SEED_DIR expected"));
    // Checked before the workspace is created: a typo must not leave an empty workspace behind.
    if (Status s = workspace::SeedFolder::checkSeedFolder(parser.positionalArguments().constFirst()); !s)
        return cmd.fail(s.error());

    workspace::Workspace ws;
    if (const std::optional<int> exit = cmd.openForWriting(ws, WorkspaceNeed::MayCreate))
        return *exit;
    Result<workspace::SeedTransferSummary> summary
        = workspace::SeedFolder::importFolder(ws, parser.positionalArguments().constFirst());
    if (!summary)
        return cmd.fail(summary.error());
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

const bool registered = registerModuleCommand(kName, runImport);
} // namespace

} // namespace runlens::cli
