// Line layer of runlens::logs: timestamps, markers, ANSI stripping, decoding and splitting.
#include "logs/linesplitter.h"
#include "logs/logline.h"
#include "logs/textdecoder.h"
#include "logs/textsearch.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QTest>

using namespace runlens::logs;

namespace {

struct SplitLine
{
    QByteArray text;
    qint64 offset;
    qint64 number;
};

// Decodes `raw` fed in chunks of `chunk` bytes and splits it into lines.
QList<SplitLine> decodeAndSplit(const QByteArray& raw, qsizetype chunk, QByteArray* decodedOut = nullptr)
{
    QList<SplitLine> lines;
    QByteArray decoded;
    LineSplitter splitter([&](QByteArrayView line, qint64 offset, qint64 number) {
        lines.append({ line.toByteArray(), offset, number });
        return true;
    });
    TextDecoder decoder;
    auto push = [&](QByteArrayView d) {
        decoded.append(d.data(), d.size());
        splitter.feed(d);
    };
    for (qsizetype pos = 0; pos < raw.size(); pos += chunk)
        push(decoder.decode(QByteArrayView(raw).sliced(pos, qMin(chunk, raw.size() - pos))));
    push(decoder.finish());
    splitter.finish();
    if (decodedOut)
        *decodedOut = decoded;
    return lines;
}

QByteArray utf16le(const QString& text, bool bom)
{
    QByteArray out;
    if (bom)
        out.append("\xFF\xFE", 2);
    for (QChar c : text) {
        out.append(char(c.unicode() & 0xFF));
        out.append(char(c.unicode() >> 8));
    }
    return out;
}

qint64 ticksOf(int y, int mo, int d, int h, int mi, int s, qint64 fraction)
{
    const QDateTime dt(QDate(y, mo, d), QTime(h, mi, s), Qt::UTC);
    return dt.toSecsSinceEpoch() * kTicksPerSecond + fraction;
}

// A log-shaped buffer of about `bytes` bytes: timestamped lines, some markers, some non-ASCII.
QByteArray syntheticLog(qsizetype bytes, bool ansi)
{
    QByteArray out;
    out.reserve(bytes + 256);
    const QByteArray ts("2024-01-28T19:27:24.9408212Z ");
    int i = 0;
    while (out.size() < bytes) {
        out.append(ts);
        switch (i++ % 8) {
        case 0:
            out.append("##[group]Run ./gradlew build --stacktrace\n");
            break;
        case 1:
            out.append(ansi ? "\x1b[31mFAILED\x1b[0m com.example.FooTest > bar() \xe2\x9c\x98\n"
                            : "FAILED com.example.FooTest > bar() \xe2\x9c\x98\n");
            break;
        case 2:
            out.append("##[endgroup]\n");
            break;
        default:
            out.append("Compiling module 42 of 1337: src/main/java/com/example/service/Handler.java\n");
            break;
        }
    }
    return out;
}

} // namespace

class TestLogLine : public QObject
{
    Q_OBJECT

private slots:
    void timestamp_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<qint64>("ticks");
        QTest::addColumn<QByteArray>("display");

