#pragma once

#include "clicommand.h"

#include <vector>

namespace runlens::cli {

// runlens-cli itself links Qt Core and the model only, and runs `score` (and --help, --version) with
// nothing more. Every other command needs heavier libraries (the network, SQLite, archives, Hyperscan;
// `report` also Widgets and Qt Charts): it lives in a module, loaded only when it runs, so that no
// process loads what its command does not use (start-up was a large part of a short `score`;
// docs/benchmarks.md). The modules sit next to runlens-cli in the build tree and in
// ../lib/runlens when installed:
inline constexpr char kCommandsModule[] = "runlens-cli-commands.so"; // every command but score and report
inline constexpr char kReportModule[] = "runlens-cli-report.so"; // report: Widgets, Qt Charts

// A command that runs in a module: where --help lists it, the module holding its run(), and its texts,
// which runlens-cli lists and registers without loading the module (climodule.cpp).
struct ModuleCommand
{
    int order;
    const char* module;
    QString name;
    QString synopsis;
    QString summary;
};

// Every command that runs in a module, in --help order.
const std::vector<ModuleCommand>& moduleCommands();

// In a module: registers `name` (one of moduleCommands()) with its texts and `run`:
//   static const bool registered = registerModuleCommand(kName, &run);
bool registerModuleCommand(
    const QString& name, decltype(CliCommand::run) run, decltype(CliCommand::makeApplication) makeApplication = {});

// The function every module exports: `const CliCommand* runlensCliModuleCommand(const char* nameUtf8)`,
// the command registered inside the module under that name, or null.
inline constexpr char kModuleEntry[] = "runlensCliModuleCommand";

} // namespace runlens::cli
