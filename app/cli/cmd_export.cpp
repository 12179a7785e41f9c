#include "commandline.h"
#include "commands.h"
#include "modulecommands.h"

#include "workspace/seedfolder.h"
#include "workspace/workspace.h"

#include <QCommandLineParser>
#include <QFileInfo>

namespace runlens::cli {

namespace {
const QString kName = QStringLiteral("export");

int runExport(const QStringList& args, CliContext& ctx)
{
    CommandLine cmd(kName, ctx);
    QCommandLineParser& parser = cmd.parser();
    const QCommandLineOption workspaceOpt = cmd.addWorkspaceOption(QStringLiteral("Workspace folder."));
    const QCommandLineOption seedOpt = cmd.addOption(QStringLiteral("seed-layout"),
        QStringLiteral("Write the old pipeline's folder layout to OUT."), QStringLiteral("OUT"));
    if (const std::optional<int> exit = cmd.parse(args))
        return *exit;
    if (!parser.isSet(seedOpt))
        return cmd.usageError(QStringLiteral("--seed-layout OUT is required"));
    const QString dir = parser.value(workspaceOpt);
    if (!QFileInfo::exists(dir + QStringLiteral("/runlens.db"))) {
        ctx.err << "runlens-cli export: workspace '" << dir << "' has no runlens.db\n";
        return ExitFailed;
    }
    workspace::Workspace ws;
    if (Status s = ws.open(dir); !s)
        return cmd.fail(s.error());
    Result<workspace::SeedTransferSummary> summary = workspace::SeedFolder::exportFolder(ws, parser.value(seedOpt));
    if (!summary)
        return cmd.fail(summary.error());
    for (const QString& warning : std::as_const(summary->warnings))
        ctx.err << "warning: " << warning << "\n";
    ctx.out << "exported " << summary->runs << " runs, " << summary->archives << " log folders, " << summary->labels
            << " labels to " << parser.value(seedOpt) << "\n";
    return summary->warnings.isEmpty() ? ExitOk : ExitFailed;
}

const bool registered = registerModuleCommand(kName, runExport);
} // namespace

} // namespace runlens::cli
