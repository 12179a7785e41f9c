#include "common/csvtable.h"

#include <QTest>

using namespace runlens;

class TestCsvTable : public QObject
{
    Q_OBJECT

private slots:
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
};

QTEST_GUILESS_MAIN(TestCsvTable)
#include "tst_csvtable.moc"
