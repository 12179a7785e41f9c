// The demo end to end, offscreen: fake GitHub server over the sample corpus, collection into a
// temporary workspace, runs in the table, analysis, flagged runs sorted first, the banner shown.
#include "mainwindow.h"

#include <QTableView>
#include "runs/runsfiltermodel.h"
#include "runs/runstablemodel.h"

#include "pipeline/analysisresult.h"

#include <QDir>
#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using runlens::ui::MainWindow;
using runlens::ui::RunsTableModel;

class TestDemo : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("RunLensTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_demo"));
        QSettings().clear();
    }

    void demoCollectsAndAnalyzes()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy collected(&window, &MainWindow::demoCollected);
        QSignalSpy loaded(&window, &MainWindow::runsLoaded);
        QSignalSpy analysed(&window, &MainWindow::analysisFinished);
        QSignalSpy failed(&window, &MainWindow::demoFailed);
        QSignalSpy analysisFailed(&window, &MainWindow::analysisFailed);
        window.openDemo();
        QVERIFY(window.isDemo());
        auto* banner = window.findChild<QLabel*>(QStringLiteral("SampleDataBanner"));
        QVERIFY(banner);
        QVERIFY(banner->isVisible());
        QVERIFY(banner->text().contains(QStringLiteral("Sample data")));

        QTRY_VERIFY_WITH_TIMEOUT(collected.count() == 1 || failed.count() > 0, 90000);
        QVERIFY2(failed.isEmpty(), qPrintable(failed.isEmpty() ? QString() : failed.first().first().toString()));
        const QString dir = collected.first().first().toString();
        QVERIFY(QFileInfo::exists(QDir(dir).filePath(QStringLiteral("runlens.db"))));

        QTRY_VERIFY_WITH_TIMEOUT(loaded.count() >= 1, 30000);
        QVERIFY(loaded.first().first().toInt() > 0);
        QTRY_VERIFY_WITH_TIMEOUT(analysed.count() == 1 || analysisFailed.count() > 0, 90000);
        QVERIFY2(analysisFailed.isEmpty(),
                 qPrintable(analysisFailed.isEmpty() ? QString() : analysisFailed.first().first().toString()));
        QVERIFY(window.analysis());
        QVERIFY(!window.analysis()->runs.empty());

        // Scores present, the table sorted by score, the flagged runs first.
        const QAbstractItemModel* proxy = window.runsProxy();
        QVERIFY(proxy->rowCount() > 0);
        QVERIFY(proxy->index(0, RunsTableModel::Score).data(RunsTableModel::ScoredRole).toBool());
        double previous = 2;
        bool seenUnflagged = false;
        int flagged = 0;
        for (int r = 0; r < proxy->rowCount(); ++r) {
            const QModelIndex score = proxy->index(r, RunsTableModel::Score);
            if (!score.data(RunsTableModel::ScoredRole).toBool())
                continue;
            const double value = score.data(RunsTableModel::SortRole).toDouble();
            QVERIFY(value <= previous);
            previous = value;
            const bool isFlagged = score.data(RunsTableModel::FlaggedRole).toBool();
            QVERIFY2(!(isFlagged && seenUnflagged), "a flagged run sorted after an unflagged one");
            seenUnflagged = seenUnflagged || !isFlagged;
            flagged += isFlagged ? 1 : 0;
        }
        QVERIFY(flagged > 0);

        // The Charts tab's figures export with the analysis.
        QTemporaryDir figures;
        const auto written = window.exportFiguresTo(figures.path());
        QVERIFY2(written.ok(), qPrintable(written.ok() ? QString() : written.error()));
        QVERIFY(written->size() >= 3);
        for (const QString& file : *written)
            QVERIFY2(QFileInfo(file).size() > 0 || QFileInfo(QDir(figures.path()).filePath(file)).size() > 0, qPrintable(file));

        // RUNLENS_SCREENSHOT=path.png saves the window as a user sees it (docs/screenshots/main-window.png).
        if (const QString shot = qEnvironmentVariable("RUNLENS_SCREENSHOT"); !shot.isEmpty()) {
            window.resize(1600, 1000);
            window.runsView()->selectRow(0);
            QCoreApplication::processEvents();
            QVERIFY(window.grab().save(shot));
        }
    }
};

QTEST_MAIN(TestDemo)
#include "tst_demo.moc"
