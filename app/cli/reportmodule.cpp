#include "commands.h"
#include "reportcommand.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLibrary>

namespace runlens::cli {

namespace {
struct ReportModule
{
    const CliCommand* command = nullptr; // the command inside the module; null when it did not load
    QString error;
};

// Loads runlens-cli-report.so once: next to runlens-cli (the build tree), else in the folder it is
// installed to (RUNLENS_CLI_MODULE_DIR, relative to runlens-cli's folder). Called before any
// QCoreApplication exists (the module makes the QApplication), so the executable's folder comes from
// /proc/self/exe rather than QCoreApplication::applicationDirPath().
const ReportModule& reportModule()
{
    static const ReportModule module = [] {
        ReportModule loaded;
        const QDir here = QFileInfo(QFile::symLinkTarget(QStringLiteral("/proc/self/exe"))).dir();
        const QString name = QStringLiteral("runlens-cli-report.so");
        QStringList errors;
        for (const QString& path :
            { here.filePath(name), QDir(here.filePath(QStringLiteral(RUNLENS_CLI_MODULE_DIR))).filePath(name) }) {
            if (!QFileInfo::exists(path))
                continue;
            QLibrary library(path); // never unloaded: the command's code and data live in it
            using Entry = const CliCommand* (*)();
            const auto entry = reinterpret_cast<Entry>(library.resolve(kReportModuleEntry));
            loaded.command = entry ? entry() : nullptr;
            if (loaded.command && loaded.command->run)
                return loaded;
            errors.append(QStringLiteral("'%1': %2").arg(path, library.errorString()));
        }
        loaded.error = errors.isEmpty()
            ? QStringLiteral("cannot find %1 next to %2 or in %3")
                  .arg(name, here.path(), QDir::cleanPath(here.filePath(QStringLiteral(RUNLENS_CLI_MODULE_DIR))))
            : QStringLiteral("cannot load %1").arg(errors.join(QStringLiteral("; ")));
        return loaded;
    }();
    return module;
}

std::unique_ptr<QCoreApplication> makeApplication(int& argc, char** argv)
{
    const ReportModule& module = reportModule();
    if (!module.command || !module.command->makeApplication)
        return std::make_unique<QCoreApplication>(argc, argv); // run() reports why
    return module.command->makeApplication(argc, argv);
}

int run(const QStringList& args, CliContext& ctx)
{
    const ReportModule& module = reportModule();
    if (!module.command) {
        ctx.err << "runlens-cli report: " << module.error << "\n";
        return ExitFailed;
    }
    return module.command->run(args, ctx);
}

const bool registered = registerCommand(85, reportCommand(&run, &makeApplication));
} // namespace

} // namespace runlens::cli
