#include "testsupport.h"

#include <QDir>
#include <QFile>
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
    // runlens-cli links Qt Core and the model only: `score`, --help and --version load none of the libraries
    // of the other commands (the network with QtKeychain, SQLite, QuaZip, libarchive, Hyperscan), which live
    // in the module runlens-cli-commands.so.
    void scoreLoadsOnlyTheCore()
    {
        QTemporaryDir dir;
        const QString csv = QDir(dir.path()).filePath(QStringLiteral("small.csv"));
        QFile file(csv);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("a,b,label\n");
        for (int row = 0; row < 64; ++row)
            file.write(QByteArray::number(row % 7) + ',' + QByteArray::number(row * 3 % 11) + ','
                + (row % 16 ? "0\n" : "1\n"));
        file.close();
        qputenv("LD_DEBUG", "files");
        const CliRun score = runCli({ QStringLiteral("score"), QStringLiteral("--csv"), csv,
            QStringLiteral("--label-column"), QStringLiteral("label"), QStringLiteral("--trees"), QStringLiteral("10"),
            QStringLiteral("--out"), QDir(dir.path()).filePath(QStringLiteral("scores.csv")) });
        const CliRun help = runCli({ QStringLiteral("--help") });
        const CliRun scan = runCli({ QStringLiteral("scan"), QStringLiteral("--help") });
        qunsetenv("LD_DEBUG");
        QCOMPARE(score.exitCode, 0);
        QVERIFY2(score.out.contains(QLatin1String("roc_auc=")), qPrintable(score.out));
        QCOMPARE(help.exitCode, 0);
        QVERIFY2(help.out.contains(QLatin1String("failure-lines FAILED")), qPrintable(help.out));
        for (const CliRun* run : { &score, &help }) {
            QVERIFY2(run->err.contains(QLatin1String("libQt6Core.so")), qPrintable(run->err));
            for (const char* library : { "libQt6Network.so", "libQt6Sql.so", "libquazip", "libarchive.so", "libhs.so",
                     "libqt6keychain.so", "runlens-cli-commands.so", "runlens-cli-report.so" })
                QVERIFY2(!run->err.contains(QLatin1String(library)), library);
        }
        QCOMPARE(scan.exitCode, 0);
        QVERIFY2(scan.out.contains(QLatin1String("Usage: runlens-cli scan")), qPrintable(scan.out));
        QVERIFY2(scan.err.contains(QLatin1String("runlens-cli-commands.so")), qPrintable(scan.err));
        QVERIFY2(scan.err.contains(QLatin1String("libhs.so")), qPrintable(scan.err));
        QVERIFY2(!scan.err.contains(QLatin1String("libQt6Widgets.so")), qPrintable(scan.err));
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
        process.start(cli, { QStringLiteral("scan"), QStringLiteral("--help") });
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 1);
        QVERIFY2(process.readAllStandardError().contains("runlens-cli scan: cannot find runlens-cli-commands.so"),
            "scan without its module");
        process.start(cli, { QStringLiteral("--version") });
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 0);
        // --help lists every command from runlens-cli's own table, without loading a module.
        process.start(cli, { QStringLiteral("--help") });
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 0);
        QVERIFY(process.readAllStandardOutput().contains("report --workspace DIR --out DIR"));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
