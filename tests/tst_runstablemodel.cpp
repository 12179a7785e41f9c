// RunsTableModel, RunsFilterModel and RunRowsLoader: columns and roles, filters, sorting by score after
// an analysis, 50,000 rows, loading from a workspace; RunsPage showing an open's first rows before the
// rest arrive, sorted in without a reset.
#include "pages/runspage.h"
#include "runs/runsfiltermodel.h"
#include "runs/runstablemodel.h"
#include "session/runrowsloader.h"
#include "session/workspacesession.h"

#include "testsupport.h"

#include "features/featurecatalog.h"
#include "pipeline/analysisresult.h"
#include "taxonomy/memorycategory.h"
#include "workspace/workspace.h"

#include <QAbstractItemModelTester>
#include <QColor>
#include <QItemSelectionModel>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace runlens;
using runlens::ui::RunsFilterModel;
using runlens::ui::RunsTableModel;

namespace {

session::RunRow makeRow(qint64 runId, const QString& repo, const QString& workflow, const QString& conclusion)
{
    session::RunRow row;
    row.runId = runId;
    row.attempt = 1;
    row.repository = repo;
    row.workflow = workflow;
    row.runNumber = runId % 1000;
    row.branch = QStringLiteral("main");
    row.event = QStringLiteral("push");
    row.conclusion = conclusion;
    row.createdAt = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC).addSecs(runId * 60);
    row.durationSecs = 90 + runId;
    row.logBytes = 1000 * runId;
    row.archiveState = QStringLiteral("downloaded");
    return row;
}

QList<session::RunRow> sampleRows()
{
    return {
        makeRow(1, QStringLiteral("acme/web"), QStringLiteral("CI"), QStringLiteral("success")),
        makeRow(2, QStringLiteral("acme/web"), QStringLiteral("CI"), QStringLiteral("failure")),
        makeRow(3, QStringLiteral("acme/api"), QStringLiteral("Build"), QStringLiteral("failure")),
        makeRow(4, QStringLiteral("other/tool"), QStringLiteral("Nightly"), QStringLiteral("cancelled")),
    };
}

// A run whose final failure cause is `cause` (with three hits of it).
pipeline::RunAnalysis analysed(qint64 runId, double score, bool flagged, std::optional<logs::MemoryCategory> cause)
{
    pipeline::RunAnalysis run;
    run.runId = runId;
    run.attempt = 1;
    run.score = score;
    run.flagged = flagged;
    if (cause) {
        run.features.value(features::Feature(int(features::Feature::MemOomKilled) + int(*cause))) = 3;
        run.features.finalCause = cause;
    }
    return run;
}

// Scores run 3 highest (flagged, JVM heap), then run 2 (flagged, OOM killed), then 1; run 4 unscored.
pipeline::AnalysisResult sampleAnalysis()
{
    pipeline::AnalysisResult result;
    result.runs.push_back(analysed(3, 0.71, true, logs::MemoryCategory::JvmHeap));
    result.runs.push_back(analysed(2, 0.64, true, logs::MemoryCategory::OomKilled));
    result.runs.push_back(analysed(1, 0.42, false, std::nullopt));
    return result;
}

QList<qint64> runIdsOf(const QAbstractItemModel& model)
{
    QList<qint64> ids;
    for (int r = 0; r < model.rowCount(); ++r)
        ids << model.index(r, 0).data(RunsTableModel::RunIdRole).toLongLong();
    return ids;
}

// Whether `proxy` lists its rows in `column`'s order: no row sorts before the row above it.
bool isSorted(const RunsFilterModel& proxy, int column, Qt::SortOrder order)
{
    const RunsTableModel& model = *proxy.runsModel();
    for (int r = 1; r < proxy.rowCount(); ++r) {
        const session::RunRow& above = model.rowAt(proxy.mapToSource(proxy.index(r - 1, 0)).row());
        const session::RunRow& below = model.rowAt(proxy.mapToSource(proxy.index(r, 0)).row());
        const bool outOfOrder = order == Qt::AscendingOrder
            ? RunsTableModel::lessThan(below, above, column, proxy.sortCaseSensitivity())
            : RunsTableModel::lessThan(above, below, column, proxy.sortCaseSensitivity());
        if (outOfOrder)
            return false;
    }
    return true;
}

