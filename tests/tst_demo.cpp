// The demo end to end, offscreen: fake GitHub server over the sample corpus, collection into a
// temporary workspace, runs in the table, analysis, flagged runs sorted first, the banner shown.
#include "mainwindow.h"
#include "pages/chartspage.h"
#include "pages/evaluationpage.h"
#include "pages/explanationpage.h"
#include "pages/logpage.h"
#include "pages/runspage.h"
#include "session/workspacesession.h"
#include "testsupport.h"

#include "runs/runsfiltermodel.h"
#include "runs/runstablemodel.h"
#include <QTableView>

#include "pipeline/analysisresult.h"

#include <QAction>
#include <QCheckBox>
#include <QDir>
#include <QLineEdit>
#include <QTreeWidget>

#include "charts/evaluationpanel.h"
#include "charts/explanationpanel.h"
#include "charts/scorehistogramchart.h"
#include "fakegithub/fakecorpusdata.h"
#include "fakegithub/fakegithubserver.h"
#include "logview/logview.h"
#include "logview/logviewerwidget.h"
#include "runs/runactions.h"
#include "session/demosession.h"
#include "workspace/labelio.h"
#include "workspace/workspace.h"
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using runlens::session::WorkspaceSession;
using runlens::ui::MainWindow;
using runlens::ui::RunsTableModel;

class TestDemo : public QObject
{
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
        QSignalSpy collected(window.session(), &WorkspaceSession::demoCollected);
        QSignalSpy loaded(window.session(), &WorkspaceSession::runsLoaded);
        QSignalSpy analysed(window.session(), &WorkspaceSession::analysisChanged);
        QSignalSpy failed(window.session(), &WorkspaceSession::demoFailed);
        QSignalSpy analysisFailed(window.session(), &WorkspaceSession::analysisFailed);
        QSignalSpy evaluated(window.session(), &WorkspaceSession::evaluationReady);
        window.openDemo();
        QVERIFY((window.session()->demo() != nullptr));
        auto* banner = window.runsPage()->banner();
        QVERIFY(banner);
        QVERIFY(banner->isVisible());
        QVERIFY(banner->text().contains(QStringLiteral("Sample data")));

        QTRY_VERIFY_WITH_TIMEOUT(collected.count() == 1 || failed.count() > 0, 90000);
        QVERIFY2(failed.isEmpty(), qPrintable(failed.isEmpty() ? QString() : failed.first().first().toString()));
        const QString dir = collected.first().first().toString();
        QVERIFY(QFileInfo::exists(QDir(dir).filePath(QStringLiteral("runlens.db"))));

        QTRY_VERIFY_WITH_TIMEOUT(loaded.count() >= 1, 30000);
        QVERIFY(runlens::test::rowsOf(loaded.first()) > 0);
        QTRY_VERIFY_WITH_TIMEOUT(analysed.count() == 1 || analysisFailed.count() > 0, 90000);
        QVERIFY2(analysisFailed.isEmpty(),
            qPrintable(analysisFailed.isEmpty() ? QString() : analysisFailed.first().first().toString()));
        QVERIFY(window.session()->analysis());
        QVERIFY(!window.session()->analysis()->runs.empty());

        // Exports start outside the demo's temporary workspace, which is deleted on exit.
        const QString demoDir = window.session()->path();
        QVERIFY(window.session()->isTemporary(demoDir + QStringLiteral("/exports")));
        QVERIFY(!window.session()->isTemporary(window.session()->exportFolder()));
        QVERIFY(!window.session()->isTemporary(demoDir + QStringLiteral("-elsewhere")));

        // Scores present, the table sorted by score, the flagged runs first.
        const QAbstractItemModel* proxy = window.runsPage()->proxy();
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

        // The Explanation tab leads with the selected run's summary, its number as in the table, and the
        // window's "Analyze the workspace..." tooltip is gone now that an analysis exists.
        runlens::ui::ExplanationPanel* explanation = window.explanationPage()->panel();
        QVERIFY(explanation);
        QTRY_VERIFY(explanation->summaryLabel()->text().startsWith(QStringLiteral("Run #")));
        QVERIFY2(explanation->summaryLabel()->text().contains(QStringLiteral(" flagged")),
            qPrintable(explanation->summaryLabel()->text()));
        QVERIFY(explanation->toolTip().isEmpty());
        QVERIFY(!explanation->hintLabel()->isHidden());

        // The Evaluation tab compares the four detectors against the sample corpus's labels.
        QTRY_VERIFY_WITH_TIMEOUT(evaluated.count() >= 1, 60000);
        runlens::ui::EvaluationPanel* evaluation = window.evaluationPage()->panel();
        QVERIFY2(evaluation->comparisonTable()->rowCount() == 4, qPrintable(evaluation->noteLabel()->text()));
        QVERIFY(evaluation->hasCurves());
        QVERIFY2(evaluation->noteLabel()->text().contains(QStringLiteral("labelled runs")),
            qPrintable(evaluation->noteLabel()->text()));

