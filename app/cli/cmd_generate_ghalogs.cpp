#include "commandline.h"
#include "commands.h"
#include "modulecommands.h"

#include "ghalogs/ghalogsgenerator.h"

#include <QCommandLineParser>
#include <QElapsedTimer>

#include <algorithm>

namespace runlens::cli {

namespace {
const QString kName = QStringLiteral("generate-ghalogs");

int runGenerateGhaLogs(const QStringList& args, CliContext& ctx)
{
    CommandLine cmd(kName, ctx);
    QCommandLineParser& parser = cmd.parser();
    const QCommandLineOption outOpt
        = cmd.addOption(QStringLiteral("out"), QStringLiteral("Dataset folder to write."), QStringLiteral("DIR"));
    const QCommandLineOption zipOpt = cmd.addOption(
        QStringLiteral("zip"), QStringLiteral("Archives inside github_run_logs.zip (ZIP64) instead of logs/."));
    struct NumberOption
    {
        QCommandLineOption option;
        qint64* target;
    };
    ghalogs::GhaLogsGeneratorOptions options;
    qint64 seed = 1;
    qint64 perRepo = options.runsPerRepository;
    qint64 maxJobLines = options.maxJobLines;
    const std::vector<NumberOption> numbers {
        { cmd.addOption(QStringLiteral("runs"), QStringLiteral("Runs (default 100)."), QStringLiteral("N")),
            &options.runs },
        { cmd.addOption(QStringLiteral("seed"), QStringLiteral("Seed (default 1)."), QStringLiteral("S")), &seed },
        { cmd.addOption(QStringLiteral("runs-per-repo"), QStringLiteral("Runs per repository (default 50)."),
              QStringLiteral("N")),
            &perRepo },
        { cmd.addOption(
              QStringLiteral("max-job-lines"), QStringLiteral("Longest job log (default 400)."), QStringLiteral("N")),
            &maxJobLines },
        { cmd.addOption(QStringLiteral("distinct-archives"),
              QStringLiteral("Distinct archives; other runs hard-link to them (default: one per run)."),
              QStringLiteral("N")),
            &options.distinctArchives },
        { cmd.addOption(
              QStringLiteral("errors"), QStringLiteral("Records with logs_archive.error."), QStringLiteral("N")),
            &options.archiveErrors },
        { cmd.addOption(
              QStringLiteral("missing"), QStringLiteral("Records whose archive is absent."), QStringLiteral("N")),
            &options.missingArchives },
        { cmd.addOption(QStringLiteral("hostile"), QStringLiteral("Archives with an entry escaping the archive."),
              QStringLiteral("N")),
            &options.hostileArchives },
        { cmd.addOption(
              QStringLiteral("duplicates"), QStringLiteral("Records repeated at the end."), QStringLiteral("N")),
            &options.duplicates },
        { cmd.addOption(QStringLiteral("malformed"), QStringLiteral("Lines that are not JSON."), QStringLiteral("N")),
            &options.malformed },
    };
    if (const std::optional<int> exit = cmd.parse(args, CommandLine::Positionals::None))
        return *exit;
    if (!parser.isSet(outOpt))
        return cmd.usageError(QStringLiteral("--out DIR is required"));
    for (const NumberOption& n : numbers) {
        if (!parser.isSet(n.option))
            continue;
        bool ok = false;
        *n.target = parser.value(n.option).toLongLong(&ok);
        if (!ok || *n.target < 0)
            return cmd.usageError(QStringLiteral("--%1 wants a number >= 0, not '%2'")
                                      .arg(n.option.names().constFirst(), parser.value(n.option)));
    }
    options.outDir = parser.value(outOpt);
    options.zip = parser.isSet(zipOpt);
    options.seed = quint64(seed);
    options.runsPerRepository = int(std::clamp<qint64>(perRepo, 1, 100000));
    options.maxJobLines = int(std::clamp<qint64>(maxJobLines, 10, 1000000));
    QElapsedTimer timer;
    timer.start();
    auto summary = ghalogs::GhaLogsGenerator(options).run();
    if (!summary)
        return cmd.fail(summary.error());
    ctx.out << "wrote " << summary->records << " records of " << summary->repositories << " repositories and "
            << summary->archives << " archives (" << summary->archiveBytes / 1024 << " KiB compressed, "
            << summary->logBytes / 1024 << " KiB of log text distinct) to " << options.outDir << " in "
            << QString::number(double(timer.elapsed()) / 1000.0, 'f', 1) << " s\n";
    return ExitOk;
}

const bool registered = registerModuleCommand(kName, runGenerateGhaLogs);
} // namespace

} // namespace runlens::cli
