#pragma once

#include "clicommand.h"

namespace runlens::cli {

// `report`'s name and help texts. `report` renders the GUI's charts, so it runs in a module,
// runlens-cli-report.so, that links Widgets and Qt Charts: no other command loads those libraries
// (they were half of the start-up of every runlens-cli process). runlens-cli registers `report` with
// these texts and loads the module when it runs (reportmodule.cpp); the module registers it with its
// run() (cmd_report.cpp).
CliCommand reportCommand(decltype(CliCommand::run) run, decltype(CliCommand::makeApplication) makeApplication);

// The name of the function the module exports: `const CliCommand* runlensCliReport()`, the command
// registered inside the module.
inline constexpr char kReportModuleEntry[] = "runlensCliReport";

} // namespace runlens::cli
