#include "common/computepool.h"
#include "common/csvtable.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

#include <bit>
#include <charconv>
#include <cstdint>
#include <random>
#include <thread>

#include <sys/stat.h>

using namespace runlens;

namespace {
// A file of this size is parsed in chunks, in parallel, when the compute pool has several threads (1 MiB or more).
constexpr qsizetype kChunked = qsizetype(5) << 19;

QString writeTemp(const QTemporaryDir& dir, const QString& name, const QByteArray& data)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

// A numeric CSV of about `bytes` bytes for the parallel reader: columns a, b, label (in the middle), c;
// short integers and long decimals, records ended by LF, CRLF or (now and then) a lone CR, blank lines
// (LF and CRLF), cells with spaces or '+' (read by the RecordSplitter); no line break at the end.
// `lines` gets the line of each record.
QByteArray numericFile(qsizetype bytes, std::vector<int>& lines)
{
    std::mt19937_64 rng(17);
    std::uniform_real_distribution<double> real(-1e4, 1e4);
    QByteArray data("a,b,label,c\r\n");
    int line = 2;
    while (data.size() < bytes) {
        if (!lines.empty())
            data += rng() % 50 == 0 ? "\n" : rng() % 50 == 0 ? "\r" : rng() % 3 == 0 ? "\r\n" : "\n";
        if (rng() % 40 == 0) {
            data += rng() % 2 == 0 && !data.endsWith('\r') ? "\n"
                                                           : "\r\n"; // a blank line (a lone CR and a LF would be one)
            ++line;
        }
        lines.push_back(line++);
        data += QByteArray::number(std::uint64_t(rng() % 1000)) + ',';
        data += QByteArray::number(real(rng), 'g', int(1 + rng() % 17)) + ',';
        data += QByteArray::number(int(rng() % 2)) + ',';
        data += rng() % 30 == 0 ? " +" + QByteArray::number(int(rng() % 100)) + " "
                                : QByteArray::number(-int(rng() % 99));
    }
    return data;
}

std::vector<std::uint64_t> bits(const std::vector<double>& values)
{
    std::vector<std::uint64_t> out;
    for (const double value : values)
        out.push_back(std::bit_cast<std::uint64_t>(value));
    return out;
}

// readNumeric() with each of `threads` threads reads `data` as parse() + number() (std::from_chars on each
// cell) do: every value of the columns but `label`, and the label column's, bit for bit.
void checkReadsAsByCell(const QByteArray& data, const QString& label, std::initializer_list<int> threads)
{
    const CsvTable table = CsvTable::parse(data, QStringLiteral("reference")).value();
    const int labelIndex = table.columnIndex(label);
    std::vector<double> values;
    std::vector<double> labels;
    for (int r = 0; r < table.rowCount(); ++r) {
        for (int c = 0; c < table.columnCount(); ++c)
            (c == labelIndex ? labels : values).push_back(table.number(r, c).value());
    }
    QTemporaryDir dir;
    const QString path = writeTemp(dir, QStringLiteral("cells.csv"), data);
    for (const int n : threads) {
        computePool()->setMaxThreadCount(n);
        const Result<NumericCsv> csv = CsvTable::readNumeric(path, label);
        QVERIFY2(csv.ok(), qPrintable(csv.ok() ? QString() : csv.error()));
        QCOMPARE(csv->rows, table.rowCount());
        QVERIFY2(bits(csv->values) == bits(values), qPrintable(QStringLiteral("%1 threads").arg(n)));
        QVERIFY2(bits(csv->labels) == bits(labels), qPrintable(QStringLiteral("%1 threads").arg(n)));
    }
}

// A cell of short integers as the ODDS sets have them (1 to 3 digits, now and then a '-'), and now and then
// one of 4 to 10 digits (8 is the longest the integer path takes, leading zeros too) or "-0".
QByteArray shortCell(std::mt19937_64& rng)
{
    const int kind = int(rng() % 50);
    if (kind == 0)
        return "-0";
    const int digits = kind < 6 ? 4 + int(rng() % 7) : 1 + int(rng() % 3);
    QByteArray cell = rng() % 6 == 0 ? "-" : "";
    for (int d = 0; d < digits; ++d)
        cell += char('0' + rng() % 10);
    return cell;
}
} // namespace

class TestCsvTable : public QObject
{
    Q_OBJECT

private slots:
    // The compute pool's size chooses between the one-thread and the chunked reader.
    void init() { m_threads = computePool()->maxThreadCount(); }
    void cleanup() { computePool()->setMaxThreadCount(m_threads); }

