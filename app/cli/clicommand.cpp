#include "clicommand.h"

#include <QCommandLineParser>

namespace runlens::cli {

bool parseCommandLine(
    QCommandLineParser& parser, const CliCommand& command, const QStringList& args, CliContext& ctx, bool* helpShown)
{
    *helpShown = false;
    parser.setApplicationDescription(command.summary);
    const QCommandLineOption help(
        QStringList { QStringLiteral("h"), QStringLiteral("help") }, QStringLiteral("Show this help."));
    parser.addOption(help);
    if (!parser.parse(args)) {
        usageError(ctx, command.name, parser.errorText());
        return false;
    }
    if (parser.isSet(help)) {
        ctx.out << "Usage: runlens-cli " << command.synopsis << "\n\n" << command.summary << "\n\n";
        QString text = parser.helpText();
        // Drop QCommandLineParser's own usage line; ours names the subcommand.
        const qsizetype optionsAt = text.indexOf(QStringLiteral("Options:"));
        ctx.out << (optionsAt >= 0 ? text.mid(optionsAt) : text);
        ctx.out.flush();
        *helpShown = true;
        return false;
    }
    return true;
}

int usageError(CliContext& ctx, const QString& command, const QString& message)
{
    ctx.err << "runlens-cli " << command << ": " << message << "\n"
            << "Try 'runlens-cli " << command << " --help'.\n";
    ctx.err.flush();
    return ExitUsage;
}

} // namespace runlens::cli
