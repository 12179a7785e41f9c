#include "labeling/labelactions.h"
#include "workspace/labelio.h"
#include "workspace/workspace.h"

#include <QAction>
#include <QFile>
#include <QMenu>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace runlens;
using namespace runlens::workspace;

namespace {
RunRecord makeRun(qint64 id, int attempt = 1)
{
    RunRecord r;
    r.runId = id;
    r.attempt = attempt;
    r.repository = QStringLiteral("octo/app");
    r.workflowName = QStringLiteral("CI");
    r.status = QStringLiteral("completed");
    r.conclusion = QStringLiteral("failure");
    r.createdAt = QDateTime(QDate(2024, 1, 28), QTime(19, 27, 24), Qt::UTC);
    return r;
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

QStringList labelRows(const Workspace& ws)
{
    QStringList rows;
    const Result<QList<LabelRecord>> labels = ws.labels();
    for (const LabelRecord& l : *labels)
        rows << QStringLiteral("%1-%2 %3 %4 %5").arg(l.runId).arg(l.attempt).arg(l.label, nameOf(l.source), l.note);
    rows.sort();
    return rows;
}
} // namespace

class TestLabels : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void vocabulary();
    void runIdOfLogPath_data();
    void runIdOfLogPath();
    void csvRoundTrip();
    void csvImportSkipsUnknownRunsAndBadRows();
    void csvImportErrorsNameTheFile();
    void memoryLogsImport();
    void labelActionsLabelSelectedRuns();
    void numberKeysTriggerLabels();
    void removeLabels();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Workspace> m_ws;
};

void TestLabels::init()
{
    m_ws.reset();
    m_dir = std::make_unique<QTemporaryDir>();
    m_ws = std::make_unique<Workspace>();
    QVERIFY(m_ws->open(m_dir->filePath(QStringLiteral("ws"))).ok());
    QVERIFY(m_ws->upsertRuns({ makeRun(101), makeRun(102), makeRun(102, 2), makeRun(103) }).ok());
}

void TestLabels::vocabulary()
{
    const QStringList& labels = LabelIo::knownLabels();
    QCOMPARE(labels.first(), QStringLiteral("oom-killed"));
    for (const char* id : { "test-failure", "compile-error", "infra", "flaky", "other", "normal", "disk-full" })
        QVERIFY2(labels.contains(QLatin1String(id)), id);
    QCOMPARE(labels.last(), QStringLiteral("normal"));
}

void TestLabels::runIdOfLogPath_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<qint64>("runId");
    QTest::addRow("seed layout") << QStringLiteral("logs_failure/7712/0_build.txt") << qint64(7712);
    QTest::addRow("absolute, step file") << QStringLiteral("/data/x/logs_failure/42/build/3_Test.txt") << qint64(42);
    QTest::addRow("windows separators") << QStringLiteral("C:\\seed\\logs_normal\\9\\1_a.txt") << qint64(9);
    QTest::addRow("no run folder") << QStringLiteral("logs/9/1_a.txt") << qint64(0);
    QTest::addRow("not a number") << QStringLiteral("logs_failure/abc/1_a.txt") << qint64(0);
}

void TestLabels::runIdOfLogPath()
{
    QFETCH(QString, line);
    QFETCH(qint64, runId);
    QCOMPARE(LabelIo::runIdOfLogPath(line), runId);
}

void TestLabels::csvRoundTrip()
{
    QVERIFY(m_ws->addLabel({ 0, 101, 1, QStringLiteral("oom-killed"), LabelSource::User,
                               QStringLiteral("exit 137, \"dmesg\"") })
                .ok());
    QVERIFY(m_ws->addLabel({ 0, 102, 2, QStringLiteral("flaky"), LabelSource::User, {} }).ok());
    QVERIFY(m_ws->addLabel({ 0, 103, 1, QStringLiteral("memory"), LabelSource::MemoryLogs,
                               QStringLiteral("logs_failure/103/0_a.txt") })
                .ok());
    const QString csv = m_dir->filePath(QStringLiteral("labels.csv"));
    QVERIFY(LabelIo::exportCsv(*m_ws, csv).ok());
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readLine().trimmed(), QByteArray("run_id,attempt,label,source,note"));
    f.close();

    Workspace other;
    QVERIFY(other.open(m_dir->filePath(QStringLiteral("ws2"))).ok());
    QVERIFY(other.upsertRuns({ makeRun(101), makeRun(102), makeRun(102, 2), makeRun(103) }).ok());
    Result<LabelImportSummary> imported = LabelIo::importCsv(other, csv);
    QVERIFY2(imported.ok(), imported.ok() ? "" : qPrintable(imported.error()));
    QCOMPARE(imported->added, 3);
    QCOMPARE(labelRows(other), labelRows(*m_ws));
    // Importing again adds nothing.
    QCOMPARE(LabelIo::importCsv(other, csv)->added, 0);
}

void TestLabels::csvImportSkipsUnknownRunsAndBadRows()
{
    const QString csv = m_dir->filePath(QStringLiteral("in.csv"));
    QVERIFY(writeFile(csv, "run_id,label\n101,infra\n999,oom-killed\nabc,normal\n103,\n"));
    Result<LabelImportSummary> imported = LabelIo::importCsv(*m_ws, csv);
    QVERIFY(imported.ok());
    QCOMPARE(imported->added, 1);
    QCOMPARE(imported->skipped, 3);
    QCOMPARE(imported->warnings.size(), 3);
    QVERIFY(imported->warnings.at(0).contains(QStringLiteral("line 3")));
    QVERIFY(imported->warnings.at(0).contains(csv));
    QCOMPARE(labelRows(*m_ws), QStringList { QStringLiteral("101-1 infra user ") });
}