    void parses_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QStringList>("header");
        QTest::addColumn<QList<QStringList>>("rows");
        QTest::addColumn<QList<int>>("lines");
        QTest::addRow("plain") << QByteArray("a,b\n1,2\n3,4\n")
                               << QStringList { QStringLiteral("a"), QStringLiteral("b") }
                               << QList<QStringList> { { QStringLiteral("1"), QStringLiteral("2") },
                                      { QStringLiteral("3"), QStringLiteral("4") } }
                               << QList<int> { 2, 3 };
        QTest::addRow("CRLF, BOM, no final newline")
            << QByteArray("\xEF\xBB\xBF"
                          "a,b\r\n1,2\r\n3,4")
            << QStringList { QStringLiteral("a"), QStringLiteral("b") }
            << QList<QStringList> { { QStringLiteral("1"), QStringLiteral("2") },
                   { QStringLiteral("3"), QStringLiteral("4") } }
            << QList<int> { 2, 3 };
        QTest::addRow("quotes and blank lines")
            << QByteArray("name,\"x, y\"\n\n\"say \"\"hi\"\"\",\"two\nlines\"\n5,\n")
            << QStringList { QStringLiteral("name"), QStringLiteral("x, y") }
            << QList<QStringList> { { QStringLiteral("say \"hi\""), QStringLiteral("two\nlines") },
                   { QStringLiteral("5"), QString() } }
            << QList<int> { 3, 5 };
    }
    void parses()
    {
        QFETCH(QByteArray, data);
        QFETCH(QStringList, header);
        QFETCH(QList<QStringList>, rows);
        QFETCH(QList<int>, lines);
        Result<CsvTable> table = CsvTable::parse(data, QStringLiteral("file 't.csv'"));
        QVERIFY2(table.ok(), qPrintable(table.ok() ? QString() : table.error()));
        QCOMPARE(table->header(), header);
        QCOMPARE(table->rowCount(), int(rows.size()));
        for (int r = 0; r < table->rowCount(); ++r) {
            QCOMPARE(table->row(r), rows.at(r));
            QCOMPARE(table->lineOf(r), lines.at(r));
        }
    }

    void refuses_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QString>("message");
        QTest::addRow("empty") << QByteArray() << QStringLiteral("file 't.csv': empty");
        QTest::addRow("short row") << QByteArray("a,b\n1,2\n3\n")
                                   << QStringLiteral("file 't.csv', line 3: 1 fields, the header has 2");
        QTest::addRow("open quote") << QByteArray("a\n\"x\n") << QStringLiteral("line 2: a quoted field is not closed");
    }
    void refuses()
    {
        QFETCH(QByteArray, data);
        QFETCH(QString, message);
        Result<CsvTable> table = CsvTable::parse(data, QStringLiteral("file 't.csv'"));
        QVERIFY(!table.ok());
        QVERIFY2(table.error().contains(message), qPrintable(table.error()));
    }

    void numbers_data()
    {
        QTest::addColumn<QString>("cell");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<double>("value");
        QTest::addRow("integer") << QStringLiteral("42") << true << 42.0;
        QTest::addRow("spaces and exponent") << QStringLiteral(" -1.5e3 ") << true << -1500.0;
        QTest::addRow("text") << QStringLiteral("abc") << false << 0.0;
        QTest::addRow("empty") << QString() << false << 0.0;
        QTest::addRow("nan") << QStringLiteral("nan") << false << 0.0;
        QTest::addRow("inf") << QStringLiteral("inf") << false << 0.0;
    }
    void numbers()
    {
        QFETCH(QString, cell);
        QFETCH(bool, ok);
        QFETCH(double, value);
        const CsvTable table
            = CsvTable::parse("x,y\n1," + cell.toUtf8() + "\n", QStringLiteral("file 'n.csv'")).value();
        Result<double> v = table.number(0, 1);
        QCOMPARE(v.ok(), ok);
        if (ok)
            QCOMPARE(*v, value);
        else
            QVERIFY2(
                v.error().startsWith(QStringLiteral("file 'n.csv', line 2, column 'y': '")), qPrintable(v.error()));
    }

    void quote()
    {
        QCOMPARE(CsvTable::quote(QStringLiteral("plain")), QStringLiteral("plain"));
        QCOMPARE(CsvTable::quote(QStringLiteral("a,b")), QStringLiteral("\"a,b\""));
        QCOMPARE(CsvTable::quote(QStringLiteral("say \"hi\"")), QStringLiteral("\"say \"\"hi\"\"\""));
    }

    // What line() writes, parse() reads back cell for cell.
    void roundTrip()
    {
        const QStringList header { QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c") };
        const QStringList row { QStringLiteral("x, \"y\""), QStringLiteral("two\nlines"), QString() };
        const QByteArray data = (CsvTable::line(header) + CsvTable::line(row)).toUtf8();
        Result<CsvTable> table = CsvTable::parse(data, QStringLiteral("file 'r.csv'"));
        QVERIFY2(table.ok(), qPrintable(table.ok() ? QString() : table.error()));
        QCOMPARE(table->header(), header);
        QCOMPARE(table->rowCount(), 1);
        QCOMPARE(table->row(0), row);
    }

    void readsNumeric()
    {
        QTemporaryDir dir;
        const QString path = writeTemp(dir, QStringLiteral("n.csv"),
            "\xEF\xBB\xBF"
            "a, label ,\"b, c\"\r\n1,0,2\r\n\r\n\" +3.5 \",1,-4e2\n\"\"\"7\"\"\",0,8"); // "7" in doubled quotes is not
                                                                                        // a number
        Result<NumericCsv> bad = CsvTable::readNumeric(path, QStringLiteral("label"));
        QVERIFY(!bad.ok());
        QCOMPARE(
            bad.error(), QStringLiteral("file '%1', line 5, column 'a': '\"7\"' is not a finite number").arg(path));

        const QString good = writeTemp(dir, QStringLiteral("g.csv"),
            "\xEF\xBB\xBF"
            "a, label ,\"b, c\"\r\n1,0,2\r\n\r\n\" +3.5 \",1,-4e2\n7,0,8");
        Result<NumericCsv> csv = CsvTable::readNumeric(good, QStringLiteral("label"));
        QVERIFY2(csv.ok(), qPrintable(csv.ok() ? QString() : csv.error()));
        QCOMPARE(csv->featureNames, QStringList({ QStringLiteral("a"), QStringLiteral("b, c") }));
        QCOMPARE(csv->rows, 3);
        QCOMPARE(csv->values, std::vector<double>({ 1, 2, 3.5, -400, 7, 8 }));
        QCOMPARE(csv->labels, std::vector<double>({ 0, 1, 0 }));
        csv = CsvTable::readNumeric(good);
        QVERIFY(csv.ok());
        QCOMPARE(csv->featureNames.size(), 3);
        QVERIFY(csv->labels.empty());
        QCOMPARE(csv->values, std::vector<double>({ 1, 0, 2, 3.5, 1, -400, 7, 0, 8 }));
    }

    void refusesNumeric_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QString>("label");
        QTest::addColumn<QString>("message"); // after "file 'PATH'"
        QTest::addRow("empty") << QByteArray() << QString() << QStringLiteral(": empty, no header line");
        QTest::addRow("header only") << QByteArray("a,b\n") << QString() << QStringLiteral(": no data rows");
        QTest::addRow("no label column") << QByteArray("a,b\n1,2\n") << QStringLiteral("y")
                                         << QStringLiteral(": no column 'y' in the header");
        QTest::addRow("only the label") << QByteArray("y\n1\n") << QStringLiteral("y")
                                        << QStringLiteral(": no feature columns");
        QTest::addRow("short row") << QByteArray("a,b\n1,2\n3\n") << QString()
                                   << QStringLiteral(", line 3: 1 fields, the header has 2");
        QTest::addRow("open quote") << QByteArray("a\n\"1\n") << QString()
                                    << QStringLiteral(", line 2: a quoted field is not closed");
        // The line counts the line break inside the quoted header name.
        QTest::addRow("text after a two-line header")
            << QByteArray("\"a\nb\",c\n1,2\n3, x \n") << QString()
            << QStringLiteral(", line 4, column 'c': 'x' is not a finite number");
        QTest::addRow("empty cell") << QByteArray("a,b\n1,\n") << QString()
                                    << QStringLiteral(", line 2, column 'b': '' is not a finite number");
        QTest::addRow("nan") << QByteArray("a,b\n1,nan\n") << QString()
                             << QStringLiteral(", line 2, column 'b': 'nan' is not a finite number");
        QTest::addRow("bad label") << QByteArray("a,y\n1,yes\n") << QStringLiteral("y")
                                   << QStringLiteral(", line 2, column 'y': 'yes' is not a finite number");
    }
    void refusesNumeric()
    {
        QFETCH(QByteArray, data);
        QFETCH(QString, label);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString path = writeTemp(dir, QStringLiteral("bad.csv"), data);
        Result<NumericCsv> csv = CsvTable::readNumeric(path, label);
        QVERIFY(!csv.ok());
        QCOMPARE(csv.error(), QStringLiteral("file '%1'").arg(path) + message);
        QVERIFY(CsvTable::readNumeric(dir.filePath(QStringLiteral("missing.csv")))
                    .error()
                    .contains(QStringLiteral("missing.csv': cannot read")));
    }

    // readNumeric() parses short decimals itself (Clinger's fast path) and the rest with
    // std::from_chars: every cell gives exactly (bit for bit) the double std::from_chars gives.
    void readsNumbersAsFromChars()
    {
        QList<QByteArray> cells { "0", "-0", "7", "-12", "007", "0.5", "-0.0", ".5", "-.25", "5.", "123456789012345",
            "1234567890123456", "99999999999999999999", "0.000000000000001", "0.0000000000000001", "1.23456789012345",
            "1.234567890123456", "-9007199254740993", "1e5", "2.5E-3", "0.1", "0.3", "4.35", "1.7976931348623157e308",
            "4.9e-324", "12345678", "-12345678", "123456789", "99999999.99999999", "1.1234567812345678",
            "0.12345678901234567", "9007199254.740993", "90071992.54740993", "5.0000000000000000", "-0.00000000", "1.",
            "00000000000000000001.5" };
        std::mt19937_64 rng(5);
        for (int i = 0; i < 20000; ++i) {
            // 1 to 18 digits, the point anywhere (or nowhere), a sign now and then.
            const int digits = 1 + int(rng() % 18);
            QByteArray cell = rng() % 3 == 0 ? "-" : "";
            const int point = int(rng() % std::uint64_t(digits + 2)) - 1; // -1: no point
            for (int d = 0; d < digits; ++d) {
                if (d == point)
                    cell += '.';
                cell += char('0' + rng() % 10);
            }
            cells.append(cell);
        }
        QByteArray data("x\n");
        for (const QByteArray& cell : cells)
            data += cell + '\n';
        QTemporaryDir dir;
        Result<NumericCsv> csv = CsvTable::readNumeric(writeTemp(dir, QStringLiteral("n.csv"), data));
        QVERIFY2(csv.ok(), qPrintable(csv.ok() ? QString() : csv.error()));
        QCOMPARE(csv->values.size(), std::size_t(cells.size()));
        for (qsizetype i = 0; i < cells.size(); ++i) {
            double expected = 0.0;
            const QByteArray& cell = cells[i];
            std::from_chars(cell.data(), cell.data() + cell.size(), expected);
            QVERIFY2(
                std::bit_cast<std::uint64_t>(csv->values[std::size_t(i)]) == std::bit_cast<std::uint64_t>(expected),
                qPrintable(QStringLiteral("'%1' read as %2, std::from_chars gives %3")
                               .arg(QString::fromLatin1(cell))
                               .arg(csv->values[std::size_t(i)], 0, 'g', 17)
                               .arg(expected, 0, 'g', 17)));
        }
    }

    // Several MiB, so records (quoted ones, CRLF pairs, "" pairs) fall across the reader's block
    // ends: readNumeric() gives exactly what parse() + number() give, and names the right line
    // of a bad cell far into the file.
    void readsNumericAcrossBlocks()
    {
        std::mt19937_64 rng(3);
        std::uniform_real_distribution<double> value(-1e6, 1e6);
        QByteArray data("x,\"y\"\"\",z\n");
        int line = 2;
        for (int r = 0; r < 120000; ++r) {
            const QByteArray a = QByteArray::number(value(rng), 'g', 17);
            const QByteArray b = QByteArray::number(std::uint64_t(rng() % 100000));
            const QByteArray c = QByteArray::number(value(rng), 'e', int(rng() % 17));
            switch (r % 5) {
            case 0:
                data += a + ',' + b + ',' + c + '\n';
                break;
            case 1:
                data += '"' + a + "\"," + b + ", " + c + "\r\n";
                break;
            case 2:
                data += a + ",\"\n" + b + "\"," + c + "\n\n"; // a line break inside quotes, a blank line
                line += 2;
                break;
            case 3:
                data += " +" + a + " ,\t" + b + ",\"" + c + "\"\r";
                break;
            default:
                data += a + ',' + b + ',' + c + '\n';
            }
            ++line;
        }
        QVERIFY(data.size() > 3 * (1 << 20));
        QTemporaryDir dir;
        const QString path = writeTemp(dir, QStringLiteral("big.csv"), data);
        Result<NumericCsv> csv = CsvTable::readNumeric(path, QStringLiteral("y\""));
        QVERIFY2(csv.ok(), qPrintable(csv.ok() ? QString() : csv.error()));
        const CsvTable table = CsvTable::parse(data, QStringLiteral("big")).value();
        QCOMPARE(csv->rows, table.rowCount());
        QCOMPARE(csv->featureNames, QStringList({ QStringLiteral("x"), QStringLiteral("z") }));
        for (int r = 0; r < table.rowCount(); ++r) {
            QCOMPARE(csv->values[std::size_t(2 * r)], table.number(r, 0).value());
            QCOMPARE(csv->labels[std::size_t(r)], table.number(r, 1).value());
            QCOMPARE(csv->values[std::size_t(2 * r + 1)], table.number(r, 2).value());
        }
        data += "1,2,3e\n";
        writeTemp(dir, QStringLiteral("big.csv"), data);
        QCOMPARE(CsvTable::readNumeric(path).error(),
            QStringLiteral("file '%1', line %2, column 'z': '3e' is not a finite number").arg(path).arg(line));
    }

    // Short integers in many columns (the ODDS sets' cells), read by the reader's dedicated path: the
    // label column in the middle, LF and CRLF, rows falling across block ends, a cell on a block's last
    // byte. Every value as std::from_chars gives it; a bad cell far into the file is named by line and
    // column.
    void readsShortIntegersAcrossBlocks()
    {
        std::mt19937_64 rng(11);
        QByteArray data("a,b,label,c,d,e,f,g\n");
        std::vector<double> expectedValues;
        std::vector<double> expectedLabels;
        int rows = 0;
        while (data.size() < 2 * (1 << 20)) {
            for (int c = 0; c < 8; ++c) {
                const int digits = 1 + int(rng() % (c == 7 ? 8 : 3));
                QByteArray cell = rng() % 4 == 0 ? "-" : "";
                for (int d = 0; d < digits; ++d)
                    cell += char('0' + rng() % 10);
                double value = 0.0;
                std::from_chars(cell.data(), cell.data() + cell.size(), value);
                (c == 2 ? expectedLabels : expectedValues).push_back(value);
                data += cell + (c < 7 ? "," : rng() % 3 == 0 ? "\r\n" : "\n");
            }
            ++rows;
        }
        QTemporaryDir dir;
        const QString path = writeTemp(dir, QStringLiteral("ints.csv"), data);
        Result<NumericCsv> csv = CsvTable::readNumeric(path, QStringLiteral("label"));
        QVERIFY2(csv.ok(), qPrintable(csv.ok() ? QString() : csv.error()));
        QCOMPARE(csv->rows, rows);
        QCOMPARE(csv->values.size(), expectedValues.size());
        QCOMPARE(csv->labels.size(), expectedLabels.size());
        for (std::size_t i = 0; i < expectedValues.size(); ++i)
            QVERIFY(std::bit_cast<std::uint64_t>(csv->values[i]) == std::bit_cast<std::uint64_t>(expectedValues[i]));
        for (std::size_t i = 0; i < expectedLabels.size(); ++i)
            QVERIFY(std::bit_cast<std::uint64_t>(csv->labels[i]) == std::bit_cast<std::uint64_t>(expectedLabels[i]));
        data += "1,2,0,3,4,5,6,7\n1,2,0,3,-,5,6,7\n";
        writeTemp(dir, QStringLiteral("ints.csv"), data);
        QCOMPARE(CsvTable::readNumeric(path, QStringLiteral("label")).error(),
            QStringLiteral("file '%1', line %2, column 'd': '-' is not a finite number").arg(path).arg(rows + 3));
        // The file ends without a line break, in the middle of what could be a longer number.
        data.chop(data.size() - data.lastIndexOf('\n'));
        data += "\n1,2,0,3,4,5,6,123";
        writeTemp(dir, QStringLiteral("ints.csv"), data);
        QVERIFY(!CsvTable::readNumeric(path, QStringLiteral("label")).ok()); // still the bad row before it
    }

    // A file read in a chunk per thread (the chunks' borders falling anywhere in its records, blank
    // lines, CRLF pairs) gives the very values, labels and error lines the one-thread reader gives.
    void readsInChunksAsInOneThread()
    {
        std::vector<int> lines;
        QByteArray data = numericFile(kChunked, lines);
        QTemporaryDir dir;
        const QString path = writeTemp(dir, QStringLiteral("chunks.csv"), data);
        computePool()->setMaxThreadCount(1);
        const Result<NumericCsv> one = CsvTable::readNumeric(path, QStringLiteral("label"));
        QVERIFY2(one.ok(), qPrintable(one.ok() ? QString() : one.error()));
        QCOMPARE(one->rows, int(lines.size()));
        QCOMPARE(one->values.size(), 3 * lines.size());
        QCOMPARE(one->labels.size(), lines.size());
        for (const int threads : { 2, 3, 7, 16, 61 }) {
            computePool()->setMaxThreadCount(threads);
            const Result<NumericCsv> chunked = CsvTable::readNumeric(path, QStringLiteral("label"));
            QVERIFY2(chunked.ok(), qPrintable(chunked.ok() ? QString() : chunked.error()));
            QCOMPARE(chunked->rows, one->rows);
            QCOMPARE(chunked->featureNames, one->featureNames);
            QVERIFY(bits(chunked->values) == bits(one->values));
            QVERIFY(bits(chunked->labels) == bits(one->labels));
        }
        // Without a label column, and with a record of the last chunk cut short.
        data += "\n1,2,3";
        writeTemp(dir, QStringLiteral("chunks.csv"), data);
        const QString expected
            = QStringLiteral("file '%1', line %2: 3 fields, the header has 4").arg(path).arg(lines.back() + 1);
        for (const int threads : { 1, 2, 5 }) {
            computePool()->setMaxThreadCount(threads);
            QCOMPARE(CsvTable::readNumeric(path).error(), expected);
        }
    }

    // Bad cells in several chunks: the first in file order is reported, with its line in the file.
    void reportsTheFirstErrorInFileOrder()
    {
        std::vector<int> lines;
        const QByteArray good = numericFile(kChunked, lines);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bad.csv"));
        // The last cell of the first record that ends in a LF after `fraction` of the file becomes
        // `cell`; returns the record's line.
        const auto spoil = [](QByteArray& data, double fraction, const QByteArray& cell) {
            qsizetype end = qsizetype(double(data.size()) * fraction);
            qsizetype start = 0;
            for (;;) {
                end = data.indexOf('\n', end + 1);
                end -= data[end - 1] == '\r' ? 1 : 0;
                start = end;
                while (data[start - 1] != ',' && data[start - 1] != '\n' && data[start - 1] != '\r')
                    --start;
                if (start < end && data[start - 1] == ',')
                    break;
            }
            data.replace(start, end - start, cell);
            const QByteArray before = data.left(start);
            return int(before.count('\n') + before.count('\r') - before.count("\r\n")) + 1;
        };
        QByteArray late = good;
        const int lateLine = spoil(late, 0.93, "x9");
        writeTemp(dir, QStringLiteral("bad.csv"), late);
        for (const int threads : { 1, 2, 4, 9 }) {
            computePool()->setMaxThreadCount(threads);
            QCOMPARE(CsvTable::readNumeric(path, QStringLiteral("label")).error(),
                QStringLiteral("file '%1', line %2, column 'c': 'x9' is not a finite number").arg(path).arg(lateLine));
        }
        QByteArray two = late;
        const int earlyLine = spoil(two, 0.35, "1e");
        QVERIFY(earlyLine < lateLine);
        writeTemp(dir, QStringLiteral("bad.csv"), two);
        for (const int threads : { 1, 2, 4, 9 }) {
            computePool()->setMaxThreadCount(threads);
            QCOMPARE(CsvTable::readNumeric(path, QStringLiteral("label")).error(),
                QStringLiteral("file '%1', line %2, column 'c': '1e' is not a finite number").arg(path).arg(earlyLine));
        }
    }

    // A quoted field with a line break in the middle of the file only: the chunked reader hands the file
    // to the one-thread reader, which reads it as one record over two lines.
    void readsAQuoteInOneThread()
    {
        std::vector<int> lines;
        QByteArray data = numericFile(kChunked, lines);
        data.insert(data.indexOf('\n', data.size() / 2) + 1, "1,\"2\n\",0,3\n");
        data += "\n5,6,0,x";
        QTemporaryDir dir;
        const QString path = writeTemp(dir, QStringLiteral("quoted.csv"), data);
        const QString expected = QStringLiteral("file '%1', line %2, column 'c': 'x' is not a finite number")
                                     .arg(path)
                                     .arg(lines.back() + 3);
        for (const int threads : { 1, 2, 5 }) {
            computePool()->setMaxThreadCount(threads);
            QCOMPARE(CsvTable::readNumeric(path, QStringLiteral("label")).error(), expected);
        }
    }

    // Short integer cells (the reader's integer path), their separators at every offset of the 64-byte
    // masks, records across the 64 KiB blocks and the chunks' borders, LF and CRLF: with 1 to 8 threads
    // every value and label is, bit for bit, what std::from_chars gives for its cell.
    void readsShortCellsAsFromChars()
    {
        std::mt19937_64 rng(29);
        QByteArray data("a,b,c,label,d,e,f,g,h\n");
        while (data.size() < kChunked) {
            for (int c = 0; c < 9; ++c)
                data += shortCell(rng) + (c < 8 ? "," : rng() % 4 == 0 ? "\r\n" : "\n");
        }
        checkReadsAsByCell(data, QStringLiteral("label"), { 1, 2, 3, 8 });
        if (QTest::currentTestFailed())
            return;
        // Every cell length at every offset of a 64-byte mask: records of one cell of 1 to 70 digits.
        QByteArray lengths("x\n");
        for (int n = 0; lengths.size() < kChunked; ++n) {
            QByteArray cell = n % 3 == 0 ? "-" : "";
            for (int d = 0; d <= n % 70; ++d)
                cell += char('0' + (rng() % 10));
            lengths += cell + '\n';
        }
        checkReadsAsByCell(lengths, QString(), { 1, 2, 5 });
    }

    // A malformed cell among short integer cells, far into the file (in a later block and chunk): its line
    // and column are named, with one thread and with several.
    void reportsABadShortCell_data()
    {
        QTest::addColumn<QByteArray>("cell");
        for (const char* cell :
            { "12a", "1-2", "--1", "-", "", "1.2.3", "0x1", "1e", "123456789x", "9 9", "-.", "1,2" })
            QTest::addRow("'%s'", cell) << QByteArray(cell);
    }
    void reportsABadShortCell()
    {
        QFETCH(QByteArray, cell);
        std::mt19937_64 rng(31);
        static const QByteArray good = [&rng] {
            QByteArray records("a,b,c,d,e\n");
            while (records.size() < kChunked) {
                for (int c = 0; c < 5; ++c)
                    records += shortCell(rng) + (c < 4 ? "," : "\n");
            }
            return records;
        }();
        QByteArray data = good;
        int line = int(good.count('\n'));
        const int column = int(rng() % 5);
        const bool split = cell.contains(','); // a cell more than the header has
        for (int c = 0; c < 5; ++c)
            data += (c == column ? cell : shortCell(rng)) + (c < 4 ? "," : "\n");
        ++line;
        for (int r = 0; r < 5000; ++r)
            data += "1,2,3,4,5\n";
        QTemporaryDir dir;
        const QString path = writeTemp(dir, QStringLiteral("bad.csv"), data);
        const QString expected = split
            ? QStringLiteral("file '%1', line %2: 6 fields, the header has 5").arg(path).arg(line)
            : QStringLiteral("file '%1', line %2, column '%3': '%4' is not a finite number")
                  .arg(path)
                  .arg(line)
                  .arg(QChar(u'a' + column))
                  .arg(QString::fromLatin1(cell).trimmed());
        for (const int threads : { 1, 2, 6 }) {
            computePool()->setMaxThreadCount(threads);
            QCOMPARE(CsvTable::readNumeric(path).error(), expected);
        }
    }

    // Records of three bytes ("7\r\n") put a CRLF across the count's 64 KiB blocks (131,073 = 3 x 43,691:
    // a chunk's second block starts at its LF): the lines of every chunk are counted right, so a bad cell
    // at the end is named at its line with any number of threads.
    void countsLinesAcrossBlocks()
    {
        QByteArray data("x\r\n");
        int line = 1;
        while (data.size() < 3 * (1 << 20)) {
            data += char('0' + line % 10) + QByteArray("\r\n");
            ++line;
        }
        data += "7x\r\n";
        ++line;
        QTemporaryDir dir;
        const QString path = writeTemp(dir, QStringLiteral("crlf.csv"), data);
        const QString expected
            = QStringLiteral("file '%1', line %2, column 'x': '7x' is not a finite number").arg(path).arg(line);
        for (const int threads : { 1, 2, 3, 5 }) {
            computePool()->setMaxThreadCount(threads);
            QCOMPARE(CsvTable::readNumeric(path).error(), expected);
        }
    }

    // The parallel reader sizes the values for the rows the first block promises: a file whose first
    // rows are longer than the rest (too few rows expected) or shorter (too many), or whose lines end in a
    // lone CR (no LF to count, nor to split the chunks at), reads as in one thread.
    void readsWhenTheFirstBlockMisleads_data()
    {
        QTest::addColumn<QByteArray>("data");
        std::mt19937_64 rng(37);
        std::uniform_real_distribution<double> real(-1e3, 1e3);
        const auto rows = [&](QByteArray& data, qsizetype bytes, bool shortCells, const char* end) {
            for (const qsizetype until = data.size() + bytes; data.size() < until;) {
                for (int c = 0; c < 3; ++c)
                    data
                        += (shortCells ? shortCell(rng) : QByteArray::number(real(rng), 'g', 17)) + (c < 2 ? "," : end);
            }
        };
        QByteArray longFirst("a,b,label\n");
        rows(longFirst, 200 * 1024, false, "\n");
        rows(longFirst, kChunked, true, "\n");
        QByteArray shortFirst("a,b,label\n");
        rows(shortFirst, 200 * 1024, true, "\r\n");
        rows(shortFirst, kChunked, false, "\r\n");
        QByteArray loneCr("a,b,label\r");
        rows(loneCr, kChunked, true, "\r");
        QTest::addRow("long rows first") << longFirst;
        QTest::addRow("short rows first") << shortFirst;
        QTest::addRow("lone CRs") << loneCr;
    }
    void readsWhenTheFirstBlockMisleads()
    {
        QFETCH(QByteArray, data);
        checkReadsAsByCell(data, QStringLiteral("label"), { 1, 2, 4 });
    }

    // Blank lines under a wide header: the parallel reader sizes the values for the rows the line breaks
    // promise, but no more than the bytes can hold (here 3 million line breaks x 2,000 columns would be
    // 48 GB); then there is no data row. Records of one field each: an error, not the values sized for them.
    void refusesBlankLinesUnderAWideHeader()
    {
        QStringList names;
        for (int c = 0; c < 2000; ++c)
            names.append(QStringLiteral("c%1").arg(c));
        const QByteArray data = names.join(QLatin1Char(',')).toUtf8() + QByteArray(3 << 20, '\n');
        QTemporaryDir dir;
        const QString path = writeTemp(dir, QStringLiteral("blank.csv"), data);
        for (const int threads : { 1, 2 }) {
            computePool()->setMaxThreadCount(threads);
            QCOMPARE(CsvTable::readNumeric(path).error(), QStringLiteral("file '%1': no data rows").arg(path));
        }
        // Short records, as many as the line breaks: too many to size the values for (24 GB); the first is named.
        writeTemp(dir, QStringLiteral("blank.csv"), QByteArray(data).replace('\n', "\n1"));
        for (const int threads : { 1, 2 }) {
            computePool()->setMaxThreadCount(threads);
            QCOMPARE(CsvTable::readNumeric(path).error(),
                QStringLiteral("file '%1', line 2: 1 fields, the header has 2000").arg(path));
        }
    }

    // From a pipe (read as it comes, a BOM and a header cut across reads, records across the reads and
    // the blocks): the values of the same file read from disk.
    void readsFromAPipe()
    {
        std::vector<int> lines;
        QByteArray data = "\xEF\xBB\xBF" + numericFile(300 * 1024, lines);
        QTemporaryDir dir;
        const QString file = writeTemp(dir, QStringLiteral("file.csv"), data);
        const QString pipe = dir.filePath(QStringLiteral("pipe.csv"));
        QCOMPARE(mkfifo(QFile::encodeName(pipe).constData(), 0600), 0);
        std::thread writer([&] {
            QFile out(pipe);
            if (!out.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
                return;
            std::mt19937_64 rng(41);
            for (qsizetype at = 0; at < data.size();) {
                const qsizetype n = at < 16 ? 1 : qsizetype(1 + rng() % 100000); // one byte at a time at first
                at += out.write(data.constData() + at, std::min(n, data.size() - at));
                out.flush();
            }
        });
        const Result<NumericCsv> piped = CsvTable::readNumeric(pipe, QStringLiteral("label"));
        writer.join();
        QVERIFY2(piped.ok(), qPrintable(piped.ok() ? QString() : piped.error()));
        const Result<NumericCsv> read = CsvTable::readNumeric(file, QStringLiteral("label"));
        QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error()));
        QCOMPARE(piped->featureNames, read->featureNames);
        QVERIFY(bits(piped->values) == bits(read->values));
        QVERIFY(bits(piped->labels) == bits(read->labels));
    }

private:
    int m_threads = 0;
};

QTEST_GUILESS_MAIN(TestCsvTable)
#include "tst_csvtable.moc"
