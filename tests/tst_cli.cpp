#include "testsupport.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace runlens::test;

// The command-line contract shared by every command: help, unknown commands, usage errors.
class TestCli : public QObject
{
    Q_OBJECT
private slots:
    void listsCommandsOnHelp()
    {
        const CliRun run = runCli({ QStringLiteral("--help") });
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(QLatin1String("scan PATH...")), qPrintable(run.out));
    }
    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::addRow("no command") << QStringList {} << QStringLiteral("Usage: runlens-cli COMMAND");
        QTest::addRow("unknown command") << QStringList { QStringLiteral("frobnicate") }
                                         << QStringLiteral("unknown command 'frobnicate'");
        QTest::addRow("unknown flag") << QStringList { QStringLiteral("scan"), QStringLiteral("--bogus"),
            QStringLiteral("x") } << QStringLiteral("bogus");
    }
    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const CliRun run = runCli(args);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
    }
    void commandHelp()
    {
        const CliRun run = runCli({ QStringLiteral("scan"), QStringLiteral("--help") });
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(QLatin1String("Usage: runlens-cli scan")), qPrintable(run.out));
    }
    // Only `report` needs Widgets and Qt Charts: they live in the module runlens-cli-report.so, which
    // runlens-cli loads for `report` alone (glibc's loader names every library it loads with LD_DEBUG).
    void onlyReportLoadsTheGui()
    {
        qputenv("LD_DEBUG", "files");
        const CliRun version = runCli({ QStringLiteral("--version") });
        const CliRun report = runCli({ QStringLiteral("report"), QStringLiteral("--help") });
        qunsetenv("LD_DEBUG");
        QCOMPARE(version.exitCode, 0);
        QVERIFY2(version.err.contains(QLatin1String("libQt6Core.so")), qPrintable(version.err));
        QVERIFY2(!version.err.contains(QLatin1String("libQt6Widgets.so")), qPrintable(version.err));
        QVERIFY2(!version.err.contains(QLatin1String("libQt6Gui.so")), qPrintable(version.err));
        QCOMPARE(report.exitCode, 0);
        QVERIFY2(report.out.contains(QLatin1String("Usage: runlens-cli report")), qPrintable(report.out));
        QVERIFY2(report.err.contains(QLatin1String("runlens-cli-report.so")), qPrintable(report.err));
        QVERIFY2(report.err.contains(QLatin1String("libQt6Widgets.so")), qPrintable(report.err));
    }
    void reportWithoutItsModuleFails()
    {
        QTemporaryDir dir;
        const QString cli = QDir(dir.path()).filePath(QStringLiteral("runlens-cli"));
        // A hard link: the executable's folder (from /proc/self/exe) is then one without the module.
        if (::link(QFile::encodeName(cliPath()).constData(), QFile::encodeName(cli).constData()) != 0)
            QVERIFY(QFile::copy(cliPath(), cli));
        QProcess process;
        process.start(cli, { QStringLiteral("report"), QStringLiteral("--help") });
        QVERIFY(process.waitForFinished(60000));
        const QString err = QString::fromUtf8(process.readAllStandardError());
        QCOMPARE(process.exitCode(), 1);
        QVERIFY2(err.contains(QLatin1String("runlens-cli report: cannot find runlens-cli-report.so")), qPrintable(err));
        process.start(cli, { QStringLiteral("--version") });
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
