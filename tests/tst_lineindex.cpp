// The log viewer's line index: offsets and flags match LineSplitter for every line shape, whatever the
// chunking; LogDocument indexes in the background with progress, can be cancelled, reads UTF-16 and
// keeps the index at <= 16 bytes per line.
#include "logs/linesplitter.h"
#include "viewer/lineindex.h"
#include "viewer/logbuffer.h"
#include "viewer/logdocument.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

using namespace runlens;
using namespace runlens::logs;

namespace {

struct SplitLine
{
    QByteArray text;
    qint64 offset;
};

QList<SplitLine> splitReference(const QByteArray& data)
{
    QList<SplitLine> lines;
    LineSplitter splitter([&](QByteArrayView line, qint64 offset, qint64) {
        lines.append({ line.toByteArray(), offset });
        return true;
    });
    splitter.feed(data);
    splitter.finish();
    return lines;
}

LineIndex buildIndex(const QByteArray& data, qint64 chunk)
{
    LineIndex index;
    LineIndexScanner scanner;
    qint64 upTo = 0;
    do {
        upTo = std::min<qint64>(data.size(), upTo + chunk);
        index.append(scanner.scan(data, upTo, upTo == data.size()));
    } while (upTo < data.size());
    return index;
}

// Runs the event loop until the document has indexed everything.
bool waitIndexed(LogDocument& doc)
{
    if (doc.isIndexed())
        return true;
    QSignalSpy spy(&doc, &LogDocument::indexingFinished);
    return spy.wait(30000);
}

} // namespace

