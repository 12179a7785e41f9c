// The log view and viewer widget: ANSI rendering, memory-category highlights painted in their colours,
// the jobs-and-steps tree for both archive shapes, evidence navigation, folding, copy, Open Log.
#include "logs/logsource.h"
#include "logview/ansitext.h"
#include "logview/logview.h"
#include "logview/logviewerwidget.h"
#include "mainwindow.h"
#include "pages/logpage.h"
#include "pages/runspage.h"
#include "taxonomy/memorycategory.h"
#include "testsupport.h"
#include "viewer/logdocument.h"

#include <QAction>
#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QLineEdit>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include <quacrc32.h>
#include <quazip.h>
#include <quazipfile.h>
#include <quazipnewinfo.h>

using namespace runlens;
using namespace runlens::logs;
using namespace runlens::ui;

namespace {

QByteArray ts(int second)
{
    return QStringLiteral("2024-01-28T19:27:%1.0000000Z ").arg(second, 2, 10, QLatin1Char('0')).toLatin1();
}

bool writeZip(const QString& path, const QList<std::pair<QString, QByteArray>>& items)
{
    QuaZip zip(path);
    zip.setUtf8Enabled(true);
    if (!zip.open(QuaZip::mdCreate))
        return false;
    for (const auto& [name, data] : items) {
        QuaZipFile out(&zip);
        QuaCrc32 crc;
        if (!out.open(QIODevice::WriteOnly, QuaZipNewInfo(name), nullptr, crc.calculate(data), 8)
            || out.write(data) != data.size())
            return false;
        out.close();
    }
    zip.close();
    return zip.getZipError() == 0;
}

// A job with three steps; the whole-job log and the step files hold the same lines.
QByteArray setupStep()
{
    return ts(0) + "Current runner version: '2.311.0'\n" + ts(2) + "Prepare workflow directory\n";
}
QByteArray makeStep()
{
    return ts(3) + "##[group]Run make\n" + ts(3) + "make -j2\n" + ts(3) + "##[endgroup]\n" + ts(9)
        + "[100%] Built target app\n";
}
QByteArray testStep()
{
    return ts(10) + "##[group]Run ctest\n" + ts(10) + "ctest\n" + ts(11) + "##[endgroup]\n" + ts(15)
        + "##[error]Process completed with exit code 137.\n";
}

bool waitIndexed(LogDocument* doc)
{
    if (doc->isIndexed())
        return true;
    QSignalSpy spy(doc, &LogDocument::indexingFinished);
    return spy.wait(20000);
}

bool waitMemoryHits(LogDocument* doc)
{
    QSignalSpy spy(doc, &LogDocument::memoryHitsReady);
    return waitIndexed(doc) && (spy.size() > 0 || spy.wait(20000));
}

// Opens a run and waits until the viewer located its failure and indexed the entry it opened.
bool openAtFailure(LogViewerWidget& widget, const QString& path)
{
    QSignalSpy located(&widget, &LogViewerWidget::failureLocated);
    return widget.openPath(path).ok() && located.wait(20000) && waitIndexed(widget.document());
}

QList<QByteArray> categoryLines()
{
    // One line per category, in enum order.
    return { "##[error]Process completed with exit code 137.",
        "##[error]The self-hosted runner: r-12 lost communication with the server.",
        "java.lang.OutOfMemoryError: GC overhead limit exceeded",
        "FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory",
        "c++: fatal error: Killed signal terminated program cc1plus",
        "terminate called after throwing an instance of 'std::bad_alloc'",
        "RuntimeError: CUDA out of memory. Tried to allocate 20.00 MiB",
        "OSError: [Errno 28] No space left on device" };
}

} // namespace

