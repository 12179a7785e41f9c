#include "commandline.h"
#include "commands.h"
#include "modulecommands.h"

#include "sample/samplecorpus.h"
#include "sample/seedlayoutwriter.h"

#include <QCommandLineParser>
#include <QElapsedTimer>

namespace runlens::cli {

namespace {
const QString kName = QStringLiteral("sample");

// A positive integer flag within [1, max]; prints the usage error itself.
bool intOption(
    const QCommandLineParser& parser, const QCommandLineOption& option, qint64 max, qint64* value, CliContext& ctx)
{
    if (!parser.isSet(option))
        return true;
    bool ok = false;
    const QString text = parser.value(option);
    const qint64 parsed = text.toLongLong(&ok);
    if (!ok || parsed < 1 || parsed > max) {
        usageError(ctx, kName,
            QStringLiteral("--%1 must be a whole number from 1 to %2, not '%3'")
                .arg(option.names().constFirst())
                .arg(max)
                .arg(text));
        return false;
    }
    *value = parsed;
    return true;
}

int runSample(const QStringList& args, CliContext& ctx)
{
    CommandLine cmd(kName, ctx);
    QCommandLineParser& parser = cmd.parser();
    const QCommandLineOption out = cmd.addOption(
        QStringLiteral("out"), QStringLiteral("Folder to write the corpus into (required)."), QStringLiteral("DIR"));
    const QCommandLineOption repos = cmd.addOption(QStringLiteral("repos"),
        QStringLiteral("Number of repositories; ecosystems rotate node, gradle, python, cpp, rust, go, maven, dotnet "
                       "(default 8)."),
        QStringLiteral("N"));
    const QCommandLineOption runs = cmd.addOption(
        QStringLiteral("runs"), QStringLiteral("Runs PER REPOSITORY (default 12)."), QStringLiteral("N"));
    const QCommandLineOption seed = cmd.addOption(QStringLiteral("seed"),
        QStringLiteral("Seed; the same seed writes the same bytes (default 1)."), QStringLiteral("S"));
    const QCommandLineOption force = cmd.addOption(
        QStringLiteral("force"), QStringLiteral("Write into a non-empty folder that holds no earlier sample corpus."));
    if (const std::optional<int> exit = cmd.parse(args))
        return *exit;
    if (!parser.isSet(out) || parser.value(out).isEmpty())
        return cmd.usageError(QStringLiteral("--out DIR is required"));

    sample::SampleOptions options;
    qint64 repoCount = options.repoCount;
    qint64 runCount = options.runsPerRepo;
    if (!intOption(parser, repos, 1000, &repoCount, ctx) || !intOption(parser, runs, 100000, &runCount, ctx))
        return ExitUsage;
    if (parser.isSet(seed)) {
        bool ok = false;
        options.seed = parser.value(seed).toULongLong(&ok);
        if (!ok)
            return usageError(ctx, kName,
                QStringLiteral("--seed must be a non-negative whole number, not '%1'").arg(parser.value(seed)));
    }
    options.repoCount = int(repoCount);
    options.runsPerRepo = int(runCount);

    QElapsedTimer timer;
    timer.start();
    const sample::SampleCorpus corpus = sample::SampleCorpus::generate(options);
    const Result<sample::SeedLayoutSummary> summary
        = sample::SeedLayoutWriter(corpus).write(parser.value(out), parser.isSet(force));
    if (!summary) {
        ctx.err << "runlens-cli sample: " << summary.error() << "\n";
        return summary.error().contains(QLatin1String("--force")) ? ExitUsage : ExitFailed;
    }
    ctx.out << "wrote " << summary->runs << " runs (" << summary->attempts << " attempts with logs, "
            << summary->memoryAttempts << " memory failures, " << summary->expiredRuns << " expired) from "
            << corpus.repos().size() << " repositories, " << QString::number(double(summary->bytes) / 1e6, 'f', 1)
            << " MB in " << QString::number(double(timer.elapsed()) / 1000.0, 'f', 1) << " s to " << parser.value(out)
            << "\n";
    return ExitOk;
}

const bool registered = registerModuleCommand(kName, runSample);
} // namespace

} // namespace runlens::cli