        QTest::addRow("7 digits") << QByteArray("2024-01-28T19:27:24.9408212Z hello") << true
                                  << ticksOf(2024, 1, 28, 19, 27, 24, 9408212) << QByteArray("hello");
        QTest::addRow("timestamp only") << QByteArray("2024-01-28T19:27:24.0000000Z") << true
                                        << ticksOf(2024, 1, 28, 19, 27, 24, 0) << QByteArray();
        QTest::addRow("leap day") << QByteArray("2024-02-29T00:00:00.0000001Z x") << true
                                  << ticksOf(2024, 2, 29, 0, 0, 0, 1) << QByteArray("x");
        QTest::addRow("end of year") << QByteArray("1999-12-31T23:59:59.9999999Z x") << true
                                     << ticksOf(1999, 12, 31, 23, 59, 59, 9999999) << QByteArray("x");
        QTest::addRow("epoch") << QByteArray("1970-01-01T00:00:00.0000000Z x") << true << qint64(0) << QByteArray("x");
        QTest::addRow("CRLF dropped") << QByteArray("2024-01-28T19:27:24.9408212Z hello\r") << true
                                      << ticksOf(2024, 1, 28, 19, 27, 24, 9408212) << QByteArray("hello");
        QTest::addRow("6 digits") << QByteArray("2024-01-28T19:27:24.940821Z hello") << false << qint64(0)
                                  << QByteArray("2024-01-28T19:27:24.940821Z hello");
        QTest::addRow("8 digits") << QByteArray("2024-01-28T19:27:24.94082123Z hello") << false << qint64(0)
                                  << QByteArray("2024-01-28T19:27:24.94082123Z hello");
        QTest::addRow("no Z") << QByteArray("2024-01-28T19:27:24.9408212 hello") << false << qint64(0)
                              << QByteArray("2024-01-28T19:27:24.9408212 hello");
        QTest::addRow("lower z") << QByteArray("2024-01-28T19:27:24.9408212z hello") << false << qint64(0)
                                 << QByteArray("2024-01-28T19:27:24.9408212z hello");
        QTest::addRow("space for T") << QByteArray("2024-01-28 19:27:24.9408212Z hello") << false << qint64(0)
                                     << QByteArray("2024-01-28 19:27:24.9408212Z hello");
        QTest::addRow("glued text") << QByteArray("2024-01-28T19:27:24.9408212Zhello") << false << qint64(0)
                                    << QByteArray("2024-01-28T19:27:24.9408212Zhello");
        QTest::addRow("month 13") << QByteArray("2024-13-28T19:27:24.9408212Z x") << false << qint64(0)
                                  << QByteArray("2024-13-28T19:27:24.9408212Z x");
        QTest::addRow("Feb 29 non-leap") << QByteArray("2023-02-29T19:27:24.9408212Z x") << false << qint64(0)
                                         << QByteArray("2023-02-29T19:27:24.9408212Z x");
        QTest::addRow("hour 24") << QByteArray("2024-01-28T24:27:24.9408212Z x") << false << qint64(0)
                                 << QByteArray("2024-01-28T24:27:24.9408212Z x");
        QTest::addRow("letter in digits") << QByteArray("2024-01-2xT19:27:24.9408212Z x") << false << qint64(0)
                                          << QByteArray("2024-01-2xT19:27:24.9408212Z x");
        QTest::addRow("continuation") << QByteArray("  at Foo.bar(Foo.java:12)") << false << qint64(0)
                                      << QByteArray("  at Foo.bar(Foo.java:12)");
        QTest::addRow("empty") << QByteArray() << false << qint64(0) << QByteArray();
        QTest::addRow("PowerShell-mangled BOM")
            << QByteArray("\xE2\x88\xA9\xE2\x95\x97\xE2\x94\x90"
                          "2024-01-28T19:27:24.9408212Z hi")
            << true << ticksOf(2024, 1, 28, 19, 27, 24, 9408212) << QByteArray("hi");
    }

    void timestamp()
    {
        QFETCH(QByteArray, line);
        QFETCH(bool, valid);
        QFETCH(qint64, ticks);
        QFETCH(QByteArray, display);
        const LogLine parsed = parseLine(line);
        QCOMPARE(parsed.hasTimestamp, valid);
        if (valid) {
            QCOMPARE(parsed.timestampTicks, ticks);
            QCOMPARE(parseLine(formatTimestamp(ticks).toLatin1()).timestampTicks, ticks);
        }
        QCOMPARE(parsed.display.toByteArray(), display);
        QCOMPARE(parsed.marker, Marker::Plain);
    }

    // parseTimestamp() reuses the previous timestamp's minute when the first 16 bytes repeat: a sequence of
    // mutated timestamps sharing minutes must parse as each one does on its own (after a timestamp of
    // another minute, which forces the whole check).
    void timestampSequence()
    {
        const QByteArray bases[] = { "2024-01-28T19:27:24.9408212Z", "2024-02-29T23:59:59.0000000Z",
            "2023-02-28T00:00:00.1234567Z", "1999-12-31T23:59:59.9999999Z" };
        const QByteArray other = "2001-07-04T12:34:56.0000000Z";
        const auto alone = [&](QByteArrayView text) {
            parseTimestamp(other);
            return parseTimestamp(text);
        };
        QRandomGenerator random(18);
        const QByteArray alphabet = "0123456789-:.TZz x";
        int valid = 0;
        int invalid = 0;
        for (int i = 0; i < 200000; ++i) {
            QByteArray text = bases[random.bounded(4)];
            // Mostly the seconds and fraction change, sometimes the minute, sometimes any byte.
            const int mutations = int(random.bounded(3));
            for (int m = 0; m < mutations; ++m) {
                const int at = random.bounded(8) == 0 ? int(random.bounded(text.size())) : 16 + int(random.bounded(12));
                text[at] = alphabet[random.bounded(alphabet.size())];
            }
            if (random.bounded(16) == 0)
                text.chop(1);
            const std::optional<qint64> expected = alone(text);
            // The previous line of the sequence (not `other`) is what the cache holds here.
            parseTimestamp(bases[random.bounded(4)]);
            const std::optional<qint64> got = parseTimestamp(text);
            QCOMPARE(got.has_value(), expected.has_value());
            if (got) {
                QCOMPARE(*got, *expected);
                ++valid;
            } else {
                ++invalid;
            }
        }
        QVERIFY(valid > 1000 && invalid > 1000);
        // Same minute, then a second or fraction that is not valid.
        QVERIFY(parseTimestamp("2024-01-28T19:27:24.9408212Z"));
        QVERIFY(!parseTimestamp("2024-01-28T19:27:60.9408212Z"));
        QVERIFY(!parseTimestamp("2024-01-28T19:27:2x.9408212Z"));
        QVERIFY(!parseTimestamp("2024-01-28T19:27:24.94082x2Z"));
        QVERIFY(!parseTimestamp("2024-01-28T19:27:24.9408212z"));
        QVERIFY(!parseTimestamp("2024-01-28T19:27:24,9408212Z"));
        QCOMPARE(
            parseTimestamp("2024-01-28T19:27:59.0000001Z"), std::optional<qint64>(ticksOf(2024, 1, 28, 19, 27, 59, 1)));
    }

    void formatRoundTrip()
    {
        QCOMPARE(
            formatTimestamp(ticksOf(2024, 1, 28, 19, 27, 24, 9408212)), QStringLiteral("2024-01-28T19:27:24.9408212Z"));
        QCOMPARE(formatTimestamp(0), QStringLiteral("1970-01-01T00:00:00.0000000Z"));
    }

    void marker_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<Marker>("marker");
        QTest::addColumn<QByteArray>("display");
        const QByteArray ts("2024-01-28T19:27:24.9408212Z ");
        QTest::addRow("group") << ts + "##[group]Run actions/checkout@v4" << Marker::Group
                               << QByteArray("Run actions/checkout@v4");
        QTest::addRow("endgroup") << ts + "##[endgroup]" << Marker::EndGroup << QByteArray();
        QTest::addRow("error") << ts + "##[error]Process completed with exit code 137." << Marker::Error
                               << QByteArray("Process completed with exit code 137.");
        QTest::addRow("warning") << ts + "##[warning]deprecated" << Marker::Warning << QByteArray("deprecated");
        QTest::addRow("notice") << ts + "##[notice]note" << Marker::Notice << QByteArray("note");
        QTest::addRow("debug") << ts + "##[debug]Evaluating condition" << Marker::Debug
                               << QByteArray("Evaluating condition");
        QTest::addRow("hash command") << ts + "##[command]/usr/bin/git version" << Marker::Command
                                      << QByteArray("/usr/bin/git version");
        QTest::addRow("bracket command") << ts + "[command]/usr/bin/git log" << Marker::Command
                                         << QByteArray("/usr/bin/git log");
        QTest::addRow("section") << ts + "##[section]Starting: Build" << Marker::Section
                                 << QByteArray("Starting: Build");
        QTest::addRow("plain") << ts + "Compiling foo.c" << Marker::Plain << QByteArray("Compiling foo.c");
        QTest::addRow("unknown marker") << ts + "##[frobnicate]x" << Marker::Plain << QByteArray("##[frobnicate]x");
        QTest::addRow("marker without timestamp") << QByteArray("##[error]bare") << Marker::Error << QByteArray("bare");
        QTest::addRow("marker not at start") << ts + "see ##[error]x" << Marker::Plain << QByteArray("see ##[error]x");
        QTest::addRow("truncated marker") << ts + "##[erro" << Marker::Plain << QByteArray("##[erro");
    }

    void marker()
    {
        QFETCH(QByteArray, line);
        QFETCH(Marker, marker);
        QFETCH(QByteArray, display);
        const LogLine parsed = parseLine(line);
        QCOMPARE(parsed.marker, marker);
        QCOMPARE(parsed.display.toByteArray(), display);
        QCOMPARE(parsed.match.toByteArray(), display);
        QVERIFY(!markerName(marker).isEmpty());
    }

    void ansi_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QByteArray>("display");
        QTest::addColumn<QByteArray>("match");
        QTest::addColumn<bool>("hasAnsi");
        QTest::addRow("none") << QByteArray("plain text") << QByteArray("plain text") << QByteArray("plain text")
                              << false;
        QTest::addRow("colour") << QByteArray("\x1b[31mKilled\x1b[0m now") << QByteArray("\x1b[31mKilled\x1b[0m now")
                                << QByteArray("Killed now") << true;
        QTest::addRow("bold cyan group") << QByteArray("##[group]\x1b[36;1mRun make\x1b[0m")
                                         << QByteArray("\x1b[36;1mRun make\x1b[0m") << QByteArray("Run make") << true;
        QTest::addRow("cursor up") << QByteArray("50%\x1b[A") << QByteArray("50%\x1b[A") << QByteArray("50%") << true;
        QTest::addRow("osc title") << QByteArray("a\x1b]0;title\x07"
                                                 "b")
                                   << QByteArray("a\x1b]0;title\x07"
                                                 "b")
                                   << QByteArray("ab") << true;
        QTest::addRow("osc st") << QByteArray("a\x1b]8;;http://x\x1b\\link")
                                << QByteArray("a\x1b]8;;http://x\x1b\\link") << QByteArray("alink") << true;
        QTest::addRow("two-byte") << QByteArray("x\x1b"
                                                "7y")
                                  << QByteArray("x\x1b"
                                                "7y")
                                  << QByteArray("xy") << true;
        QTest::addRow("lone ESC at end") << QByteArray("end\x1b") << QByteArray("end\x1b") << QByteArray("end") << true;
        QTest::addRow("unterminated CSI")
            << QByteArray("a\x1b[12;") << QByteArray("a\x1b[12;") << QByteArray("a") << true;
    }

    void ansi()
    {
        QFETCH(QByteArray, line);
        QFETCH(QByteArray, display);
        QFETCH(QByteArray, match);
        QFETCH(bool, hasAnsi);
        QByteArray scratch;
        const LogLine parsed = parseLine(line, scratch);
        QCOMPARE(parsed.display.toByteArray(), display);
        QCOMPARE(parsed.match.toByteArray(), match);
        QCOMPARE(parsed.hasAnsi, hasAnsi);
        // Without ESC no copy is made: match views the input itself.
        if (!hasAnsi)
            QCOMPARE(parsed.match.data(), parsed.display.data());
    }

    // A caller that knows a line holds no ESC byte gets the same line without the search for one.
    void noEscapes_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addRow("empty") << QByteArray();
        QTest::addRow("plain") << QByteArray("plain text");
        QTest::addRow("timestamp and marker") << QByteArray("2024-01-28T19:27:24.9408212Z ##[error]Process failed\r");
        QTest::addRow("command") << QByteArray("[command]/usr/bin/git version");
        QTest::addRow("UTF-8") << QByteArray("\xe2\x80\xae\xc3\xa9t\xc3\xa9 \xe2\x9c\x93");
        QTest::addRow("mangled BOM") << QByteArray("\xe2\x88\xa9\xe2\x95\x97\xe2\x94\x90"
                                                   "2024-01-28T19:27:24.9408212Z ##[warning]x");
        QTest::addRow("timestamp only") << QByteArray("2024-01-28T19:27:24.9408212Z");
    }
    void noEscapes()
    {
        QFETCH(QByteArray, line);
        QByteArray scratch;
        const LogLine expected = parseLine(line, scratch);
        const LogLine parsed = parseLine(line, scratch, runlens::logs::Escapes::None);
        QCOMPARE(parsed.raw.toByteArray(), expected.raw.toByteArray());
        QCOMPARE(parsed.display.toByteArray(), expected.display.toByteArray());
        QCOMPARE(parsed.match.toByteArray(), expected.match.toByteArray());
        QCOMPARE(parsed.match.data(), expected.match.data());
        QCOMPARE(parsed.marker, expected.marker);
        QCOMPARE(parsed.hasTimestamp, expected.hasTimestamp);
        QCOMPARE(parsed.timestampTicks, expected.timestampTicks);
        QCOMPARE(parsed.hasAnsi, false);
    }

    void stream_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<QList<QByteArray>>("lines");
        QTest::addColumn<QList<qint64>>("offsets");

        QTest::addRow("empty") << QByteArray() << QList<QByteArray>() << QList<qint64>();
        QTest::addRow("only newline") << QByteArray("\n") << QList<QByteArray> { "" } << QList<qint64> { 0 };
        QTest::addRow("no final newline")
            << QByteArray("a\nbc") << QList<QByteArray> { "a", "bc" } << QList<qint64> { 0, 2 };
        QTest::addRow("final newline") << QByteArray("a\nbc\n") << QList<QByteArray> { "a", "bc" }
                                       << QList<qint64> { 0, 2 };
        QTest::addRow("CRLF") << QByteArray("a\r\nbb\r\n\r\nc") << QList<QByteArray> { "a", "bb", "", "c" }
                              << QList<qint64> { 0, 3, 7, 9 };
        QTest::addRow("lone CR kept") << QByteArray("a\rb\n") << QList<QByteArray> { "a\rb" } << QList<qint64> { 0 };
        QTest::addRow("BOM at start") << QByteArray("\xEF\xBB\xBF"
                                                    "first\nsecond")
                                      << QList<QByteArray> { "first", "second" } << QList<qint64> { 0, 6 };
        // The decoder's no-copy path skips a leading BOM: what follows must decode as on the copying path.
        QTest::addRow("BOM then a sequence cut at the end")
            << QByteArray("\xEF\xBB\xBF"
                          "ab\n\xC3")
            << QList<QByteArray> { "ab", "\xEF\xBF\xBD" } << QList<qint64> { 0, 3 };
        QTest::addRow("BOM then invalid UTF-8") << QByteArray("\xEF\xBB\xBF"
                                                              "a\xFF\n")
                                                << QList<QByteArray> { "a\xEF\xBF\xBD" } << QList<qint64> { 0 };
        QTest::addRow("two BOMs") << QByteArray("\xEF\xBB\xBF\xEF\xBB\xBF"
                                                "x\n")
                                  << QList<QByteArray> { "x" } << QList<qint64> { 0 };
        QTest::addRow("only a BOM") << QByteArray("\xEF\xBB\xBF") << QList<QByteArray>() << QList<qint64>();
        QTest::addRow("BOM mid-file") << QByteArray("one\n\xEF\xBB\xBF"
                                                    "two\nth\xEF\xBB\xBFree\n")
                                      << QList<QByteArray> { "one", "two", "three" } << QList<qint64> { 0, 4, 8 };
        QTest::addRow("invalid UTF-8") << QByteArray("a\xFF"
                                                     "b\n\xC3\n\xE2\x82\nok\xC3\xA9\n")
                                       << QList<QByteArray> { "a\xEF\xBF\xBD"
                                                              "b",
                                              "\xEF\xBF\xBD", "\xEF\xBF\xBD", "ok\xC3\xA9" }
                                       << QList<qint64> { 0, 6, 10, 14 };
        QTest::addRow("overlong and surrogate")
            << QByteArray("\xC0\xAF|\xED\xA0\x80|\xF4\x90\x80\x80\n")
            << QList<QByteArray> { "\xEF\xBF\xBD\xEF\xBF\xBD|\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD|"
                                   "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" }
            << QList<qint64> { 0 };
        QTest::addRow("4-byte emoji") << QByteArray("\xF0\x9F\x92\xA5 boom\n")
                                      << QList<QByteArray> { "\xF0\x9F\x92\xA5 boom" } << QList<qint64> { 0 };
        QTest::addRow("truncated at end")
            << QByteArray("x\xE2\x82") << QList<QByteArray> { "x\xEF\xBF\xBD" } << QList<qint64> { 0 };
        QTest::addRow("NUL bytes") << QByteArray("a\0b\n\0\n", 6)
                                   << QList<QByteArray> { QByteArray("a\0b", 3), QByteArray("\0", 1) }
                                   << QList<qint64> { 0, 4 };
        QTest::addRow("UTF-16LE BOM CRLF")
            << utf16le(QStringLiteral("one\r\n\u00e9t\u00e9\r\n\U0001F4A5\r\n"), true)
            << QList<QByteArray> { "one", "\xC3\xA9t\xC3\xA9", "\xF0\x9F\x92\xA5" } << QList<qint64> { 0, 5, 12 };
        QTest::addRow("UTF-16LE no BOM") << utf16le(QStringLiteral("ab\ncd"), false) << QList<QByteArray> { "ab", "cd" }
                                         << QList<qint64> { 0, 3 };
        QTest::addRow("UTF-16LE with UTF-8 BOM text inside") << utf16le(QStringLiteral("\ufeffx\n\ufeffy"),
            true) << QList<QByteArray> { "x", "y" } << QList<qint64> { 0, 2 };
        QTest::addRow("UTF-16LE odd length") << utf16le(QStringLiteral("ab"), true) + QByteArray("c")
                                             << QList<QByteArray> { "ab\xEF\xBF\xBD" } << QList<qint64> { 0 };
        QTest::addRow("UTF-16LE lone surrogate") << utf16le(QString(QChar(0xD800)) + QStringLiteral("z"), true)
                                                 << QList<QByteArray> { "\xEF\xBF\xBDz" } << QList<qint64> { 0 };
        QTest::addRow("UTF-16BE BOM") << QByteArray("\xFE\xFF\0a\0\n\0b", 8) << QList<QByteArray> { "a", "b" }
                                      << QList<qint64> { 0, 2 };
        QTest::addRow("short file") << QByteArray("ab") << QList<QByteArray> { "ab" } << QList<qint64> { 0 };
    }

    void stream()
    {
        QFETCH(QByteArray, raw);
        QFETCH(QList<QByteArray>, lines);
        QFETCH(QList<qint64>, offsets);
        // Every chunking must give the same lines and offsets, including 1-byte chunks that split every
        // multi-byte sequence, BOM and CRLF.
        for (qsizetype chunk : { qsizetype(1), qsizetype(2), qsizetype(3), qsizetype(5), qsizetype(1) << 20 }) {
            QByteArray decoded;
            const QList<SplitLine> got = decodeAndSplit(raw, chunk, &decoded);
            QCOMPARE(got.size(), lines.size());
            for (qsizetype i = 0; i < got.size(); ++i) {
                QCOMPARE(got[i].text, lines[i]);
                QCOMPARE(got[i].offset, offsets[i]);
                QCOMPARE(got[i].number, qint64(i + 1));
                // Offsets index the decoded stream.
                QCOMPARE(decoded.mid(got[i].offset, got[i].text.size()), got[i].text);
            }
            QCOMPARE(TextDecoder::decodeAll(raw), decoded);
            // The whole-buffer splitter agrees with the chunked one.
            QList<QByteArray> whole;
            forEachRawLine(decoded, [&](QByteArrayView line, qint64, qint64) {
                whole.append(line.toByteArray());
                return true;
            });
            QCOMPARE(whole, lines);
        }
    }

    // One non-ASCII sequence at every offset of a long ASCII text, around the 8- and 64-byte steps of the
    // ASCII scan: a valid one is kept (and clean text handed back as it is), an invalid one replaced.
    void nonAsciiAtEveryOffset()
    {
        for (qsizetype at = 0; at <= 200; ++at) {
            const QByteArray ascii(200, 'a');
            const QByteArray valid = ascii.left(at) + "\xC3\xA9" + ascii.mid(at);
            const QByteArray invalid = ascii.left(at) + "\x80" + ascii.mid(at);
            QCOMPARE(TextDecoder::decodeAll(valid), valid);
            QCOMPARE(TextDecoder::decodeAll(invalid), ascii.left(at) + "\xEF\xBF\xBD" + ascii.mid(at));
            TextDecoder decoder;
            const QByteArrayView clean = decoder.decode(valid);
            QCOMPARE(clean.data(), valid.constData()); // not copied
            QCOMPARE(clean.size(), valid.size());
            QCOMPARE(TextDecoder::decodeAll(ascii.left(at)), ascii.left(at));
        }
    }

    // findText() against std::string_view::find: every start offset, needles of 0-40 bytes at and around
    // the 16-byte block edges, matches in the first, middle and last positions, texts cut at any length.
    void findText()
    {
        QCOMPARE(runlens::logs::findText("", ""), size_t(0));
        QCOMPARE(runlens::logs::findText("abc", "", 3), size_t(3));
        QCOMPARE(runlens::logs::findText("abc", "", 4), std::string_view::npos);
        QCOMPARE(runlens::logs::findText("abc", "abcd"), std::string_view::npos);
        QCOMPARE(runlens::logs::findText("Tests run: 3, Failures: 0", "ail"), size_t(15));
        QRandomGenerator random(18);
        const char alphabet[] = "aab\x00\xff\n";
        std::string text;
        int checked = 0;
        for (int round = 0; round < 3000; ++round) {
            const int size = int(random.bounded(70));
            text.assign(size_t(size), 'a');
            for (char& c : text)
                c = alphabet[random.bounded(int(sizeof alphabet) - 1)];
            const std::string_view view(text);
            const int needleSize = int(random.bounded(41));
            std::string needle;
            if (needleSize > 0 && size > 0 && random.bounded(2) == 0) {
                // A piece of the text, so that matches occur at every position, also the last ones.
                const int from = int(random.bounded(size));
                needle = text.substr(size_t(from), size_t(needleSize));
            } else {
                for (int i = 0; i < needleSize; ++i)
                    needle += alphabet[random.bounded(int(sizeof alphabet) - 1)];
            }
            for (size_t from = 0; from <= view.size() + 1; ++from) {
                QCOMPARE(runlens::logs::findText(view, needle, from), view.find(needle, from));
                ++checked;
            }
            QCOMPARE(runlens::logs::containsText(view, needle), view.find(needle) != std::string_view::npos);
        }
        QVERIFY(checked > 50000);
    }

    void stopEarly()
    {
        int seen = 0;
        LineSplitter splitter([&](QByteArrayView, qint64, qint64) { return ++seen < 2; });
        QVERIFY(!splitter.feed("a\nb\nc\nd\n"));
        QVERIFY(!splitter.feed("e\n"));
        QVERIFY(!splitter.finish());
        QCOMPARE(seen, 2);
    }

    void hugeSingleLine()
    {
        // 64 MiB in one line, fed in 1 MiB chunks: must complete (linear carry-over) with the right length.
        const qsizetype size = qsizetype(64) << 20;
        QByteArray raw(size, 'x');
        raw.append("\r\n2024-01-28T19:27:24.9408212Z ##[error]tail");
        qsizetype firstLength = -1;
        QByteArray second;
        qint64 secondOffset = -1;
        QByteArray scratch;
        LineSplitter splitter([&](QByteArrayView line, qint64 offset, qint64 number) {
            const LogLine parsed = parseLine(line, scratch);
            if (number == 1) {
                firstLength = parsed.display.size();
            } else {
                second = parsed.match.toByteArray();
                secondOffset = offset;
                if (parsed.marker != Marker::Error)
                    second.clear();
            }
            return true;
        });
        TextDecoder decoder;
        const qsizetype chunk = qsizetype(1) << 20;
        for (qsizetype pos = 0; pos < raw.size(); pos += chunk)
            QVERIFY(splitter.feed(decoder.decode(QByteArrayView(raw).sliced(pos, qMin(chunk, raw.size() - pos)))));
        QVERIFY(splitter.feed(decoder.finish()));
        QVERIFY(splitter.finish());
        QCOMPARE(splitter.linesEmitted(), qint64(2));
        QCOMPARE(firstLength, size);
        QCOMPARE(second, QByteArray("tail"));
        QCOMPARE(secondOffset, qint64(size + 2));
    }
    // Measurements, not assertions: `tst_logline benchSplitParse benchDecode -iterations 5`.
    void benchSplitParse_data()
    {
        QTest::addColumn<bool>("ansi");
        QTest::addRow("plain") << false;
        QTest::addRow("ansi") << true;
    }

    void benchSplitParse()
    {
        QFETCH(bool, ansi);
        const QByteArray text = syntheticLog(32 << 20, ansi);
        qint64 lines = 0;
        QByteArray scratch;
        QBENCHMARK
        {
            lines = 0;
            forEachRawLine(text, [&](QByteArrayView raw, qint64, qint64) {
                const LogLine line = parseLine(raw, scratch);
                lines += line.hasTimestamp ? 1 : 0;
                return true;
            });
        }
        QVERIFY(lines > 0);
    }

    void benchDecode()
    {
        // Streaming decode in 1 MiB chunks, as LogSource::forEachChunk does: clean UTF-8 is not copied.
        const QByteArray text = syntheticLog(32 << 20, false);
        const qsizetype chunk = qsizetype(1) << 20;
        qint64 total = 0;
        QBENCHMARK
        {
            total = 0;
            TextDecoder decoder;
            for (qsizetype pos = 0; pos < text.size(); pos += chunk)
                total += decoder.decode(QByteArrayView(text).sliced(pos, qMin(chunk, text.size() - pos))).size();
            total += decoder.finish().size();
        }
        QCOMPARE(total, qint64(text.size()));
    }
};

QTEST_GUILESS_MAIN(TestLogLine)
#include "tst_logline.moc"
