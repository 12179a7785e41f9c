// The desktop side of failure lines: the log view's line filter, the viewer's "new lines only" and
// jump to the top failure line, the "Why it failed" panel, and the main window wiring.
#include "testsupport.h"

#include "explain/failurelinespanel.h"
#include "failurelines/failurelineranker.h"
#include "logview/logview.h"
#include "logview/logviewerwidget.h"
#include "mainwindow.h"
#include "pages/logpage.h"
#include "viewer/logdocument.h"

#include <QFile>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QTreeWidget>

using namespace runlens;
using namespace runlens::ui;

namespace {
// A failing console log (a test report at lines 32-35) and a passing one of the same job.
QByteArray buildLog(int run, bool failing, int extraLines = 0)
{
    QByteArray out;
    for (int i = 0; i < 30; ++i)
        out += "step " + QByteArray::number(i) + " took " + QByteArray::number(run * 3 + i) + " ms\n";
    out += "Running tests\n";
    if (failing)
        out += "test_io ... FAILED\nTraceback (most recent call last):\n  File \"t.py\", line 4, in test_io\n"
               "OSError: disk quota exceeded\n";
    for (int i = 0; i < extraLines; ++i)
        out += "filler " + QByteArray::number(i) + '\n';
    out += failing ? "Finished: FAILURE\n" : "Finished: SUCCESS\n";
    return out;
}

bool waitIndexed(logs::LogDocument* doc)
{
    if (doc->isIndexed())
        return true;
    QSignalSpy spy(doc, &logs::LogDocument::indexingFinished);
    return spy.wait(20000);
}

failurelines::FailureLinesResult rankNow(const QString& failed, const QStringList& baselines)
{
    failurelines::FailureLinesOptions options;
    options.keepKnownLines = true;
    return failurelines::FailureLineRanker::create()->rank(failed, baselines, options).value();
}
} // namespace

class TestFailureLinesPanel : public QObject
{
    Q_OBJECT

private slots:
    void logViewFiltersLinesKeepingNumbers()
    {
        QTemporaryDir dir;
        QByteArray text;
        for (int i = 1; i <= 10; ++i)
            text += "line " + QByteArray::number(i) + '\n';
        logs::LogDocument document;
        document.openFile(test::writeFile(dir.path(), QStringLiteral("ten.log"), text));
        QVERIFY(waitIndexed(&document));
        LogView view;
        view.resize(600, 400);
        view.setDocument(&document);
        QCOMPARE(view.rowCount(), qint64(10));
        view.setLineFilter(QList<qint64> { 2, 5, 9 });
        QVERIFY(view.hasLineFilter());
        QCOMPARE(view.rowCount(), qint64(3));
        QCOMPARE(view.lineForRow(1), qint64(5));
        QCOMPARE(view.rowForLine(5), qint64(1));
        QCOMPARE(view.rowForLine(6), qint64(2)); // a hidden line maps to the next shown one
        QVERIFY(view.lineRect(3).isEmpty());
        QVERIFY(!view.lineRect(5).isEmpty());
        view.setLineFilter(std::nullopt);
        QCOMPARE(view.rowCount(), qint64(10));
    }

    void viewerOpensAtTopLineAndShowsNewLinesOnly()
    {
        QTemporaryDir dir;
        const QString failed = test::writeFile(dir.path(), QStringLiteral("fail.log"), buildLog(2, true));
        const QString passed = test::writeFile(dir.path(), QStringLiteral("pass.log"), buildLog(1, false));
        const failurelines::FailureLinesResult result = rankNow(failed, { passed });
        QVERIFY(!result.lines.empty());

        LogViewerWidget widget;
        widget.resize(900, 600);
        QVERIFY(widget.openPath(failed).ok());
        QVERIFY(waitIndexed(widget.document()));
        QVERIFY(!widget.canShowNewLinesOnly());
        widget.setFailureLines(result);
        QTRY_COMPARE(widget.view()->currentLine(), result.lines.front().line);
        QVERIFY(widget.canShowNewLinesOnly());

        widget.setNewLinesOnly(true);
        QVERIFY(widget.newLinesOnly());
        // New: the report (32-35) and "Finished: FAILURE" (36); known: the 31 lines before.
        QCOMPARE(widget.view()->rowCount(), qint64(5));
        QCOMPARE(widget.view()->lineForRow(0), qint64(32));
        QCOMPARE(widget.view()->lineForRow(4), qint64(36));
        widget.setNewLinesOnly(false);
        QCOMPARE(widget.view()->rowCount(), qint64(36));

        // A ranking of another run leaves this one unfiltered.
        const QString other = test::writeFile(dir.path(), QStringLiteral("other.log"), buildLog(3, true));
        widget.setFailureLines(rankNow(other, { passed }));
        QVERIFY(!widget.canShowNewLinesOnly());
        widget.setNewLinesOnly(true);
        QVERIFY(!widget.newLinesOnly());
    }