// A workspace of `runs` run attempts over seven repositories, created in a shuffled order; some runs
// without a conclusion (in progress), a workflow name, a start time; run 1000 with a downloaded archive
// and the same label from two sources.
void writeWorkspace(const QString& dir, int runs)
{
    workspace::Workspace ws;
    QVERIFY(ws.open(dir).ok());
    for (int r = 0; r < 7; ++r)
        QVERIFY(ws.upsertRepository(QStringLiteral("org%1/repo").arg(r)).ok());
    QList<workspace::RunRecord> records;
    for (int i = 0; i < runs; ++i) {
        workspace::RunRecord run;
        run.runId = 1000 + i;
        run.attempt = 1 + i % 3 / 2;
        run.repository = QStringLiteral("org%1/repo").arg(i % 7);
        run.workflowName = i % 11 == 0 ? QString() : QStringLiteral("CI %1").arg(i % 4);
        run.workflowPath = QStringLiteral(".github/workflows/ci%1.yml").arg(i % 4);
        run.runNumber = i;
        run.event = QStringLiteral("push");
        run.branch = QStringLiteral("branch-%1").arg(i % 13);
        run.status = i % 17 == 0 ? QStringLiteral("in_progress") : QStringLiteral("completed");
        run.conclusion = i % 17 == 0 ? QString() : i % 5 == 0 ? QStringLiteral("failure") : QStringLiteral("success");
        run.createdAt = QDateTime(QDate(2026, 2, 1), QTime(0, 0), Qt::UTC).addSecs(qint64(i * 7919 % runs) * 60);
        if (i % 9 != 0)
            run.startedAt = run.createdAt.addMSecs(1500);
        run.updatedAt = run.createdAt.addSecs(60 + i % 600);
        run.htmlUrl = QStringLiteral("https://github.com/%1/actions/runs/%2").arg(run.repository).arg(run.runId);
        records.append(run);
    }
    QVERIFY(ws.upsertRuns(records).ok());
    workspace::LogArchiveRecord archive;
    archive.runId = 1000;
    archive.attempt = 1;
    archive.path = QStringLiteral("logs/org0/repo/1000-1.zip");
    archive.bytes = 4321;
    archive.state = workspace::ArchiveState::Downloading;
    QVERIFY(ws.setArchive(archive).ok());
    archive.state = workspace::ArchiveState::Downloaded;
    QVERIFY(ws.setArchive(archive).ok());
    for (workspace::LabelSource source : { workspace::LabelSource::User, workspace::LabelSource::Sample })
        QVERIFY(ws.addLabel({ 0, 1000, 1, QStringLiteral("memory"), source, {} }).ok());
}

} // namespace

class TestRunsTableModel : public QObject
{
    Q_OBJECT
private slots:
    void modelTester();
    void displayAndRoles();
    void analysisColoursCategoryAndScores();
    void chipShowsTheFinalCauseNotTheMostHits();
    void filters_data();
    void filters();
    void sortsByScoreAfterAnalysis();
    void setLabelChangesOneCell();
    void fiftyThousandRows();
    void loadsFromWorkspace();
    void loadFailureNamesFolder();
    void appendedRowsSortInAndKeepTheSelection();
    void loaderHandsTheFirstScreenFirst();
    void loaderMatchesTheWorkspaceRuns();
    void pageShowsTheFirstRowsBeforeTheRest();
};

void TestRunsTableModel::modelTester()
{
    RunsTableModel model;
    RunsFilterModel proxy;
    proxy.setRunsModel(&model);
    QAbstractItemModelTester sourceTester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRows(sampleRows());
    model.applyAnalysis(sampleAnalysis());
    proxy.sortByScore();
    proxy.setTextFilter(QStringLiteral("acme"));
    proxy.setFlaggedOnly(true);
    proxy.setCategoryFilter(QStringLiteral("jvm-heap"));
    proxy.setCategoryFilter({});
    proxy.setFlaggedOnly(false);
    model.setLabel(2, 1, QStringLiteral("memory"));
    model.setRows({});
    QCOMPARE(proxy.rowCount(), 0);
}

