#include "testsupport.h"

#include <QTest>

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
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
