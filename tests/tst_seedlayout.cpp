// Import and export of the old pipeline's folder layout through runlens-cli, on a sample corpus.
#include "common/csvtable.h"
#include "pipeline/seedtransfer.h"
#include "testsupport.h"
#include "workspace/seedfolder.h"
#include "workspace/workspace.h"

#include <QDirIterator>
#include <QFutureWatcher>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace runlens;

namespace {
QStringList sortedRows(const QString& csvPath)
{
    const auto table = CsvTable::read(csvPath);
    if (!table)
        return { table.error() };
    QStringList rows { table->header().join(QLatin1Char('|')) };
    QStringList body;
    for (int r = 0; r < table->rowCount(); ++r)
        body << table->row(r).join(QLatin1Char('|'));
    body.sort();
    return rows + body;
}

// Relative path -> bytes of every file under the log folders.
QMap<QString, QByteArray> logFiles(const QString& root)
{
    QMap<QString, QByteArray> files;
    for (const QString& sub : { QStringLiteral("logs_failure"), QStringLiteral("logs_normal") }) {
        QDirIterator it(root + QLatin1Char('/') + sub, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            QFile f(path);
            if (f.open(QIODevice::ReadOnly))
                files.insert(QDir(root).relativeFilePath(path), f.readAll());
        }
    }
    return files;
}

QSet<QString> labelSet(const QString& wsDir)
{
    workspace::Workspace ws;
    if (!ws.open(wsDir))
        return {};
    QSet<QString> out;
    const QList<workspace::LabelRecord> labels = ws.labels().value();
    for (const workspace::LabelRecord& l : labels)
        out.insert(QStringLiteral("%1/%2/%3/%4").arg(l.runId).arg(l.attempt).arg(l.label, workspace::nameOf(l.source)));
    return out;
}
} // namespace

