#include "commands.h"
#include "modulecommands.h"

// The entry of each module (runlens-cli-commands.so, runlens-cli-report.so): runlens-cli resolves it by
// name (kModuleEntry) once it has loaded the module, and asks it for the command it is about to run.
extern "C" Q_DECL_EXPORT const runlens::cli::CliCommand* runlensCliModuleCommand(const char* nameUtf8)
{
    return runlens::cli::findCommand(QString::fromUtf8(nameUtf8));
}
