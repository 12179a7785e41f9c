#include "commands.h"

#include <algorithm>
#include <map>

namespace runlens::cli {

namespace {
// Function-local so that registration from other translation units' static initialisers
// never sees an unconstructed registry.
std::multimap<int, CliCommand>& registry()
{
    static std::multimap<int, CliCommand> commands;
    return commands;
}
} // namespace

bool registerCommand(int order, CliCommand command)
{
    registry().emplace(order, std::move(command));
    return true;
}

std::vector<CliCommand> allCommands()
{
    std::vector<CliCommand> commands;
    commands.reserve(registry().size());
    for (const auto& [order, command] : registry())
        commands.push_back(command);
    return commands;
}

const CliCommand* findCommand(const QString& name)
{
    for (const auto& [order, command] : registry()) {
        if (command.name == name)
            return &command;
    }
    return nullptr;
}

} // namespace runlens::cli
