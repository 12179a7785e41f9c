#include "common/version.h"
#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("RunLens"));
    QApplication::setOrganizationName(QStringLiteral("RunLens"));
    QApplication::setApplicationVersion(QString::fromLatin1(runlens::kVersion));
    QApplication::setDesktopFileName(QStringLiteral("runlens"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Find, understand and explain unusual GitHub Actions build failures."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption workspace(QStringLiteral("workspace"), QStringLiteral("Open the workspace in DIR."),
                                       QStringLiteral("DIR"));
    const QCommandLineOption demo(QStringLiteral("demo"),
                                  QStringLiteral("Serve the bundled sample corpus locally and walk the whole flow on it."));
    parser.addOption(workspace);
    parser.addOption(demo);
    parser.process(app);

    runlens::ui::MainWindow window;
    window.show();
    if (parser.isSet(demo))
        window.openDemo();
    else if (parser.isSet(workspace))
        window.setWorkspacePath(parser.value(workspace));
    return QApplication::exec();
}