void TestRunsTableModel::displayAndRoles()
{
    RunsTableModel model;
    model.setRows(sampleRows());
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.columnCount(), int(RunsTableModel::ColumnCount));
    const QModelIndex repo = model.index(1, RunsTableModel::Repository);
    QCOMPARE(repo.data().toString(), QStringLiteral("acme/web"));
    QCOMPARE(model.index(1, RunsTableModel::Conclusion).data().toString(), QStringLiteral("failure"));
    QCOMPARE(model.index(1, RunsTableModel::Created).data().toString(), QStringLiteral("2026-01-01 00:02"));
    QCOMPARE(model.index(1, RunsTableModel::Duration).data().toString(), QStringLiteral("1m 32s"));
    QCOMPARE(model.index(1, RunsTableModel::LogSize).data(RunsTableModel::SortRole).toLongLong(), qlonglong(2000));
    QCOMPARE(repo.data(RunsTableModel::RunIdRole).toLongLong(), qlonglong(2));
    QCOMPARE(repo.data(RunsTableModel::AttemptRole).toInt(), 1);
    // Before an analysis: no score, no category.
    QVERIFY(model.index(1, RunsTableModel::Score).data().toString().isEmpty());
    QVERIFY(!model.index(1, RunsTableModel::Score).data(RunsTableModel::ScoredRole).toBool());
    QVERIFY(!model.index(1, RunsTableModel::Category).data(Qt::DecorationRole).isValid());
    QCOMPARE(model.rowOf(3, 1), 2);
    QCOMPARE(model.rowOf(3, 2), -1);
    QCOMPARE(model.headerData(RunsTableModel::Score, Qt::Horizontal).toString(), QStringLiteral("Anomaly score"));
    QCOMPARE(RunsTableModel::formatDuration(3725), QStringLiteral("1h 02m"));
    QCOMPARE(RunsTableModel::formatDuration(-1), QString());
}

void TestRunsTableModel::analysisColoursCategoryAndScores()
{
    RunsTableModel model;
    model.setRows(sampleRows());
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.applyAnalysis(sampleAnalysis());
    QCOMPARE(changed.count(), 1);
    QCOMPARE(reset.count(), 0);

    const int jvmRow = model.rowOf(3, 1);
    const QModelIndex category = model.index(jvmRow, RunsTableModel::Category);
    const logs::CategoryInfo& jvm = logs::categoryInfo(logs::MemoryCategory::JvmHeap);
    QCOMPARE(category.data(RunsTableModel::CategoryIdRole).toString(), jvm.id);
    QCOMPARE(category.data().toString(), jvm.name);
    QCOMPARE(category.data(Qt::DecorationRole).value<QColor>(), QColor(jvm.colour));
    const QColor tint = category.data(Qt::BackgroundRole).value<QColor>();
    QCOMPARE(tint.rgb(), QColor(jvm.colour).rgb());
    QVERIFY(tint.alpha() < 255);

    QCOMPARE(model.index(jvmRow, RunsTableModel::Score).data().toString(), QStringLiteral("0.710"));
    QVERIFY(model.index(jvmRow, RunsTableModel::Flagged).data(RunsTableModel::FlaggedRole).toBool());
    const int unscored = model.rowOf(4, 1);
    QVERIFY(!model.index(unscored, RunsTableModel::Score).data(RunsTableModel::ScoredRole).toBool());
    QVERIFY(model.index(unscored, RunsTableModel::Category).data(RunsTableModel::CategoryIdRole).toString().isEmpty());
    const int plain = model.rowOf(1, 1);
    QVERIFY(model.index(plain, RunsTableModel::Score).data(RunsTableModel::ScoredRole).toBool());
    QVERIFY(model.index(plain, RunsTableModel::Category).data(RunsTableModel::CategoryIdRole).toString().isEmpty());

    // A seed sweep's stability: the share of the seeds that flag the run; empty without a sweep.
    QVERIFY(model.index(jvmRow, RunsTableModel::Stability).data().toString().isEmpty());
    pipeline::AnalysisResult swept = sampleAnalysis();
    for (pipeline::RunAnalysis& run : swept.runs)
        run.stability = 0.8;
    model.applyAnalysis(swept);
    QCOMPARE(model.index(jvmRow, RunsTableModel::Stability).data().toString(), QStringLiteral("80%"));
    QCOMPARE(model.index(jvmRow, RunsTableModel::Stability).data(RunsTableModel::SortRole).toDouble(), 0.8);
    QVERIFY(model.index(jvmRow, RunsTableModel::Stability)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("most seeds")));
    QCOMPARE(model.headerData(RunsTableModel::Stability, Qt::Horizontal).toString(), QStringLiteral("Seed stability"));

    // A new analysis that no longer scores a run clears it.
    pipeline::AnalysisResult fewer;
    fewer.runs.push_back(analysed(1, 0.5, false, std::nullopt));
    model.applyAnalysis(fewer);
    QVERIFY(!model.index(jvmRow, RunsTableModel::Score).data(RunsTableModel::ScoredRole).toBool());
    QVERIFY(!model.index(jvmRow, RunsTableModel::Flagged).data(RunsTableModel::FlaggedRole).toBool());
}