    void panelListsLinesAndRequestsThem()
    {
        QTemporaryDir dir;
        const QString failed = test::writeFile(dir.path(), QStringLiteral("fail.log"), buildLog(2, true));
        const QString passed = test::writeFile(dir.path(), QStringLiteral("pass.log"), buildLog(1, false));
        FailureLinesPanel panel;
        panel.resize(900, 400);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QSignalSpy ranked(&panel, &FailureLinesPanel::ranked);
        QSignalSpy requested(&panel, &FailureLinesPanel::lineRequested);
        panel.rank(failed, { passed }, { QStringLiteral("run 1") });
        QTRY_COMPARE_WITH_TIMEOUT(ranked.count(), 1, 20000);
        QVERIFY(!panel.isRanking());
        QVERIFY(panel.statusText().contains(QLatin1String("run 1")));
        QTreeWidget* list = panel.list();
        QVERIFY(list->topLevelItemCount() > 0);
        QCOMPARE(list->topLevelItemCount(), int(panel.result()->lines.size()));
        QTreeWidgetItem* first = list->topLevelItem(0);
        QCOMPARE(first->text(0), QStringLiteral("1"));
        QVERIFY(first->text(3).contains(QLatin1String("novel")));
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(first).center());
        QCOMPARE(requested.count(), 1);
        QCOMPARE(requested.first().at(0).toString(), QStringLiteral("fail.log"));
        QCOMPARE(requested.first().at(1).toLongLong(), panel.result()->lines.front().line);
    }

    void newerRunDropsTheOlderRanking()
    {
        QTemporaryDir dir;
        const QString big = test::writeFile(dir.path(), QStringLiteral("big.log"), buildLog(2, true, 200000));
        const QString small = test::writeFile(dir.path(), QStringLiteral("small.log"), buildLog(2, true));
        FailureLinesPanel panel;
        QSignalSpy ranked(&panel, &FailureLinesPanel::ranked);
        panel.rank(big, { big });
        panel.rank(small, {});
        QTRY_COMPARE_WITH_TIMEOUT(ranked.count(), 1, 20000);
        QCOMPARE(panel.result()->failed, small);
        QVERIFY(panel.statusText().contains(QLatin1String("No passing run")));
        QThreadPool::globalInstance()->waitForDone();
        QCoreApplication::processEvents();
        QCOMPARE(ranked.count(), 1);
        QCOMPARE(panel.result()->failed, small);
    }

    void mainWindowRanksAnOpenedLog()
    {
        QTemporaryDir dir;
        const QString failed = test::writeFile(dir.path(), QStringLiteral("fail.log"), buildLog(2, true));
        MainWindow window;
        FailureLinesPanel* panel = window.failureLinesPanel();
        QVERIFY(panel);
        QTabWidget* tabs = window.detailTabs();
        QCOMPARE(tabs->tabText(tabs->indexOf(panel)), QStringLiteral("&Why it failed"));
        QSignalSpy ranked(panel, &FailureLinesPanel::ranked);
        QVERIFY(window.openLog(failed));
        QTRY_COMPARE_WITH_TIMEOUT(ranked.count(), 1, 20000);
        QVERIFY(waitIndexed(window.logPage()->viewer()->document()));
        QTRY_COMPARE(window.logPage()->viewer()->view()->currentLine(), panel->result()->lines.front().line);
        // A click in the list opens the log at that line.
        QTreeWidget* list = panel->list();
        tabs->setCurrentWidget(panel);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTreeWidgetItem* second = list->topLevelItem(1);
        QVERIFY(second);
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(second).center());
        QCOMPARE(tabs->currentWidget(), window.logPage());
        QTRY_COMPARE(window.logPage()->viewer()->view()->currentLine(), panel->result()->lines[1].line);
    }
};

QTEST_MAIN(TestFailureLinesPanel)
#include "tst_failurelinespanel.moc"
