#include "reportcommand.h"

#include <utility>

namespace runlens::cli {

CliCommand reportCommand(decltype(CliCommand::run) run, decltype(CliCommand::makeApplication) makeApplication)
{
    return { QStringLiteral("report"),
        QStringLiteral(
            "report --workspace DIR --out DIR [--reanalyze] [--labels FILE] [--width PX] [--height PX] [--dpi N]"),
        QStringLiteral("Render the GUI's figures of the workspace's stored analysis headless (PNG, SVG, PDF, with "
                       "CSV data and JSON sidecars) and a Markdown summary with the evaluation table."),
        std::move(run), std::move(makeApplication) };
}

} // namespace runlens::cli