// #14.4: the chip names the run's final failure cause (as `scan`, the charts and the labels do), not the
// category with the most hits.
void TestRunsTableModel::chipShowsTheFinalCauseNotTheMostHits()
{
    RunsTableModel model;
    model.setRows(sampleRows());
    pipeline::AnalysisResult analysis = sampleAnalysis();
    pipeline::RunAnalysis& run = analysis.runs[1]; // run 2: final cause oom-killed
    run.features.value(features::Feature::MemJvmHeap) = 12; // far more JVM heap mentions before the kill
    model.applyAnalysis(analysis);
    const QModelIndex chip = model.index(model.rowOf(2, 1), RunsTableModel::Category);
    QCOMPARE(chip.data(RunsTableModel::CategoryIdRole).toString(), QStringLiteral("oom-killed"));
    QCOMPARE(chip.data(Qt::DecorationRole).value<QColor>(),
        QColor(logs::categoryInfo(logs::MemoryCategory::OomKilled).colour));
}

void TestRunsTableModel::filters_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("category");
    QTest::addColumn<bool>("flaggedOnly");
    QTest::addColumn<QList<qint64>>("expected"); // run ids, sorted by score

    const QList<qint64> all { 3, 2, 1, 4 };
    QTest::addRow("no filter") << QString() << QString() << false << all;
    QTest::addRow("repository text") << QStringLiteral("acme/web") << QString() << false << QList<qint64> { 2, 1 };
    QTest::addRow("text is case-insensitive") << QStringLiteral("NIGHTLY") << QString() << false << QList<qint64> { 4 };
    QTest::addRow("conclusion text") << QStringLiteral("failure") << QString() << false << QList<qint64> { 3, 2 };
    QTest::addRow("run number") << QStringLiteral("3") << QString() << false << QList<qint64> { 3 };
    QTest::addRow("blank text is no filter") << QStringLiteral("   ") << QString() << false << all;
    QTest::addRow("text matching nothing") << QStringLiteral("zzz") << QString() << false << QList<qint64> {};
    QTest::addRow("flagged only") << QString() << QString() << true << QList<qint64> { 3, 2 };
    QTest::addRow("category jvm-heap") << QString() << QStringLiteral("jvm-heap") << false << QList<qint64> { 3 };
    QTest::addRow("category none") << QString() << QStringLiteral("none") << false << QList<qint64> { 1, 4 };
    QTest::addRow("category and text") << QStringLiteral("acme/web") << QStringLiteral("oom-killed") << false
                                       << QList<qint64> { 2 };
    QTest::addRow("flagged and text") << QStringLiteral("api") << QString() << true << QList<qint64> { 3 };
    QTest::addRow("flagged and category none") << QString() << QStringLiteral("none") << true << QList<qint64> {};
}

void TestRunsTableModel::filters()
{
    QFETCH(QString, text);
    QFETCH(QString, category);
    QFETCH(bool, flaggedOnly);
    QFETCH(QList<qint64>, expected);

    RunsTableModel model;
    RunsFilterModel proxy;
    proxy.setRunsModel(&model);
    model.setRows(sampleRows());
    model.applyAnalysis(sampleAnalysis());
    proxy.sortByScore();
    proxy.setTextFilter(text);
    proxy.setCategoryFilter(category);
    proxy.setFlaggedOnly(flaggedOnly);
    QCOMPARE(runIdsOf(proxy), expected);
}

