#include "commandline.h"
#include "commands.h"
#include "interruptnotifier.h"
#include "modulecommands.h"

#include "fakegithub/fakecorpusdata.h"
#include "fakegithub/fakegithubserver.h"
#include "sample/sampleoptions.h"

#include <QCommandLineParser>
#include <QEventLoop>

namespace runlens::cli {

namespace {
const QString kName = QStringLiteral("serve-sample");

int runServeSample(const QStringList& args, CliContext& ctx)
{
    CommandLine cmd(kName, ctx);
    QCommandLineParser& parser = cmd.parser();
    const QCommandLineOption portOption = cmd.addOption(QStringLiteral("port"),
        QStringLiteral("API port on 127.0.0.1 (0 or absent: a free port)."), QStringLiteral("P"), QStringLiteral("0"));
    const QCommandLineOption seedOption = cmd.addOption(QStringLiteral("seed"),
        QStringLiteral("Seed of the data and faults."), QStringLiteral("S"), QStringLiteral("1"));
    const QCommandLineOption faultsOption = cmd.addOption(QStringLiteral("faults"),
        QStringLiteral("Fault injection, e.g. latency=100ms,5xx=0.05,reset=0.02,truncate=0.02,slow=0.01 "
                       "(grammar in docs/fake-github.md)."),
        QStringLiteral("SPEC"));
    const QCommandLineOption runsOption = cmd.addOption(QStringLiteral("runs"),
        QStringLiteral("Runs per repository (as `sample --runs`)."), QStringLiteral("N"), QStringLiteral("12"));
    const QCommandLineOption reposOption = cmd.addOption(QStringLiteral("repos"),
        QStringLiteral("Number of repositories (as `sample --repos`)."), QStringLiteral("N"), QStringLiteral("8"));
    const QCommandLineOption rateOption = cmd.addOption(QStringLiteral("rate-limit"),
        QStringLiteral("Requests per rate-limit window with the token (default 5000)."), QStringLiteral("N"),
        QStringLiteral("5000"));
    const QCommandLineOption windowOption = cmd.addOption(QStringLiteral("rate-window"),
        QStringLiteral("Seconds until a rate-limit budget resets (default 3600)."), QStringLiteral("S"),
        QStringLiteral("3600"));
    const QCommandLineOption status429Option = cmd.addOption(
        QStringLiteral("limit-429"), QStringLiteral("Answer exhausted and secondary limits with 429 instead of 403."));
    const QCommandLineOption secondaryOption = cmd.addOption(QStringLiteral("secondary-every"),
        QStringLiteral("Every Nth API request hits a secondary rate limit."), QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption expiryOption = cmd.addOption(QStringLiteral("log-url-expiry"),
        QStringLiteral("Seconds a signed log URL stays valid (default 60)."), QStringLiteral("S"),
        QStringLiteral("60"));
    if (const std::optional<int> exit = cmd.parse(args))
        return *exit;

    bool ok = false;
    const uint port = parser.value(portOption).toUInt(&ok);
    if (!ok || port > 65535)
        return cmd.usageError(QStringLiteral("--port '%1' is not a port").arg(parser.value(portOption)));
    const quint64 seed = parser.value(seedOption).toULongLong(&ok);
    if (!ok)
        return cmd.usageError(QStringLiteral("--seed '%1' is not a number").arg(parser.value(seedOption)));
    const int runs = parser.value(runsOption).toInt(&ok);
    if (!ok || runs < 1)
        return cmd.usageError(QStringLiteral("--runs '%1' is not a count").arg(parser.value(runsOption)));
    const int repos = parser.value(reposOption).toInt(&ok);
    if (!ok || repos < 1)
        return cmd.usageError(QStringLiteral("--repos '%1' is not a count").arg(parser.value(reposOption)));
    const int rate = parser.value(rateOption).toInt(&ok);
    if (!ok || rate < 0)
        return cmd.usageError(QStringLiteral("--rate-limit '%1' is not a count").arg(parser.value(rateOption)));
    const double window = parser.value(windowOption).toDouble(&ok);
    if (!ok || window <= 0)
        return usageError(ctx, cmd.command().name,
            QStringLiteral("--rate-window '%1' is not a positive number of seconds").arg(parser.value(windowOption)));
    const int secondaryEvery = parser.value(secondaryOption).toInt(&ok);
    if (!ok || secondaryEvery < 0)
        return cmd.usageError(
            QStringLiteral("--secondary-every '%1' is not a count").arg(parser.value(secondaryOption)));
    const double expiry = parser.value(expiryOption).toDouble(&ok);
    if (!ok || expiry < 0)
        return usageError(ctx, cmd.command().name,
            QStringLiteral("--log-url-expiry '%1' is not a number of seconds").arg(parser.value(expiryOption)));
    const Result<sample::FakeFaults> faults = sample::FakeFaults::parse(parser.value(faultsOption));
    if (!faults)
        return cmd.usageError(faults.error());

    sample::FakeGitHubConfig config;
    config.apiPort = quint16(port);
    config.seed = seed;
    config.faults = *faults;
    config.rateLimit = rate;
    config.rateWindowMs = qint64(window * 1000);
    config.exhaustedStatus = parser.isSet(status429Option) ? 429 : 403;
    config.secondaryStatus = config.exhaustedStatus;
    config.secondaryEveryNth = secondaryEvery;
    config.signedUrlExpiryMs = qint64(expiry * 1000);
    // The same corpus `runlens-cli sample --seed S --repos N --runs N` writes.
    sample::SampleOptions options;
    options.seed = seed;
    options.repoCount = repos;
    options.runsPerRepo = runs;
    sample::FakeGitHubServer server(sample::FakeCorpusData::build(options), config);
    if (const Status started = server.start(); !started)
        return cmd.fail(started.error());

    InterruptNotifier interrupt;
    if (!interrupt.isValid())
        return cmd.fail(QStringLiteral("cannot watch for SIGINT/SIGTERM"));
    QEventLoop loop;
    QObject::connect(&interrupt, &InterruptNotifier::interrupted, &loop, &QEventLoop::quit);

    QStringList names;
    for (const sample::FakeRepo& repo : server.repos())
        names << repo.fullName();
    ctx.out << "url: " << server.apiUrl().toString() << "\n"
            << "token: " << server.token() << "\n"
            << "repos: " << names.join(QLatin1Char(' ')) << "\n";
    ctx.out.flush();
    ctx.err << "serving the fake GitHub API on " << server.apiUrl().toString() << " (storage "
            << server.storageUrl().toString() << ")"
            << (faults->any() ? QStringLiteral(", faults ") + faults->toString() : QString()) << "; stop with Ctrl+C\n";
    ctx.err.flush();

    loop.exec();

    server.stop();
    ctx.err << "runlens-cli serve-sample: stopped\n";
    return ExitOk;
}

const bool registered = registerModuleCommand(kName, runServeSample);
} // namespace

} // namespace runlens::cli
