#pragma once

#include "clicommand.h"

#include <vector>

namespace runlens::cli {

// Every command of runlens-cli, in the order `runlens-cli --help` lists them.
std::vector<CliCommand> allCommands();

// The command called `name`, or nullptr.
const CliCommand* findCommand(const QString& name);

// Each cmd_<name>.cpp registers its command at start-up:
//   static const bool registered = registerCommand(50, { name, synopsis, summary, &run });
// `order` sorts the --help listing (the DESIGN.md table order).
bool registerCommand(int order, CliCommand command);

} // namespace runlens::cli
