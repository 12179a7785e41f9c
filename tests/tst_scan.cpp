#include "ghalogs/targzwriter.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QStringDecoder>
#include <QStringEncoder>
#include <QTemporaryDir>
#include <QTest>

#include <quazip.h>
#include <quazipfile.h>
#include <quazipnewinfo.h>

using namespace runlens::test;

// `runlens-cli scan` on generated inputs: a seed layout, ZIPs (one corrupt), a UTF-16 log; the three
// formats, --memory-list against the old Python filter, --naive, and exit codes 0/1/2.
class TestScan : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_seed;
    QString m_goodZip;
    QString m_badZip;
    QString m_utf16;

    static void writeFile(const QString& path, const QByteArray& content)
    {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile file(path);
        QVERIFY2(file.open(QIODevice::WriteOnly), qPrintable(path));
        QCOMPARE(file.write(content), content.size());
    }

    static void writeZip(const QString& path, const QList<std::pair<QString, QByteArray>>& entries)
    {
        QuaZip zip(path);
        QVERIFY(zip.open(QuaZip::mdCreate));
        for (const auto& [name, data] : entries) {
            QuaZipFile file(&zip);
            QVERIFY(file.open(QIODevice::WriteOnly, QuaZipNewInfo(name)));
            QCOMPARE(file.write(data), data.size());
            file.close();
        }
        zip.close();
        QCOMPARE(zip.getZipError(), 0);
    }

    static QByteArray ts(const char* text, int second)
    {
        return QStringLiteral("2024-02-03T04:05:%1.1234567Z ").arg(second, 2, 10, QLatin1Char('0')).toUtf8() + text
            + '\n';
    }

    CliRun scan(QStringList args)
    {
        args.prepend(QStringLiteral("scan"));
        return runCli(args);
    }

    QJsonObject runByName(const QJsonArray& runs, const QString& name)
    {
        for (const QJsonValue& run : runs) {
            if (run[QStringLiteral("run")].toString() == name)
                return run.toObject();
        }
        return {};
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_seed = m_dir.filePath(QStringLiteral("seed"));
        writeFile(m_seed + QStringLiteral("/workflow_runs.csv"),
            "id,repo,conclusion\n1001,o/r,failure\n1002,o/r,failure\n2001,o/r,success\n");
        // 1001: OOM-killed test step (the whole-job log and the step log).
        const QByteArray oom = ts("##[group]Run pytest", 1) + ts("collected 512 items", 2) + ts("Killed", 3)
            + ts("##[error]Process completed with exit code 137.", 4);
        writeFile(m_seed + QStringLiteral("/logs_failure/1001/0_test.txt"), ts("Set up job", 0) + oom);
        writeFile(m_seed + QStringLiteral("/logs_failure/1001/test/3_Run pytest.txt"), oom);
        // 1002: a plain test failure whose counters trip the old keywords.
        writeFile(m_seed + QStringLiteral("/logs_failure/1002/0_test.txt"),
            ts("Receiving objects:  10% (137/1368)", 1) + ts("FAILED tests/test_x.py::test_zoom", 2)
                + ts("##[error]Process completed with exit code 1.", 3));
        // 2001: success.
        writeFile(m_seed + QStringLiteral("/logs_normal/2001/0_test.txt"),
            ts("======= 12 passed in 1.2s =======", 1) + ts("Cleaning up orphan processes", 2));

        m_goodZip = m_dir.filePath(QStringLiteral("zips/good.zip"));
        QDir().mkpath(m_dir.filePath(QStringLiteral("zips")));
        writeZip(m_goodZip,
            { { QStringLiteral("0_build.txt"),
                  ts("npm run build", 1)
                      + ts("FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory", 2)
                      + ts("##[error]Process completed with exit code 134.", 3) },
                { QStringLiteral("build/system.txt"), ts("Requested labels: ubuntu-latest", 0) } });
        m_badZip = m_dir.filePath(QStringLiteral("zips/bad.zip"));
        writeFile(m_badZip, QByteArrayLiteral("PK\x03\x04 this is not really a zip archive"));

        m_utf16 = m_dir.filePath(QStringLiteral("utf16.txt"));
        QStringEncoder encoder(QStringEncoder::Utf16LE, QStringEncoder::Flag::WriteBom);
        const QByteArray utf16
            = encoder(QStringLiteral("2024-02-03T04:05:06.1234567Z Traceback (most recent call last):\r\n"
                                     "2024-02-03T04:05:07.1234567Z MemoryError\r\n"));
        writeFile(m_utf16, utf16);
    }

    void textFormat()
    {
        const CliRun run = scan({ m_seed });
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(
            run.out.contains(QLatin1String("logs_failure/1001 [folder]: oom-killed (final)")), qPrintable(run.out));
        QVERIFY2(run.out.contains(QLatin1String("final   oom-killed   test/3_Run pytest.txt:4")), qPrintable(run.out));
        QVERIFY2(run.out.contains(QLatin1String("earlier oom-killed   test/3_Run pytest.txt:3")), qPrintable(run.out));
        QVERIFY2(run.out.contains(QLatin1String("logs_failure/1002 [folder]: no memory failure")), qPrintable(run.out));
        QVERIFY2(run.out.contains(QLatin1String("logs_normal/2001 [folder]: no memory failure")), qPrintable(run.out));
        QVERIFY2(run.out.contains(QLatin1String("3 run(s) scanned, 1 with a memory failure, 0 failed to read")),
            qPrintable(run.out));
        QVERIFY2(run.err.isEmpty(), qPrintable(run.err));
    }

    void jsonFormat()
    {
        const CliRun run = scan({ m_seed, m_goodZip, QStringLiteral("--format"), QStringLiteral("json") });
        QCOMPARE(run.exitCode, 0);
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(run.out.toUtf8(), &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        const QJsonObject root = doc.object();
        QCOMPARE(root[QStringLiteral("format")].toString(), QStringLiteral("runlens-scan/1"));
        QCOMPARE(root[QStringLiteral("mode")].toString(), QStringLiteral("taxonomy"));
        const QJsonArray runs = root[QStringLiteral("runs")].toArray();
        QCOMPARE(runs.size(), 4);

        const QJsonObject oom = runByName(runs, QStringLiteral("logs_failure/1001"));
        QCOMPARE(oom[QStringLiteral("source")].toString(), QStringLiteral("folder"));
        QCOMPARE(oom[QStringLiteral("ok")].toBool(), true);
        QCOMPARE(oom[QStringLiteral("memory_failure")].toBool(), true);
        QCOMPARE(oom[QStringLiteral("final_category")].toString(), QStringLiteral("oom-killed"));
        QCOMPARE(oom[QStringLiteral("categories")].toArray(), QJsonArray { QStringLiteral("oom-killed") });
        QCOMPARE(oom[QStringLiteral("entries")].toInt(), 2);
        const QJsonArray hits = oom[QStringLiteral("hits")].toArray();
        QCOMPARE(hits.size(), 4);
        const QJsonObject last = hits.last().toObject();
        QCOMPARE(last[QStringLiteral("entry")].toString(), QStringLiteral("test/3_Run pytest.txt"));
        QCOMPARE(last[QStringLiteral("line")].toInt(), 4);
        QCOMPARE(last[QStringLiteral("final")].toBool(), true);
        QCOMPARE(last[QStringLiteral("rule")].toString(), QStringLiteral("exit-137"));
        QCOMPARE(last[QStringLiteral("possible")].toBool(), false);
        QVERIFY(last[QStringLiteral("text")].toString().endsWith(QLatin1String("exit code 137.")));
        QCOMPARE(hits.first()[QStringLiteral("final")].toBool(), false);

        const QJsonObject zip = runByName(runs, m_goodZip);
        QCOMPARE(zip[QStringLiteral("source")].toString(), QStringLiteral("zip"));
        QCOMPARE(zip[QStringLiteral("final_category")].toString(), QStringLiteral("node-heap"));
        QCOMPARE(zip[QStringLiteral("matched_files")].toArray(),
            QJsonArray { QString(m_goodZip + QStringLiteral("/0_build.txt")) });

        const QJsonObject clean = runByName(runs, QStringLiteral("logs_failure/1002"));
        QCOMPARE(clean[QStringLiteral("memory_failure")].toBool(), false);
        QVERIFY(clean[QStringLiteral("final_category")].isNull());
        QCOMPARE(clean[QStringLiteral("hits")].toArray().size(), 0);

        const QJsonObject summary = root[QStringLiteral("summary")].toObject();
        QCOMPARE(summary[QStringLiteral("runs")].toInt(), 4);
        QCOMPARE(summary[QStringLiteral("memory_failures")].toInt(), 2);
        QCOMPARE(summary[QStringLiteral("failed")].toInt(), 0);
        QCOMPARE(summary[QStringLiteral("by_category")][QStringLiteral("node-heap")].toInt(), 1);
    }

    void csvFormat()
    {
        const CliRun run = scan({ m_seed, QStringLiteral("--format"), QStringLiteral("csv") });
        QCOMPARE(run.exitCode, 0);
        const QStringList lines = run.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.value(0), QStringLiteral("run,source,status,category,final,possible,entry,line,rule,text"));
        QCOMPARE(lines.size(), 1 + 4 + 2); // 4 hits of 1001, one clean row each for 1002 and 2001
        QVERIFY2(
            lines.contains(QStringLiteral("logs_failure/1001,folder,hit,oom-killed,true,false,test/3_Run pytest.txt,4,"
                                          "exit-137,2024-02-03T04:05:04.1234567Z ##[error]Process completed with "
                                          "exit code 137.")),
            qPrintable(run.out));
        QVERIFY(lines.contains(QStringLiteral("logs_failure/1002,folder,clean,,,,,,,")));
        QVERIFY(lines.contains(QStringLiteral("logs_normal/2001,folder,clean,,,,,,,")));
    }

    void csvQuotesFields()
    {
        QTemporaryDir dir;
        const QString log = dir.filePath(QStringLiteral("quoted.txt"));
        writeFile(log, "Error: \"spawn\" failed, ENOMEM\n");
        const CliRun run = scan({ log, QStringLiteral("--format=csv") });
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(
            run.out.contains(QLatin1String(",enomem,\"Error: \"\"spawn\"\" failed, ENOMEM\"\n")), qPrintable(run.out));
    }

    void memoryList()
    {
        const QString list = m_dir.filePath(QStringLiteral("memory_logs.txt"));
        const CliRun run = scan({ m_seed, QStringLiteral("--memory-list"), list });
        QCOMPARE(run.exitCode, 0);
        QFile file(list);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(file.readAll()),
            m_seed + QStringLiteral("/logs_failure/1001/0_test.txt\n") + m_seed
                + QStringLiteral("/logs_failure/1001/test/3_Run pytest.txt\n"));
    }

    void naiveMatchesTheOldPythonFilter()
    {
        const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
        if (python.isEmpty())
            QSKIP("python3 is not installed");
        const QString ours = m_dir.filePath(QStringLiteral("naive.txt"));
        const QString theirs = m_dir.filePath(QStringLiteral("python.txt"));
        const CliRun run = scan({ m_seed, QStringLiteral("--naive"), QStringLiteral("--memory-list"), ours });
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(QLatin1String("logs_failure/1002 [folder]: keyword match in 1 file(s)")),
            qPrintable(run.out));
        QVERIFY2(run.out.contains(QLatin1String("\"137\"")), qPrintable(run.out));
        QProcess process;
        process.start(python, { sharedDir() + QStringLiteral("/anchors/seed_filter.py"), m_seed, theirs });
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 0);
        auto readSorted = [](const QString& path) {
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly))
                return QStringList { QStringLiteral("cannot read ") + path };
            QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
            lines.sort();
            return lines;
        };
        const QStringList expected = readSorted(theirs);
        QCOMPARE(expected.size(), 3); // 1001 (two files: "killed", "137") and 1002 ("137" counter)
        QCOMPARE(readSorted(ours), expected);
    }

    void naiveJson()
    {
        const CliRun run
            = scan({ m_goodZip, QStringLiteral("--naive"), QStringLiteral("--format"), QStringLiteral("json") });
        QCOMPARE(run.exitCode, 0);
        const QJsonObject root = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(root[QStringLiteral("mode")].toString(), QStringLiteral("naive"));
        const QJsonObject zip = root[QStringLiteral("runs")].toArray().first().toObject();
        QCOMPARE(zip[QStringLiteral("keyword_match")].toBool(), true);
        const QJsonObject hit = zip[QStringLiteral("keyword_hits")].toArray().first().toObject();
        QCOMPARE(hit[QStringLiteral("entry")].toString(), QStringLiteral("0_build.txt"));
        QCOMPARE(hit[QStringLiteral("line")].toInt(), 2);
        QCOMPARE(hit[QStringLiteral("keyword")].toString(), QStringLiteral("out of memory"));
    }

    void utf16Log()
    {
        const CliRun run = scan({ m_utf16 });
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(QLatin1String("utf16.txt [file]: native-alloc (final)")), qPrintable(run.out));
        QVERIFY2(run.out.contains(QLatin1String("utf16.txt:2  2024-02-03T04:05:07.1234567Z MemoryError\n")),
            qPrintable(run.out));
    }

    void corruptZipAmongGoodOnes()
    {
        const CliRun run = scan({ m_goodZip, m_badZip, m_seed, QStringLiteral("--format"), QStringLiteral("json") });
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(m_badZip), qPrintable(run.err));
        const QJsonObject root = QJsonDocument::fromJson(run.out.toUtf8()).object();
        const QJsonArray runs = root[QStringLiteral("runs")].toArray();
        QCOMPARE(runs.size(), 5);
        const QJsonObject bad = runByName(runs, m_badZip);
        QCOMPARE(bad[QStringLiteral("ok")].toBool(), false);
        QVERIFY(bad[QStringLiteral("error")].toString().contains(m_badZip));
        QCOMPARE(runByName(runs, m_goodZip)[QStringLiteral("final_category")].toString(), QStringLiteral("node-heap"));
        QCOMPARE(runByName(runs, QStringLiteral("logs_failure/1001"))[QStringLiteral("final_category")].toString(),
            QStringLiteral("oom-killed"));
        QCOMPARE(root[QStringLiteral("summary")][QStringLiteral("failed")].toInt(), 1);
    }

    // A GHALogs archive is named as what it is, not as a ZIP.
    void tarGzArchive()
    {
        const QString path = m_dir.filePath(QStringLiteral("run-7.tar.gz"));
        runlens::ghalogs::TarGzWriter writer;
        QVERIFY(writer.open(path, runlens::ghalogs::TarGzWriter::Mode::Tar));
        QVERIFY(writer.addFile(QStringLiteral("0_build.txt"),
            ts("npm run build", 1)
                + ts("FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory", 2)));
        QVERIFY(writer.close());
        const CliRun text = scan({ path });
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.contains(QLatin1String("run-7.tar.gz [tar.gz]: node-heap (final)")), qPrintable(text.out));
        const CliRun json = scan({ path, QStringLiteral("--format"), QStringLiteral("json") });
        const QJsonArray runs = QJsonDocument::fromJson(json.out.toUtf8())[QStringLiteral("runs")].toArray();
        QCOMPARE(runByName(runs, path)[QStringLiteral("source")].toString(), QStringLiteral("tar.gz"));
    }

    void folderOfZips()
    {
        const CliRun run = scan({ m_dir.filePath(QStringLiteral("zips")) });
        QCOMPARE(run.exitCode, 1); // bad.zip fails, good.zip is reported
        QVERIFY2(run.out.contains(QLatin1String("good.zip [zip]: node-heap (final)")), qPrintable(run.out));
        QVERIFY2(run.out.contains(QLatin1String("2 run(s) scanned, 1 with a memory failure, 1 failed to read")),
            qPrintable(run.out));
    }

    // A run killed mid-upload: its archive holds a good entry with an OOM kill, then one that fails to read
    // (its CRC does not match). The run is an error, and the hit found before it is shown with it.
    void readErrorKeepsTheHitsBeforeIt()
    {
        const QString zip = m_dir.filePath(QStringLiteral("partial/killed.zip"));
        QDir().mkpath(QFileInfo(zip).absolutePath());
        writeZip(zip,
            { { QStringLiteral("0_test.txt"),
                  ts("Killed", 1) + ts("##[error]Process completed with exit code 137.", 2) },
                { QStringLiteral("1_upload.txt"), ts("Uploading artifact", 3) } });
        QFile file(zip);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QByteArray bytes = file.readAll();
        // The CRC of the second entry, in its local header (offset 14) and central directory record (16).
        const qsizetype local = bytes.indexOf("PK\x03\x04", 4);
        const qsizetype central = bytes.indexOf("PK\x01\x02", bytes.indexOf("PK\x01\x02") + 4);
        QVERIFY(local > 0 && central > 0);
        bytes[local + 14] = char(bytes[local + 14] ^ 0x55);
        bytes[central + 16] = char(bytes[central + 16] ^ 0x55);
        QVERIFY(file.seek(0));
        QCOMPARE(file.write(bytes), bytes.size());
        file.close();

        const CliRun text = scan({ zip });
        QCOMPARE(text.exitCode, 1);
        QVERIFY2(text.err.contains(QLatin1String("1_upload.txt")), qPrintable(text.err));
        QVERIFY2(text.out.contains(QLatin1String("killed.zip [zip]: oom-killed (final)\n")), qPrintable(text.out));
        QVERIFY2(text.out.contains(QLatin1String("0_test.txt:1  2024-02-03T04:05:01.1234567Z Killed\n")),
            qPrintable(text.out));
        QVERIFY2(text.out.contains(QLatin1String("  error: ")), qPrintable(text.out));
        QVERIFY2(text.out.contains(QLatin1String("1 run(s) scanned, 1 with a memory failure, 1 failed to read")),
            qPrintable(text.out));

        const CliRun json = scan({ zip, QStringLiteral("--format"), QStringLiteral("json") });
        QCOMPARE(json.exitCode, 1);
        const QJsonObject run
            = QJsonDocument::fromJson(json.out.toUtf8())[QStringLiteral("runs")].toArray().first().toObject();
        QCOMPARE(run[QStringLiteral("ok")].toBool(), false);
        QVERIFY(run[QStringLiteral("error")].toString().contains(QLatin1String("1_upload.txt")));
        QCOMPARE(run[QStringLiteral("final_category")].toString(), QStringLiteral("oom-killed"));
        QCOMPARE(run[QStringLiteral("hits")].toArray().first()[QStringLiteral("entry")].toString(),
            QStringLiteral("0_test.txt"));

        const CliRun csv = scan({ zip, QStringLiteral("--format"), QStringLiteral("csv") });
        QCOMPARE(csv.exitCode, 1);
        QVERIFY2(csv.out.contains(QLatin1String(",error,")), qPrintable(csv.out));
        QVERIFY2(csv.out.contains(QLatin1String(",hit,oom-killed,false,false,0_test.txt,1,")), qPrintable(csv.out));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::addRow("no path") << QStringList {} << QStringLiteral("no PATH given");
        QTest::addRow("unknown format") << QStringList { QStringLiteral("--format"), QStringLiteral("xml"),
            QStringLiteral(".") } << QStringLiteral("unknown format 'xml'");
        QTest::addRow("missing path") << QStringList { QStringLiteral("/nonexistent/runlens/logs.zip") }
                                      << QStringLiteral("'/nonexistent/runlens/logs.zip': no such file or folder");
        QTest::addRow("bad threads") << QStringList { QStringLiteral("--threads"), QStringLiteral("zero"),
            QStringLiteral(".") } << QStringLiteral("--threads 'zero'");
        QTest::addRow("memory list without file")
            << QStringList { QStringLiteral("--memory-list") } << QStringLiteral("memory-list");
    }

    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const CliRun run = scan(args);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
        QVERIFY(run.out.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestScan)
#include "tst_scan.moc"
