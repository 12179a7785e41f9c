#include "commandline.h"

#include "commands.h"

namespace runlens::cli {

CommandLine::CommandLine(const QString& command, CliContext& ctx)
    : m_command(findCommand(command))
    , m_ctx(ctx)
{
    Q_ASSERT(m_command);
}

QCommandLineOption CommandLine::addWorkspaceOption(const QString& description)
{
    m_workspaceOption.emplace(QStringLiteral("workspace"), description, QStringLiteral("DIR"));
    m_parser.addOption(*m_workspaceOption);
    return *m_workspaceOption;
}

QCommandLineOption CommandLine::addOption(
    const QString& name, const QString& description, const QString& valueName, const QString& defaultValue)
{
    QCommandLineOption option(name, description, valueName, defaultValue);
    m_parser.addOption(option);
    return option;
}

QCommandLineOption CommandLine::addApiUrlOption()
{
    return addOption(QStringLiteral("api-url"), QStringLiteral("API base URL (GHES: https://HOST/api/v3)."),
        QStringLiteral("URL"), QStringLiteral("https://api.github.com"));
}

QCommandLineOption CommandLine::addTokenFileOption()
{
    return addOption(QStringLiteral("token-file"), QStringLiteral("File holding the token (or GITHUB_TOKEN=...)."),
        QStringLiteral("F"));
}

QCommandLineOption CommandLine::addSecondaryWaitOption()
{
    return addOption(QStringLiteral("secondary-wait-ms"),
        QStringLiteral("Wait after a secondary rate limit without retry-after (ms)."), QStringLiteral("MS"),
        QStringLiteral("60000"));
}

std::optional<int> CommandLine::parse(const QStringList& args, Positionals positionals)
{
    bool helpShown = false;
    if (!parseCommandLine(m_parser, *m_command, args, m_ctx, &helpShown))
        return helpShown ? ExitOk : ExitUsage;
    if (positionals == Positionals::None && !m_parser.positionalArguments().isEmpty())
        return usageError(QStringLiteral("unexpected argument '%1'").arg(m_parser.positionalArguments().constFirst()));
    if (m_workspaceOption && !m_parser.isSet(*m_workspaceOption))
        return usageError(QStringLiteral("--workspace DIR is required"));
    return std::nullopt;
}

QString CommandLine::workspaceDir() const
{
    return m_workspaceOption ? m_parser.value(*m_workspaceOption) : QString();
}

int CommandLine::usageError(const QString& message) const
{
    return cli::usageError(m_ctx, m_command->name, message);
}

int CommandLine::fail(const QString& message) const
{
    m_ctx.err << "runlens-cli " << m_command->name << ": " << message << "\n";
    m_ctx.err.flush();
    return ExitFailed;
}

} // namespace runlens::cli
