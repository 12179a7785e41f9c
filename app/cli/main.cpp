#include "commands.h"
#include "common/version.h"

#include <QCoreApplication>

#include <memory>

#include <cstdio>

using namespace runlens::cli;

static void printCommandList(QTextStream& out)
{
    out << "Usage: runlens-cli COMMAND [OPTIONS]\n\n"
        << "RunLens " << runlens::kVersion
        << " - find, understand and explain unusual GitHub Actions build failures.\n\nCommands:\n";
    for (const CliCommand& command : allCommands())
        out << "  " << command.synopsis << "\n      " << command.summary << "\n";
    out << "\nRun 'runlens-cli COMMAND --help' for the options of one command.\n";
}

int main(int argc, char* argv[])
{
    // A command may need more than a QCoreApplication (`report` renders Qt Charts, which are widgets);
    // every other command runs without a display and without Widgets.
    const CliCommand* early = argc > 1 ? findCommand(QString::fromLocal8Bit(argv[1])) : nullptr;
    const std::unique_ptr<QCoreApplication> app = early && early->makeApplication
        ? early->makeApplication(argc, argv)
        : std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("runlens-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("RunLens"));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(runlens::kVersion));

    QTextStream out(stdout);
    QTextStream err(stderr);
    CliContext ctx { out, err };

    QStringList args = QCoreApplication::arguments();
    args.removeFirst();
    if (args.isEmpty()) {
        printCommandList(err);
        return ExitUsage;
    }
    const QString name = args.first();
    if (name == QLatin1String("--help") || name == QLatin1String("-h") || name == QLatin1String("help")) {
        printCommandList(out);
        return ExitOk;
    }
    if (name == QLatin1String("--version")) {
        out << "runlens-cli " << runlens::kVersion << "\n";
        return ExitOk;
    }
    if (const CliCommand* command = findCommand(name)) {
        const int code = command->run(args, ctx);
        out.flush();
        err.flush();
        return code;
    }
    err << "runlens-cli: unknown command '" << name << "'\n\n";
    printCommandList(err);
    return ExitUsage;
}
