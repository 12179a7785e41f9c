// Failure lines: error cues, template masking, the ranking on every input kind, the development cases
// of ../shared/failure-lines, cancellation, stored runs and the CLI contract.
#include "testsupport.h"

#include "failurelines/failurelineranker.h"
#include "failurelines/storedrunlogs.h"
#include "features/linetemplate.h"
#include "features/templatebaseline.h"
#include "logs/errorcue.h"
#include "workspace/workspace.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <random>

#include <algorithm>

using namespace runlens;
using namespace runlens::failurelines;

namespace {
QByteArray stamp(int second)
{
    return QStringLiteral("2024-05-01T08:%1:%2.1234567Z ")
        .arg(second / 60 % 60, 2, 10, QLatin1Char('0'))
        .arg(second % 60, 2, 10, QLatin1Char('0'))
        .toLatin1();
}

// A console build log with run-specific numbers; `failing` adds a failing test report in the middle and
// a failed ending.
QByteArray consoleLog(int run, bool failing, bool timestamps)
{
    QByteArrayList lines;
    for (int i = 0; i < 40; ++i)
        lines << QByteArray("Compiling module ") + QByteArray::number(i) + " in " + QByteArray::number(run * 7 % 13)
                + ".2s";
    lines << "Running tests";
    for (int i = 0; i < 30; ++i)
        lines << QByteArray("test_case_") + QByteArray::number(i) + " ... ok (" + QByteArray::number(run + i) + " ms)";
    if (failing) {
        lines << "test_parser_roundtrip ... FAILED";
        lines << "Traceback (most recent call last):";
        lines << "  File \"/tmp/work/tests/test_parser.py\", line 42, in test_parser_roundtrip";
        lines << "    assert parse(dump(x)) == x";
        lines << "AssertionError: expected 3 but was 4";
    }
    for (int i = 30; i < 60; ++i)
        lines << QByteArray("test_case_") + QByteArray::number(i) + " ... ok (" + QByteArray::number(run + i) + " ms)";
    lines << (failing ? QByteArray("1 failed, 60 passed in 3.1s") : QByteArray("61 passed in 2.9s"));
    lines << (failing ? QByteArray("Finished: FAILURE") : QByteArray("Finished: SUCCESS"));
    QByteArray out;
    for (int i = 0; i < lines.size(); ++i)
        out += (timestamps ? stamp(i) : QByteArray()) + lines.at(i) + '\n';
    return out;
}

const FailureLineRanker& ranker()
{
    static const FailureLineRanker instance = [] {
        Result<FailureLineRanker> created = FailureLineRanker::create();
        if (!created)
            qFatal("%s", qPrintable(created.error()));
        return std::move(created).value();
    }();
    return instance;
}

qint64 rankOf(const FailureLinesResult& result, const std::function<bool(const FailureLine&)>& pred)
{
    const auto it = std::find_if(result.lines.begin(), result.lines.end(), pred);
    return it == result.lines.end() ? -1 : it->rank;
}

// Ground-truth line numbers count '\r', '\n' and "\r\n" as line ends; map each to the '\n' line that
// holds it (the line numbers RunLens reports).
QList<qint64> javaToLfLines(const QByteArray& data)
{
    QList<qint64> map;
    qint64 lf = 1;
    for (qsizetype i = 0; i < data.size();) {
        qsizetype j = i;
        while (j < data.size() && data[j] != '\n' && data[j] != '\r')
            ++j;
        map << lf;
        if (j + 1 < data.size() && data[j] == '\r' && data[j + 1] == '\n')
            ++j;
        if (j < data.size() && data[j] == '\n')
            ++lf;
        i = j + 1;
    }
    return map;
}
} // namespace

