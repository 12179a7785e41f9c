#include "common/csvtable.h"
#include "model/isolationforest.h"
#include "model/modeljson.h"
#include "testsupport.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <random>

using namespace runlens;

namespace {

// 300 rows of 3 features, the last 10 far out, with a label column in the middle.
QString writeLabelled(const QTemporaryDir& dir)
{
    const QString path = dir.filePath(QStringLiteral("runs.csv"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    std::mt19937_64 rng(4);
    std::normal_distribution<double> normal;
    file.write("duration,label,memory,steps\n");
    for (int r = 0; r < 300; ++r) {
        const bool anomaly = r >= 290;
        const double shift = anomaly ? 9.0 : 0.0;
        file.write(QStringLiteral("%1,%2,%3,%4\n")
                       .arg(normal(rng) + shift)
                       .arg(anomaly ? 1 : 0)
                       .arg(normal(rng) - shift)
                       .arg(normal(rng))
                       .toUtf8());
    }
    return path;
}

QString writeText(const QTemporaryDir& dir, const QString& name, const QByteArray& text)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    file.write(text);
    return path;
}

QString valueOf(const QString& out, const QString& key)
{
    for (const QString& line : out.split(QLatin1Char('\n'))) {
        if (line.startsWith(key + QLatin1Char('=')))
            return line.mid(key.size() + 1);
    }
    return {};
}

} // namespace

class TestScoreCli : public QObject
{
    Q_OBJECT

private slots:
    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::addRow("no csv") << QStringList {} << QStringLiteral("--csv FILE is required");
        QTest::addRow("bad trees") << QStringList { QStringLiteral("--csv"), QStringLiteral("x.csv"),
            QStringLiteral("--trees"), QStringLiteral("0") }
                                   << QStringLiteral("--trees '0'");
        QTest::addRow("bad contamination") << QStringList { QStringLiteral("--csv"), QStringLiteral("x.csv"),
            QStringLiteral("--contamination"), QStringLiteral("0.9") }
                                           << QStringLiteral("--contamination '0.9'");
        QTest::addRow("bad seed") << QStringList { QStringLiteral("--csv"), QStringLiteral("x.csv"),
            QStringLiteral("--seed"), QStringLiteral("-1") }
                                  << QStringLiteral("--seed '-1'");
        QTest::addRow("unknown flag") << QStringList { QStringLiteral("--csv"), QStringLiteral("x.csv"),
            QStringLiteral("--bogus") }
                                      << QStringLiteral("bogus");
    }
    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const test::CliRun run = test::runCli(QStringList { QStringLiteral("score") } + args);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
    }

    void inputErrors_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QString>("message");
        QTest::addRow("non-numeric cell")
            << QByteArray("a,b\n1,2\n3,x7\n") << QStringList {}
            << QStringLiteral("bad.csv', line 3, column 'b': 'x7' is not a finite number");
        QTest::addRow("missing label column")
            << QByteArray("a,b\n1,2\n") << QStringList { QStringLiteral("--label-column"), QStringLiteral("y") }
            << QStringLiteral("no column 'y'");
        QTest::addRow("only the label column")
            << QByteArray("y\n1\n") << QStringList { QStringLiteral("--label-column"), QStringLiteral("y") }
            << QStringLiteral("no feature columns");
        QTest::addRow("one class only") << QByteArray("a,y\n1,0\n2,0\n")
                                        << QStringList { QStringLiteral("--label-column"), QStringLiteral("y") }
                                        << QStringLiteral("only one class");
        QTest::addRow("no rows") << QByteArray("a,b\n") << QStringList {} << QStringLiteral("no data rows");
    }
    void inputErrors()
    {
        QFETCH(QByteArray, content);
        QFETCH(QStringList, extra);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString path = writeText(dir, QStringLiteral("bad.csv"), content);
        const test::CliRun run
            = test::runCli(QStringList { QStringLiteral("score"), QStringLiteral("--csv"), path } + extra);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
    }

    void missingFile()
    {
        const test::CliRun run
            = test::runCli({ QStringLiteral("score"), QStringLiteral("--csv"), QStringLiteral("/nonexistent/x.csv") });
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.contains(QStringLiteral("/nonexistent/x.csv")));
    }

    void scoresWithLabelsAndWritesFiles()
    {
        QTemporaryDir dir;
        const QString csv = writeLabelled(dir);
        const QString out = dir.filePath(QStringLiteral("scores.csv"));
        const QString explain = dir.filePath(QStringLiteral("contributions.csv"));
        const QString model = dir.filePath(QStringLiteral("model.json"));
        const test::CliRun run = test::runCli({ QStringLiteral("score"), QStringLiteral("--csv"), csv,
            QStringLiteral("--label-column"), QStringLiteral("label"), QStringLiteral("--trees"), QStringLiteral("50"),
            QStringLiteral("--seed"), QStringLiteral("3"), QStringLiteral("--contamination"), QStringLiteral("0.05"),
            QStringLiteral("--out"), out, QStringLiteral("--explain"), explain, QStringLiteral("--model-out"), model,
            QStringLiteral("--timing") });
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(valueOf(run.out, QStringLiteral("rows")), QStringLiteral("300"));
        QCOMPARE(valueOf(run.out, QStringLiteral("features")), QStringLiteral("3"));
        QCOMPARE(valueOf(run.out, QStringLiteral("flagged")), QStringLiteral("15"));
        bool ok = false;
        QVERIFY(valueOf(run.out, QStringLiteral("roc_auc")).toDouble(&ok) > 0.99 && ok);
        QVERIFY(valueOf(run.out, QStringLiteral("average_precision")).toDouble(&ok) > 0.9 && ok);
        QVERIFY(run.err.contains(QStringLiteral("timing: ")));
        QVERIFY(run.err.contains(QStringLiteral("fit_score_s=")));

        const CsvTable scores = CsvTable::read(out).value();
        QCOMPARE(scores.header(),
            QStringList({ QStringLiteral("row"), QStringLiteral("path_length"), QStringLiteral("score"),
                QStringLiteral("decision"), QStringLiteral("anomaly"), QStringLiteral("label") }));
        QCOMPARE(scores.rowCount(), 300);
        int flagged = 0;
        for (int r = 0; r < 300; ++r)
            flagged += scores.row(r).at(4) == QLatin1String("1") ? 1 : 0;
        QCOMPARE(flagged, 15);

        const CsvTable phi = CsvTable::read(explain).value();
        QCOMPARE(phi.header(),
            QStringList({ QStringLiteral("row"), QStringLiteral("base_value"), QStringLiteral("duration"),
                QStringLiteral("memory"), QStringLiteral("steps") }));
        for (int r = 0; r < 300; ++r) {
            // Local accuracy through the files: base + contributions = path length.
            const double total = phi.number(r, 1).value() + phi.number(r, 2).value() + phi.number(r, 3).value()
                + phi.number(r, 4).value();
            QVERIFY(std::abs(total - scores.number(r, 1).value()) < 1e-9);
        }

        Result<model::IsolationForest> forest = model::ModelJson::load(model);
        QVERIFY(forest.ok());
        QCOMPARE(forest->featureNames(),
            QStringList({ QStringLiteral("duration"), QStringLiteral("memory"), QStringLiteral("steps") }));
        QCOMPARE(int(forest->trees().size()), 50);
        QCOMPARE(forest->parameters().seed, quint64(3));

        // Same seed, same output.
        const test::CliRun again = test::runCli({ QStringLiteral("score"), QStringLiteral("--csv"), csv,
            QStringLiteral("--label-column"), QStringLiteral("label"), QStringLiteral("--trees"), QStringLiteral("50"),
            QStringLiteral("--seed"), QStringLiteral("3"), QStringLiteral("--contamination"), QStringLiteral("0.05") });
        QCOMPARE(again.out, run.out);
    }

    // Scores are written a block (1 MiB) at a time: a record may straddle two blocks.
    void writesScoresOverSeveralBlocks()
    {
        QTemporaryDir dir;
        constexpr int kRows = 40000;
        QByteArray text("a,b,label\n");
        for (int r = 0; r < kRows; ++r)
            text += QByteArray::number(r % 97) + ',' + QByteArray::number(r % 89) + ',' + (r % 50 ? "0" : "1") + '\n';
        const QString csv = writeText(dir, QStringLiteral("long.csv"), text);
        const QString out = dir.filePath(QStringLiteral("scores.csv"));
        const test::CliRun run = test::runCli({ QStringLiteral("score"), QStringLiteral("--csv"), csv,
            QStringLiteral("--label-column"), QStringLiteral("label"), QStringLiteral("--trees"), QStringLiteral("5"),
            QStringLiteral("--out"), out });
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(QFileInfo(out).size() > 2 * (1 << 20));
        const CsvTable scores = CsvTable::read(out).value();
        QCOMPARE(scores.rowCount(), kRows);
        for (int r = 0; r < kRows; ++r) {
            QCOMPARE(scores.row(r).at(0), QString::number(r));
            QVERIFY(scores.number(r, 1).ok() && scores.number(r, 2).ok() && scores.number(r, 3).ok());
            QCOMPARE(scores.row(r).at(5), r % 50 ? QStringLiteral("0") : QStringLiteral("1"));
        }
    }

    void withoutLabelsPrintsNoMetrics()
    {
        QTemporaryDir dir;
        const QString csv = writeText(dir, QStringLiteral("plain.csv"), "a,b\n1,2\n2,3\n3,1\n10,10\n");
        const test::CliRun run = test::runCli({ QStringLiteral("score"), QStringLiteral("--csv"), csv });
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(valueOf(run.out, QStringLiteral("rows")), QStringLiteral("4"));
        QVERIFY(!run.out.contains(QStringLiteral("roc_auc")));
    }

    void help()
    {
        const test::CliRun run = test::runCli({ QStringLiteral("score"), QStringLiteral("--help") });
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains(QStringLiteral("--label-column")));
        QVERIFY(run.out.contains(QStringLiteral("--model-out")));
    }
};

QTEST_GUILESS_MAIN(TestScoreCli)
#include "tst_score_cli.moc"