void TestLabels::csvImportErrorsNameTheFile()
{
    const QString csv = m_dir->filePath(QStringLiteral("bad.csv"));
    QVERIFY(writeFile(csv, "id,what\n1,2\n"));
    Result<LabelImportSummary> imported = LabelIo::importCsv(*m_ws, csv);
    QVERIFY(!imported.ok());
    QVERIFY(imported.error().contains(csv));
    const QString missing = m_dir->filePath(QStringLiteral("missing.csv"));
    Result<LabelImportSummary> none = LabelIo::importCsv(*m_ws, missing);
    QVERIFY(!none.ok());
    QVERIFY(none.error().contains(missing));
    QVERIFY(!LabelIo::exportCsv(*m_ws, QStringLiteral("/nonexistent-runlens/labels.csv")).ok());
}

void TestLabels::memoryLogsImport()
{
    const QString list = m_dir->filePath(QStringLiteral("memory_logs.txt"));
    QVERIFY(writeFile(list,
        "logs_failure/101/0_build.txt\nlogs_failure/101/build/3_Test.txt\n\n"
        "/abs/seed/logs_failure/103/1_x.txt\nlogs_failure/555/0_a.txt\nREADME\n"));
    Result<LabelImportSummary> imported = LabelIo::importMemoryLogs(*m_ws, list);
    QVERIFY(imported.ok());
    // Two files of run 101 give two labels (different notes are the same label? no: one per path).
    QCOMPARE(labelRows(*m_ws).size(), imported->added);
    QVERIFY(imported->added >= 2);
    QCOMPARE(imported->warnings.size(), 2);
    QVERIFY(imported->warnings.at(0).contains(QStringLiteral("line 5")));
    QStringList runs;
    const Result<QList<LabelRecord>> labels = m_ws->labels();
    for (const LabelRecord& l : *labels) {
        QCOMPARE(l.label, QStringLiteral("memory"));
        QCOMPARE(l.source, LabelSource::MemoryLogs);
        runs << QString::number(l.runId);
    }
    runs.removeDuplicates();
    runs.sort();
    QCOMPARE(runs, (QStringList { QStringLiteral("101"), QStringLiteral("103") }));
    Result<LabelImportSummary> missing = LabelIo::importMemoryLogs(*m_ws, m_dir->filePath(QStringLiteral("nope.txt")));
    QVERIFY(!missing.ok());
    QVERIFY(missing.error().contains(QStringLiteral("nope.txt")));
}

void TestLabels::labelActionsLabelSelectedRuns()
{
    ui::LabelActions actions;
    actions.setWorkspace(m_ws.get());
    QVERIFY(!actions.actionFor(QStringLiteral("flaky"))->isEnabled());
    actions.setRuns({ { 101, 1 }, { 102, 2 } });
    QVERIFY(actions.actionFor(QStringLiteral("flaky"))->isEnabled());
    QSignalSpy requested(&actions, &ui::LabelActions::labelRequested);
    QSignalSpy changed(&actions, &ui::LabelActions::labelsChanged);
    actions.actionFor(QStringLiteral("flaky"))->trigger();
    QCOMPARE(requested.count(), 1);
    QCOMPARE(requested.at(0).at(1).toString(), QStringLiteral("flaky"));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(
        labelRows(*m_ws), (QStringList { QStringLiteral("101-1 flaky user "), QStringLiteral("102-2 flaky user ") }));

    QWidget parent;
    QMenu* menu = actions.createMenu(&parent);
    QCOMPARE(menu->actions().size(), LabelIo::knownLabels().size() + 2); // + separator + remove
}

void TestLabels::numberKeysTriggerLabels()
{
    ui::LabelActions actions;
    QWidget view;
    actions.installShortcuts(&view);
    actions.setRuns({ { 103, 1 } });
    QSignalSpy requested(&actions, &ui::LabelActions::labelRequested);
    QCOMPARE(actions.labelActions().at(0)->shortcut(), QKeySequence(Qt::Key_1));
    QCOMPARE(actions.labelActions().at(9)->shortcut(), QKeySequence(Qt::Key_0));
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.activateWindow();
    view.setFocus();
    QTest::keyClick(&view, Qt::Key_1);
    QTRY_COMPARE_WITH_TIMEOUT(requested.count(), 1, 2000);
    QCOMPARE(requested.at(0).at(1).toString(), LabelIo::knownLabels().at(0));
    QTest::keyClick(&view, Qt::Key_0);
    QTRY_COMPARE_WITH_TIMEOUT(requested.count(), 2, 2000);
    QCOMPARE(requested.at(1).at(1).toString(), LabelIo::knownLabels().at(9));
    const auto runs = requested.at(1).at(0).value<QList<RunKey>>();
    QCOMPARE(runs.size(), 1);
    QCOMPARE(runs.first().runId, 103);
}

void TestLabels::removeLabels()
{
    QVERIFY(m_ws->addLabel({ 0, 102, 1, QStringLiteral("infra"), LabelSource::User, {} }).ok());
    QVERIFY(m_ws->addLabel({ 0, 102, 2, QStringLiteral("infra"), LabelSource::User, {} }).ok());
    ui::LabelActions actions;
    actions.setWorkspace(m_ws.get());
    actions.setRuns({ { 102, 2 } });
    actions.removeAction()->trigger();
    QCOMPARE(labelRows(*m_ws), QStringList { QStringLiteral("102-1 infra user ") });
}

QTEST_MAIN(TestLabels)
#include "tst_labels.moc"
