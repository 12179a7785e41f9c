// Log viewer search: plain text, regular expressions and case sensitivity per line (ANSI removed);
// background search with progress, hit count and cancellation; next/previous and the filtered view.
#include "logview/logview.h"
#include "logview/logviewerwidget.h"
#include "logview/searchresultsmodel.h"
#include "viewer/logdocument.h"
#include "viewer/logsearch.h"

#include <QAbstractItemModelTester>
#include <QListView>
#include <QSignalSpy>
#include <QTest>

using namespace runlens;
using namespace runlens::logs;
using namespace runlens::ui;

namespace {

const QByteArray kLog
    = "2024-01-28T19:27:24.9408212Z Starting build\n"
      "2024-01-28T19:27:25.0000000Z \x1b[31mERROR\x1b[0m: java.lang.OutOfMemoryError: Java heap space\n"
      "continuation without timestamp: error 42\r\n"
      "2024-01-28T19:27:26.0000000Z Fehler: Speicher \xc3\x9c"
      "berlauf\n"
      "2024-01-28T19:27:27.0000000Z ##[error]Process completed with exit code 137.\n"
      "last line without newline, Error";

QList<qint64> runSearch(const SearchQuery& query)
{
    auto matcher = LineMatcher::create(query);
    if (!matcher)
        return { -1 };
    QList<qint64> lines;
    for (const LineNumber line : searchLines(kLog, **matcher))
        lines << line.get();
    return lines;
}

} // namespace