void TestRunsTableModel::sortsByScoreAfterAnalysis()
{
    RunsTableModel model;
    RunsFilterModel proxy;
    proxy.setRunsModel(&model);
    model.setRows(sampleRows());
    proxy.sort(RunsTableModel::RunNumber, Qt::AscendingOrder);
    QCOMPARE(runIdsOf(proxy), (QList<qint64> { 1, 2, 3, 4 }));
    model.applyAnalysis(sampleAnalysis());
    proxy.sortByScore();
    // Highest score first, the unscored run last; the flagged runs lead.
    QCOMPARE(runIdsOf(proxy), (QList<qint64> { 3, 2, 1, 4 }));
    QVERIFY(proxy.index(0, 0).data(RunsTableModel::FlaggedRole).toBool());
    QVERIFY(proxy.index(1, 0).data(RunsTableModel::FlaggedRole).toBool());
    // Sorting by a numeric column sorts numbers, not text.
    proxy.sort(RunsTableModel::LogSize, Qt::DescendingOrder);
    QCOMPARE(runIdsOf(proxy), (QList<qint64> { 4, 3, 2, 1 }));
}

void TestRunsTableModel::setLabelChangesOneCell()
{
    RunsTableModel model;
    model.setRows(sampleRows());
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setLabel(2, 1, QStringLiteral("oom-killed"));
    QCOMPARE(changed.count(), 1);
    const QModelIndex cell = changed.at(0).at(0).toModelIndex();
    QCOMPARE(cell, model.index(1, RunsTableModel::Label));
    QCOMPARE(cell.data().toString(), QStringLiteral("oom-killed"));
    model.setLabel(2, 1, QStringLiteral("oom-killed")); // unchanged: no signal
    model.setLabel(99, 1, QStringLiteral("x")); // unknown run: ignored
    QCOMPARE(changed.count(), 1);
}

void TestRunsTableModel::fiftyThousandRows()
{
    constexpr int kRows = 50000;
    QList<session::RunRow> rows;
    rows.reserve(kRows);
    pipeline::AnalysisResult analysis;
    analysis.runs.reserve(kRows);
    for (int i = 0; i < kRows; ++i) {
        rows << makeRow(100000 + i, QStringLiteral("org/repo%1").arg(i % 50), QStringLiteral("CI"),
            i % 7 == 0 ? QStringLiteral("failure") : QStringLiteral("success"));
        const double score = 0.3 + 0.4 * double((i * 7919) % kRows) / kRows;
        analysis.runs.push_back(analysed(100000 + i, score, score > 0.69, std::nullopt));
    }
    RunsTableModel model;
    RunsFilterModel proxy;
    proxy.setRunsModel(&model);
    model.setRows(std::move(rows));
    model.applyAnalysis(analysis);
    proxy.sortByScore();
    QCOMPARE(proxy.rowCount(), kRows);
    double previous = 2;
    for (int r = 0; r < kRows; r += 997) {
        const double score = proxy.index(r, RunsTableModel::Score).data(RunsTableModel::SortRole).toDouble();
        QVERIFY(score <= previous);
        previous = score;
    }
    proxy.setFlaggedOnly(true);
    QVERIFY(proxy.rowCount() > 0);
    QVERIFY(proxy.rowCount() < kRows / 10);
    proxy.setFlaggedOnly(false);
    proxy.setTextFilter(QStringLiteral("org/repo7"));
    QCOMPARE(proxy.rowCount(), kRows / 50);
}

