#include "commands.h"

namespace runlens::cli {

const std::vector<CliCommand>& allCommands()
{
    static const std::vector<CliCommand> commands {
        { QStringLiteral("scan"),
          QStringLiteral("scan PATH... [--format text|json|csv] [--memory-list FILE] [--naive]"),
          QStringLiteral("Classify memory failures in log ZIPs, extracted run folders, single logs or a seed-layout "
                         "folder, with the evidence lines of every hit."),
          runScan },
    };
    return commands;
}

const CliCommand* findCommand(const QString& name)
{
    for (const CliCommand& command : allCommands()) {
        if (command.name == name)
            return &command;
    }
    return nullptr;
}

} // namespace runlens::cli