class TestLogSearch : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void matches_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("regex");
        QTest::addColumn<bool>("caseSensitive");
        QTest::addColumn<QList<qint64>>("hits");
        QTest::addRow("plain, any case") << QStringLiteral("error") << false << false << QList<qint64> { 2, 3, 5, 6 };
        QTest::addRow("plain, case") << QStringLiteral("Error") << false << true << QList<qint64> { 2, 6 };
        QTest::addRow("plain, upper case") << QStringLiteral("ERROR") << false << true << QList<qint64> { 2 };
        QTest::addRow("ANSI escapes do not split words")
            << QStringLiteral("ERROR: java") << false << true << QList<qint64> { 2 };
        QTest::addRow("escape bytes are not text") << QStringLiteral("[31m") << false << false << QList<qint64> {};
        QTest::addRow("regex chars are literal in plain")
            << QStringLiteral("code 137.") << false << false << QList<qint64> { 5 };
        QTest::addRow("plain dot is no wildcard") << QStringLiteral("code 137x") << false << false << QList<qint64> {};
        QTest::addRow("non-ASCII, any case") << QString::fromUtf8("\xc3\xbc"
                                                                  "berlauf")
                                             << false << false << QList<qint64> { 4 };
        QTest::addRow("non-ASCII, case") << QString::fromUtf8("\xc3\xbc"
                                                              "berlauf")
                                         << false << true << QList<qint64> {};
        QTest::addRow("regex") << QStringLiteral("exit code \\d+") << true << false << QList<qint64> { 5 };
        QTest::addRow("regex anchors at the line") << QStringLiteral("^last") << true << false << QList<qint64> { 6 };
        QTest::addRow("regex, case") << QStringLiteral("error \\d+$") << true << true << QList<qint64> { 3 };
        QTest::addRow("regex, alternatives")
            << QStringLiteral("OutOfMemory|exit code 137") << true << false << QList<qint64> { 2, 5 };
        QTest::addRow("timestamps are searchable")
            << QStringLiteral("19:27:26") << false << false << QList<qint64> { 4 };
        QTest::addRow("CR is not part of a line") << QStringLiteral("42$") << true << false << QList<qint64> { 3 };
    }
    void matches()
    {
        QFETCH(QString, text);
        QFETCH(bool, regex);
        QFETCH(bool, caseSensitive);
        QFETCH(QList<qint64>, hits);
        QCOMPARE(runSearch({ text, regex, caseSensitive }), hits);
    }

    void invalidRegexNamesTheSearch()
    {
        auto matcher = LineMatcher::create({ QStringLiteral("(unclosed"), true, false });
        QVERIFY(!matcher);
        QVERIFY2(matcher.error().startsWith(QLatin1String("search '(unclosed'")), qPrintable(matcher.error()));
        QVERIFY(!LineMatcher::create({}));
    }

    void matchRangesForHighlighting()
    {
        auto matcher = LineMatcher::create({ QStringLiteral("ab"), false, false });
        QVERIFY(matcher);
        const QList<std::pair<int, int>> expected { { 0, 2 }, { 4, 2 } };
        QCOMPARE((*matcher)->matchRanges(QStringLiteral("AB, ab")), expected);
    }

    void progressAndCancel()
    {
        QByteArray big;
        while (big.size() < (24 << 20))
            big += "a line with a needle in it\n";
        auto matcher = LineMatcher::create({ QStringLiteral("needle"), false, true });
        QVERIFY(matcher);
        int calls = 0;
        qint64 batched = 0;
        const QList<LineNumber> all = searchLines(
            big, **matcher, [&](qint64) { return ++calls > 0; },
            [&](const QList<LineNumber>& batch) { batched += batch.size(); });
        QCOMPARE(all.size(), big.count('\n'));
        QCOMPARE(batched, qint64(all.size()));
        QVERIFY(calls >= 5);
        const QList<LineNumber> partial = searchLines(big, **matcher, [](qint64 done) { return done < (8 << 20); });
        QVERIFY(partial.size() > 0);
        QVERIFY(partial.size() < all.size());
    }

    void widgetSearchNavigatesAndFilters()
    {
        LogViewerWidget widget;
        widget.resize(1000, 600);
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));
        QSignalSpy indexed(widget.document(), &LogDocument::indexingFinished);
        widget.document()->openBytes(kLog, QStringLiteral("job.txt"));
        QVERIFY(indexed.wait(10000));
        QAbstractItemModelTester tester(widget.resultsModel());

        QSignalSpy finished(&widget, &LogViewerWidget::searchFinished);
        widget.search({ QStringLiteral("error"), false, false });
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.first().first().toInt(), 4);
        QCOMPARE(widget.searchHits(), (QList<qint64> { 2, 3, 5, 6 }));
        QCOMPARE(widget.resultsModel()->rowCount(), 4);
        QVERIFY(widget.resultsModel()->index(2).data().toString().startsWith(QLatin1String("5: ")));

        widget.findNext();
        QCOMPARE(widget.view()->currentLine(), qint64(2));
        widget.findNext();
        QCOMPARE(widget.view()->currentLine(), qint64(3));
        widget.findPrevious();
        QCOMPARE(widget.view()->currentLine(), qint64(2));
        widget.findPrevious(); // wraps to the last hit
        QCOMPARE(widget.view()->currentLine(), qint64(6));

        // F3 / Shift+F3 are the shortcuts.
        widget.view()->setFocus();
        QTest::keyClick(widget.view(), Qt::Key_F3);
        QCOMPARE(widget.view()->currentLine(), qint64(2));
        QTest::keyClick(widget.view(), Qt::Key_F3, Qt::ShiftModifier);
        QCOMPARE(widget.view()->currentLine(), qint64(6));

        // A double-click in the filtered view goes to the line.
        QListView* results = widget.resultsView();
        QVERIFY(results->isVisible());
        const QModelIndex third = widget.resultsModel()->index(2);
        QTRY_VERIFY(results->viewport()->rect().contains(results->visualRect(third)));
        const QRect rect = results->visualRect(third);
        QTest::mouseClick(results->viewport(), Qt::LeftButton, {}, rect.center()); // item views need the press first
        QTest::mouseDClick(results->viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(widget.view()->currentLine(), qint64(5));

        // A new search replaces the hits.
        widget.search({ QStringLiteral("^2024.*Z Starting"), true, true });
        QVERIFY(finished.wait(10000));
        QCOMPARE(widget.searchHits(), QList<qint64> { 1 });
    }

    void widgetSearchCancels()
    {
        QByteArray big;
        while (big.size() < (48 << 20))
            big += "2024-01-28T19:27:24.9408212Z some text that does not match anything at all\n";
        LogViewerWidget widget;
        QSignalSpy indexed(widget.document(), &LogDocument::indexingFinished);
        widget.document()->openBytes(big, QStringLiteral("big.txt"));
        QVERIFY(indexed.wait(30000));
        QSignalSpy finished(&widget, &LogViewerWidget::searchFinished);
        widget.search({ QStringLiteral("x{2}y"), true, false }); // regex: slow enough to be caught running
        QVERIFY(widget.isSearching());
        widget.cancelSearch();
        QVERIFY(!widget.isSearching());
        // The cancelled search reports nothing more; a new one runs to its end.
        widget.search({ QStringLiteral("some text"), false, false });
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.first().first().toInt(), int(big.count('\n')));
    }
};

QTEST_MAIN(TestLogSearch)
#include "tst_logsearch.moc"
