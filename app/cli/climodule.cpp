#include "commands.h"
#include "modulecommands.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLibrary>

#include <map>

namespace runlens::cli {

namespace {
struct LoadedModule
{
    using Entry = const CliCommand* (*)(const char* nameUtf8);
    Entry entry = nullptr; // null when the module did not load
    QString error;
};

// Loads the module `fileName` once: next to runlens-cli (the build tree), else in the folder it is
// installed to (RUNLENS_CLI_MODULE_DIR, relative to runlens-cli's folder). Called before any
// QCoreApplication exists (a module may make the application), so the executable's folder comes from
// /proc/self/exe rather than QCoreApplication::applicationDirPath().
const LoadedModule& loadModule(const char* fileName)
{
    static std::map<QString, LoadedModule> modules;
    const QString name = QString::fromLatin1(fileName);
    if (const auto it = modules.find(name); it != modules.end())
        return it->second;
    LoadedModule& loaded = modules[name];
    const QDir here = QFileInfo(QFile::symLinkTarget(QStringLiteral("/proc/self/exe"))).dir();
    const QString installed = QDir::cleanPath(here.filePath(QStringLiteral(RUNLENS_CLI_MODULE_DIR)));
    QStringList errors;
    for (const QString& path : { here.filePath(name), QDir(installed).filePath(name) }) {
        if (!QFileInfo::exists(path))
            continue;
        QLibrary library(path); // never unloaded: the commands' code and data live in it
        loaded.entry = reinterpret_cast<LoadedModule::Entry>(library.resolve(kModuleEntry));
        if (loaded.entry)
            return loaded;
        errors.append(QStringLiteral("'%1': %2").arg(path, library.errorString()));
    }
    loaded.error = errors.isEmpty()
        ? QStringLiteral("cannot find %1 next to %2 or in %3").arg(name, here.path(), installed)
        : QStringLiteral("cannot load %1").arg(errors.join(QStringLiteral("; ")));
    return loaded;
}

// The command `info` inside its module, or null with `error` set.
const CliCommand* loadCommand(const ModuleCommand& info, QString* error)
{
    const LoadedModule& module = loadModule(info.module);
    const CliCommand* command = module.entry ? module.entry(info.name.toUtf8().constData()) : nullptr;
    if (!command || !command->run)
        *error = module.entry ? QStringLiteral("%1 has no command '%2'").arg(QLatin1String(info.module), info.name)
                              : module.error;
    return command && command->run ? command : nullptr;
}

// runlens-cli registers each module command with its texts, loading the module only when it runs: its
// application is made (makeApplication comes first) by the module's command when it makes one.
CliCommand stub(const ModuleCommand& info)
{
    auto makeApplication = [info](int& argc, char** argv) -> std::unique_ptr<QCoreApplication> {
        QString error;
        const CliCommand* command = loadCommand(info, &error);
        if (!command || !command->makeApplication)
            return std::make_unique<QCoreApplication>(argc, argv); // run() reports a failure to load
        return command->makeApplication(argc, argv);
    };
    auto run = [info](const QStringList& args, CliContext& ctx) {
        QString error;
        const CliCommand* command = loadCommand(info, &error);
        if (!command) {
            ctx.err << "runlens-cli " << info.name << ": " << error << "\n";
            return int(ExitFailed);
        }
        return command->run(args, ctx);
    };
    return { info.name, info.synopsis, info.summary, run, makeApplication };
}

const bool registered = [] {
    for (const ModuleCommand& info : moduleCommands())
        registerCommand(info.order, stub(info));
    return true;
}();
} // namespace

} // namespace runlens::cli
