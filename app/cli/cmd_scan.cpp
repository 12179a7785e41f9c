#include "commands.h"

#include <QCommandLineParser>

namespace runlens::cli {

namespace {
    const QString kName = QStringLiteral("scan");

    int runScan(const QStringList& args, CliContext& ctx)
    {
        const CliCommand& self = *findCommand(kName);
        QCommandLineParser parser;
        bool helpShown = false;
        if (!parseCommandLine(parser, self, args, ctx, &helpShown))
            return helpShown ? ExitOk : ExitUsage;
        if (parser.positionalArguments().isEmpty())
            return usageError(ctx, self.name, QStringLiteral("no PATH given"));
        ctx.err << "runlens-cli scan: not implemented yet\n";
        return ExitFailed;
    }

    const bool registered = registerCommand(
        10,
        { kName, QStringLiteral("scan PATH... [--format text|json|csv] [--memory-list FILE] [--naive]"),
          QStringLiteral("Classify memory failures in log ZIPs, extracted run folders, single logs or a seed-layout "
                         "folder, with the evidence lines of every hit."),
          runScan });
} // namespace

} // namespace runlens::cli
