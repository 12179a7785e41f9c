// File > Import GHALogs...: the dialog, the action and the background job with Cancel.
#include "ghalogs/ghalogsgenerator.h"
#include "ghalogs/ghalogsimportaction.h"
#include "ghalogs/ghalogsimportdialog.h"
#include "ghalogs/ghalogsjob.h"
#include "workspace/workspace.h"

#include <QCheckBox>
#include <QFutureWatcher>
#include <QLineEdit>
#include <QMainWindow>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace runlens;

class TestGhaLogsImport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void dialogWantsADataset();
    void actionImportsInTheBackground();
    void canceledJobFinishesOnSecondRun();
    void jobFailureNamesTheDataset();

private:
    QTemporaryDir m_dir;
    QString m_dataset;
};

void TestGhaLogsImport::initTestCase()
{
    qRegisterMetaType<ghalogs::GhaLogsImportSummary>();
    m_dataset = m_dir.filePath(QStringLiteral("dataset"));
    ghalogs::GhaLogsGeneratorOptions gen;
    gen.outDir = m_dataset;
    gen.runs = 1200;
    gen.distinctArchives = 20;
    gen.missingArchives = 3;
    auto written = ghalogs::GhaLogsGenerator(gen).run();
    QVERIFY2(written, qPrintable(written ? QString() : written.error()));
}

void TestGhaLogsImport::dialogWantsADataset()
{
    ui::GhaLogsImportDialog dialog;
    QVERIFY(!dialog.okButton()->isEnabled());
    dialog.datasetEdit()->setText(m_dir.path()); // no runs.json.gz there
    QVERIFY(!dialog.okButton()->isEnabled());
    dialog.setDatasetDir(m_dataset);
    QVERIFY(dialog.okButton()->isEnabled());
    const ghalogs::GhaLogsImportOptions options = dialog.options();
    QCOMPARE(options.datasetDir, m_dataset);
    QVERIFY(options.repositories.isEmpty());
    QCOMPARE(options.limit, -1);
    QCOMPARE(options.sample, -1);
    QVERIFY(!options.since.isValid());
    QVERIFY(!options.verifyArchives);
}

void TestGhaLogsImport::actionImportsInTheBackground()
{
    const QString wsDir = m_dir.filePath(QStringLiteral("ws-action"));
    {
        workspace::Workspace ws;
        QVERIFY(ws.open(wsDir));
    }
    QMainWindow window;
    ui::GhaLogsImportAction action([wsDir] { return wsDir; }, &window);
    QSignalSpy finished(&action, &ui::GhaLogsImportAction::finished);
    ghalogs::GhaLogsImportOptions options;
    options.datasetDir = m_dataset;
    options.limit = 300;
    QVERIFY(action.start(options));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 120000);
    const auto summary = finished.at(0).at(0).value<ghalogs::GhaLogsImportSummary>();
    QCOMPARE(summary.imported, 300);
    QVERIFY(ui::GhaLogsImportAction::describe(summary).startsWith(QLatin1String("300 runs imported")));
    workspace::Workspace ws;
    QVERIFY(ws.open(wsDir));
    QCOMPARE(ws.stats()->runs, 300);
}

void TestGhaLogsImport::jobFailureNamesTheDataset()
{
    ghalogs::GhaLogsImportOptions options;
    options.datasetDir = m_dir.filePath(QStringLiteral("no-such-dataset"));
    QFuture<Result<ghalogs::GhaLogsImportSummary>> job
        = ghalogs::importGhaLogs(m_dir.filePath(QStringLiteral("ws-failing")), options);
    job.waitForFinished();
    QCOMPARE(job.resultCount(), 1);
    const Result<ghalogs::GhaLogsImportSummary> result = job.result();
    QVERIFY(!result.ok());
    QVERIFY2(result.error().contains(options.datasetDir), qPrintable(result.error()));
}

void TestGhaLogsImport::canceledJobFinishesOnSecondRun()
{
    const QString wsDir = m_dir.filePath(QStringLiteral("ws-cancel"));
    ghalogs::GhaLogsImportOptions options;
    options.datasetDir = m_dataset;
    QFuture<Result<ghalogs::GhaLogsImportSummary>> first = ghalogs::importGhaLogs(wsDir, options);
    first.cancel();
    QFutureWatcher<Result<ghalogs::GhaLogsImportSummary>> watcher;
    QSignalSpy done(&watcher, &QFutureWatcherBase::finished);
    watcher.setFuture(first);
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 120000);
    QVERIFY(first.isCanceled());

    QFuture<Result<ghalogs::GhaLogsImportSummary>> second = ghalogs::importGhaLogs(wsDir, options);
    second.waitForFinished();
    QCOMPARE(second.resultCount(), 1);
    const Result<ghalogs::GhaLogsImportSummary> imported = second.result();
    QVERIFY2(imported.ok(), qPrintable(imported.ok() ? QString() : imported.error()));
    const ghalogs::GhaLogsImportSummary& summary = *imported;
    QVERIFY(!summary.cancelled);
    QCOMPARE(summary.imported + summary.alreadyImported, 1200);
    QCOMPARE(summary.archivesMissing + summary.archivesPresent, summary.imported);
    workspace::Workspace ws;
    QVERIFY(ws.open(wsDir));
    QCOMPARE(ws.stats()->runs, 1200);
}

QTEST_MAIN(TestGhaLogsImport)
#include "tst_ghalogsimport.moc"