class TestLineIndex : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void matchesLineSplitter_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addRow("empty") << QByteArray();
        QTest::addRow("one line, no newline") << QByteArray("abc");
        QTest::addRow("one line") << QByteArray("abc\n");
        QTest::addRow("only newlines") << QByteArray("\n\n\n");
        QTest::addRow("CRLF") << QByteArray("a\r\nbb\r\n\r\nccc\r\n");
        QTest::addRow("CRLF, no final newline") << QByteArray("a\r\nb");
        QTest::addRow("lone CR stays") << QByteArray("a\rb\nc\r");
        QTest::addRow("no final newline") << QByteArray("first\nsecond\nthird");
        QTest::addRow("NUL bytes") << QByteArray("a\0b\nc\0\n", 7);
        QTest::addRow("BOM mid-file") << QByteArray("one\n\xEF\xBB\xBFtwo\nthree\n");
        QTest::addRow("timestamps and markers")
            << QByteArray("2024-01-28T19:27:24.9408212Z ##[group]Run x\n2024-01-28T19:27:25.0000000Z hi\r\n"
                          "2024-01-28T19:27:26.0000000Z ##[endgroup]\n");
    }
    void matchesLineSplitter()
    {
        QFETCH(QByteArray, data);
        const QList<SplitLine> expected = splitReference(data);
        for (const qint64 chunk : { qint64(1), qint64(2), qint64(3), qint64(7), qint64(1) << 20 }) {
            const LineIndex index = buildIndex(data, chunk);
            QCOMPARE(index.lineCount().get(), qint64(expected.size()));
            for (qsizetype i = 0; i < expected.size(); ++i) {
                QCOMPARE(index.lineStart(LineNumber(i + 1)).get(), expected[i].offset);
                QCOMPARE(index.line(data, LineNumber(i + 1)).toByteArray(), expected[i].text);
            }
            QCOMPARE(index.indexedBytes().get(), qint64(data.size()));
        }
    }

    void flags_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<int>("flags");
        QTest::addRow("plain") << QByteArray("hello") << 0;
        QTest::addRow("timestamp") << QByteArray("2024-01-28T19:27:24.9408212Z hello") << int(LineHasTimestamp);
        QTest::addRow("bare timestamp") << QByteArray("2024-01-28T19:27:24.9408212Z") << int(LineHasTimestamp);
        QTest::addRow("bad timestamp") << QByteArray("2024-13-28T19:27:24.9408212Z x") << 0;
        QTest::addRow("group") << QByteArray("2024-01-28T19:27:24.9408212Z ##[group]Run a")
                               << int(LineHasTimestamp | LineGroupStart);
        QTest::addRow("endgroup") << QByteArray("2024-01-28T19:27:24.9408212Z ##[endgroup]")
                                  << int(LineHasTimestamp | LineGroupEnd);
        QTest::addRow("error") << QByteArray("2024-01-28T19:27:24.9408212Z ##[error]boom")
                               << int(LineHasTimestamp | LineError);
        QTest::addRow("warning") << QByteArray("2024-01-28T19:27:24.9408212Z ##[warning]hm")
                                 << int(LineHasTimestamp | LineWarning);
        QTest::addRow("error without timestamp") << QByteArray("##[error]boom") << int(LineError);
        QTest::addRow("BOM before timestamp") << QByteArray("\xEF\xBB\xBF"
                                                            "2024-01-28T19:27:24.9408212Z ##[group]x")
                                              << int(LineHasTimestamp | LineGroupStart);
    }
    void flags()
    {
        QFETCH(QByteArray, line);
        QFETCH(int, flags);
        QCOMPARE(int(lineFlags(line)), flags);
        const LineIndex index = buildIndex(line + "\nnext\n", 3);
        QCOMPARE(int(index.flags(LineNumber(1))), flags);
        QCOMPARE(int(index.flags(LineNumber(2))), 0);
    }

    void hugeLine()
    {
        // A single 64 MiB line between two short ones: scanned once (not once per chunk).
        QByteArray data("short\n");
        data.append(QByteArray(64 << 20, 'x'));
        data.append("\r\nend");
        const LineIndex index = buildIndex(data, 1 << 20);
        QCOMPARE(index.lineCount().get(), qint64(3));
        QCOMPARE(index.line(data, LineNumber(2)).size(), qsizetype(64 << 20));
        QCOMPARE(index.line(data, LineNumber(3)).toByteArray(), QByteArray("end"));
        QCOMPARE(index.lineAtOffset(OffsetInFile(10)).get(), qint64(2));
        QCOMPARE(index.lineAtOffset(OffsetInFile(0)).get(), qint64(1));
        QCOMPARE(index.lineAtOffset(OffsetInFile(data.size() - 1)).get(), qint64(3));
    }

    void documentIndexesInChunksWithProgress()
    {
        QByteArray data;
        for (int i = 1; i <= 20000; ++i)
            data += "2024-01-28T19:27:24.9408212Z line " + QByteArray::number(i) + '\n';
        LogDocument doc;
        doc.setChunkSize(64 << 10);
        QSignalSpy added(&doc, &LogDocument::linesAdded);
        QSignalSpy progress(&doc, &LogDocument::progress);
        doc.openBytes(data, QStringLiteral("gen.txt"));
        QVERIFY(waitIndexed(doc));
        QCOMPARE(doc.lineCount().get(), qint64(20000));
        QVERIFY2(added.size() >= 2, "lines arrive in several chunks");
        QCOMPARE(progress.last().at(0).value<OffsetInFile>().get(), qint64(data.size()));
        QCOMPARE(doc.line(LineNumber(20000)).toByteArray(), QByteArray("2024-01-28T19:27:24.9408212Z line 20000"));
        QVERIFY(doc.startTicks() > 0);
        QVERIFY2(doc.index().memoryBytes() <= quint64(doc.lineCount().get()) * 16,
            qPrintable(
                QStringLiteral("%1 bytes for %2 lines").arg(doc.index().memoryBytes()).arg(doc.lineCount().get())));
    }

    void cancelStopsIndexing()
    {
        QByteArray data;
        data.reserve(16 << 20);
        while (data.size() < (16 << 20))
            data += "some log line that is not short at all, to fill the buffer\n";
        LogDocument doc;
        doc.setChunkSize(4096);
        QSignalSpy added(&doc, &LogDocument::linesAdded);
        QSignalSpy finished(&doc, &LogDocument::indexingFinished);
        doc.openBytes(data, QStringLiteral("big.txt"));
        QVERIFY(added.wait(10000));
        doc.cancel();
        const qint64 lines = doc.lineCount().get();
        QVERIFY(!doc.isIndexing());
        // Let the background job end and deliver whatever it queued: none of it may count any more.
        QVERIFY(QThreadPool::globalInstance()->waitForDone(10000));
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
        QCOMPARE(finished.size(), 0);
        QVERIFY(!doc.isIndexed());
        QVERIFY(doc.lineCount().get() < qint64(data.count('\n')));
        QVERIFY(doc.lineCount().get() >= lines);
    }

    void groupsAreSections()
    {
        const QByteArray data("2024-01-28T19:27:24.9408212Z ##[group]Run a\n2024-01-28T19:27:24.9408212Z in a\n"
                              "2024-01-28T19:27:24.9408212Z ##[endgroup]\nout\n"
                              "2024-01-28T19:27:24.9408212Z ##[group]Run b\nin b\n"
                              "2024-01-28T19:27:24.9408212Z ##[group]Run c\nin c\n");
        LogDocument doc;
        doc.openBytes(data, QStringLiteral("groups.txt"));
        QVERIFY(waitIndexed(doc));
        QCOMPARE(doc.groups().size(), 2);
        QCOMPARE(doc.groups()[0].first.get(), qint64(1));
        QCOMPARE(doc.groups()[0].last.get(), qint64(3));
        QCOMPARE(doc.groups()[1].first.get(), qint64(5)); // closed by the next group (GitHub never nests them)
        QCOMPARE(doc.groups()[1].last.get(), qint64(6));
    }

    void openFile_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QStringList>("lines");
        QTest::addColumn<bool>("mapped");
        const QStringList lines { QStringLiteral("2024-01-28T19:27:24.9408212Z first"),
            QStringLiteral("zweite Zeile \u00e4\u00f6\u00fc"), QStringLiteral("third") };
        const QString text = lines.join(QLatin1String("\r\n"));
        // x86 QStrings are UTF-16LE in memory; BE swaps each pair.
        const auto utf16 = [](const QString& s, bool bigEndian) -> QByteArray {
            QByteArray out(reinterpret_cast<const char*>(s.utf16()), s.size() * 2);
            if (bigEndian) {
                for (qsizetype i = 0; i + 1 < out.size(); i += 2)
                    std::swap(out[i], out[i + 1]);
            }
            return (bigEndian ? QByteArray("\xFE\xFF") : QByteArray("\xFF\xFE")) + out;
        };
        QTest::addRow("UTF-8, CRLF, no final newline") << text.toUtf8() << lines << true;
        QTest::addRow("UTF-16LE with BOM") << utf16(text + QStringLiteral("\r\n"), false) << lines << false;
        QTest::addRow("UTF-16BE with BOM") << utf16(text, true) << lines << false;
        const QByteArray le(reinterpret_cast<const char*>(text.utf16()), text.size() * 2);
        QTest::addRow("UTF-16LE without BOM") << le << lines << false;
    }
    void openFile()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QStringList, lines);
        QFETCH(bool, mapped);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("saved.log"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
        file.close();
        LogDocument doc;
        doc.openFile(path);
        QVERIFY(waitIndexed(doc));
        QCOMPARE(doc.buffer()->isMapped(), mapped);
        QCOMPARE(doc.lineCount().get(), qint64(lines.size()));
        for (qsizetype i = 0; i < lines.size(); ++i)
            QCOMPARE(QString::fromUtf8(doc.line(LineNumber(i + 1))), lines[i]);
    }

    void missingFileFails()
    {
        LogDocument doc;
        QSignalSpy failed(&doc, &LogDocument::failed);
        doc.openFile(QStringLiteral("/nonexistent/run.log"));
        QCOMPARE(failed.size(), 1);
        QVERIFY(failed.first().first().toString().contains(QLatin1String("/nonexistent/run.log")));
    }
};

QTEST_GUILESS_MAIN(TestLineIndex)
#include "tst_lineindex.moc"
