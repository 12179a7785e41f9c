#include "clitoken.h"
#include "commands.h"
#include "interruptnotifier.h"
#include "modulecommands.h"
#include "workspacecommandline.h"

#include "github/collector.h"
#include "github/githubclient.h"
#include "github/tokensource.h"
#include "workspace/workspace.h"

#include <QCommandLineParser>
#include <QDir>
#include <QEventLoop>
#include <QTimer>

#include <cstdio>
#include <unistd.h>

namespace runlens::cli {

namespace {
const QString kName = QStringLiteral("collect");

QString megabytes(qint64 bytes)
{
    return QString::number(double(bytes) / (1024.0 * 1024.0), 'f', 1) + QStringLiteral(" MB");
}

QString progressLine(const github::CollectProgress& p)
{
    QString line = QStringLiteral("listed %1 runs | jobs %2 fetched, %3 to go | logs %4 downloaded, %5 expired, "
                                  "%6 missing, %7 failed, %8 in flight | %9")
                       .arg(p.runsListed)
                       .arg(p.jobsFetched)
                       .arg(p.jobsPending)
                       .arg(p.logsDownloaded)
                       .arg(p.logsExpired)
                       .arg(p.logsMissing)
                       .arg(p.logsFailed)
                       .arg(p.logsPending)
                       .arg(megabytes(p.bytes));
    if (p.rateRemaining >= 0)
        line += QStringLiteral(" | rate %1/%2").arg(p.rateRemaining).arg(p.rateLimit);
    if (p.etaSeconds >= 0)
        line += QStringLiteral(" | ETA %1 s").arg(p.etaSeconds);
    if (p.pausedUntil.isValid())
        line += QStringLiteral(" | paused until %1 (%2)")
                    .arg(p.pausedUntil.toLocalTime().toString(QStringLiteral("HH:mm:ss")), p.pauseReason);
    return line;
}

int runCollect(const QStringList& args, CliContext& ctx)
{
    WorkspaceCommandLine cmd(kName, ctx);
    QCommandLineParser& parser = cmd.parser();
    const QCommandLineOption workspaceOpt = cmd.addWorkspaceOption(QStringLiteral("Workspace folder."));
    const QCommandLineOption repoOpt = cmd.addOption(QStringLiteral("repo"),
        QStringLiteral("Repository OWNER/NAME (repeat, or separate by commas)."), QStringLiteral("OWNER/NAME"));
    const QCommandLineOption apiOpt = cmd.addApiUrlOption();
    const QCommandLineOption statusOpt
        = cmd.addOption(QStringLiteral("status"), QStringLiteral("Run status or conclusion to list, or all."),
            QStringLiteral("failure|success|all"), QStringLiteral("all"));
    const QCommandLineOption sinceOpt = cmd.addOption(
        QStringLiteral("since"), QStringLiteral("Created on or after (YYYY-MM-DD)."), QStringLiteral("D"));
    const QCommandLineOption untilOpt = cmd.addOption(
        QStringLiteral("until"), QStringLiteral("Created on or before (YYYY-MM-DD)."), QStringLiteral("D"));
    const QCommandLineOption branchOpt
        = cmd.addOption(QStringLiteral("branch"), QStringLiteral("Branch."), QStringLiteral("B"));
    const QCommandLineOption eventOpt
        = cmd.addOption(QStringLiteral("event"), QStringLiteral("Triggering event."), QStringLiteral("E"));
    const QCommandLineOption workflowOpt = cmd.addOption(
        QStringLiteral("workflow"), QStringLiteral("Workflow file name (ci.yml), id, or name."), QStringLiteral("W"));
    const QCommandLineOption maxRunsOpt = cmd.addOption(QStringLiteral("max-runs"),
        QStringLiteral("At most N runs per repository (0: all)."), QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption concurrencyOpt = cmd.addOption(QStringLiteral("concurrency"),
        QStringLiteral("Parallel requests (default 4)."), QStringLiteral("N"), QStringLiteral("4"));
    const QCommandLineOption tokenFileOpt = cmd.addTokenFileOption();
    const QCommandLineOption retryBaseOpt = cmd.addOption(QStringLiteral("retry-base-ms"),
        QStringLiteral("First retry delay for 5xx and network errors (ms)."), QStringLiteral("MS"),
        QStringLiteral("1000"));
    const QCommandLineOption thresholdOpt = cmd.addOption(QStringLiteral("rate-threshold"),
        QStringLiteral("Pause until the rate-limit reset below this many "
                       "remaining requests."),
        QStringLiteral("N"), QStringLiteral("20"));
    const QCommandLineOption secondaryOpt = cmd.addSecondaryWaitOption();
    const QCommandLineOption intervalOpt = cmd.addOption(QStringLiteral("progress-interval-ms"),
        QStringLiteral("Progress line interval when stdout is not a terminal."), QStringLiteral("MS"),
        QStringLiteral("2000"));
    const QCommandLineOption listOnlyOpt
        = cmd.addOption(QStringLiteral("list-only"), QStringLiteral("Only list runs: fetch no jobs and no logs."));
    const QCommandLineOption fetchOnlyOpt = cmd.addOption(QStringLiteral("fetch-only"),
        QStringLiteral("List nothing: fetch the jobs and logs that runs already in the workspace still need."));
    const QCommandLineOption latestOnlyOpt = cmd.addOption(
        QStringLiteral("latest-attempt-only"), QStringLiteral("Skip the earlier attempts of re-run runs."));
    parser.addPositionalArgument(
        QStringLiteral("OWNER/NAME"), QStringLiteral("More repositories."), QStringLiteral("[OWNER/NAME...]"));
    if (const std::optional<int> exit = cmd.parse(args, CommandLine::Positionals::Any))
        return *exit;
    github::CollectOptions options;
    QStringList repos = parser.values(repoOpt) + parser.positionalArguments();
    for (const QString& value : std::as_const(repos)) {
        for (const QString& repo : value.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const QString r = repo.trimmed();
            const QStringList parts = r.split(QLatin1Char('/'));
            if (parts.size() != 2 || parts.at(0).isEmpty() || parts.at(1).isEmpty())
                return cmd.usageError(QStringLiteral("'%1' is not OWNER/NAME").arg(r));
            if (!options.repositories.contains(r))
                options.repositories.append(r);
        }
    }
    if (options.repositories.isEmpty())
        return cmd.usageError(QStringLiteral("no --repo OWNER/NAME given"));
    options.apiUrl = QUrl(parser.value(apiOpt));
    if (!options.apiUrl.isValid()
        || (options.apiUrl.scheme() != QLatin1String("http") && options.apiUrl.scheme() != QLatin1String("https")))
        return cmd.usageError(QStringLiteral("--api-url '%1' is not an http(s) URL").arg(parser.value(apiOpt)));
    options.status = parser.value(statusOpt);
    options.branch = parser.value(branchOpt);
    options.event = parser.value(eventOpt);
    options.workflow = parser.value(workflowOpt);
    options.listOnly = parser.isSet(listOnlyOpt);
    options.fetchOnly = parser.isSet(fetchOnlyOpt);
    if (options.listOnly && options.fetchOnly)
        return cmd.usageError(QStringLiteral("--list-only and --fetch-only exclude each other"));
    options.previousAttempts = !parser.isSet(latestOnlyOpt);
    for (const auto& [opt, date] :
        { std::pair { &sinceOpt, &options.since }, std::pair { &untilOpt, &options.until } }) {
        if (parser.isSet(*opt)) {
            *date = QDate::fromString(parser.value(*opt), Qt::ISODate);
            if (!date->isValid())
                return usageError(ctx, kName,
                    QStringLiteral("--%1 '%2' is not a YYYY-MM-DD date")
                        .arg(opt->names().constFirst(), parser.value(*opt)));
        }
    }
    if (options.since.isValid() && options.until.isValid() && options.since > options.until)
        return cmd.usageError(QStringLiteral("--since is after --until"));
    auto intValue = [&](const QCommandLineOption& opt, int min, int* out) {
        bool ok = false;
        const int v = parser.value(opt).toInt(&ok);
        if (!ok || v < min)
            return false;
        *out = v;
        return true;
    };
    int interval = 2000;
    if (!intValue(maxRunsOpt, 0, &options.maxRuns) || !intValue(concurrencyOpt, 1, &options.concurrency)
        || !intValue(retryBaseOpt, 0, &options.backoff.baseDelayMs)
        || !intValue(thresholdOpt, 0, &options.rateLimitThreshold)
        || !intValue(secondaryOpt, 0, &options.secondaryLimitWaitMs) || !intValue(intervalOpt, 10, &interval))
        return cmd.usageError(QStringLiteral("numeric options need whole numbers (--concurrency at least 1)"));
    options.concurrency = std::min(options.concurrency, 32);

    workspace::Workspace ws;
    if (const std::optional<int> exit = cmd.openForWriting(ws, WorkspaceNeed::MayCreate))
        return *exit;
    const std::optional<github::ResolvedToken> token = resolveToken(ctx, kName, parser.value(tokenFileOpt), ws.dir());
    if (!token)
        return ExitFailed;
    if (!token->found())
        ctx.err << "without a token only listing works; log downloads are skipped (see docs/collect.md)\n";
    ctx.err.flush();

    github::Collector collector(ws, options, token->token);
    const bool tty = ::isatty(fileno(stdout)) == 1;
    github::CollectProgress latest;
    QString lastPrinted;
    auto print = [&](bool force) {
        const QString line = progressLine(latest);
        if (!force && line == lastPrinted)
            return;
        lastPrinted = line;
        if (tty)
            ctx.out << "\r\033[K" << line;
        else
            ctx.out << line << "\n";
        ctx.out.flush();
    };
    QObject::connect(&collector, &github::Collector::progressChanged, &collector,
        [&](const github::CollectProgress& p) { latest = p; });
    QObject::connect(&collector, &github::Collector::rateLimitPaused, &collector,
        [&](const QDateTime& until, const QString& reason) {
            if (tty)
                ctx.out << "\n";
            ctx.out << "waiting until " << until.toLocalTime().toString(QStringLiteral("HH:mm:ss")) << ": " << reason
                    << "\n";
            ctx.out.flush();
        });
    QTimer ticker;
    ticker.setInterval(tty ? 200 : interval);
    QObject::connect(&ticker, &QTimer::timeout, &collector, [&] { print(false); });
    github::CollectSummary summary;
    QEventLoop loop;
    QObject::connect(&collector, &github::Collector::finished, &loop, [&](const github::CollectSummary& s) {
        summary = s;
        loop.quit();
    });
    InterruptNotifier interrupt;
    QObject::connect(&interrupt, &InterruptNotifier::interrupted, &collector, &github::Collector::cancel);
    ticker.start();
    collector.start();
    if (collector.isRunning())
        loop.exec();
    ticker.stop();
    print(true);
    if (tty)
        ctx.out << "\n";

    ctx.out << "collected " << summary.runsListed << " runs listed, " << summary.jobsFetched << " with jobs, "
            << summary.logsDownloaded << " logs downloaded (" << megabytes(summary.bytes) << "), "
            << summary.logsExpired << " expired, " << summary.logsMissing << " missing, " << summary.requests
            << " requests in " << QString::number(double(summary.elapsedMs) / 1000.0, 'f', 1) << " s\n";
    for (const QString& note : std::as_const(summary.notes))
        ctx.out << "note: " << note << "\n";
    if (summary.logsNeedToken > 0)
        ctx.out << summary.logsNeedToken << " log archive(s) not downloaded: downloads need a token\n";
    ctx.out.flush();
    for (const github::CollectFailure& failure : std::as_const(summary.failures))
        ctx.err << "failed: " << failure.describe() << "\n";
    if (summary.canceled)
        ctx.err << "runlens-cli collect: canceled; run the same command again to resume\n";
    ctx.err.flush();
    return summary.failures.isEmpty() && !summary.canceled ? ExitOk : ExitFailed;
}

const bool registered = registerModuleCommand(kName, runCollect);
} // namespace

} // namespace runlens::cli
