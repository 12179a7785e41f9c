#include "commands.h"

#include "workspace/seedfolder.h"
#include "workspace/workspace.h"

#include <QCommandLineParser>
#include <QFileInfo>

namespace runlens::cli {

namespace {
const QString kName = QStringLiteral("export");

int runExport(const QStringList& args, CliContext& ctx)
{
    const CliCommand& self = *findCommand(kName);
    QCommandLineParser parser;
    const QCommandLineOption workspaceOpt(
        QStringLiteral("workspace"), QStringLiteral("Workspace folder."), QStringLiteral("DIR"));
    const QCommandLineOption seedOpt(QStringLiteral("seed-layout"),
        QStringLiteral("Write the old pipeline's folder layout to OUT."), QStringLiteral("OUT"));
    parser.addOption(workspaceOpt);
    parser.addOption(seedOpt);
    bool helpShown = false;
    if (!parseCommandLine(parser, self, args, ctx, &helpShown))
        return helpShown ? ExitOk : ExitUsage;
    if (!parser.isSet(workspaceOpt))
        return usageError(ctx, kName, QStringLiteral("--workspace DIR is required"));
    if (!parser.isSet(seedOpt))
        return usageError(ctx, kName, QStringLiteral("--seed-layout OUT is required"));
    if (!parser.positionalArguments().isEmpty())
        return usageError(
            ctx, kName, QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().constFirst()));
    const QString dir = parser.value(workspaceOpt);
    if (!QFileInfo::exists(dir + QStringLiteral("/runlens.db"))) {
        ctx.err << "runlens-cli export: workspace '" << dir << "' has no runlens.db\n";
        return ExitFailed;
    }
    workspace::Workspace ws;
    if (Status s = ws.open(dir); !s) {
        ctx.err << "runlens-cli export: " << s.error() << "\n";
        return ExitFailed;
    }
    Result<workspace::SeedTransferSummary> summary = workspace::SeedFolder::exportFolder(ws, parser.value(seedOpt));
    if (!summary) {
        ctx.err << "runlens-cli export: " << summary.error() << "\n";
        return ExitFailed;
    }
    for (const QString& warning : std::as_const(summary->warnings))
        ctx.err << "warning: " << warning << "\n";
    ctx.out << "exported " << summary->runs << " runs, " << summary->archives << " log folders, " << summary->labels
            << " labels to " << parser.value(seedOpt) << "\n";
    return summary->warnings.isEmpty() ? ExitOk : ExitFailed;
}

const bool registered = registerCommand(55,
    { kName, QStringLiteral("export --workspace DIR --seed-layout OUT"),
        QStringLiteral("Write the workspace back as the old pipeline's folder layout."), runExport });
} // namespace

} // namespace runlens::cli
