#include "clitoken.h"
#include "commands.h"
#include "modulecommands.h"
#include "workspacecommandline.h"

#include "automation/issuefiler.h"
#include "github/tokensource.h"
#include "workspace/workspace.h"

#include <QCommandLineParser>
#include <QDir>
#include <QEventLoop>

namespace runlens::cli {

namespace {
const QString kName = QStringLiteral("file-issues");

int runFileIssues(const QStringList& args, CliContext& ctx)
{
    WorkspaceCommandLine cmd(kName, ctx);
    QCommandLineParser& parser = cmd.parser();
    const QCommandLineOption workspaceOpt = cmd.addWorkspaceOption(QStringLiteral("Workspace folder (after analyze)."));
    const QCommandLineOption repoOpt = cmd.addOption(QStringLiteral("repo"),
        QStringLiteral("Repository OWNER/NAME to file issues in."), QStringLiteral("OWNER/NAME"));
    const QCommandLineOption apiOpt = cmd.addApiUrlOption();
    const QCommandLineOption dryRunOpt = cmd.addOption(
        QStringLiteral("dry-run"), QStringLiteral("Print the issues that would be filed; create nothing."));
    const QCommandLineOption topOpt = cmd.addOption(QStringLiteral("top"),
        QStringLiteral("At most K new issues, most anomalous first (default 5)."), QStringLiteral("K"),
        QStringLiteral("5"));
    const QCommandLineOption minScoreOpt = cmd.addOption(QStringLiteral("min-score"),
        QStringLiteral("Only flagged runs scoring at least F (0..1)."), QStringLiteral("F"));
    const QCommandLineOption categoryOpt = cmd.addOption(QStringLiteral("category"),
        QStringLiteral("Only runs of this category id (repeat or comma-separate; "
                       "taxonomy ids such as oom-killed, or 'other')."),
        QStringLiteral("ID"));
    const QCommandLineOption labelOpt = cmd.addOption(QStringLiteral("label"),
        QStringLiteral("Issue label (repeat or comma-separate; default runlens, ci-anomaly)."), QStringLiteral("L"));
    const QCommandLineOption tokenFileOpt = cmd.addTokenFileOption();
    const QCommandLineOption perMinuteOpt = cmd.addOption(QStringLiteral("per-minute"),
        QStringLiteral("Issues created per minute at most (default 80, GitHub's limit)."), QStringLiteral("N"),
        QStringLiteral("80"));
    const QCommandLineOption secondaryOpt = cmd.addSecondaryWaitOption();
    if (const std::optional<int> exit = cmd.parse(args))
        return *exit;

    github::IssueFilerOptions options;
    options.repository = parser.value(repoOpt).trimmed();
    const QStringList parts = options.repository.split(QLatin1Char('/'));
    if (parts.size() != 2 || parts.at(0).isEmpty() || parts.at(1).isEmpty())
        return usageError(ctx, kName,
            options.repository.isEmpty() ? QStringLiteral("--repo OWNER/NAME is required")
                                         : QStringLiteral("--repo '%1' is not OWNER/NAME").arg(options.repository));
    const QUrl apiUrl(parser.value(apiOpt));
    if (!apiUrl.isValid() || (apiUrl.scheme() != QLatin1String("http") && apiUrl.scheme() != QLatin1String("https")))
        return cmd.usageError(QStringLiteral("--api-url '%1' is not an http(s) URL").arg(parser.value(apiOpt)));
    bool ok = false;
    options.top = parser.value(topOpt).toInt(&ok);
    if (!ok || options.top < 1)
        return cmd.usageError(QStringLiteral("--top '%1' is not a count of at least 1").arg(parser.value(topOpt)));
    if (parser.isSet(minScoreOpt)) {
        const double minScore = parser.value(minScoreOpt).toDouble(&ok);
        if (!ok || minScore < 0 || minScore > 1)
            return usageError(ctx, kName,
                QStringLiteral("--min-score '%1' is not a score between 0 and 1").arg(parser.value(minScoreOpt)));
        options.minScore = minScore;
    }
    options.perMinute = parser.value(perMinuteOpt).toInt(&ok);
    if (!ok || options.perMinute < 1 || options.perMinute > 80)
        return cmd.usageError(QStringLiteral("--per-minute '%1' must be 1..80").arg(parser.value(perMinuteOpt)));
    const int secondaryWait = parser.value(secondaryOpt).toInt(&ok);
    if (!ok || secondaryWait < 0)
        return cmd.usageError(
            QStringLiteral("--secondary-wait-ms '%1' is not a duration").arg(parser.value(secondaryOpt)));
    auto listValues = [&parser](const QCommandLineOption& option) {
        QStringList values;
        for (const QString& value : parser.values(option))
            for (const QString& item : value.split(QLatin1Char(','), Qt::SkipEmptyParts))
                if (!item.trimmed().isEmpty() && !values.contains(item.trimmed()))
                    values << item.trimmed();
        return values;
    };
    options.categories = listValues(categoryOpt);
    if (parser.isSet(labelOpt))
        options.labels = listValues(labelOpt);
    options.dryRun = parser.isSet(dryRunOpt);

    workspace::Workspace ws;
    if (const std::optional<int> exit = cmd.openForWriting(ws))
        return *exit;
    const std::optional<github::ResolvedToken> token = resolveToken(ctx, kName, parser.value(tokenFileOpt), ws.dir());
    if (!token)
        return ExitFailed;
    if (!token->found() && !options.dryRun) {
        ctx.err
            << "runlens-cli file-issues: creating issues needs a token with issues: write (see docs/automation.md)\n";
        return ExitFailed;
    }
    ctx.err.flush();

    github::ClientOptions client;
    client.apiUrl = apiUrl;
    client.token = token->token;
    client.concurrency = 1; // content creation must be serial
    client.secondaryLimitWaitMs = secondaryWait;
    github::IssueFiler filer(ws, options, client);
    QEventLoop loop;
    QObject::connect(&filer, &github::IssueFiler::finished, &loop, &QEventLoop::quit, Qt::QueuedConnection);
    QObject::connect(&filer, &github::IssueFiler::paused, &filer, [&ctx](const QString& reason, qint64 ms) {
        ctx.err << "waiting " << QString::number(double(ms) / 1000.0, 'f', 1) << " s: " << reason << "\n";
        ctx.err.flush();
    });
    QObject::connect(&filer, &github::IssueFiler::issueFiled, &filer, [&ctx](const github::FiledIssue& issue) {
        ctx.out << "filed #" << issue.number << " " << issue.url << " for run " << issue.runId << " attempt "
                << issue.attempt << ": " << issue.title << "\n";
        ctx.out.flush();
    });
    filer.start();
    loop.exec();

    const github::IssueFilerSummary& summary = filer.summary();
    for (const github::FiledIssue& issue : summary.alreadyFiled)
        ctx.out << "already filed #" << issue.number << " " << issue.url << " for run " << issue.runId << " attempt "
                << issue.attempt << " (found by its marker; recorded)\n";
    for (const github::IssueCandidate& candidate : summary.wouldFile) {
        ctx.out << "would file for run " << candidate.runId << " attempt " << candidate.attempt << " (score "
                << QString::number(candidate.score, 'f', 3) << "):\n  title: " << github::IssueFiler::title(candidate)
                << "\n  labels: " << options.labels.join(QStringLiteral(", ")) << "\n";
        const QStringList lines = github::IssueFiler::body(candidate).split(QLatin1Char('\n'));
        for (const QString& line : lines)
            ctx.out << "  | " << line << "\n";
    }
    ctx.out << (options.dryRun ? QStringLiteral("dry run: %1 would be filed").arg(summary.wouldFile.size())
                               : QStringLiteral("%1 filed").arg(summary.filed.size()))
            << ", " << summary.alreadyFiled.size() << " already filed, " << summary.existingIssues
            << " existing issues checked in " << options.repository << "\n";
    ctx.out.flush();
    for (const QString& error : summary.errors)
        ctx.err << "runlens-cli file-issues: " << error << "\n";
    return summary.ok() ? ExitOk : ExitFailed;
}

const bool registered = registerModuleCommand(kName, runFileIssues);
} // namespace

} // namespace runlens::cli