void TestRunsTableModel::loadsFromWorkspace()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    {
        workspace::Workspace ws;
        QVERIFY(ws.open(dir.path()).ok());
        workspace::RunRecord run;
        run.runId = 777;
        run.attempt = 2;
        run.repository = QStringLiteral("acme/web");
        run.workflowName = QStringLiteral("CI");
        run.runNumber = 42;
        run.event = QStringLiteral("pull_request");
        run.branch = QStringLiteral("feature");
        run.status = QStringLiteral("completed");
        run.conclusion = QStringLiteral("failure");
        run.createdAt = QDateTime(QDate(2026, 3, 1), QTime(10, 0), Qt::UTC);
        run.startedAt = run.createdAt.addSecs(5);
        run.updatedAt = run.startedAt.addSecs(125);
        QVERIFY(ws.upsertRepository(run.repository).ok());
        QVERIFY(ws.upsertRun(run).ok());
        workspace::LabelRecord label;
        label.runId = 777;
        label.attempt = 2;
        label.label = QStringLiteral("memory");
        QVERIFY(ws.addLabel(label).ok());
    }
    auto rows = session::RunRowsLoader::load(dir.path());
    QVERIFY2(rows.ok(), qPrintable(rows.ok() ? QString() : rows.error()));
    QCOMPARE(rows->size(), qsizetype(1));
    const session::RunRow& row = rows->first();
    QCOMPARE(row.runId, qint64(777));
    QCOMPARE(row.attempt, 2);
    QCOMPARE(row.repository, QStringLiteral("acme/web"));
    QCOMPARE(row.workflow, QStringLiteral("CI"));
    QCOMPARE(row.runNumber, qint64(42));
    QCOMPARE(row.durationSecs, qint64(125));
    QCOMPARE(row.label, QStringLiteral("memory"));
    QCOMPARE(row.archiveState, QStringLiteral("pending"));
    QCOMPARE(row.logBytes, qint64(-1));
    QVERIFY(row.logPath.isEmpty());
}

void TestRunsTableModel::loadFailureNamesFolder()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = dir.filePath(QStringLiteral("not-a-folder"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("x");
    f.close();
    auto rows = session::RunRowsLoader::load(file);
    QVERIFY(!rows.ok());
    QVERIFY2(rows.error().contains(QStringLiteral("not-a-folder")), qPrintable(rows.error()));
}

void TestRunsTableModel::appendedRowsSortInAndKeepTheSelection()
{
    QList<session::RunRow> rows;
    for (int i = 0; i < 2000; ++i) {
        rows << makeRow(10 + i, QStringLiteral("org/repo%1").arg((i * 37) % 23), QStringLiteral("CI"),
            i % 3 == 0 ? QStringLiteral("failure") : QStringLiteral("success"));
    }
    RunsTableModel model;
    RunsFilterModel proxy;
    proxy.setRunsModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QItemSelectionModel selection(&proxy);
    model.setRows(rows.mid(0, 256));
    proxy.sort(RunsTableModel::Repository, Qt::DescendingOrder);
    proxy.setTextFilter(QStringLiteral("repo1")); // repo1 and repo10 to repo19
    QVERIFY(isSorted(proxy, RunsTableModel::Repository, Qt::DescendingOrder));
    const QModelIndex chosen = proxy.index(7, 0);
    const qint64 chosenRun = chosen.data(RunsTableModel::RunIdRole).toLongLong();
    selection.setCurrentIndex(chosen, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QSignalSpy reset(&proxy, &QAbstractItemModel::modelReset);
    QSignalSpy selectionChanged(&selection, &QItemSelectionModel::selectionChanged);

    proxy.appendRows(rows.mid(256, 768));
    proxy.appendRows(rows.mid(1024));

    QCOMPARE(reset.count(), 0);
    QCOMPARE(model.rowCount(), 2000);
    // The filter applies to the new rows, and every row shown is in the sort's order.
    int expected = 0;
    for (const session::RunRow& row : std::as_const(rows))
        expected += row.repository.contains(QStringLiteral("repo1")) ? 1 : 0;
    QCOMPARE(proxy.rowCount(), expected);
    QVERIFY(isSorted(proxy, RunsTableModel::Repository, Qt::DescendingOrder));
    // The same run is still selected and current, wherever it sorts now.
    QCOMPARE(selectionChanged.count(), 0);
    QCOMPARE(selection.selectedRows().size(), 1);
    QCOMPARE(selection.selectedRows().first().data(RunsTableModel::RunIdRole).toLongLong(), chosenRun);
    QCOMPARE(selection.currentIndex().data(RunsTableModel::RunIdRole).toLongLong(), chosenRun);
    QCOMPARE(model.rowOf(10 + 1999, 1), 1999);

    // The order is the one a single sort of all rows gives (stable: equal repositories in load order).
    proxy.setTextFilter({});
    QList<session::RunRow> sorted = rows;
    std::stable_sort(sorted.begin(), sorted.end(), [](const session::RunRow& a, const session::RunRow& b) {
        return RunsTableModel::lessThan(b, a, RunsTableModel::Repository, Qt::CaseSensitive);
    });
    QList<qint64> sortedIds;
    for (const session::RunRow& row : std::as_const(sorted))
        sortedIds << row.runId;
    QCOMPARE(runIdsOf(proxy), sortedIds);
}

void TestRunsTableModel::loaderHandsTheFirstScreenFirst()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    writeWorkspace(dir.path(), 3000);
    QList<qsizetype> sizes;
    QList<session::RunRow> handed;
    const Status loaded = session::RunRowsLoader::load(dir.path(), [&](QList<session::RunRow>&& rows) {
        sizes << rows.size();
        handed.append(std::move(rows));
        return true;
    });
    QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error()));
    // A screen first, then three times the rows handed so far, then the rest.
    QCOMPARE(sizes, (QList<qsizetype> { 256, 768, 1976 }));
    const auto all = session::RunRowsLoader::load(dir.path());
    QVERIFY(all.ok());
    QCOMPARE(all->size(), qsizetype(3000));
    for (qsizetype i = 0; i < all->size(); ++i)
        QCOMPARE(handed.at(i).key(), all->at(i).key());

    // Stopping after the first batch reads no more.
    int calls = 0;
    QVERIFY(session::RunRowsLoader::load(
        dir.path(), [&calls](QList<session::RunRow>&&) { return ++calls < 1; }, 100)
                .ok());
    QCOMPARE(calls, 1);
}

