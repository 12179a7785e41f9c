#include "commands.h"
#include "interruptnotifier.h"
#include "modulecommands.h"
#include "workspacecommandline.h"

#include "ghalogs/ghalogsdataset.h"
#include "ghalogs/ghalogsimporter.h"
#include "workspace/workspace.h"

#include <QCommandLineParser>

#include <atomic>
#include <cstdio>
#include <unistd.h>

namespace runlens::cli {

namespace {
const QString kName = QStringLiteral("import-ghalogs");

QStringList values(const QCommandLineParser& parser, const QCommandLineOption& option)
{
    QStringList out;
    for (const QString& value : parser.values(option)) {
        for (const QString& part : value.split(QLatin1Char(','), Qt::SkipEmptyParts))
            out.append(part.trimmed());
    }
    return out;
}

int runImportGhaLogs(const QStringList& args, CliContext& ctx)
{
    WorkspaceCommandLine cmd(kName, ctx);
    QCommandLineParser& parser = cmd.parser();
    const QCommandLineOption workspaceOpt = cmd.addWorkspaceOption();
    const QCommandLineOption repoOpt = cmd.addOption(QStringLiteral("repo"),
        QStringLiteral("Only runs of this repository (repeatable, or comma-separated)."), QStringLiteral("OWNER/NAME"));
    const QCommandLineOption conclusionOpt = cmd.addOption(QStringLiteral("conclusion"),
        QStringLiteral("Only runs with this conclusion (repeatable, or comma-separated)."), QStringLiteral("C"));
    const QCommandLineOption languageOpt = cmd.addOption(QStringLiteral("language"),
        QStringLiteral("Only runs of repositories in this language (needs repositories.json.gz)."),
        QStringLiteral("L"));
    const QCommandLineOption sinceOpt = cmd.addOption(QStringLiteral("since"),
        QStringLiteral("Only runs created on or after this date."), QStringLiteral("YYYY-MM-DD"));
    const QCommandLineOption untilOpt = cmd.addOption(QStringLiteral("until"),
        QStringLiteral("Only runs created on or before this date."), QStringLiteral("YYYY-MM-DD"));
    const QCommandLineOption limitOpt = cmd.addOption(
        QStringLiteral("limit"), QStringLiteral("Only the first N matching runs."), QStringLiteral("N"));
    const QCommandLineOption sampleOpt = cmd.addOption(
        QStringLiteral("sample"), QStringLiteral("A uniform random sample of N matching runs."), QStringLiteral("N"));
    const QCommandLineOption seedOpt = cmd.addOption(QStringLiteral("seed"),
        QStringLiteral("Seed of --sample (default 1)."), QStringLiteral("S"), QStringLiteral("1"));
    const QCommandLineOption verifyOpt = cmd.addOption(QStringLiteral("verify"),
        QStringLiteral("Open every archive now (inflates all logs) and mark hostile or broken ones corrupt."));
    const QCommandLineOption quietOpt = cmd.addOption(QStringLiteral("quiet"), QStringLiteral("No progress display."));
    parser.addPositionalArgument(QStringLiteral("DATASET_DIR"),
        QStringLiteral("Folder with runs.json.gz, optionally repositories.json.gz, and logs/ or github_run_logs.zip."));
    if (const std::optional<int> exit = cmd.parse(args, CommandLine::Positionals::Any))
        return *exit;
    if (parser.positionalArguments().size() != 1)
        return cmd.usageError(QStringLiteral("exactly one DATASET_DIR expected"));

    ghalogs::GhaLogsImportOptions options;
    options.datasetDir = parser.positionalArguments().constFirst();
    options.repositories = values(parser, repoOpt);
    options.conclusions = values(parser, conclusionOpt);
    options.languages = values(parser, languageOpt);
    options.verifyArchives = parser.isSet(verifyOpt);
    for (const auto& [opt, date] :
        { std::pair { &sinceOpt, &options.since }, std::pair { &untilOpt, &options.until } }) {
        if (!parser.isSet(*opt))
            continue;
        *date = QDate::fromString(parser.value(*opt), Qt::ISODate);
        if (!date->isValid())
            return cmd.usageError(QStringLiteral("--%1 wants a date YYYY-MM-DD, not '%2'")
                                      .arg(opt->names().constFirst(), parser.value(*opt)));
    }
    for (const auto& [opt, number] :
        { std::pair { &limitOpt, &options.limit }, std::pair { &sampleOpt, &options.sample } }) {
        if (!parser.isSet(*opt))
            continue;
        bool ok = false;
        *number = parser.value(*opt).toLongLong(&ok);
        if (!ok || *number < 0)
            return cmd.usageError(QStringLiteral("--%1 wants a number >= 0, not '%2'")
                                      .arg(opt->names().constFirst(), parser.value(*opt)));
    }
    bool seedOk = false;
    options.seed = parser.value(seedOpt).toULongLong(&seedOk);
    if (!seedOk)
        return cmd.usageError(QStringLiteral("--seed wants a number, not '%1'").arg(parser.value(seedOpt)));
    if (parser.isSet(seedOpt) && !parser.isSet(sampleOpt))
        return cmd.usageError(QStringLiteral("--seed only makes sense with --sample"));
    // Checked before the workspace is created: a typo must not leave an empty workspace behind.
    if (const auto dataset = ghalogs::GhaLogsDataset::open(options.datasetDir); !dataset)
        return cmd.fail(dataset.error());

    workspace::Workspace ws;
    if (const std::optional<int> exit = cmd.openForWriting(ws, WorkspaceNeed::MayCreate))
        return *exit;
    const bool tty = ::isatty(fileno(stdout)) == 1 && !parser.isSet(quietOpt);
    auto progress = [&](const ghalogs::GhaLogsImportProgress& p) {
        if (!tty)
            return;
        const int percent = p.bytesTotal > 0 ? int(100 * p.bytesRead / p.bytesTotal) : 0;
        ctx.out << "\r\033[K" << p.records << " records read, " << p.imported << " runs imported (" << percent << "%)";
        ctx.out.flush();
    };
    auto interrupt = std::make_unique<InterruptNotifier>(); // Ctrl-C: stop after the committed batch
    ghalogs::GhaLogsImporter importer(ws, options);
    auto summary = importer.run(InterruptNotifier::flag(), progress);
    interrupt.reset();
    if (tty)
        ctx.out << "\n";
    if (!summary)
        return cmd.fail(summary.error());
    // The first problems on the terminal; every run's archive state and reason is in the workspace.
    constexpr qsizetype kShown = 50;
    for (qsizetype i = 0; i < qMin(kShown, summary->problems.size()); ++i)
        ctx.err << "warning: " << summary->problems.at(i) << "\n";
    if (const qint64 more = summary->problemsLeftOut + qMax<qsizetype>(0, summary->problems.size() - kShown); more > 0)
        ctx.err << "warning: " << more << " more problems not listed\n";
    ctx.out << "imported " << summary->imported << " runs (" << summary->records << " records read, "
            << summary->alreadyImported << " already imported, " << summary->filteredOut << " filtered out, "
            << summary->duplicates << " duplicates, " << summary->malformed << " malformed) in "
            << QString::number(summary->seconds, 'f', 1) << " s\n";
    ctx.out << "archives (" << summary->logsForm << "): " << summary->archivesPresent << " present, "
            << summary->archivesMissing << " missing, " << summary->archiveErrors << " with a GHALogs error, "
            << summary->archivesCorrupt << " corrupt\n";
    if (summary->repositories > 0)
        ctx.out << "repositories: " << summary->repositories << "\n";
    if (summary->cancelled) {
        return cmd.fail(QStringLiteral("interrupted; run the same command again to finish"));
    }
    return ExitOk;
}

const bool registered = registerModuleCommand(kName, runImportGhaLogs);
} // namespace

} // namespace runlens::cli
