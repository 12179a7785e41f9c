#pragma once

#include <QStringList>
#include <QTextStream>

#include <functional>
#include <memory>
#include <span>

class QCommandLineParser;
class QCoreApplication;

namespace runlens::cli {

// Exit codes shared by every command.
enum ExitCode : int {
    ExitOk = 0,
    ExitFailed = 1, // some input could not be read or some work failed; each listed with its reason
    ExitUsage = 2, // bad flags or arguments
};

struct CliContext
{
    QTextStream& out;
    QTextStream& err;
};

struct CliCommand
{
    QString name;
    QString synopsis;
    QString summary;
    std::function<int(const QStringList& args, CliContext& ctx)> run;
    // The application object the command needs, made before any other Qt object; empty: a
    // QCoreApplication. Only `report` (Qt Charts are widgets) makes a QApplication.
    std::function<std::unique_ptr<QCoreApplication>(int& argc, char** argv)> makeApplication = {};
};

// Parses `args` (the command name first) with `parser`, adding --help. Returns false after printing
// either the help (with `helpShown` set) or the usage error.
bool parseCommandLine(
    QCommandLineParser& parser, const CliCommand& command, const QStringList& args, CliContext& ctx, bool* helpShown);

// Convenience: prints "runlens-cli <cmd>: <message>" to stderr and returns ExitUsage.
int usageError(CliContext& ctx, const QString& command, const QString& message);

} // namespace runlens::cli