void TestRunsTableModel::loaderMatchesTheWorkspaceRuns()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    writeWorkspace(dir.path(), 400);
    const auto rows = session::RunRowsLoader::load(dir.path());
    QVERIFY(rows.ok());
    workspace::Workspace ws;
    QVERIFY(ws.open(dir.path()).ok());
    const auto runs = ws.runs();
    QVERIFY(runs.ok());
    QCOMPARE(rows->size(), runs->size());
    QHash<RunKey, session::RunRow> byKey;
    for (const session::RunRow& row : *rows)
        byKey.insert(row.key(), row);
    for (const workspace::RunRecord& run : *runs) {
        QVERIFY(byKey.contains(run.key()));
        const session::RunRow& row = byKey[run.key()];
        QCOMPARE(row.repository, run.repository);
        QCOMPARE(row.workflow, run.workflowLabel());
        QCOMPARE(row.runNumber, run.runNumber);
        QCOMPARE(row.branch, run.branch);
        QCOMPARE(row.event, run.event);
        QCOMPARE(row.conclusion, run.conclusion.isEmpty() ? run.status : run.conclusion);
        QCOMPARE(row.createdAt, run.createdAt);
        const QDateTime start = run.startedAt.isValid() ? run.startedAt : run.createdAt;
        QCOMPARE(row.durationSecs, start.secsTo(run.updatedAt));
        QCOMPARE(row.htmlUrl, run.htmlUrl);
        if (run.runId == 1000) {
            QCOMPARE(row.archiveState, QStringLiteral("downloaded"));
            QCOMPARE(row.logBytes, qint64(4321));
            QCOMPARE(row.logPath, ws.absolutePath(QStringLiteral("logs/org0/repo/1000-1.zip")));
            QCOMPARE(row.label, QStringLiteral("memory")); // two sources, one label
        } else {
            QCOMPARE(row.archiveState, QStringLiteral("pending"));
            QCOMPARE(row.logBytes, qint64(-1));
            QVERIFY(row.logPath.isEmpty());
            QVERIFY(row.label.isEmpty());
        }
    }
}

