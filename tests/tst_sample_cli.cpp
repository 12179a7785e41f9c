#include "testsupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace runlens::test;

// `runlens-cli sample`: flags, exit codes, the folder it writes.
class TestSampleCli : public QObject
{
    Q_OBJECT
private slots:
    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        const QString sample = QStringLiteral("sample");
        QTest::addRow("no --out") << QStringList { sample } << QStringLiteral("--out DIR is required");
        QTest::addRow("bad --runs") << QStringList { sample, QStringLiteral("--out"), QStringLiteral("x"),
            QStringLiteral("--runs"), QStringLiteral("many") }
                                    << QStringLiteral("--runs must be a whole number");
        QTest::addRow("zero --repos") << QStringList { sample, QStringLiteral("--out"), QStringLiteral("x"),
            QStringLiteral("--repos"), QStringLiteral("0") }
                                      << QStringLiteral("--repos must be a whole number");
        QTest::addRow("bad --seed") << QStringList { sample, QStringLiteral("--out"), QStringLiteral("x"),
            QStringLiteral("--seed"), QStringLiteral("-3") }
                                    << QStringLiteral("--seed must be");
        QTest::addRow("unknown flag") << QStringList { sample, QStringLiteral("--out"), QStringLiteral("x"),
            QStringLiteral("--bogus") }
                                      << QStringLiteral("bogus");
        QTest::addRow("stray argument") << QStringList { sample, QStringLiteral("--out"), QStringLiteral("x"),
            QStringLiteral("extra") } << QStringLiteral("unexpected argument 'extra'");
    }
    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const CliRun run = runCli(args, 60000, dir.path());
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("x"))));
    }

    void help()
    {
        const CliRun run = runCli({ QStringLiteral("sample"), QStringLiteral("--help") });
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(QLatin1String("Usage: runlens-cli sample --out DIR")), qPrintable(run.out));
        QVERIFY(run.out.contains(QLatin1String("per repository")));
        const CliRun all = runCli({ QStringLiteral("--help") });
        QVERIFY(all.out.contains(QLatin1String("sample --out DIR")));
    }

    void writesDeterministicCorpus()
    {
        QTemporaryDir dir;
        const QString a = dir.filePath(QStringLiteral("a"));
        const QString b = dir.filePath(QStringLiteral("b"));
        const QStringList common = { QStringLiteral("--repos"), QStringLiteral("3"), QStringLiteral("--runs"),
            QStringLiteral("3"), QStringLiteral("--seed"), QStringLiteral("42") };
        const CliRun first = runCli(QStringList { QStringLiteral("sample"), QStringLiteral("--out"), a } + common);
        QCOMPARE(first.exitCode, 0);
        QVERIFY2(first.out.contains(QLatin1String("wrote 9 runs")), qPrintable(first.out + first.err));
        for (const char* name : { "workflow_runs.csv", "labels.csv", "zips" })
            QVERIFY2(QFileInfo::exists(a + QLatin1Char('/') + QLatin1String(name)), name);
        QVERIFY(QFileInfo::exists(a + QStringLiteral("/logs_failure"))
            || QFileInfo::exists(a + QStringLiteral("/logs_normal")));
        const CliRun second = runCli(QStringList { QStringLiteral("sample"), QStringLiteral("--out"), b } + common);
        QCOMPARE(second.exitCode, 0);
        QCOMPARE(hashFolder(b), hashFolder(a));

        // Writing again into its own corpus folder is allowed and gives the same bytes.
        const CliRun again = runCli(QStringList { QStringLiteral("sample"), QStringLiteral("--out"), a } + common);
        QCOMPARE(again.exitCode, 0);
        QCOMPARE(hashFolder(a), hashFolder(b));
    }

    void refusesForeignFolderUnlessForced()
    {
        QTemporaryDir dir;
        QFile notes(dir.filePath(QStringLiteral("notes.txt")));
        QVERIFY(notes.open(QIODevice::WriteOnly));
        notes.write("mine");
        notes.close();
        const QStringList args = { QStringLiteral("sample"), QStringLiteral("--out"), dir.path(),
            QStringLiteral("--repos"), QStringLiteral("1"), QStringLiteral("--runs"), QStringLiteral("2") };
        const CliRun refused = runCli(args);
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains(QLatin1String("--force")), qPrintable(refused.err));
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("labels.csv"))));
        const CliRun forced = runCli(args + QStringList { QStringLiteral("--force") });
        QCOMPARE(forced.exitCode, 0);
        QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("labels.csv"))));
        QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("notes.txt"))));
    }

    void outIsAFile()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("plain"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        const CliRun run = runCli({ QStringLiteral("sample"), QStringLiteral("--out"), file, QStringLiteral("--repos"),
            QStringLiteral("1"), QStringLiteral("--runs"), QStringLiteral("1") });
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QLatin1String("is not a folder")), qPrintable(run.err));
    }
};

QTEST_GUILESS_MAIN(TestSampleCli)
#include "tst_sample_cli.moc"