        // The Charts tab's figures export with the analysis.
        QTemporaryDir figures;
        const auto written = window.exportFiguresTo(figures.path());
        QVERIFY2(written.ok(), qPrintable(written.ok() ? QString() : written.error()));
        QVERIFY(written->size() >= 3);
        const QStringList names = QDir(figures.path()).entryList(QDir::Files);
        QVERIFY2(names.contains(QStringLiteral("roc.svg")) && names.contains(QStringLiteral("precision-recall.pdf")),
            qPrintable(names.join(QLatin1Char(','))));
        for (const QString& file : *written)
            QVERIFY2(QFileInfo(file).size() > 0 || QFileInfo(QDir(figures.path()).filePath(file)).size() > 0,
                qPrintable(file));
        // #14.6: the sidecars list the labels the figures used: the curves are evaluated against the
        // sample's labels even while the other charts are coloured by category.
        QFile rocSidecar(QDir(figures.path()).filePath(QStringLiteral("roc.json")));
        QVERIFY(rocSidecar.open(QIODevice::ReadOnly));
        const QJsonArray labelsUsed
            = QJsonDocument::fromJson(rocSidecar.readAll()).object().value(QStringLiteral("labels_used")).toArray();
        QVERIFY2(labelsUsed.contains(QStringLiteral("oom-killed")) && labelsUsed.size() >= 2,
            QJsonDocument(labelsUsed).toJson(QJsonDocument::Compact).constData());

        // Selecting a run with logs opens its ZIP in the Log tab.
        int withLogs = -1;
        for (int r = 0; r < proxy->rowCount() && withLogs < 0; ++r)
            if (!proxy->index(r, 0).data(RunsTableModel::LogPathRole).toString().isEmpty())
                withLogs = r;
        QVERIFY(withLogs >= 0);
        window.runsPage()->view()->selectRow(withLogs);
        QTRY_VERIFY_WITH_TIMEOUT(window.logPage()->viewer()->stepTree()->topLevelItemCount() > 0, 10000);

        // The filter bar drives the proxy.
        auto* flaggedOnly = window.runsPage()->flaggedOnlyBox();
        QVERIFY(flaggedOnly);
        flaggedOnly->setChecked(true);
        QCOMPARE(proxy->rowCount(), flagged);
        flaggedOnly->setChecked(false);
        auto* filter = window.runsPage()->filterEdit();
        QVERIFY(filter);
        const QString repo = proxy->index(0, RunsTableModel::Repository).data().toString();
        filter->setText(repo);
        for (int r = 0; r < proxy->rowCount(); ++r)
            QCOMPARE(proxy->index(r, RunsTableModel::Repository).data().toString(), repo);
        filter->clear();

        // Number key 1 labels the selected run: stored in the workspace, its row updated in place (no
        // reload of the table); Ctrl+Z takes it back.
        window.runsPage()->view()->selectRow(0);
        const qint64 runId = proxy->index(0, 0).data(RunsTableModel::RunIdRole).toLongLong();
        const int attempt = proxy->index(0, 0).data(RunsTableModel::AttemptRole).toInt();
        const int loadsBefore = int(loaded.count());
        const int row = window.runsPage()->model()->rowOf(runId, attempt);
        QVERIFY(row >= 0);
        const QString labelBefore = window.runsPage()->model()->rowAt(row).label;
        window.activateWindow();
        window.runsPage()->view()->setFocus();
        QTRY_VERIFY_WITH_TIMEOUT(window.runsPage()->view()->hasFocus(), 5000);
        QTest::keyClick(window.runsPage()->view(), Qt::Key_1);
        const QString first = runlens::workspace::LabelIo::knownLabels().at(0);
        QTRY_VERIFY_WITH_TIMEOUT(window.runsPage()->model()->rowAt(row).label.contains(first), 10000);
        QCOMPARE(loaded.count(), loadsBefore);
        QVERIFY(window.runsPage()->model()->rowAt(row).scored);
        QVERIFY(window.runsPage()->undoLabelAction()->isEnabled());
        QTest::keyClick(window.runsPage()->view(), Qt::Key_Z, Qt::ControlModifier);
        QTRY_COMPARE_WITH_TIMEOUT(window.runsPage()->model()->rowAt(row).label, labelBefore, 10000);
        QVERIFY(!window.runsPage()->undoLabelAction()->isEnabled());
        QTest::keyClick(window.runsPage()->view(), Qt::Key_1);
        QTRY_VERIFY_WITH_TIMEOUT(window.runsPage()->model()->rowAt(row).label.contains(first), 10000);

