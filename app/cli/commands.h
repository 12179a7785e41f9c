#pragma once

#include "clicommand.h"

#include <vector>

namespace runlens::cli {

// Every command of runlens-cli, in the order `runlens-cli --help` lists them.
const std::vector<CliCommand>& allCommands();

// The command called `name`, or nullptr.
const CliCommand* findCommand(const QString& name);

// One function per command, each in its own cmd_<name>.cpp.
int runScan(const QStringList& args, CliContext& ctx);

} // namespace runlens::cli
