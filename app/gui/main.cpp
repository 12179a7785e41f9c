#include "common/version.h"
#include "mainwindow.h"
#include "theme.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QPixmap>
#include <QTimer>

#include <cstdio>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("RunLens"));
    QApplication::setOrganizationName(QStringLiteral("RunLens"));
    QApplication::setApplicationVersion(QString::fromLatin1(runlens::kVersion));
    QApplication::setDesktopFileName(QStringLiteral("runlens"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Find, understand and explain unusual GitHub Actions build failures."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption workspace(
        QStringLiteral("workspace"), QStringLiteral("Open the workspace in DIR."), QStringLiteral("DIR"));
    const QCommandLineOption demo(QStringLiteral("demo"),
        QStringLiteral("Serve the bundled sample corpus locally and walk the whole flow on it."));
    // Hidden: for screenshots (scripts/screenshots.sh) and for watching a collection happen.
    QCommandLineOption demoLatency(QStringLiteral("demo-latency"),
        QStringLiteral("Every answer of the demo's sample server waits MS milliseconds."), QStringLiteral("MS"));
    demoLatency.setFlags(QCommandLineOption::HiddenFromHelp);
    QCommandLineOption screenshot(QStringLiteral("screenshot"),
        QStringLiteral("Save the window as PNG to PATH, then quit."), QStringLiteral("PATH"));
    screenshot.setFlags(QCommandLineOption::HiddenFromHelp);
    QCommandLineOption screenshotAfter(QStringLiteral("screenshot-after"),
        QStringLiteral("Take the screenshot MS milliseconds after start (default 3000)."), QStringLiteral("MS"),
        QStringLiteral("3000"));
    screenshotAfter.setFlags(QCommandLineOption::HiddenFromHelp);
    QCommandLineOption size(QStringLiteral("size"), QStringLiteral("Window size WxH."), QStringLiteral("WxH"));
    size.setFlags(QCommandLineOption::HiddenFromHelp);
    QCommandLineOption tab(
        QStringLiteral("tab"), QStringLiteral("Show detail tab N (1 = Log) at start."), QStringLiteral("N"));
    tab.setFlags(QCommandLineOption::HiddenFromHelp);
    const QCommandLineOption theme(QStringLiteral("theme"),
        QStringLiteral("Colours: system (default, or as View > Theme was left), light or dark."),
        QStringLiteral("NAME"));
    parser.addOption(workspace);
    parser.addOption(demo);
    parser.addOption(demoLatency);
    parser.addOption(screenshot);
    parser.addOption(screenshotAfter);
    parser.addOption(size);
    parser.addOption(tab);
    parser.addOption(theme);
    parser.process(app);

    using runlens::ui::Theme;
    const QString themeName = parser.value(theme);
    if (parser.isSet(theme) && themeName != Theme::name(Theme::fromName(themeName))) {
        std::fprintf(stderr, "runlens: --theme '%s' is not system, light or dark\n", qPrintable(themeName));
        return 2;
    }
    Theme::apply(parser.isSet(theme) ? Theme::fromName(themeName) : Theme::saved());

    runlens::ui::MainWindow window;
    if (parser.isSet(size)) {
        const QStringList wh = parser.value(size).split(QLatin1Char('x'));
        if (wh.size() == 2 && wh[0].toInt() > 0 && wh[1].toInt() > 0)
            window.resize(wh[0].toInt(), wh[1].toInt());
    }
    window.setDemoLatencyMs(parser.value(demoLatency).toInt());
    if (parser.isSet(tab))
        window.showDetailTab(parser.value(tab).toInt() - 1);
    window.show();
    if (parser.isSet(screenshot)) {
        const QString path = parser.value(screenshot);
        QTimer::singleShot(parser.value(screenshotAfter).toInt(), &window, [&window, path] {
            const bool saved = window.grab().save(path);
            if (!saved)
                std::fprintf(stderr, "runlens: cannot write screenshot '%s'\n", qPrintable(path));
            QCoreApplication::exit(saved ? 0 : 1);
        });
    }
    if (parser.isSet(demo))
        window.openDemo();
    else if (parser.isSet(workspace))
        window.setWorkspacePath(parser.value(workspace));
    return QApplication::exec();
}
