// Every real log in shared/reallogs opens and parses; counts match MANIFEST.tsv; ZIPs list their jobs/steps.
#include "logs/logsource.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace runlens;
using namespace runlens::logs;

namespace {

struct Counts
{
    qint64 lines = 0;
    qint64 timestamped = 0;
};

Counts countLines(const LogSource& source, int index, QString* error)
{
    Counts c;
    qint64 expectedNumber = 1;
    const Status status = source.forEachLine(index, [&](const LogLine& line) {
        if (line.lineNumber != expectedNumber++)
            return false;
        ++c.lines;
        c.timestamped += line.hasTimestamp ? 1 : 0;
        return true;
    });
    if (!status)
        *error = status.error();
    return c;
}

} // namespace

class TestRealLogsParse : public QObject
{
    Q_OBJECT

private slots:
    void snippets_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<qint64>("lines");
        QTest::addColumn<qint64>("timestamped");
        QFile manifest(test::realLogsDir() + QStringLiteral("/MANIFEST.tsv"));
        QVERIFY2(manifest.open(QIODevice::ReadOnly), qPrintable(manifest.fileName()));
        const QList<QByteArray> rows = manifest.readAll().split('\n');
        QVERIFY(rows.size() > 1);
        const QList<QByteArray> header = rows.first().trimmed().split('\t');
        const qsizetype nameCol = header.indexOf("name");
        const qsizetype linesCol = header.indexOf("lines");
        const qsizetype tsCol = header.indexOf("ts_lines");
        QVERIFY(nameCol >= 0 && linesCol >= 0 && tsCol >= 0);
        int added = 0;
        for (qsizetype i = 1; i < rows.size(); ++i) {
            const QList<QByteArray> cols = rows[i].trimmed().split('\t');
            if (cols.size() <= qMax(nameCol, qMax(linesCol, tsCol)))
                continue;
            const QString name = QString::fromUtf8(cols[nameCol]);
            QTest::addRow("%s", cols[nameCol].constData())
                << test::realLogsDir() + QLatin1Char('/') + name + QStringLiteral(".txt") << cols[linesCol].toLongLong()
                << cols[tsCol].toLongLong();
            ++added;
        }
        QVERIFY(added >= 10);
    }

    void snippets()
    {
        QFETCH(QString, path);
        QFETCH(qint64, lines);
        QFETCH(qint64, timestamped);
        const auto source = LogSource::open(path);
        QVERIFY2(source, qPrintable(source ? QString() : source.error()));
        QVERIFY(!source->entries().isEmpty());
        Counts total;
        for (int i = 0; i < source->entries().size(); ++i) {
            QString error;
            const Counts c = countLines(*source, i, &error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            total.lines += c.lines;
            total.timestamped += c.timestamped;
            const auto text = source->readEntry(i);
            QVERIFY(text);
            QVERIFY(!text->startsWith("\xEF\xBB\xBF"));
        }
        QCOMPARE(total.lines, lines);
        QCOMPARE(total.timestamped, timestamped);
    }

    void ghRunViewUtf16()
    {
        // Saved by PowerShell: UTF-16LE, CRLF, a UTF-8 BOM mangled to "∩╗┐" at each step start.
        const auto source
            = LogSource::open(test::realLogsDir() + QStringLiteral("/compile-error-sbt-zio-utf16-ghview.txt"));
        QVERIFY2(source, qPrintable(source ? QString() : source.error()));
        QCOMPARE(source->kind(), SourceKind::GhRunView);
        const QString job = QStringLiteral("test (11, ubuntu-22.04)");
        QCOMPARE(source->jobNames(), QStringList { job });
        const auto steps = source->steps(job);
        QVERIFY(steps);
        QStringList names;
        for (const StepRange& s : *steps)
            names.append(s.name);
        QCOMPARE(names.first(), QStringLiteral("Set up job"));
        QVERIFY(names.contains(QStringLiteral("Run tests")));
        QCOMPARE(names.last(), QStringLiteral("Complete job"));
        const int runTests = source->indexOf(job + QStringLiteral("\tRun tests"));
        QVERIFY(runTests >= 0);
        bool sawGroup = false;
        QVERIFY(source->forEachLine(runTests, [&](const LogLine& line) {
            if (line.lineNumber == 1)
                sawGroup = line.hasTimestamp && line.marker == Marker::Group && line.match.startsWith("Run sbt");
            return line.lineNumber < 1;
        }));
        QVERIFY(sawGroup);
    }

    void archives_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("job");
        QTest::addColumn<int>("entryCount");
        QTest::addColumn<QStringList>("someSteps");
        QTest::addColumn<qint64>("jobLogLines");
        QTest::addRow("Einars-Apps") << QStringLiteral("Einars-Apps_Matsjekk_ci-logs.zip")
                                     << QStringLiteral("analyze-and-test") << 8
                                     << QStringList { QStringLiteral("Set up job"),
                                            QStringLiteral("Checkout repository"),
                                            QStringLiteral("Install Flutter SDK (manual)"),
                                            QStringLiteral("Complete job") }
                                     << qint64(162);
        QTest::addRow("Mazhar10pearls") << QStringLiteral("Mazhar10pearls_AI-based-debugger_workflow_logs.zip")
                                        << QStringLiteral("Build, Test, and Deploy Local App") << 12
                                        << QStringList { QStringLiteral("Run unit tests"),
                                               QStringLiteral("Set up Docker Buildx"),
                                               QStringLiteral("Post Set up Docker Buildx") }
                                        << qint64(452);
        QTest::addRow("priit2000") << QStringLiteral("priit2000_out-of-android_workflow_logs.zip")
                                   << QStringLiteral("build") << 10
                                   << QStringList { QStringLiteral("Setup Android SDK"),
                                          QStringLiteral("Build with Gradle"), QStringLiteral("Post Checkout code") }
                                   << qint64(1874);
    }

    void archives()
    {
        QFETCH(QString, file);
        QFETCH(QString, job);
        QFETCH(int, entryCount);
        QFETCH(QStringList, someSteps);
        QFETCH(qint64, jobLogLines);
        const auto source = LogSource::open(test::realLogsDir() + QLatin1Char('/') + file);
        QVERIFY2(source, qPrintable(source ? QString() : source.error()));
        QCOMPARE(source->kind(), SourceKind::Zip);
        QCOMPARE(source->entries().size(), entryCount);
        QCOMPARE(source->jobNames(), QStringList { job });
        const int jobLog = source->indexOf(QStringLiteral("0_") + job + QStringLiteral(".txt"));
        QVERIFY(jobLog >= 0);
        QCOMPARE(source->entries()[jobLog].kind, EntryKind::JobLog);
        for (int i = 0; i < source->entries().size(); ++i) {
            QString error;
            const Counts c = countLines(*source, i, &error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            QVERIFY(c.lines > 0);
            if (i == jobLog)
                QCOMPARE(c.lines, jobLogLines);
        }

        const auto steps = source->steps(job);
        QVERIFY(steps);
        QStringList names;
        qint64 stepLines = 0;
        for (const StepRange& s : *steps) {
            QCOMPARE(s.source, StepSource::StepFile);
            names.append(s.name);
            stepLines += s.lastLine - s.firstLine + 1;
        }
        for (const QString& want : someSteps)
            QVERIFY2(names.contains(want), qPrintable(want));
        QCOMPARE(stepLines, jobLogLines); // the step files partition the whole-job log

        // Deriving steps from ##[group]Run markers alone (the 2025 shape) gives the same partition.
        const auto text = source->readEntry(jobLog);
        QVERIFY(text);
        const QList<StepRange> derived = stepsFromGroupMarkers(*text, job, jobLog);
        QCOMPARE(derived.size(), steps->size());
        for (qsizetype i = 0; i < derived.size(); ++i) {
            const qint64 fileLines = steps->at(i).lastLine - steps->at(i).firstLine + 1;
            QCOMPARE(derived[i].lastLine - derived[i].firstLine + 1, fileLines);
        }
    }
};

QTEST_GUILESS_MAIN(TestRealLogsParse)
#include "tst_reallogs_parse.moc"