        // Labelling from the log view: the selected run's log has focus, number key 2 labels it; the
        // evaluation follows the label change, and the charts can colour runs by label.
        window.runsPage()->view()->selectRow(withLogs);
        const qint64 logRunId = proxy->index(withLogs, 0).data(RunsTableModel::RunIdRole).toLongLong();
        const int logAttempt = proxy->index(withLogs, 0).data(RunsTableModel::AttemptRole).toInt();
        runlens::ui::LogView* logView = window.logPage()->viewer()->view();
        logView->setFocus();
        QTRY_VERIFY_WITH_TIMEOUT(logView->hasFocus(), 5000);
        const int evaluationsBefore = int(evaluated.count());
        QTest::keyClick(logView, Qt::Key_2);
        const int logRow = window.runsPage()->model()->rowOf(logRunId, logAttempt);
        QTRY_VERIFY_WITH_TIMEOUT(
            window.runsPage()->model()->rowAt(logRow).label.contains(runlens::workspace::LabelIo::knownLabels().at(1)),
            10000);
        QTRY_VERIFY_WITH_TIMEOUT(evaluated.count() > evaluationsBefore, 60000);
        auto* groups = window.chartsPage()->groupsBox();
        QVERIFY(groups);
        groups->setCurrentIndex(1); // colour by label
        auto* histogram = window.chartsPage()->histogram();
        QVERIFY(histogram);
        // The label just given (a memory category, kept apart) is a group of its own; sample labels too.
        const QStringList byLabel = histogram->groups();
        QVERIFY2(byLabel.contains(runlens::workspace::LabelIo::knownLabels().at(1)),
            qPrintable(byLabel.join(QLatin1Char(','))));
        QVERIFY2(byLabel.contains(QStringLiteral("normal")), qPrintable(byLabel.join(QLatin1Char(','))));
        groups->setCurrentIndex(0);
        QVERIFY(!histogram->groups().contains(QStringLiteral("normal")));

        // Re-download Log fetches that run's archive again from the demo's server, byte-identical.
        runlens::workspace::Workspace ws;
        QVERIFY(ws.open(dir).ok());
        const QString shaBefore = ws.archive(logRunId, logAttempt)->sha256;
        QVERIFY(!shaBefore.isEmpty());
        const int loadsBeforeDownload = int(loaded.count());
        window.runsPage()->view()->selectRow(
            window.runsPage()->proxy()->mapFromSource(window.runsPage()->model()->index(logRow, 0)).row());
        QVERIFY(window.runsPage()->runActions()->redownloadAction()->isEnabled());
        window.runsPage()->runActions()->redownloadAction()->trigger();
        // Marked at once (the collection may already be fetching it), then downloaded again.
        const auto marked = ws.archive(logRunId, logAttempt)->state;
        QVERIFY(marked == runlens::workspace::ArchiveState::Pending
            || marked == runlens::workspace::ArchiveState::Downloading);
        QTRY_VERIFY_WITH_TIMEOUT(loaded.count() > loadsBeforeDownload
                && ws.archive(logRunId, logAttempt)->state == runlens::workspace::ArchiveState::Downloaded,
            60000);
        QCOMPARE(ws.archive(logRunId, logAttempt)->sha256, shaBefore);

        // RUNLENS_SCREENSHOT=path.png saves the window as a user sees it (docs/screenshots/main-window.png).
        if (const QString shot = qEnvironmentVariable("RUNLENS_SCREENSHOT"); !shot.isEmpty()) {
            window.resize(1600, 1000);
            window.runsPage()->view()->selectRow(0);
            QCoreApplication::processEvents();
            QVERIFY(window.grab().save(shot));
        }
    }

    // Collect > Collect... without the dialog: a workspace, the fake server, the token from GITHUB_TOKEN.
    void collectsIntoOpenWorkspace()
    {
        runlens::sample::SampleOptions sample = runlens::session::DemoSession::defaultOptions();
        sample.repoCount = 2;
        sample.runsPerRepo = 5;
        runlens::sample::FakeGitHubServer server(runlens::sample::FakeCorpusData::build(sample));
        QVERIFY(server.start().ok());
        qputenv("RUNLENS_NO_KEYCHAIN", "1");
        qputenv("GITHUB_TOKEN", server.token().toUtf8()); // the fake server's generated token
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        MainWindow window;
        QSignalSpy loaded(window.session(), &WorkspaceSession::runsLoaded);
        window.setWorkspacePath(dir.path());
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10000);
        QCOMPARE(runlens::test::rowsOf(loaded.first()), 0);
        runlens::github::CollectOptions options;
        options.apiUrl = server.apiUrl();
        for (const runlens::sample::FakeRepo& repo : server.repos())
            options.repositories << repo.fullName();
        window.session()->collect(options);
        QTRY_VERIFY_WITH_TIMEOUT(loaded.count() == 2, 60000);
        QVERIFY(runlens::test::rowsOf(loaded.last()) >= 10);
        int withLogs = 0;
        for (const auto& row : window.runsPage()->model()->rows())
            withLogs += row.logPath.isEmpty() ? 0 : 1;
        QVERIFY(withLogs > 0);
        qunsetenv("GITHUB_TOKEN");
    }
};

QTEST_MAIN(TestDemo)
#include "tst_demo.moc"