void TestRunsTableModel::pageShowsTheFirstRowsBeforeTheRest()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    writeWorkspace(dir.path(), 3000);
    session::WorkspaceSession session;
    ui::RunsPage page(&session);
    page.resize(900, 500);
    page.show();
    RunsFilterModel* proxy = page.proxy();
    QSignalSpy reset(proxy, &QAbstractItemModel::modelReset);
    QSignalSpy loaded(&session, &session::WorkspaceSession::runsLoaded);
    // Connected after the page: each batch is in the table when this runs.
    QList<int> shown;
    bool sortedEachTime = true;
    int resetsAtFirst = -1;
    int loadedAtFirst = -1;
    qint64 chosenRun = 0;
    int scrolledTo = -1;
    connect(
        &session, &session::WorkspaceSession::runsArriving, &page, [&](const QList<session::RunRow>& rows, bool first) {
            shown << page.model()->rowCount();
            sortedEachTime = sortedEachTime && proxy->sortColumn() >= 0
                && isSorted(*proxy, proxy->sortColumn(), proxy->sortOrder());
            if (!first)
                return;
            QCOMPARE(rows.size(), session::RunRowsLoader::kFirstBatch);
            resetsAtFirst = int(reset.count());
            loadedAtFirst = int(loaded.count());
            const QModelIndex row = proxy->index(20, 0);
            chosenRun = row.data(RunsTableModel::RunIdRole).toLongLong();
            page.selectRun(chosenRun, row.data(RunsTableModel::AttemptRole).toInt());
            page.view()->verticalScrollBar()->setValue(5);
            scrolledTo = page.view()->verticalScrollBar()->value();
        });

    QVERIFY(session.open(dir.path()).ok());
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 60000);
    // The first screen was in the table before the rest was read, and the others were added to it.
    QCOMPARE(loadedAtFirst, 0);
    QCOMPARE(shown, (QList<int> { 256, 1024, 3000 }));
    QCOMPARE(test::rowsOf(loaded.first()), 3000);
    QCOMPARE(page.model()->rowCount(), 3000);
    QCOMPARE(session.rows().size(), qsizetype(3000));
    // Neither the later batches nor the end of the load reset the table: the selection and the scroll
    // position stayed.
    QCOMPARE(reset.count(), resetsAtFirst);
    QVERIFY(scrolledTo > 0);
    QCOMPARE(page.view()->verticalScrollBar()->value(), scrolledTo);
    const QList<session::RunRow> selected = page.selectedRows();
    QCOMPARE(selected.size(), qsizetype(1));
    QCOMPARE(selected.first().runId, chosenRun);
    // Sorted after every batch, and in the end as one sort of all rows sorts them (stable: load order).
    QVERIFY(sortedEachTime);
    // Without an analysis the newest runs come first.
    QCOMPARE(proxy->sortColumn(), int(RunsTableModel::Created));
    QCOMPARE(proxy->sortOrder(), Qt::DescendingOrder);
    const int column = proxy->sortColumn();
    const Qt::SortOrder order = proxy->sortOrder();
    QList<session::RunRow> sorted = session.rows();
    std::stable_sort(sorted.begin(), sorted.end(), [column, order](const session::RunRow& a, const session::RunRow& b) {
        return order == Qt::AscendingOrder ? RunsTableModel::lessThan(a, b, column, Qt::CaseSensitive)
                                           : RunsTableModel::lessThan(b, a, column, Qt::CaseSensitive);
    });
    QList<qint64> sortedIds;
    for (const session::RunRow& row : std::as_const(sorted))
        sortedIds << row.runId;
    QCOMPARE(runIdsOf(*proxy), sortedIds);
    page.view()->sortByColumn(RunsTableModel::Created, Qt::AscendingOrder);
    QVERIFY(isSorted(*proxy, RunsTableModel::Created, Qt::AscendingOrder));

    // A reload keeps the rows shown until all new ones are there, then replaces them at once.
    shown.clear();
    session.reload();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 2, 60000);
    QCOMPARE(shown, (QList<int> { 3000, 3000, 3000 }));
    QCOMPARE(page.model()->rowCount(), 3000);
    QVERIFY(isSorted(*proxy, RunsTableModel::Created, Qt::AscendingOrder));
}

QTEST_MAIN(TestRunsTableModel)
#include "tst_runstablemodel.moc"
