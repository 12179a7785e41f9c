#pragma once

#include "clicommand.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

#include <optional>

namespace runlens::cli {

// The start every command shares: its parser with --help, the usage checks, --workspace, and messages
// prefixed "runlens-cli <command>: ". A command reads:
//   CommandLine cmd(kName, ctx);
//   const QCommandLineOption workspaceOpt = cmd.addWorkspaceOption();
//   const QCommandLineOption topOpt = cmd.addOption(QStringLiteral("top"), QStringLiteral("..."), QStringLiteral("K"));
//   if (const std::optional<int> exit = cmd.parse(args))
//       return *exit; // --help shown, or a usage error printed
// It links Qt Core only, as runlens-cli itself does; a command that opens or locks its workspace uses
// WorkspaceCommandLine (in the modules, workspacecommandline.h).
class CommandLine
{
public:
    enum class Positionals { None, Any };

    CommandLine(const QString& command, CliContext& ctx);

    QCommandLineParser& parser() { return m_parser; }
    const QCommandLineParser& parser() const { return m_parser; }
    const CliCommand& command() const { return *m_command; }

    // Adds --workspace DIR, which parse() then requires.
    QCommandLineOption addWorkspaceOption(const QString& description = QStringLiteral("The workspace folder."));
    // Adds --name (taking a VALUE when `valueName` is set, `defaultValue` when not given) and returns it.
    QCommandLineOption addOption(const QString& name, const QString& description, const QString& valueName = {},
        const QString& defaultValue = {});
    // The options of the commands that talk to the GitHub API, worded the same everywhere.
    QCommandLineOption addApiUrlOption();
    QCommandLineOption addTokenFileOption();
    QCommandLineOption addSecondaryWaitOption();

    // Parses `args` (the command name first). Returns the exit code to end with when --help was shown
    // (ExitOk) or the command line is wrong (ExitUsage, after the error): an unknown option, a positional
    // argument where `positionals` is None, a missing --workspace.
    std::optional<int> parse(const QStringList& args, Positionals positionals = Positionals::None);

    // --workspace's value.
    QString workspaceDir() const;
    // Prints "runlens-cli <command>: <message>" and a hint to --help; returns ExitUsage.
    int usageError(const QString& message) const;
    // Prints "runlens-cli <command>: <message>"; returns ExitFailed.
    int fail(const QString& message) const;

protected:
    CliContext& context() const { return m_ctx; }

private:
    const CliCommand* m_command;
    CliContext& m_ctx;
    QCommandLineParser m_parser;
    std::optional<QCommandLineOption> m_workspaceOption;
};

} // namespace runlens::cli
