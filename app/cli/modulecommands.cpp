#include "modulecommands.h"

#include "commands.h"

#include <algorithm>
#include <utility>

namespace runlens::cli {

const std::vector<ModuleCommand>& moduleCommands()
{
    static const std::vector<ModuleCommand> commands = {
        { 10, kCommandsModule, QStringLiteral("scan"),
            QStringLiteral("scan PATH... [--format text|json|csv] [--memory-list FILE] [--naive]"),
            QStringLiteral("Classify memory failures in log ZIPs, extracted run folders, single logs or a seed-layout "
                           "folder, with the evidence lines of every hit.") },
        { 20, kCommandsModule, QStringLiteral("sample"),
            QStringLiteral("sample --out DIR [--repos N] [--runs N] [--seed S] [--force]"),
            QStringLiteral(
                "Write a labeled, deterministic sample corpus in the seed layout (workflow_runs.csv, logs_failure/, "
                "logs_normal/) plus labels.csv and the run ZIPs. --runs counts runs per repository.") },
        { 30, kCommandsModule, QStringLiteral("serve-sample"),
            QStringLiteral("serve-sample [--port P] [--seed S] [--repos N] [--runs N] [--faults SPEC]"),
            QStringLiteral("Run the fake GitHub Actions API on 127.0.0.1 over the sample corpus of --seed (as `sample` "
                           "writes it); prints 'url:', 'token:' and "
                           "'repos:' lines, then serves until SIGINT/SIGTERM.") },
        { 40, kCommandsModule, QStringLiteral("collect"),
            QStringLiteral(
                "collect --workspace DIR --repo OWNER/NAME... [--api-url URL] [--status failure|success|all] "
                "[--since D] [--until D] [--branch B] [--event E] [--workflow W] [--max-runs N] "
                "[--concurrency N] [--token-file F]"),
            QStringLiteral("List workflow runs, fetch their jobs and download their log archives into the workspace, "
                           "resumably, with a progress display.") },
        { 50, kCommandsModule, QStringLiteral("import"), QStringLiteral("import --workspace DIR SEED_DIR"),
            QStringLiteral("Read the old pipeline's folder (workflow_runs.csv, logs_failure/, logs_normal/, "
                           "memory_logs.txt) into the workspace; run folders are zipped into logs/.") },
        { 51, kCommandsModule, QStringLiteral("import-ghalogs"),
            QStringLiteral(
                "import-ghalogs --workspace DIR DATASET_DIR [--repo R...] [--conclusion C...] [--language L...] "
                "[--since D] [--until D] [--limit N] [--sample N --seed S] [--verify]"),
            QStringLiteral("Import the GHALogs dataset (runs.json.gz, repositories.json.gz, logs/ or "
                           "github_run_logs.zip) without copying or extracting logs; re-running adds nothing twice.") },
        { 52, kCommandsModule, QStringLiteral("generate-ghalogs"),
            QStringLiteral("generate-ghalogs --out DIR [--runs N] [--seed S] [--zip] [--errors N] [--missing N] "
                           "[--hostile N] [--duplicates N] [--malformed N] [--distinct-archives N]"),
            QStringLiteral("Write a GHALogs-shaped dataset with synthetic logs (for tests and benchmarks).") },
        { 55, kCommandsModule, QStringLiteral("export"), QStringLiteral("export --workspace DIR --seed-layout OUT"),
            QStringLiteral("Write the workspace back as the old pipeline's folder layout.") },
        { 60, kCommandsModule, QStringLiteral("analyze"),
            QStringLiteral("analyze --workspace DIR [--trees N] [--samples N] [--contamination auto|F] [--seed S] "
                           "[--seeds N] [--features LIST]"),
            QStringLiteral("Extract features of every downloaded run, train an Isolation Forest, score and explain "
                           "each run; writes exports/scores.csv, contributions.csv, importance.csv and model.json.") },
        { 65, kCommandsModule, QStringLiteral("features"), QStringLiteral("features [--markdown]"),
            QStringLiteral("List the feature catalog: id, unit and name of every feature (--markdown: the "
                           "reference page docs/features.md).") },
        { 75, kCommandsModule, QStringLiteral("evaluate"),
            QStringLiteral(
                "evaluate --workspace DIR [--labels FILE] [--k K] [--bootstrap N] [--ci-level L] "
                "[--bootstrap-seed S] [--compare A B] [--latex FILE] [--out DIR] [--seeds N [forest options]]"),
            QStringLiteral(
                "Compare the detectors (old keyword filter, taxonomy rules, Isolation Forest, forest + "
                "rules) against labels: ROC AUC, average precision, precision@k, recall@k, precision/"
                "recall/F1 of their flags and recall per category, with stratified bootstrap intervals; paired tests "
                "(DeLong, paired bootstrap), seed sweeps and a LaTeX table.") },
        { 85, kReportModule, QStringLiteral("report"),
            QStringLiteral(
                "report --workspace DIR --out DIR [--reanalyze] [--labels FILE] [--width PX] [--height PX] [--dpi N]"),
            QStringLiteral("Render the GUI's figures of the workspace's stored analysis headless (PNG, SVG, PDF, with "
                           "CSV data and JSON sidecars) and a Markdown summary with the evaluation table.") },
        { 90, kCommandsModule, QStringLiteral("file-issues"),
            QStringLiteral("file-issues --workspace DIR --repo OWNER/NAME [--api-url URL] [--dry-run] [--top K] "
                           "[--min-score F] [--category ID...] [--label L...] [--token-file F]"),
            QStringLiteral(
                "After analyze: open one GitHub issue per newly flagged run (title, score, top contributions, "
                "quoted evidence, links); never twice for a run (workspace record + hidden marker).") },
        { 95, kCommandsModule, QStringLiteral("failure-lines"),
            QStringLiteral(
                "failure-lines FAILED [--baseline PASSING]... [--workspace DIR --run ID[:ATTEMPT]] [--top K] "
                "[--format text|json]"),
            QStringLiteral("The lines that explain a failed run, ranked against passing runs: novel lines, error cues, "
                           "annotations, the final memory cause, the failing step's end.") },
    };
    return commands;
}

bool registerModuleCommand(
    const QString& name, decltype(CliCommand::run) run, decltype(CliCommand::makeApplication) makeApplication)
{
    const std::vector<ModuleCommand>& commands = moduleCommands();
    const auto it = std::find_if(
        commands.begin(), commands.end(), [&name](const ModuleCommand& command) { return command.name == name; });
    Q_ASSERT(it != commands.end());
    if (it == commands.end())
        return false;
    return registerCommand(
        it->order, { it->name, it->synopsis, it->summary, std::move(run), std::move(makeApplication) });
}

} // namespace runlens::cli
