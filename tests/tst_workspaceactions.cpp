// The main window's File menu and runs-table actions, offscreen: New Workspace, Import Old Pipeline
// Folder (background, with a summary), Export Old Pipeline Layout, label import/export, the runs
// table's context menu (open on GitHub, copy link, show archive, labels), column widths kept across
// reloads, the rate-limit indicator, the Analyze dialog's options and the theme.
#include "analyze/analyzedialog.h"
#include "charts/scorehistogramchart.h"
#include "collect/collectionpanel.h"
#include "collect/ratelimitindicator.h"
#include "labeling/labelactions.h"
#include "logview/logcolours.h"
#include "logview/logview.h"
#include "logview/logviewerwidget.h"
#include "mainwindow.h"
#include "pages/chartspage.h"
#include "pages/evaluationpage.h"
#include "pages/explanationpage.h"
#include "pages/logpage.h"
#include "pages/runspage.h"
#include "runs/runactions.h"
#include "runs/runsfiltermodel.h"
#include "runs/runstablemodel.h"
#include "session/workspacesession.h"
#include "taxonomy/runscanner.h"
#include "testsupport.h"
#include "workspace/labelio.h"
#include "workspace/workspace.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QHeaderView>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace runlens;
using runlens::session::WorkspaceSession;
using runlens::ui::MainWindow;
using runlens::ui::RunsTableModel;

namespace {
QStringList actionTexts(const QMenu* menu)
{
    QStringList texts;
    for (const QAction* action : menu->actions()) {
        if (!action->isSeparator())
            texts << action->text().remove(QLatin1Char('&'));
    }
    return texts;
}

const QAction* findAction(const QMenu* menu, const QString& text)
{
    for (const QAction* action : menu->actions()) {
        if (action->text().remove(QLatin1Char('&')) == text)
            return action;
    }
    return nullptr;
}
} // namespace