class TestLogView : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void ansiSpans_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QStringList>("texts");
        QTest::addColumn<QList<QColor>>("colours");
        QTest::addColumn<QList<bool>>("bold");
        QTest::addRow("plain") << QByteArray("hello") << QStringList { QStringLiteral("hello") }
                               << QList<QColor> { QColor() } << QList<bool> { false };
        QTest::addRow("red then reset") << QByteArray("\x1b[31mred\x1b[0m plain")
                                        << QStringList { QStringLiteral("red"), QStringLiteral(" plain") }
                                        << QList<QColor> { ansiColour(1), QColor() } << QList<bool> { false, false };
        QTest::addRow("bright green, bold") << QByteArray("\x1b[1;92mok\x1b[m") << QStringList { QStringLiteral("ok") }
                                            << QList<QColor> { ansiColour(10) } << QList<bool> { true };
        QTest::addRow("37 and 97") << QByteArray("\x1b[37ma\x1b[97mb")
                                   << QStringList { QStringLiteral("a"), QStringLiteral("b") }
                                   << QList<QColor> { ansiColour(7), ansiColour(15) } << QList<bool> { false, false };
        QTest::addRow("bold off keeps colour")
            << QByteArray("\x1b[1;34ma\x1b[22mb") << QStringList { QStringLiteral("a"), QStringLiteral("b") }
            << QList<QColor> { ansiColour(4), ansiColour(4) } << QList<bool> { true, false };
        QTest::addRow("256 colours") << QByteArray("\x1b[38;5;196mx") << QStringList { QStringLiteral("x") }
                                     << QList<QColor> { QColor(255, 0, 0) } << QList<bool> { false };
        QTest::addRow("other escapes dropped")
            << QByteArray("a\x1b[2Kb\x1b]0;title\x07"
                          "c")
            << QStringList { QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c") }
            << QList<QColor> { QColor(), QColor(), QColor() } << QList<bool> { false, false, false };
    }
    void ansiSpans()
    {
        QFETCH(QByteArray, text);
        QFETCH(QStringList, texts);
        QFETCH(QList<QColor>, colours);
        QFETCH(QList<bool>, bold);
        const QList<AnsiSpan> spans = parseAnsi(text);
        QCOMPARE(spans.size(), texts.size());
        for (qsizetype i = 0; i < spans.size(); ++i) {
            QCOMPARE(spans[i].text, texts[i]);
            QCOMPARE(spans[i].foreground, colours[i]);
            QCOMPARE(spans[i].bold, bold[i]);
        }
    }

    void categoryHighlightIsPainted_data()
    {
        QTest::addColumn<int>("category");
        for (const CategoryInfo& info : allCategories())
            QTest::addRow("%s", qPrintable(info.id)) << int(info.category);
    }
    void categoryHighlightIsPainted()
    {
        QFETCH(int, category);
        QByteArray log;
        int second = 0;
        for (const QByteArray& line : categoryLines()) {
            log += ts(second) + "plain line before\n" + ts(second + 1) + line + '\n';
            second += 2;
        }
        log += ts(59) + "the end\n";
        LogView view;
        view.resize(1200, 500);
        LogDocument doc;
        view.setDocument(&doc);
        doc.openBytes(log, QStringLiteral("job.txt"));
        QVERIFY(waitMemoryHits(&doc));
        const qint64 line = 2 * (category + 1);
        QCOMPARE(doc.memoryCategoryAt(LineNumber(line)), category); // the highlight span is the whole line
        QCOMPARE(doc.memoryCategoryAt(LineNumber(line - 1)), -1);
        view.setCurrentLine(doc.lineCount().get()); // current-line tint elsewhere
        const QRect rect = view.lineRect(line);
        QVERIFY(!rect.isEmpty());
        const QImage image = view.viewport()->grab().toImage();
        const QColor expected(categoryInfo(MemoryCategory(category)).colour);
        const QPoint bar(view.textLeft() - 7, rect.center().y());
        QCOMPARE(image.pixelColor(bar).rgb(), expected.rgb());
        // The line behind the text is tinted with the same hue; an ordinary line is not.
        const QColor tint = image.pixelColor(view.viewport()->width() - 3, rect.center().y());
        QVERIFY(tint != QColor(Qt::white));
        QCOMPARE(image.pixelColor(bar.x(), view.lineRect(line - 1).center().y()), QColor(Qt::white));
    }

    void markersAndTimestampColumns()
    {
        LogView view;
        view.resize(1000, 300);
        LogDocument doc;
        view.setDocument(&doc);
        doc.openBytes(ts(1) + "##[error]it broke\n" + ts(2) + "##[warning]careful\n" + ts(3) + "plain\n",
            QStringLiteral("m.txt"));
        QVERIFY(waitIndexed(&doc));
        const QImage image = view.viewport()->grab().toImage();
        const int x = view.viewport()->width() - 3;
        QCOMPARE(image.pixelColor(x, view.lineRect(1).center().y()), QColor(0xfd, 0xe8, 0xe8));
        QCOMPARE(image.pixelColor(x, view.lineRect(2).center().y()), QColor(0xff, 0xf4, 0xd6));
        QCOMPARE(image.pixelColor(x, view.lineRect(3).center().y()), QColor(Qt::white));
        // The timestamp column: absolute is wider than relative; hidden has none.
        view.setTimestampMode(TimestampMode::Absolute);
        const int absolute = view.textLeft();
        view.setTimestampMode(TimestampMode::Relative);
        const int relative = view.textLeft();
        view.setTimestampMode(TimestampMode::Hidden);
        const int hidden = view.textLeft();
        QVERIFY(absolute > relative);
        QVERIFY(relative > hidden);
    }

    void stepTree_data()
    {
        QTest::addColumn<QString>("shape");
        QTest::addColumn<QString>("stepEntry"); // entry a click on "Run make" opens
        QTest::addColumn<qint64>("stepLine");
        QTest::addRow("step files") << QStringLiteral("files") << QStringLiteral("build/2_Run make.txt") << qint64(1);
        QTest::addRow("group markers (2025)")
            << QStringLiteral("markers") << QStringLiteral("0_build.txt") << qint64(3);
    }
    void stepTree()
    {
        QFETCH(QString, shape);
        QFETCH(QString, stepEntry);
        QFETCH(qint64, stepLine);
        const QByteArray whole = setupStep() + makeStep() + testStep();
        QList<std::pair<QString, QByteArray>> items { { QStringLiteral("0_build.txt"), whole } };
        if (shape == QLatin1String("files")) {
            items.append({ QStringLiteral("build/1_Set up job.txt"), setupStep() });
            items.append({ QStringLiteral("build/2_Run make.txt"), makeStep() });
            items.append({ QStringLiteral("build/3_Run ctest.txt"), testStep() });
        }
        items.append({ QStringLiteral("build/system.txt"), ts(0) + "Requested labels: ubuntu-latest\n" });
        const QString path = m_dir.filePath(shape + QStringLiteral(".zip"));
        QVERIFY(writeZip(path, items));

        LogViewerWidget widget;
        QSignalSpy steps(&widget, &LogViewerWidget::stepsReady);
        QVERIFY(widget.openPath(path).ok());
        QVERIFY(steps.wait(20000));
        QCOMPARE(widget.currentEntryName(), QStringLiteral("0_build.txt"));
        QTreeWidget* tree = widget.stepTree();
        QCOMPARE(tree->topLevelItemCount(), 1);
        QTreeWidgetItem* job = tree->topLevelItem(0);
        QCOMPARE(job->text(0), QStringLiteral("build"));
        QStringList names;
        for (int i = 0; i < job->childCount(); ++i)
            names << job->child(i)->text(0);
        QCOMPARE(names,
            (QStringList { QStringLiteral("Set up job"), QStringLiteral("Run make"), QStringLiteral("Run ctest") }));
        QCOMPARE(job->child(1)->text(1), QStringLiteral("6.0 s")); // 19:27:03 to 19:27:09
        QCOMPARE(job->child(2)->text(1), QStringLiteral("5.0 s"));

        QVERIFY(waitIndexed(widget.document()));
        tree->setCurrentItem(job->child(1));
        Q_EMIT tree->itemClicked(job->child(1), 0);
        QCOMPARE(widget.currentEntryName(), stepEntry);
        QVERIFY(waitIndexed(widget.document()));
        QCOMPARE(widget.view()->currentLine(), stepLine);
        QCOMPARE(QString::fromUtf8(widget.document()->line(LineNumber(stepLine))),
            QString::fromUtf8(ts(3) + "##[group]Run make"));
    }

    void plainFileStepsFromMarkers()
    {
        const QString path = m_dir.filePath(QStringLiteral("saved.log"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(setupStep() + makeStep() + testStep());
        file.close();
        LogViewerWidget widget;
        QSignalSpy steps(&widget, &LogViewerWidget::stepsReady);
        QVERIFY(widget.openPath(path).ok());
        QVERIFY(steps.wait(20000));
        QTreeWidgetItem* top = widget.stepTree()->topLevelItem(0);
        QVERIFY(top);
        QCOMPARE(top->childCount(), 3);
        QCOMPARE(top->child(2)->text(0), QStringLiteral("Run ctest"));
        QVERIFY(!widget.openPath(m_dir.filePath(QStringLiteral("missing.log"))).ok());
    }

    void evidenceNavigation_data()
    {
        QTest::addColumn<QList<qint64>>("lines");
        QTest::addColumn<qint64>("current");
        QTest::addRow("far down") << QList<qint64> { 30000, 30010 } << qint64(30000);
        QTest::addRow("unsorted") << QList<qint64> { 4500, 120 } << qint64(120);
        QTest::addRow("first line") << QList<qint64> { 1 } << qint64(1);
        QTest::addRow("last line") << QList<qint64> { 50000 } << qint64(50000);
    }
    void evidenceNavigation()
    {
        QFETCH(QList<qint64>, lines);
        QFETCH(qint64, current);
        QByteArray log;
        for (int i = 1; i <= 50000; ++i)
            log += ts(i % 60) + "line " + QByteArray::number(i) + '\n';
        LogViewerWidget widget;
        widget.resize(1000, 700);
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));
        widget.document()->setChunkSize(256 << 10);
        widget.document()->openBytes(log, QStringLiteral("evidence.txt"));
        // Called before indexing is done: the view jumps as soon as the index reaches the line.
        widget.showLines(QString(), lines);
        QVERIFY(waitIndexed(widget.document()));
        QTRY_COMPARE(widget.view()->currentLine(), current);
        LogView* view = widget.view();
        QVERIFY(view->firstVisibleLine() <= current);
        QVERIFY(current < view->firstVisibleLine() + view->visibleRowCount());
        QVERIFY(!view->lineRect(current).isEmpty());
        for (qint64 line : lines)
            QVERIFY(view->highlightedLines().contains(line));
    }

    void showLinesOpensAnotherEntry()
    {
        const QString path = m_dir.filePath(QStringLiteral("entries.zip"));
        QVERIFY(writeZip(path,
            { { QStringLiteral("0_build.txt"), setupStep() + makeStep() },
                { QStringLiteral("build/1_Set up job.txt"), setupStep() },
                { QStringLiteral("build/2_Run make.txt"), makeStep() } }));
        LogViewerWidget widget;
        QVERIFY(widget.openPath(path).ok());
        widget.showLines(QStringLiteral("build/2_Run make.txt"), { 4 });
        QCOMPARE(widget.currentEntryName(), QStringLiteral("build/2_Run make.txt"));
        QVERIFY(waitIndexed(widget.document()));
        QTRY_COMPARE(widget.view()->currentLine(), qint64(4));
        QCOMPARE(widget.view()->highlightedLines(), QList<qint64> { 4 });
    }

    void runOpensAtItsFailure_data()
    {
        // Two jobs: "lint" passes (its log is the first, where a run used to open), "build" fails.
        QTest::addColumn<QByteArray>("build");
        QTest::addColumn<qint64>("line"); // where 1_build.txt opens
        QTest::addColumn<QString>("step"); // the step marked failed
        const QByteArray cleanup = ts(20) + "Post job cleanup.\n" + ts(21) + "Cleaning up orphan processes\n";
        QTest::addRow("final memory hit") << setupStep() + ts(3) + "##[group]Run make\n" + ts(4) + "##[endgroup]\n"
                + ts(5) + "c++: fatal error: Killed signal terminated program cc1plus\n" + ts(6) + "make: *** Error 1\n"
                + ts(7) + "##[error]Process completed with exit code 2.\n"
                + cleanup << qint64(5) << QStringLiteral("Run make");
        QTest::addRow("error line") << setupStep() + makeStep() + testStep() + cleanup << qint64(10)
                                    << QStringLiteral("Run ctest");
        QTest::addRow("end of the failed step") << setupStep() + makeStep() + ts(10) + "##[group]Run ctest\n" + ts(11)
                + "##[endgroup]\n" + ts(12) + "1 test failed\n"
                + cleanup << qint64(9) << QStringLiteral("Run ctest");
    }
    void runOpensAtItsFailure()
    {
        QFETCH(QByteArray, build);
        QFETCH(qint64, line);
        QFETCH(QString, step);
        const QString path
            = m_dir.filePath(QStringLiteral("failed-%1.zip").arg(QString::fromUtf8(QTest::currentDataTag())));
        QVERIFY(writeZip(path,
            { { QStringLiteral("0_lint.txt"), setupStep() + ts(5) + "##[group]Run lint\n" + ts(6) + "all clean\n" },
                { QStringLiteral("1_build.txt"), build } }));
        LogViewerWidget widget;
        QVERIFY(openAtFailure(widget, path));
        QCOMPARE(widget.currentEntryName(), QStringLiteral("1_build.txt"));
        QTRY_COMPARE(widget.view()->currentLine(), line);
        QTreeWidget* tree = widget.stepTree();
        QCOMPARE(tree->topLevelItemCount(), 2);
        QCOMPARE(tree->topLevelItem(0)->text(0), QStringLiteral("lint"));
        QVERIFY(tree->topLevelItem(0)->icon(0).isNull()); // passed
        QTreeWidgetItem* job = tree->topLevelItem(1);
        QVERIFY(!job->icon(0).isNull());
        QStringList failedSteps;
        for (int i = 0; i < job->childCount(); ++i) {
            if (!job->child(i)->icon(0).isNull())
                failedSteps << job->child(i)->text(0);
        }
        QCOMPARE(failedSteps, QStringList { step });
    }

    void everyFailedJobIsMarked()
    {
        // Two jobs fail (each ends with an `##[error]` line), a third passes: both failed jobs and their
        // failing steps are marked, not only the one the log opens at.
        const QString path = m_dir.filePath(QStringLiteral("two-failed-jobs.zip"));
        const QByteArray failing = setupStep() + makeStep() + testStep();
        QVERIFY(writeZip(path,
            { { QStringLiteral("0_lint.txt"), setupStep() + ts(5) + "##[group]Run lint\n" + ts(6) + "all clean\n" },
                { QStringLiteral("1_build.txt"), failing }, { QStringLiteral("2_docs.txt"), failing } }));
        LogViewerWidget widget;
        QVERIFY(openAtFailure(widget, path));
        QTreeWidget* tree = widget.stepTree();
        QCOMPARE(tree->topLevelItemCount(), 3);
        QTRY_VERIFY(!tree->topLevelItem(2)->icon(0).isNull());
        QVERIFY(tree->topLevelItem(0)->icon(0).isNull()); // lint passed
        for (int j : { 1, 2 }) {
            QTreeWidgetItem* job = tree->topLevelItem(j);
            QVERIFY2(!job->icon(0).isNull(), qPrintable(job->text(0)));
            QStringList failedSteps;
            for (int i = 0; i < job->childCount(); ++i) {
                if (!job->child(i)->icon(0).isNull())
                    failedSteps << job->child(i)->text(0);
            }
            QCOMPARE(failedSteps, QStringList { QStringLiteral("Run ctest") });
        }
    }

    void f4MovesAcrossJobs()
    {
        const QString path = m_dir.filePath(QStringLiteral("two-jobs-hits.zip"));
        QVERIFY(writeZip(path,
            { { QStringLiteral("0_lint.txt"),
                  setupStep() + ts(5) + "java.lang.OutOfMemoryError: GC overhead limit exceeded\n" + ts(6) + "done\n" },
                { QStringLiteral("1_build.txt"), setupStep() + makeStep() + testStep() } }));
        LogViewerWidget widget;
        QVERIFY(openAtFailure(widget, path));
        QCOMPARE(widget.currentEntryName(), QStringLiteral("1_build.txt"));
        QTRY_COMPARE(widget.view()->currentLine(), qint64(10)); // exit code 137, the final hit
        widget.nextMemoryHit(); // the build log has no later hit: on to the lint job's
        QCOMPARE(widget.currentEntryName(), QStringLiteral("0_lint.txt"));
        QVERIFY(waitIndexed(widget.document()));
        QTRY_COMPARE(widget.view()->currentLine(), qint64(3));
        widget.previousMemoryHit(); // back across the jobs, wrapping around
        QCOMPARE(widget.currentEntryName(), QStringLiteral("1_build.txt"));
        QVERIFY(waitIndexed(widget.document()));
        QTRY_COMPARE(widget.view()->currentLine(), qint64(10));
    }

    void foldingHidesGroupLines()
    {
        LogView view;
        view.resize(800, 400);
        LogDocument doc;
        view.setDocument(&doc);
        doc.openBytes(setupStep() + makeStep() + testStep(), QStringLiteral("fold.txt"));
        QVERIFY(waitIndexed(&doc));
        QCOMPARE(view.rowCount(), qint64(10));
        view.setFolded(3, true); // lines 4-5 hidden
        QVERIFY(view.isFolded(3));
        QCOMPARE(view.rowCount(), qint64(8));
        QCOMPARE(view.lineForRow(2), qint64(3));
        QCOMPARE(view.lineForRow(3), qint64(6));
        QCOMPARE(view.rowForLine(6), qint64(3));
        QCOMPARE(view.rowForLine(4), qint64(2)); // inside the fold: the group's row
        QVERIFY(view.lineRect(4).isEmpty());
        view.setFolded(7, true);
        QCOMPARE(view.rowCount(), qint64(6));
        QCOMPARE(view.lineForRow(5), qint64(10));
        view.setCurrentLine(8); // jumping into a fold opens it
        QVERIFY(!view.isFolded(7));
        QCOMPARE(view.rowCount(), qint64(8));
        view.setFolded(1, true); // not a group: nothing happens
        QCOMPARE(view.rowCount(), qint64(8));
        // A click on the fold box toggles it.
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QRect rect = view.lineRect(3);
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, QPoint(6, rect.center().y()));
        QVERIFY(!view.isFolded(3));
    }

    void copyWithAndWithoutTimestamps()
    {
        LogView view;
        LogDocument doc;
        view.setDocument(&doc);
        doc.openBytes(
            ts(1) + "\x1b[32mgreen\x1b[0m text\r\n" + ts(2) + "##[error]bad\nno stamp\n", QStringLiteral("copy.txt"));
        QVERIFY(waitIndexed(&doc));
        view.setSelection(1, 3);
        QCOMPARE(view.selectedText(false), QStringLiteral("green text\n##[error]bad\nno stamp"));
        QCOMPARE(view.selectedText(true), QString::fromUtf8(ts(1) + "green text\n" + ts(2) + "##[error]bad\nno stamp"));
        view.setSelection(2, 2);
        view.setCopyWithTimestamps(false);
        QTest::keySequence(&view, QKeySequence::Copy);
        QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("##[error]bad"));
    }

    void keyboardMovesAndSelects()
    {
        LogView view;
        view.resize(600, 300);
        LogDocument doc;
        view.setDocument(&doc);
        QByteArray log;
        for (int i = 0; i < 500; ++i)
            log += "line\n";
        doc.openBytes(log, QStringLiteral("keys.txt"));
        QVERIFY(waitIndexed(&doc));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setCurrentLine(10);
        QTest::keyClick(&view, Qt::Key_Down, Qt::ShiftModifier);
        QTest::keyClick(&view, Qt::Key_Down, Qt::ShiftModifier);
        QCOMPARE(view.selection(), (std::pair<qint64, qint64>(10, 12)));
        QTest::keyClick(&view, Qt::Key_End);
        QCOMPARE(view.currentLine(), qint64(500));
        QVERIFY(!view.lineRect(500).isEmpty());
        QTest::keyClick(&view, Qt::Key_Home);
        QCOMPARE(view.firstVisibleLine(), qint64(1));
    }

    void realLogs_data()
    {
        QTest::addColumn<QString>("path");
        const QDir dir(test::realLogsDir());
        for (const QString& name :
            dir.entryList({ QStringLiteral("*.txt"), QStringLiteral("*.zip") }, QDir::Files, QDir::Name)) {
            if (name != QLatin1String("ZIP-SOURCES.txt"))
                QTest::addRow("%s", qPrintable(name)) << dir.filePath(name);
        }
    }
    void realLogs()
    {
        // Every real log opens, is indexed with the same lines LogSource streams, and paints.
        QFETCH(QString, path);
        LogViewerWidget widget;
        widget.resize(1200, 700);
        QVERIFY(widget.openPath(path).ok());
        QVERIFY(waitIndexed(widget.document()));
        auto source = LogSource::open(path);
        QVERIFY(source);
        const int entry = source->kind() == SourceKind::SingleFile ? 0 : source->indexOf(widget.currentEntryName());
        QVERIFY(entry >= 0);
        QList<QByteArray> expected;
        QVERIFY(source
                    ->forEachLine(entry,
                        [&](const LogLine& line) {
                            expected.append(line.raw.toByteArray());
                            return true;
                        })
                    .ok());
        QCOMPARE(widget.document()->lineCount().get(), qint64(expected.size()));
        for (qsizetype i = 0; i < expected.size(); ++i) {
            QByteArray got = widget.document()->line(LineNumber(i + 1)).toByteArray();
            if (got.startsWith("\xEF\xBB\xBF") && !expected[i].startsWith("\xEF\xBB\xBF"))
                got.remove(0, 3); // a mapped file keeps BOMs the decoder drops
            QCOMPARE(got, expected[i]);
        }
        QVERIFY(!widget.grab().isNull());
    }

    // Wrap lines (Alt+Z, the bar's button): a long line takes several rows, nothing scrolls sideways,
    // and the next line starts below it.
    void wrapLinesToggles()
    {
        const QString path = m_dir.filePath(QStringLiteral("long.log"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(ts(1) + "start\n" + ts(2) + QByteArray(600, 'x') + " end\n" + ts(3) + "after\n");
        file.close();
        LogViewerWidget widget;
        widget.resize(900, 500);
        QVERIFY(widget.openPath(path).ok());
        QVERIFY(waitIndexed(widget.document()));
        LogView* view = widget.view();
        const int row = view->fontMetrics().height();
        QVERIFY(!widget.grab().isNull()); // paints
        QCOMPARE(view->lineRect(2).height(), row);
        QTRY_VERIFY(view->horizontalScrollBar()->maximum() > 0); // set after the paint measured the line

        QAction* wrap = widget.wrapAction();
        QVERIFY(wrap);
        QCOMPARE(wrap->shortcut(), QKeySequence(Qt::ALT | Qt::Key_Z));
        QVERIFY(widget.actions().contains(wrap));
        wrap->trigger();
        QVERIFY(view->wrapLines());
        QVERIFY(!widget.grab().isNull());
        const QRect longLine = view->lineRect(2);
        QVERIFY2(longLine.height() >= 3 * row, qPrintable(QString::number(longLine.height())));
        QCOMPARE(view->lineRect(3).top(), longLine.bottom() + 1);
        QCOMPARE(view->horizontalScrollBar()->maximum(), 0);
        wrap->trigger(); // and back
        QVERIFY(!view->wrapLines());
        QVERIFY(!widget.grab().isNull());
        QCOMPARE(view->lineRect(2).height(), row);
    }

    // A binary file is refused with a message naming it, never painted as text.
    void binaryFileIsRefused()
    {
        const QString path = m_dir.filePath(QStringLiteral("picture.png"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0", 20) + QByteArray(500, '\x03'));
        file.close();
        LogViewerWidget widget;
        const Status status = widget.openPath(path);
        QVERIFY(!status.ok());
        QVERIFY2(status.error().contains(path) && status.error().contains(QStringLiteral("binary")),
            qPrintable(status.error()));
        QCOMPARE(widget.document()->lineCount().get(), qint64(0));
    }

    // The search bar's text stays when another log opens, and its hits are those of the new log.
    void searchFollowsTheOpenLog()
    {
        const QString first = m_dir.filePath(QStringLiteral("first.log"));
        const QString second = m_dir.filePath(QStringLiteral("second.log"));
        for (const auto& [path, text] : QList<std::pair<QString, QByteArray>> {
                 { first, setupStep() + makeStep() + makeStep() }, { second, testStep() } }) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(text);
        }
        LogViewerWidget widget;
        QSignalSpy finished(&widget, &LogViewerWidget::searchFinished);
        QVERIFY(widget.openPath(first).ok());
        QVERIFY(waitIndexed(widget.document()));
        auto* edit = widget.findChild<QLineEdit*>();
        QVERIFY(edit);
        edit->setText(QStringLiteral("make"));
        Q_EMIT edit->returnPressed();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        QCOMPARE(widget.searchHits().size(), 4); // "Run make" and "make -j2", twice
        QVERIFY(widget.openPath(second).ok());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 20000);
        QCOMPARE(widget.searchHits().size(), 0); // counted in the new log, not left from the old one
        QCOMPARE(edit->text(), QStringLiteral("make"));
    }

    // File > Open Log Folder... (Ctrl+Shift+L) opens an extracted run folder with its jobs and steps.
    void mainWindowOpensRunFolders()
    {
        QDir dir(m_dir.filePath(QStringLiteral("extracted")));
        QVERIFY(dir.mkpath(QStringLiteral("build")));
        for (const auto& [name, text] :
            QList<std::pair<QString, QByteArray>> { { QStringLiteral("0_build.txt"), setupStep() + makeStep() },
                { QStringLiteral("build/1_Set up job.txt"), setupStep() },
                { QStringLiteral("build/2_Run make.txt"), makeStep() } }) {
            QFile file(dir.filePath(name));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(text);
        }
        MainWindow window;
        bool hasFolderAction = false;
        for (QAction* action : window.shortcutActions())
            hasFolderAction = hasFolderAction || action->shortcut() == QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L);
        QVERIFY(hasFolderAction);
        LogViewerWidget* viewer = window.logPage()->viewer();
        QSignalSpy steps(viewer, &LogViewerWidget::stepsReady);
        QVERIFY(window.openLog(dir.path()));
        QVERIFY(steps.wait(20000));
        QCOMPARE(viewer->currentEntryName(), QStringLiteral("0_build.txt"));
        QCOMPARE(viewer->stepTree()->topLevelItem(0)->childCount(), 2);
    }

    void mainWindowOpensLogs()
    {
        const QString path = m_dir.filePath(QStringLiteral("main.log"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(setupStep() + makeStep());
        file.close();
        MainWindow window;
        bool hasCtrlL = false;
        for (QAction* action : window.shortcutActions())
            hasCtrlL = hasCtrlL || action->shortcut() == QKeySequence(Qt::CTRL | Qt::Key_L);
        QVERIFY(hasCtrlL);
        QVERIFY(window.openLog(path));
        QVERIFY(waitIndexed(window.logPage()->viewer()->document()));
        QCOMPARE(window.logPage()->viewer()->document()->lineCount().get(), qint64(6));
        auto* tabs = window.detailTabs();
        QVERIFY(tabs);
        QCOMPARE(tabs->currentWidget(), window.logPage());
    }
};

QTEST_MAIN(TestLogView)
#include "tst_logview.moc"