class TestFailureLines : public QObject
{
    Q_OBJECT

private slots:
    void errorCues_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("expected");
        QTest::addRow("maven error") << QByteArray("[ERROR] Failed to execute goal x")
                                     << int(logs::CueError | logs::CueFailed);
        QTest::addRow("zero counts") << QByteArray("Tests run: 5, Failures: 0, Errors: 0, Skipped: 0") << 0;
        QTest::addRow("zero failed") << QByteArray("61 passed, 0 failed in 2.0s") << 0;
        QTest::addRow("plugin name") << QByteArray("[INFO] --- maven-failsafe-plugin:3.0:verify") << 0;
        QTest::addRow("identifier") << QByteArray("compiling errorprone_support.cc") << 0;
        QTest::addRow("gcc") << QByteArray("src/a.c:12:5: error: 'x' undeclared")
                             << int(logs::CueError | logs::CueCompilerDiagnostic);
        QTest::addRow("javac") << QByteArray("[ERROR] /w/A.java:[42,46] cannot find symbol")
                               << int(logs::CueError | logs::CueCompilerDiagnostic);
        QTest::addRow("java frame") << QByteArray("\tat org.foo.Bar.baz(Bar.java:12)") << int(logs::CueStackFrame);
        QTest::addRow("python frame") << QByteArray("  File \"t.py\", line 3, in f") << int(logs::CueStackFrame);
        QTest::addRow("traceback") << QByteArray("Traceback (most recent call last):") << int(logs::CueTraceback);
        QTest::addRow("assertion") << QByteArray("java.lang.AssertionError: expected:<1> but was:<2>")
                                   << int(logs::CueError | logs::CueAssertion);
        QTest::addRow("exception") << QByteArray("Caused by: java.io.IOException: boom") << int(logs::CueException);
        QTest::addRow("fatal") << QByteArray("fatal: unable to access 'https://x/'") << int(logs::CueFatal);
        QTest::addRow("plain") << QByteArray("Downloading 12 packages") << 0;
    }
    void errorCues()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, expected);
        QCOMPARE(int(logs::errorCues(text)), expected);
    }

    // Looking only for the cues the line's words allow (as the feature extractor's prefilter does) finds
    // every cue but the stack frame, which no word guards; and a cue not allowed is not looked for.
    void errorCuesOfTheLinesWords()
    {
        const auto possibleIn = [](const QByteArray& text) {
            const QByteArray lower = text.toLower();
            logs::ErrorCues possible = logs::NoCue;
            for (const logs::ErrorStatementWord& word : logs::errorStatementWords()) {
                if (lower.contains(QByteArrayView(word.text.data(), qsizetype(word.text.size()))))
                    possible |= word.cues;
            }
            return possible;
        };
        const logs::ErrorCues statements = logs::kEveryCue & ~logs::ErrorCues(logs::CueStackFrame);
        QList<QByteArray> lines { "[ERROR] Failed to execute goal x", "Tests run: 5, Failures: 0, Errors: 0",
            "src/a.c:12:5: error: 'x' undeclared", "[ERROR] /w/A.java:[42,46] cannot find symbol",
            "java.lang.AssertionError: expected:<1> but was:<2>", "expected 3 BUT WAS 4", "assertion failed: x",
            "Caused by: java.io.IOException: boom", "FATAL: panic: core dumped", "Segmentation fault",
            "npm ERR! code 1", "Traceback (most recent call last):", "XmlParseError at line 3", "A.java:[3] x" };
        // Random lines of the words, their neighbours and zero counts, joined by nothing or a separator.
        const QList<QByteArray> tokens { "error", "ERROR", "Errors", "errorprone", "XmlError", "err!", "fail",
            "Failures", "failed", "FAILED", "0", "12", "exception", "Caused by:", "fatal", "panic:", "but was",
            "expected", "AssertionError", "assertion failed", ":[", "]", ",", "at", "Bar.java:3)", "(", "x.c:3",
            "segmentation fault", "core dumped", "Traceback (most recent call last)", "ok" };
        const QList<QByteArray> separators { "", " ", " ", ": ", "=", "\t" };
        std::mt19937 random(18);
        for (int i = 0; i < 20000; ++i) {
            QByteArray line;
            const int count = 1 + int(random() % 8);
            for (int j = 0; j < count; ++j)
                line += tokens[qsizetype(random() % quint32(tokens.size()))]
                    + separators[qsizetype(random() % quint32(separators.size()))];
            lines << line;
        }
        int withCues = 0;
        for (const QByteArray& line : std::as_const(lines)) {
            const logs::ErrorCues all = logs::errorCues(line) & statements;
            const logs::ErrorCues possible = possibleIn(line);
            QCOMPARE(int(logs::errorCues(line, possible & statements)), int(all));
            QCOMPARE(int(all & ~possible), 0);
            QCOMPARE(int(logs::errorCues(line, logs::ErrorCues(logs::CueStackFrame)) & statements), 0);
            withCues += all != logs::NoCue;
        }
        QVERIFY2(withCues > 5000, qPrintable(QString::number(withCues)));
    }

    void templatesMaskRunSpecificParts()
    {
        using features::lineTemplateHash;
        QCOMPARE(lineTemplateHash("Compiled 12 files in 3.4s"), lineTemplateHash("Compiled 9 files in 0.8s"));
        QCOMPARE(lineTemplateHash("[INFO] -----"), lineTemplateHash("[INFO] ------------------"));
        QCOMPARE(lineTemplateHash("cd /tmp/a1"), lineTemplateHash("cd /home/runner/b"));
        QVERIFY(lineTemplateHash("error in module A") != lineTemplateHash("error in module B"));
        QVERIFY(lineTemplateHash("a - b") != lineTemplateHash("a -- b"));
    }

    void templateBaselineCountsRuns()
    {
        features::TemplateBaseline baseline;
        QVERIFY(baseline.isEmpty());
        const std::vector<quint64> first { 1, 2, 2, 3 };
        const std::vector<quint64> second { 3, 4 };
        baseline.addRun(first);
        baseline.addRun(second);
        QCOMPARE(baseline.runs(), 2);
        QCOMPARE(baseline.runsWith(2), 1);
        QCOMPARE(baseline.runsWith(3), 2);
        QVERIFY(baseline.isNovel(5));
        QVERIFY(!baseline.isNovel(3, 1));
        QVERIFY(baseline.isNovel(4, 1));
    }

    void ranksNovelErrorBlock_data()
    {
        QTest::addColumn<bool>("timestamps");
        QTest::addColumn<bool>("withBaseline");
        QTest::addRow("plain, baseline") << false << true;
        QTest::addRow("plain, no baseline") << false << false;
        QTest::addRow("timestamped, baseline") << true << true;
        QTest::addRow("timestamped, no baseline") << true << false;
    }
    void ranksNovelErrorBlock()
    {
        QFETCH(bool, timestamps);
        QFETCH(bool, withBaseline);
        QTemporaryDir dir;
        const QString failed = test::writeFile(dir.path(), QStringLiteral("fail.log"), consoleLog(5, true, timestamps));
        QStringList baselines;
        for (int run : { 1, 2 })
            baselines << test::writeFile(
                dir.path(), QStringLiteral("pass%1.log").arg(run), consoleLog(run, false, timestamps));
        if (!withBaseline)
            baselines.clear();
        Result<FailureLinesResult> result = ranker().rank(failed, baselines, { 10, true });
        QVERIFY2(result, qPrintable(result ? QString() : result.error()));
        QCOMPARE(result->totalLines, 108);
        QVERIFY(!result->lines.empty());
        QVERIFY(result->lines.size() <= 10);
        // The failing test report (lines 72-76) leads, listed by its head; the summary "1 failed, 60 passed"
        // near the end and the assertion may precede it.
        QCOMPARE(result->lines.front().rank, 1);
        const qint64 head = rankOf(*result, [](const FailureLine& l) { return l.line == 72; });
        QVERIFY2(head >= 1 && head <= 3, qPrintable(QString::number(head)));
        const FailureLine& top = result->lines[size_t(head - 1)];
        QCOMPARE(top.entry, QStringLiteral("fail.log"));
        QCOMPARE(top.text, QStringLiteral("test_parser_roundtrip ... FAILED"));
        QVERIFY(top.block > 0);
        if (withBaseline) {
            QVERIFY(top.reasons.contains(QStringLiteral("novel")));
            QVERIFY2(top.reasons.contains(QStringLiteral("block head (5 lines)")), qPrintable(top.reasons.join(u',')));
            // Lines with run-specific numbers only are known; the report's lines are not.
            QCOMPARE(result->entries.size(), size_t(1));
            QVERIFY(result->entries.front().isKnown(1));
            QVERIFY(!result->entries.front().isKnown(72));
            QVERIFY(!result->entries.front().isKnown(76));
            const qint64 outcome = rankOf(*result, [](const FailureLine& l) { return l.line == 108; });
            QVERIFY(outcome < 0 || result->lines[size_t(outcome - 1)].reasons.contains(QStringLiteral("outcome line")));
        }
        for (size_t i = 1; i < result->lines.size(); ++i)
            QVERIFY(result->lines[i].score <= result->lines[i - 1].score);
        const qint64 assertion = rankOf(*result, [](const FailureLine& l) { return l.line == 76; });
        QVERIFY2(assertion > 0 && assertion <= 5, qPrintable(QString::number(assertion)));
    }

    void githubArchiveHasJobsStepsAndAnnotations()
    {
        QTemporaryDir dir;
        auto jobLog = [](bool failing) {
            QByteArray log;
            int s = 0;
            auto add = [&](const QByteArray& line) { log += stamp(s++) + line + '\n'; };
            add("Current runner version: '2.316.0'");
            add("##[group]Run actions/checkout@v4");
            add("Syncing repository: octo/app");
            add("##[endgroup]");
            add("##[group]Run make test");
            for (int i = 0; i < 20; ++i)
                add(QByteArray("ok ") + QByteArray::number(i));
            if (failing) {
                add("src/parser.c:12:5: error: 'token' undeclared (first use in this function)");
                add("make: *** [Makefile:10: all] Error 1");
                add("##[error]Process completed with exit code 2.");
            }
            add("##[endgroup]");
            add("Post job cleanup.");
            return log;
        };
        const QString failed = dir.filePath(QStringLiteral("fail.zip"));
        const QString passed = dir.filePath(QStringLiteral("pass.zip"));
        QVERIFY(test::writeZip(failed, { { QStringLiteral("0_build.txt"), jobLog(true) } }));
        QVERIFY(test::writeZip(passed, { { QStringLiteral("0_build.txt"), jobLog(false) } }));
        Result<FailureLinesResult> result = ranker().rank(failed, { passed }, { 5, false });
        QVERIFY2(result, qPrintable(result ? QString() : result.error()));
        const FailureLine& top = result->lines.front();
        QCOMPARE(top.entry, QStringLiteral("0_build.txt"));
        QCOMPARE(top.line, 26);
        QCOMPARE(top.job, QStringLiteral("build"));
        QCOMPARE(top.step, QStringLiteral("Run make test"));
        QVERIFY(top.reasons.contains(QStringLiteral("compiler diagnostic")));
        QVERIFY(top.reasons.contains(QStringLiteral("failing step")));
        const qint64 annotation = rankOf(*result, [](const FailureLine& l) {
            return l.reasons.contains(QStringLiteral("error annotation")) && l.line == 28;
        });
        QVERIFY(annotation > 0);
        QVERIFY(result->entries.empty());
    }

    void ghRunViewAndFinalCause()
    {
        QTemporaryDir dir;
        QByteArray view;
        int s = 0;
        for (int i = 0; i < 10; ++i)
            view += "build\tSet up job\t" + stamp(s++) + "Preparing " + QByteArray::number(i) + '\n';
        for (int i = 0; i < 10; ++i)
            view += "build\tRun tests\t" + stamp(s++) + "step " + QByteArray::number(i) + '\n';
        view += "build\tRun tests\t" + stamp(s++) + "##[error]Process completed with exit code 137.\n";
        const QString failed = test::writeFile(dir.path(), QStringLiteral("view.txt"), view);
        Result<FailureLinesResult> result = ranker().rank(failed, QStringList(), { 3, false });
        QVERIFY2(result, qPrintable(result ? QString() : result.error()));
        const FailureLine& top = result->lines.front();
        QCOMPARE(top.entry, QStringLiteral("build\tRun tests"));
        QCOMPARE(top.line, 11);
        QCOMPARE(top.step, QStringLiteral("Run tests"));
        QVERIFY2(top.reasons.contains(QStringLiteral("oom-killed final")), qPrintable(top.reasons.join(u',')));
        QVERIFY(top.reasons.contains(QStringLiteral("error annotation")));
    }

    void unreadableInputIsNamed()
    {
        QTemporaryDir dir;
        const QString failed = test::writeFile(dir.path(), QStringLiteral("fail.log"), consoleLog(1, true, false));
        const QString missing = dir.filePath(QStringLiteral("nope.log"));
        Result<FailureLinesResult> result = ranker().rank(failed, { missing });
        QVERIFY(!result);
        QVERIFY2(result.error().contains(missing), qPrintable(result.error()));
        result = ranker().rank(missing, QStringList());
        QVERIFY(!result);
        QVERIFY(result.error().contains(missing));
    }

    void cancels()
    {
        QTemporaryDir dir;
        QByteArray big;
        for (int i = 0; i < 50000; ++i)
            big += "line " + QByteArray::number(i) + '\n';
        const QString failed = test::writeFile(dir.path(), QStringLiteral("big.log"), big);
        Result<FailureLinesResult> result = ranker().rank(failed, { failed }, {}, [] { return true; });
        QVERIFY(!result);
        QVERIFY(result.error().contains(QLatin1String("cancelled")));

        FailureLinesRequest request;
        request.failed = failed;
        request.baselines = { failed, failed };
        QFuture<Result<FailureLinesResult>> future = FailureLineRanker::start(request);
        future.cancel();
        QFutureWatcher<Result<FailureLinesResult>> watcher;
        QSignalSpy finished(&watcher, &QFutureWatcherBase::finished);
        watcher.setFuture(future);
        QTRY_VERIFY_WITH_TIMEOUT(future.isFinished(), 30000);
        QVERIFY(future.isCanceled());

        request.baselines.clear();
        QFuture<Result<FailureLinesResult>> done = FailureLineRanker::start(request);
        done.waitForFinished();
        QVERIFY(done.resultCount() == 1 && done.result().ok());
        QCOMPARE(done.result()->failed, failed);
    }

    // The development cases: the first error line within the top 10, every error block within the top 50.
    void developmentCases_data()
    {
        QTest::addColumn<QString>("caseDir");
        const QDir root(test::sharedDir() + QStringLiteral("/failure-lines"));
        const QStringList cases = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        QVERIFY(!cases.isEmpty());
        for (const QString& name : cases)
            QTest::addRow("%s", qPrintable(name)) << root.filePath(name);
    }
    void developmentCases()
    {
        QFETCH(QString, caseDir);
        QFile fail(caseDir + QStringLiteral("/fail.log"));
        QVERIFY(fail.open(QIODevice::ReadOnly));
        const QList<qint64> lfLine = javaToLfLines(fail.readAll());
        QFile truth(caseDir + QStringLiteral("/groundtruth"));
        QVERIFY(truth.open(QIODevice::ReadOnly | QIODevice::Text));
        const QList<QByteArray> rows = truth.readAll().split('\n');
        QList<QPair<qint64, qint64>> blocks;
        for (const QByteArray& row : rows.mid(1)) {
            const QList<QByteArray> parts = row.simplified().split(' ');
            if (parts.size() != 2 || parts.at(0) != "E")
                continue;
            const QList<QByteArray> range = parts.at(1).split('-');
            const qint64 first = range.at(0).toLongLong();
            const qint64 last = range.value(1, range.at(0)).toLongLong();
            QVERIFY(first >= 1 && last <= lfLine.size());
            blocks.append({ lfLine.at(first - 1), lfLine.at(last - 1) });
        }
        QVERIFY(!blocks.isEmpty());

        Result<FailureLinesResult> result = ranker().rank(
            caseDir + QStringLiteral("/fail.log"), { caseDir + QStringLiteral("/pass.log") }, { 50, false });
        QVERIFY2(result, qPrintable(result ? QString() : result.error()));
        qint64 first = 1000;
        qint64 all = 0;
        for (const auto& [from, to] : blocks) {
            const qint64 rank = rankOf(
                *result, [from = from, to = to](const FailureLine& l) { return l.line >= from && l.line <= to; });
            QVERIFY2(rank > 0, qPrintable(QStringLiteral("error block %1-%2 not in the top 50").arg(from).arg(to)));
            first = std::min(first, rank);
            all = std::max(all, rank);
        }
        QVERIFY2(first <= 10, qPrintable(QString::number(first)));
        QVERIFY(all <= 50);
    }

    void storedRunPicksRecentSuccessfulRunsOfTheWorkflow()
    {
        QTemporaryDir dir;
        workspace::Workspace ws;
        QVERIFY(ws.open(dir.filePath(QStringLiteral("ws"))));
        QVERIFY(ws.upsertRepository(QStringLiteral("octo/app")));
        auto addRun = [&](qint64 id, const QString& workflow, bool success, bool download) {
            workspace::RunRecord run;
            run.runId = id;
            run.repository = QStringLiteral("octo/app");
            run.workflowName = workflow;
            run.status = QStringLiteral("completed");
            run.conclusion = success ? QStringLiteral("success") : QStringLiteral("failure");
            run.createdAt = QDateTime(QDate(2024, 5, 1), QTime(8, 0), Qt::UTC).addSecs(3600 * id);
            QVERIFY(ws.upsertRun(run));
            if (!download)
                return;
            const QString rel = workspace::Workspace::archiveRelativePath(run.repository, id, 1);
            const QString path = ws.absolutePath(rel);
            QVERIFY(QDir().mkpath(QFileInfo(path).path()));
            QVERIFY(test::writeZip(path, { { QStringLiteral("0_build.txt"), consoleLog(int(id), !success, true) } }));
            workspace::LogArchiveRecord archive { id, 1, rel, 1, QString(), workspace::ArchiveState::Downloading, {} };
            QVERIFY(ws.setArchive(archive));
            archive.state = workspace::ArchiveState::Downloaded;
            QVERIFY(ws.setArchive(archive));
        };
        for (qint64 id = 1; id <= 7; ++id)
            addRun(id, QStringLiteral("CI"), true, id != 6);
        addRun(8, QStringLiteral("Docs"), true, true);
        addRun(9, QStringLiteral("CI"), false, true);
        addRun(10, QStringLiteral("CI"), false, false);

        Result<StoredRunLogs> logs = storedRunLogs(ws, 9, 1);
        QVERIFY2(logs, qPrintable(logs ? QString() : logs.error()));
        QVERIFY(logs->failed.endsWith(QLatin1String("logs/octo/app/9-1.zip")));
        QCOMPARE(logs->baselineNames,
            QStringList({ QStringLiteral("octo/app run 7 attempt 1"), QStringLiteral("octo/app run 5 attempt 1"),
                QStringLiteral("octo/app run 4 attempt 1"), QStringLiteral("octo/app run 3 attempt 1"),
                QStringLiteral("octo/app run 2 attempt 1") }));
        QVERIFY(!storedRunLogs(ws, 10, 1));
        QVERIFY(!storedRunLogs(ws, 99, 1));

        FailureLinesRequest request;
        request.failed = logs->failed;
        request.workspaceDir = ws.dir();
        request.runId = 9;
        QFuture<Result<FailureLinesResult>> future = FailureLineRanker::start(request);
        future.waitForFinished();
        QVERIFY(future.result().ok());
        QCOMPARE(future.result()->baselineNames, logs->baselineNames);
        QCOMPARE(future.result()->baselines, logs->baselines);

        ws.close();
        const test::CliRun run = test::runCli(
            { QStringLiteral("failure-lines"), QStringLiteral("--workspace"), dir.filePath(QStringLiteral("ws")),
                QStringLiteral("--run"), QStringLiteral("9:1"), QStringLiteral("--format"), QStringLiteral("json") });
        QCOMPARE(run.exitCode, 0);
        const QJsonObject root = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(root.value(QLatin1String("baselines")).toArray().size(), 5);
        QCOMPARE(
            root.value(QLatin1String("lines")).toArray().first().toObject().value(QLatin1String("line")).toInt(), 72);
    }

    void cliContract()
    {
        QTemporaryDir dir;
        const QString failed = test::writeFile(dir.path(), QStringLiteral("fail.log"), consoleLog(5, true, false));
        const QString passed = test::writeFile(dir.path(), QStringLiteral("pass.log"), consoleLog(1, false, false));
        test::CliRun run = test::runCli({ QStringLiteral("failure-lines"), failed, QStringLiteral("--baseline"), passed,
            QStringLiteral("--top"), QStringLiteral("3"), QStringLiteral("--format"), QStringLiteral("json") });
        QCOMPARE(run.exitCode, 0);
        const QJsonObject root = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(root.keys(), QStringList({ QStringLiteral("baselines"), QStringLiteral("lines") }));
        QCOMPARE(root.value(QLatin1String("baselines")).toArray(), QJsonArray({ passed }));
        const QJsonArray lines = root.value(QLatin1String("lines")).toArray();
        QCOMPARE(lines.size(), 3);
        const QJsonObject top = lines.first().toObject();
        QCOMPARE(top.keys(),
            QStringList({ QStringLiteral("block"), QStringLiteral("entry"), QStringLiteral("line"),
                QStringLiteral("rank"), QStringLiteral("reasons"), QStringLiteral("score"), QStringLiteral("text") }));
        QCOMPARE(top.value(QLatin1String("rank")).toInt(), 1);
        QCOMPARE(top.value(QLatin1String("entry")).toString(), QStringLiteral("fail.log"));
        QJsonObject report;
        for (const QJsonValue& line : lines) {
            if (line.toObject().value(QLatin1String("line")).toInt() == 72)
                report = line.toObject();
        }
        QVERIFY(!report.isEmpty());
        QVERIFY(report.value(QLatin1String("block")).toInt() >= 1);
        QVERIFY(report.value(QLatin1String("reasons")).toArray().contains(QStringLiteral("novel")));
        QVERIFY(report.value(QLatin1String("score")).toDouble() > 0);

        run = test::runCli({ QStringLiteral("failure-lines"), failed });
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains(QLatin1String("fail.log:7")));

        const QString missing = dir.filePath(QStringLiteral("missing.log"));
        run = test::runCli({ QStringLiteral("failure-lines"), failed, QStringLiteral("--baseline"), missing });
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(missing), qPrintable(run.err));

        for (const QStringList& args : { QStringList(), QStringList({ failed, failed }),
                 QStringList({ failed, QStringLiteral("--format"), QStringLiteral("csv") }),
                 QStringList({ failed, QStringLiteral("--top"), QStringLiteral("-1") }),
                 QStringList({ QStringLiteral("--run"), QStringLiteral("5") }),
                 QStringList(
                     { QStringLiteral("--workspace"), dir.path(), QStringLiteral("--run"), QStringLiteral("x:1") }),
                 QStringList({ failed, QStringLiteral("--workspace"), dir.path(), QStringLiteral("--run"),
                     QStringLiteral("5") }) }) {
            run = test::runCli(QStringList { QStringLiteral("failure-lines") } + args);
            QVERIFY2(run.exitCode == 2, qPrintable(args.join(u' ') + QStringLiteral(": ") + run.err));
        }
    }
};

QTEST_GUILESS_MAIN(TestFailureLines)
#include "tst_failurelines.moc"