class TestWorkspaceActions : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("RunLensTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_workspaceactions"));
        QSettings().clear();
        QVERIFY(m_dir.isValid());
        m_seed = m_dir.filePath(QStringLiteral("seed"));
        const test::CliRun sample = test::runCli(
            { QStringLiteral("sample"), QStringLiteral("--out"), m_seed, QStringLiteral("--repos"), QStringLiteral("2"),
                QStringLiteral("--runs"), QStringLiteral("6"), QStringLiteral("--seed"), QStringLiteral("5") });
        QVERIFY2(sample.exitCode == 0, qPrintable(sample.err));
    }

    void fileMenuHoldsWorkspaceActions()
    {
        MainWindow window;
        const QMenu* file = window.menuBar()->actions().first()->menu();
        QVERIFY(file);
        const QStringList texts = actionTexts(file);
        for (const char* expected : { "New Workspace...", "Open Workspace...", "Open Recent", "Open Log...",
                 "Import Old Pipeline Folder...", "Import Labels...", "Export", "Quit" })
            QVERIFY2(texts.contains(QLatin1String(expected)), qPrintable(texts.join(QStringLiteral(", "))));
        const QMenu* exportMenu = findAction(file, QStringLiteral("Export"))->menu();
        QCOMPARE(actionTexts(exportMenu),
            (QStringList { QStringLiteral("Old Pipeline Layout..."), QStringLiteral("Labels as CSV..."),
                QStringLiteral("All Figures...") }));
        // Nothing to export before a workspace is open.
        for (const QAction* action : exportMenu->actions())
            QVERIFY(!action->isEnabled());
    }

    void newWorkspaceCreatesAndRefusesExisting()
    {
        MainWindow window;
        QSignalSpy loaded(window.session(), &WorkspaceSession::runsLoaded);
        const QString dir = m_dir.filePath(QStringLiteral("new/ws"));
        const Status created = window.createWorkspace(dir);
        QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error()));
        QVERIFY(QFileInfo::exists(dir + QStringLiteral("/runlens.db")));
        QCOMPARE(window.session()->path(), dir);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10000);
        QCOMPARE(runlens::test::rowsOf(loaded.first()), 0);

        const Status again = window.createWorkspace(dir);
        QVERIFY(!again.ok());
        QVERIFY2(again.error().contains(QStringLiteral("holds a workspace already")), qPrintable(again.error()));
    }

    void importsAndExportsOldPipelineFolders()
    {
        MainWindow window;
        QSignalSpy loaded(window.session(), &WorkspaceSession::runsLoaded);
        QSignalSpy finished(window.session(), &WorkspaceSession::transferFinished);
        QSignalSpy failed(window.session(), &WorkspaceSession::transferFailed);

        // Without a workspace the import names the folder and does nothing.
        window.session()->importSeedFolder(m_seed);
        QCOMPARE(failed.count(), 1);
        QVERIFY(failed.first().first().toString().contains(QDir::toNativeSeparators(m_seed)));

        const QString wsDir = m_dir.filePath(QStringLiteral("imported"));
        QVERIFY(window.createWorkspace(wsDir).ok());
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10000);
        window.session()->importSeedFolder(m_seed);
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1 || failed.count() > 1, 60000);
        QCOMPARE(failed.count(), 1);
        const QString summary = finished.first().first().toString();
        QVERIFY2(summary.startsWith(QStringLiteral("Imported 12 runs")), qPrintable(summary));
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 2, 10000);
        QCOMPARE(runlens::test::rowsOf(loaded.last()), 12);
        // The sample corpus's labels.csv came along and shows in the table.
        int labelled = 0;
        for (const session::RunRow& row : window.runsPage()->model()->rows())
            labelled += row.label.isEmpty() ? 0 : 1;
        QVERIFY(labelled > 0);

        const QString out = m_dir.filePath(QStringLiteral("exported"));
        window.session()->exportSeedLayout(out);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 60000);
        QVERIFY2(finished.last().first().toString().startsWith(QStringLiteral("Exported 12 runs")),
            qPrintable(finished.last().first().toString()));
        QVERIFY(QFileInfo::exists(out + QStringLiteral("/workflow_runs.csv")));
        QVERIFY(QFileInfo(out + QStringLiteral("/logs_failure")).isDir());

        // Labels: export as CSV, clear them, import the CSV back; a memory_logs.txt imports too.
        const QString labelsCsv = m_dir.filePath(QStringLiteral("labels-out.csv"));
        const Status written = window.session()->exportLabels(labelsCsv);
        QVERIFY2(written.ok(), qPrintable(written.ok() ? QString() : written.error()));
        QVERIFY(QFileInfo(labelsCsv).size() > 0);
        const QString memoryList = m_dir.filePath(QStringLiteral("memory_logs.txt"));
        {
            QFile f(memoryList);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QStringLiteral("logs_failure/%1/0_build.txt\n")
                        .arg(window.runsPage()->model()->rows().first().runId)
                        .toUtf8());
        }
        const int loadsBefore = int(loaded.count());
        const Result<QString> imported = window.session()->importLabels(memoryList);
        QVERIFY2(imported.ok(), qPrintable(imported.ok() ? QString() : imported.error()));
        QVERIFY2(imported->contains(QStringLiteral("Imported 1 label")), qPrintable(*imported));
        QTRY_VERIFY_WITH_TIMEOUT(loaded.count() > loadsBefore, 10000);
        const session::RunRow first = window.runsPage()->model()->rows().first();
        QVERIFY2(first.label.contains(QStringLiteral("memory")), qPrintable(first.label));
        const Result<QString> missing = window.session()->importLabels(m_dir.filePath(QStringLiteral("nope.csv")));
        QVERIFY(!missing.ok());
        QVERIFY2(missing.error().contains(QStringLiteral("nope.csv")), qPrintable(missing.error()));
    }

    void contextMenuActsOnSelectedRuns()
    {
        const QString wsDir = m_dir.filePath(QStringLiteral("menu-ws"));
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy loaded(window.session(), &WorkspaceSession::runsLoaded);
        QSignalSpy finished(window.session(), &WorkspaceSession::transferFinished);
        QVERIFY(window.createWorkspace(wsDir).ok());
        window.session()->importSeedFolder(m_seed);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 2, 10000);

        QList<QUrl> opened;
        window.runsPage()->runActions()->setUrlOpener([&opened](const QUrl& url) {
            opened << url;
            return true;
        });
        int withLog = -1;
        const QAbstractItemModel* proxy = window.runsPage()->proxy();
        for (int r = 0; r < proxy->rowCount() && withLog < 0; ++r) {
            if (!proxy->index(r, 0).data(RunsTableModel::LogPathRole).toString().isEmpty())
                withLog = r;
        }
        QVERIFY(withLog >= 0);
        window.runsPage()->view()->selectRow(withLog);
        const session::RunRow row = window.runsPage()->model()->rowAt(
            window.runsPage()->proxy()->mapToSource(proxy->index(withLog, 0)).row());
        QVERIFY(!row.htmlUrl.isEmpty());

        std::unique_ptr<QMenu> menu(window.runsPage()->createContextMenu(&window));
        const QStringList texts = actionTexts(menu.get());
        for (const char* expected :
            { "Open on GitHub", "Copy Link", "Re-download Log", "Show Archive in Folder", "Label" })
            QVERIFY2(texts.contains(QLatin1String(expected)), qPrintable(texts.join(QStringLiteral(", "))));
        for (QAction* action : window.runsPage()->runActions()->actions())
            QVERIFY2(action->isEnabled(), qPrintable(action->text()));

        window.runsPage()->runActions()->copyLinkAction()->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(), row.htmlUrl);
        window.runsPage()->runActions()->openOnGitHubAction()->trigger();
        window.runsPage()->runActions()->showArchiveAction()->trigger();
        QCOMPARE(opened.size(), 2);
        QCOMPARE(opened.at(0), QUrl(row.htmlUrl));
        QCOMPARE(opened.at(1), QUrl::fromLocalFile(QFileInfo(row.logPath).absolutePath()));

        // The shortcut works while the table has focus.
        QGuiApplication::clipboard()->clear();
        window.activateWindow();
        window.runsPage()->view()->setFocus();
        QTRY_VERIFY_WITH_TIMEOUT(window.runsPage()->view()->hasFocus(), 5000);
        QTest::keyClick(window.runsPage()->view(), Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(QGuiApplication::clipboard()->text(), row.htmlUrl);

        // Nothing selected: nothing to act on.
        window.runsPage()->view()->clearSelection();
        for (QAction* action : window.runsPage()->runActions()->actions())
            QVERIFY(!action->isEnabled());
    }

    // Column widths the user set survive reloads (labels, collections) and a restart.
    // #14.1: a workspace analysed before (here by runlens-cli analyze) shows its scores, explanation
    // and charts when it opens again, without Analyze; one never analysed says so in those tabs.
    void reopeningShowsTheStoredAnalysis()
    {
        const QString wsDir = m_dir.filePath(QStringLiteral("reopened"));
        const test::CliRun imported
            = test::runCli({ QStringLiteral("import"), QStringLiteral("--workspace"), wsDir, m_seed });
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
        {
            MainWindow window;
            QSignalSpy loaded(window.session(), &WorkspaceSession::runsLoaded);
            window.setWorkspacePath(wsDir);
            QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10000);
            QVERIFY(window.explanationPage()->showsPlaceholder());
            QVERIFY(window.chartsPage()->showsPlaceholder());
            QVERIFY(!window.runsPage()->model()->rows().first().scored);
        }
        const test::CliRun analysed = test::runCli({ QStringLiteral("analyze"), QStringLiteral("--workspace"), wsDir,
            QStringLiteral("--seed"), QStringLiteral("1") });
        QVERIFY2(analysed.exitCode == 0, qPrintable(analysed.err));

        MainWindow window;
        window.show();
        QSignalSpy stored(window.session(), &WorkspaceSession::analysisChanged);
        QSignalSpy loaded(window.session(), &WorkspaceSession::runsLoaded);
        window.setWorkspacePath(wsDir);
        QTRY_VERIFY_WITH_TIMEOUT(stored.count() == 1 && loaded.count() == 1, 60000);
        QVERIFY(window.session()->analysis());
        int scored = 0;
        for (const session::RunRow& row : window.runsPage()->model()->rows())
            scored += row.scored ? 1 : 0;
        QCOMPARE(scored, int(window.session()->analysis()->runs.size()));
        QVERIFY(scored > 0);
        QVERIFY(!window.explanationPage()->showsPlaceholder());
        QVERIFY(!window.chartsPage()->showsPlaceholder());
        QVERIFY(!window.chartsPage()->histogram()->counts().empty());
        // The most anomalous run is selected and explained.
        QVERIFY(!window.runsPage()->selectedRows().isEmpty());
    }

    // #14.5: Open Workspace writes nothing into a folder that is neither empty nor a workspace without
    // asking, and offers Import for an old pipeline folder.
    void openingIsNotCreating()
    {
        MainWindow window;
        const QString other = m_dir.filePath(QStringLiteral("thesis"));
        QVERIFY(QDir().mkpath(other));
        QFile notes(QDir(other).filePath(QStringLiteral("notes.txt")));
        QVERIFY(notes.open(QIODevice::WriteOnly));
        notes.write("chapter 3\n");
        notes.close();
        const QString db = QDir(other).filePath(QStringLiteral("runlens.db"));

        auto buttonNamed = [](QMessageBox* box, const QString& text) -> QAbstractButton* {
            for (QAbstractButton* button : box->buttons()) {
                if (button->text().remove(QLatin1Char('&')).startsWith(text))
                    return button;
            }
            return nullptr;
        };
        QPointer<QMessageBox> box = window.openWorkspaceFolder(other);
        QVERIFY(box);
        QVERIFY(box->text().contains(QStringLiteral("not empty")));
        QVERIFY(!QFileInfo::exists(db));
        QVERIFY(!window.session()->isOpen());
        box->button(QMessageBox::Cancel)->click();
        QTRY_VERIFY(!box);
        QVERIFY(!QFileInfo::exists(db));
        QVERIFY(!window.session()->isOpen());

        QSignalSpy loaded(window.session(), &WorkspaceSession::runsLoaded);
        box = window.openWorkspaceFolder(other);
        QVERIFY(box);
        buttonNamed(box, QStringLiteral("Create Workspace Here"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10000);
        QVERIFY(QFileInfo::exists(db));
        QCOMPARE(window.session()->path(), other);

        // The old pipeline's folder: Import is offered, nothing is written into it.
        QPointer<QMessageBox> seed = window.openWorkspaceFolder(m_seed);
        QVERIFY(seed);
        QVERIFY(seed->text().contains(QStringLiteral("old pipeline")));
        QVERIFY(buttonNamed(seed, QStringLiteral("Import")));
        QVERIFY(!QFileInfo::exists(QDir(m_seed).filePath(QStringLiteral("runlens.db"))));
        seed->button(QMessageBox::Cancel)->click();

        // An empty folder opens as a new workspace without a question.
        const QString empty = m_dir.filePath(QStringLiteral("fresh"));
        QVERIFY(QDir().mkpath(empty));
        QVERIFY(!window.openWorkspaceFolder(empty));
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 2, 10000);
        QCOMPARE(window.session()->path(), empty);
    }

    // #14.2: a number key in a log opened with File > Open Log labels nothing and says why; in a run's
    // log it labels exactly that run; every label has a key.
    void labelsLandOnTheRunShown()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy loaded(window.session(), &WorkspaceSession::runsLoaded);
        QSignalSpy transferred(window.session(), &WorkspaceSession::transferFinished);
        QVERIFY(window.createWorkspace(m_dir.filePath(QStringLiteral("labelled"))).ok());
        window.session()->importSeedFolder(m_seed);
        QTRY_COMPARE_WITH_TIMEOUT(transferred.count(), 1, 60000);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 2, 10000);

        QStringList keys;
        for (const QAction* action : window.runsPage()->labelActions()->labelActions()) {
            QVERIFY2(!action->shortcut().isEmpty(), qPrintable(action->text()));
            keys << action->shortcut().toString();
        }
        keys.removeDuplicates();
        QCOMPARE(keys.size(), workspace::LabelIo::knownLabels().size());

        // A run is selected (its labels would be what a stray key changes), then a file is opened.
        const session::RunRow first = window.runsPage()->model()->rowAt(0);
        window.runsPage()->selectRun(first.runId, first.attempt);
        QCOMPARE(window.runsPage()->selectedRows().size(), 1);
        const session::RunRow selected = window.runsPage()->selectedRows().first();
        const QString labelsBefore = selected.label;
        const QString file = m_dir.filePath(QStringLiteral("loose.log"));
        QFile log(file);
        QVERIFY(log.open(QIODevice::WriteOnly));
        log.write("2024-01-28T19:27:24.9408212Z hello\n");
        log.close();
        QVERIFY(window.openLog(file));
        ui::LogView* view = window.logPage()->viewer()->view();
        QSignalSpy said(window.logPage(), &ui::LogPage::message);
        window.activateWindow();
        view->setFocus();
        QTRY_VERIFY_WITH_TIMEOUT(view->hasFocus(), 5000);
        QTest::keyClick(view, Qt::Key_1);
        QTRY_COMPARE_WITH_TIMEOUT(said.count(), 1, 5000);
        QVERIFY2(said.first().first().toString().contains(QStringLiteral("opened from a file")),
            qPrintable(said.first().first().toString()));
        QVERIFY(!window.session()->canUndoLabels());
        workspace::Workspace ws;
        QVERIFY(ws.open(window.session()->path()).ok());
        const auto labels = ws.labels(selected.runId);
        QVERIFY(labels.ok());
        int stored = 0;
        for (const workspace::LabelRecord& label : labels.value())
            stored += label.attempt == selected.attempt && label.source == workspace::LabelSource::User ? 1 : 0;
        QCOMPARE(stored, 0);
        QCOMPARE(window.runsPage()
                     ->model()
                     ->rowAt(window.runsPage()->model()->rowOf(selected.runId, selected.attempt))
                     .label,
            labelsBefore);

        // Back in a run's log, the key labels that run.
        emit window.runsPage()->currentRunChanged(selected);
        view->setFocus();
        QTest::keyClick(view, Qt::Key_1);
        QTRY_VERIFY_WITH_TIMEOUT(window.session()->canUndoLabels(), 5000);
        QVERIFY(window.runsPage()
                    ->model()
                    ->rowAt(window.runsPage()->model()->rowOf(selected.runId, selected.attempt))
                    .label.contains(workspace::LabelIo::knownLabels().first()));
    }

    void aRunOpensAtItsFinalMemoryHit()
    {
        MainWindow window;
        QSignalSpy loaded(window.session(), &WorkspaceSession::runsLoaded);
        QSignalSpy transferred(window.session(), &WorkspaceSession::transferFinished);
        QVERIFY(window.createWorkspace(m_dir.filePath(QStringLiteral("opens-at-failure"))).ok());
        window.session()->importSeedFolder(m_seed);
        QTRY_COMPARE_WITH_TIMEOUT(transferred.count(), 1, 60000);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 2, 10000);
        // A sample run whose taxonomy scan has a final hit: its log opens there.
        const auto scanner = logs::RunScanner::create();
        QVERIFY(scanner.ok());
        std::optional<logs::MemoryHit> final;
        session::RunRow failed;
        for (int i = 0; i < window.runsPage()->model()->rowCount() && !final; ++i) {
            failed = window.runsPage()->model()->rowAt(i);
            if (failed.logPath.isEmpty())
                continue;
            const logs::RunScan scanned = scanner->scan({ failed.logPath, failed.logPath, logs::RunSource::Kind::Zip });
            QVERIFY2(scanned.ok(), qPrintable(scanned.ok() ? QString() : scanned.error()));
            for (const logs::MemoryHit& hit : scanned->hits) {
                if (hit.final && !final)
                    final = hit; // the first: the run's final cause (docs/taxonomy.md)
            }
        }
        QVERIFY(final);
        ui::LogViewerWidget* viewer = window.logPage()->viewer();
        QSignalSpy located(viewer, &ui::LogViewerWidget::failureLocated);
        window.logPage()->showRun(failed);
        QVERIFY(located.wait(20000));
        QCOMPARE(viewer->currentEntryName(), final->entry);
        QTRY_COMPARE_WITH_TIMEOUT(viewer->view()->currentLine(), final->line.get(), 10000);
    }

    void columnWidthsSurviveReloads()
    {
        const QString wsDir = m_dir.filePath(QStringLiteral("imported"));
        int width = 0;
        {
            MainWindow window;
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QSignalSpy loaded(window.session(), &WorkspaceSession::runsLoaded);
            window.setWorkspacePath(wsDir);
            QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10000);
            window.runsPage()->view()->setColumnWidth(RunsTableModel::Workflow, 333);
            window.setWorkspacePath(wsDir); // a reload
            QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 2, 10000);
            width = window.runsPage()->view()->columnWidth(RunsTableModel::Workflow);
            QCOMPARE(width, 333);
            window.close();
        }
        MainWindow again;
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        QSignalSpy loaded(again.session(), &WorkspaceSession::runsLoaded);
        again.setWorkspacePath(wsDir);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10000);
        QCOMPARE(again.runsPage()->view()->columnWidth(RunsTableModel::Workflow), 333);
    }

    void rateLimitIndicatorCountsDown()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ui::RateLimitIndicator* indicator = window.rateLimitIndicator();
        QVERIFY(indicator);
        QVERIFY(!indicator->isVisible());
        emit window.collectionPanel()->rateLimitChanged(4321, 5000, QDateTime::currentDateTimeUtc().addSecs(90));
        QVERIFY(indicator->isVisible());
        QVERIFY2(indicator->text().contains(QStringLiteral("4,321 / 5,000")), qPrintable(indicator->text()));
        QVERIFY2(indicator->text().contains(QStringLiteral("resets in 01:30"))
                || indicator->text().contains(QStringLiteral("resets in 01:29")),
            qPrintable(indicator->text()));
        const QString before = indicator->text();
        QTRY_VERIFY_WITH_TIMEOUT(indicator->text() != before, 3000); // the countdown ticks
        QVERIFY(indicator->styleSheet().isEmpty());
        emit window.collectionPanel()->rateLimitChanged(12, 5000, QDateTime::currentDateTimeUtc().addSecs(30));
        QVERIFY2(indicator->styleSheet().contains(QStringLiteral("bold")), "a low budget stands out");
        emit window.collectionPanel()->rateLimitChanged(-1, -1, QDateTime());
        QVERIFY(!indicator->isVisible());
    }

    void analyzeDialogChoosesFeaturesAndTrainingRuns()
    {
        ui::AnalyzeDialog dialog;
        pipeline::AnalysisOptions defaults = dialog.options();
        QCOMPARE(defaults.forest.trees, 100);
        QVERIFY(defaults.featureIds.isEmpty()); // all features
        QVERIFY(defaults.trainOnSuccessfulToo);
        QVERIFY(dialog.featureList()->count() > 20);

        pipeline::AnalysisOptions chosen;
        chosen.forest.trees = 250;
        chosen.forest.seed = 9;
        chosen.forest.contamination = 0.05;
        chosen.featureIds = { dialog.featureList()->item(0)->data(Qt::UserRole).toString(),
            dialog.featureList()->item(3)->data(Qt::UserRole).toString() };
        chosen.trainOnSuccessfulToo = false;
        dialog.setOptions(chosen);
        const pipeline::AnalysisOptions back = dialog.options();
        QCOMPARE(back.forest.trees, 250);
        QCOMPARE(back.forest.seed, quint64(9));
        QCOMPARE(back.forest.contamination.value_or(0), 0.05);
        QCOMPARE(back.featureIds, chosen.featureIds);
        QVERIFY(!back.trainOnSuccessfulToo);
        QCOMPARE(dialog.trainingRuns()->currentIndex(), 1);

        // No feature, no analysis.
        for (int i = 0; i < dialog.featureList()->count(); ++i)
            dialog.featureList()->item(i)->setCheckState(Qt::Unchecked);
        QVERIFY(!dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->isEnabled());
    }

    // View > Theme: the dark palette reaches the log view, whose background and text follow it.
    void darkThemeReachesTheLogView()
    {
        MainWindow window;
        window.resize(900, 600);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openLog(test::realLogsDir() + QStringLiteral("/") + firstRealLog()));
        ui::LogView* view = window.logPage()->viewer()->view();
        QTRY_VERIFY_WITH_TIMEOUT(view->document() && view->document()->lineCount().get() > 0, 10000);

        window.setTheme(ui::Theme::Choice::Dark);
        QVERIFY(ui::LogColours::isDark(QApplication::palette()));
        // Widgets take the new palette as the event loop delivers the change.
        QTRY_COMPARE_WITH_TIMEOUT(view->viewport()->palette().color(QPalette::Base), ui::LogColours::dark().base, 5000);
        const QImage dark = view->viewport()->grab().toImage();
        const QColor corner = dark.pixelColor(dark.width() - 3, dark.height() - 3);
        QVERIFY2(corner.lightness() < 80, qPrintable(corner.name()));

        window.setTheme(ui::Theme::Choice::Light);
        QTRY_COMPARE_WITH_TIMEOUT(
            view->viewport()->palette().color(QPalette::Base), ui::LogColours::light().base, 5000);
        const QImage light = view->viewport()->grab().toImage();
        QVERIFY(light.pixelColor(light.width() - 3, light.height() - 3).lightness() > 200);
        window.setTheme(ui::Theme::Choice::System);
    }

private:
    static QString firstRealLog()
    {
        const QStringList logs
            = QDir(test::realLogsDir()).entryList({ QStringLiteral("*.txt") }, QDir::Files, QDir::Name);
        return logs.value(0);
    }

    QTemporaryDir m_dir;
    QString m_seed;
};

QTEST_MAIN(TestWorkspaceActions)
#include "tst_workspaceactions.moc"