class TestSeedLayout : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip()
    {
        QTemporaryDir dir;
        const QString seed = dir.filePath(QStringLiteral("seed"));
        const QString ws1 = dir.filePath(QStringLiteral("ws1"));
        const QString out = dir.filePath(QStringLiteral("out"));
        const QString ws2 = dir.filePath(QStringLiteral("ws2"));
        const test::CliRun sample = test::runCli(
            { QStringLiteral("sample"), QStringLiteral("--out"), seed, QStringLiteral("--repos"), QStringLiteral("2"),
                QStringLiteral("--runs"), QStringLiteral("6"), QStringLiteral("--seed"), QStringLiteral("3") });
        QVERIFY2(sample.exitCode == 0, qPrintable(sample.err));

        const test::CliRun imported
            = test::runCli({ QStringLiteral("import"), QStringLiteral("--workspace"), ws1, seed });
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
        QVERIFY2(imported.out.contains(QStringLiteral("imported 12 runs")), qPrintable(imported.out));

        const test::CliRun exported = test::runCli(
            { QStringLiteral("export"), QStringLiteral("--workspace"), ws1, QStringLiteral("--seed-layout"), out });
        QVERIFY2(exported.exitCode == 0, qPrintable(exported.out + exported.err));

        // Same runs, same extracted logs byte for byte.
        QCOMPARE(sortedRows(out + QStringLiteral("/workflow_runs.csv")),
            sortedRows(seed + QStringLiteral("/workflow_runs.csv")));
        const auto seedLogs = logFiles(seed);
        QVERIFY(!seedLogs.isEmpty());
        QCOMPARE(logFiles(out).keys(), seedLogs.keys());
        QVERIFY(logFiles(out) == seedLogs);

        // Importing the export gives the same workspace content.
        const test::CliRun again = test::runCli({ QStringLiteral("import"), QStringLiteral("--workspace"), ws2, out });
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        QVERIFY(!labelSet(ws1).isEmpty());
        QCOMPARE(labelSet(ws2), labelSet(ws1));
        workspace::Workspace a;
        workspace::Workspace b;
        QVERIFY(a.open(ws1).ok() && b.open(ws2).ok());
        QCOMPARE(b.stats()->runs, a.stats()->runs);
        QCOMPARE(b.stats()->archivesDownloaded, a.stats()->archivesDownloaded);
        const QList<workspace::RunRecord> runs = a.runs().value();
        for (const workspace::RunRecord& run : runs) {
            const auto x = a.archive(run.runId, run.attempt);
            const auto y = b.archive(run.runId, run.attempt);
            QVERIFY(x.ok() && y.ok());
            QCOMPARE(y->state, x->state);
            QCOMPARE(y->sha256, x->sha256);
        }
    }

    // The GUI's import and export: progress per run, and a cancel that leaves the workspace consistent
    // (an import carries on where it stopped; a canceled export writes no workflow_runs.csv).
    void progressAndCancel()
    {
        QTemporaryDir dir;
        const QString seed = dir.filePath(QStringLiteral("seed"));
        const QString wsDir = dir.filePath(QStringLiteral("ws"));
        const test::CliRun sample = test::runCli(
            { QStringLiteral("sample"), QStringLiteral("--out"), seed, QStringLiteral("--repos"), QStringLiteral("2"),
                QStringLiteral("--runs"), QStringLiteral("5"), QStringLiteral("--seed"), QStringLiteral("4") });
        QVERIFY2(sample.exitCode == 0, qPrintable(sample.err));

        workspace::Workspace ws;
        QVERIFY(ws.open(wsDir).ok());
        QList<std::pair<int, int>> calls;
        auto stopAfterThree = [&calls](int done, int total) {
            calls.append({ done, total });
            return done < 3;
        };
        auto canceled = workspace::SeedFolder::importFolder(ws, seed, stopAfterThree);
        QVERIFY2(canceled.ok(), qPrintable(canceled.ok() ? QString() : canceled.error()));
        QVERIFY(canceled->canceled);
        QCOMPARE(calls.size(), 4);
        QCOMPARE(calls.first(), std::make_pair(0, 10));
        // Three runs were handled (zipped, or recorded as having no logs); the rest wait.
        QCOMPARE(ws.archivesInState(workspace::ArchiveState::Pending)->size(), 7);
        const int downloadedBefore = int(ws.stats()->archivesDownloaded);
        QCOMPARE(canceled->archives, downloadedBefore);

        // A second import finishes the job.
        const auto finished = workspace::SeedFolder::importFolder(ws, seed);
        QVERIFY(finished.ok());
        QVERIFY(!finished->canceled);
        QCOMPARE(ws.stats()->runs, 10);
        QVERIFY(ws.archivesInState(workspace::ArchiveState::Pending)->isEmpty());
        const int downloaded = int(ws.stats()->archivesDownloaded);
        QCOMPARE(finished->archives, downloaded - downloadedBefore);

        // The background export reports progress and its summary.
        const QString out = dir.filePath(QStringLiteral("out"));
        QFutureWatcher<Result<workspace::SeedTransferSummary>> watcher;
        QSignalSpy done(&watcher, &QFutureWatcherBase::finished);
        QSignalSpy range(&watcher, &QFutureWatcherBase::progressRangeChanged);
        watcher.setFuture(pipeline::exportSeedLayout(wsDir, out));
        QVERIFY(done.wait(60000));
        const Result<workspace::SeedTransferSummary> exported = watcher.result();
        QVERIFY2(exported.ok(), qPrintable(exported.ok() ? QString() : exported.error()));
        QCOMPARE(exported->runs, 10);
        QCOMPARE(exported->archives, downloaded);
        QVERIFY(!range.isEmpty());
        QCOMPARE(range.last().at(1).toInt(), 10);
        QVERIFY(QFileInfo::exists(out + QStringLiteral("/workflow_runs.csv")));

        // A canceled export leaves no workflow_runs.csv behind.
        const QString partial = dir.filePath(QStringLiteral("partial"));
        auto cancelAtOnce = [](int, int) { return false; };
        const auto stopped = workspace::SeedFolder::exportFolder(ws, partial, cancelAtOnce);
        QVERIFY(stopped.ok());
        QVERIFY(stopped->canceled);
        QVERIFY(!QFileInfo::exists(partial + QStringLiteral("/workflow_runs.csv")));

        // A background import into a folder that cannot be a workspace names it.
        QFile blocker(dir.filePath(QStringLiteral("file")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        QFutureWatcher<Result<workspace::SeedTransferSummary>> failing;
        QSignalSpy failed(&failing, &QFutureWatcherBase::finished);
        failing.setFuture(pipeline::importSeedFolder(blocker.fileName(), seed));
        QVERIFY(failed.wait(30000));
        QVERIFY(!failing.result().ok());
        QVERIFY(failing.result().error().contains(blocker.fileName()));
    }

    void badInput_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::addRow("import without workspace") << QStringList { QStringLiteral("import"), QStringLiteral("x") } << 2
                                                  << QStringLiteral("--workspace DIR is required");
        QTest::addRow("import of a folder without csv") << QStringList { QStringLiteral("import"),
            QStringLiteral("--workspace"), QStringLiteral("@ws"), QStringLiteral("@empty") }
                                                        << 1 << QStringLiteral("has no workflow_runs.csv");
        QTest::addRow("import of a missing folder") << QStringList { QStringLiteral("import"),
            QStringLiteral("--workspace"), QStringLiteral("@ws"), QStringLiteral("@empty/nope") }
                                                    << 1 << QStringLiteral("does not exist");
        QTest::addRow("export without target") << QStringList { QStringLiteral("export"), QStringLiteral("--workspace"),
            QStringLiteral("@ws") } << 2 << QStringLiteral("--seed-layout OUT is required");
        QTest::addRow("export of no workspace") << QStringList { QStringLiteral("export"),
            QStringLiteral("--workspace"), QStringLiteral("@empty"), QStringLiteral("--seed-layout"),
            QStringLiteral("@out") } << 1 << QStringLiteral("has no runlens.db");
        QTest::addRow("collect without repo") << QStringList { QStringLiteral("collect"), QStringLiteral("--workspace"),
            QStringLiteral("@ws") } << 2 << QStringLiteral("no --repo");
        QTest::addRow("collect with bad repo") << QStringList { QStringLiteral("collect"),
            QStringLiteral("--workspace"), QStringLiteral("@ws"), QStringLiteral("--repo"), QStringLiteral("justname") }
                                               << 2 << QStringLiteral("'justname' is not OWNER/NAME");
        QTest::addRow("collect with bad date") << QStringList { QStringLiteral("collect"),
            QStringLiteral("--workspace"), QStringLiteral("@ws"), QStringLiteral("--repo"), QStringLiteral("o/r"),
            QStringLiteral("--since"), QStringLiteral("yesterday") }
                                               << 2 << QStringLiteral("--since 'yesterday' is not a YYYY-MM-DD date");
        QTest::addRow("collect with missing token file") << QStringList { QStringLiteral("collect"),
            QStringLiteral("--workspace"), QStringLiteral("@ws"), QStringLiteral("--repo"), QStringLiteral("o/r"),
            QStringLiteral("--token-file"), QStringLiteral("@empty/none") }
                                                         << 1 << QStringLiteral("does not exist");
    }

    void badInput()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        QTemporaryDir dir;
        QDir(dir.path()).mkpath(QStringLiteral("empty"));
        for (QString& a : args)
            a.replace(QLatin1Char('@'), dir.path() + QLatin1Char('/'));
        const test::CliRun run = test::runCli(args, 30000, dir.path());
        QCOMPARE(run.exitCode, exitCode);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
    }
};

QTEST_GUILESS_MAIN(TestSeedLayout)
#include "tst_seedlayout.moc"
