#include "commands.h"

#include <QCommandLineParser>

namespace runlens::cli {

int runScan(const QStringList& args, CliContext& ctx)
{
    const CliCommand& self = *findCommand(QStringLiteral("scan"));
    QCommandLineParser parser;
    bool helpShown = false;
    if (!parseCommandLine(parser, self, args, ctx, &helpShown))
        return helpShown ? ExitOk : ExitUsage;
    if (parser.positionalArguments().isEmpty())
        return usageError(ctx, self.name, QStringLiteral("no PATH given"));
    ctx.err << "runlens-cli scan: not implemented yet\n";
    return ExitFailed;
}

} // namespace runlens::cli
