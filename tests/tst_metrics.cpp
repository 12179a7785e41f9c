#include "model/comparisontable.h"
#include "model/metrics.h"

#include <QTest>

#include <cmath>

using namespace runlens;
using namespace runlens::model;

using Scores = std::vector<double>;
using Labels = std::vector<int>;

class TestMetrics : public QObject
{
    Q_OBJECT

private slots:
    // Expected values from scikit-learn 1.2.1 roc_auc_score / average_precision_score.
    void rankingMetricsAsSklearn_data()
    {
        QTest::addColumn<Scores>("scores");
        QTest::addColumn<Labels>("labels");
        QTest::addColumn<double>("auc");
        QTest::addColumn<double>("ap");
        QTest::addRow("sklearn doc example")
            << Scores { 0.1, 0.4, 0.35, 0.8 } << Labels { 0, 0, 1, 1 } << 0.75 << 0.8333333333333333;
        QTest::addRow("all tied") << Scores { 0.5, 0.5, 0.5, 0.5 } << Labels { 0, 1, 0, 1 } << 0.5 << 0.5;
        QTest::addRow("tie across classes")
            << Scores { 1, 2, 2, 3 } << Labels { 0, 1, 0, 1 } << 0.875 << 0.8333333333333333;
        QTest::addRow("several ties") << Scores { 3, 2, 2, 2, 1, 1, 0 } << Labels { 1, 0, 1, 1, 0, 1, 0 }
                                      << 0.7916666666666666 << 0.7916666666666666;
        QTest::addRow("perfect") << Scores { 0.9, 0.8, 0.7, 0.6, 0.5 } << Labels { 1, 1, 0, 0, 0 } << 1.0 << 1.0;
        QTest::addRow("reversed") << Scores { 1, 2, 3, 4 } << Labels { 1, 1, 0, 0 } << 0.0 << 0.41666666666666663;
        QTest::addRow("labels other than 1")
            << Scores { 0.1, 0.4, 0.35, 0.8 } << Labels { 0, 0, 7, -1 } << 0.75 << 0.8333333333333333;
    }
    void rankingMetricsAsSklearn()
    {
        QFETCH(Scores, scores);
        QFETCH(Labels, labels);
        QFETCH(double, auc);
        QFETCH(double, ap);
        QVERIFY(std::abs(Metrics::rocAuc(scores, labels).value() - auc) < 1e-12);
        QVERIFY(std::abs(Metrics::averagePrecision(scores, labels).value() - ap) < 1e-12);
    }

    void atK_data()
    {
        QTest::addColumn<int>("k");
        QTest::addColumn<double>("precision");
        QTest::addColumn<double>("recall");
        // Ranked: rows 3 (pos), 1 (neg), then 2 (pos) and 4 (neg) tied, then 0 (neg). At k=3 the tie group
        // has one place for two rows: it contributes its positive share (1/2) once.
        QTest::addRow("k=1") << 1 << 1.0 << 0.5;
        QTest::addRow("k=2") << 2 << 0.5 << 0.5;
        QTest::addRow("k=3") << 3 << 1.5 / 3.0 << 0.75;
        QTest::addRow("k=4") << 4 << 0.5 << 1.0;
        QTest::addRow("k=5") << 5 << 0.4 << 1.0;
        QTest::addRow("k beyond rows") << 9 << 0.4 << 1.0;
    }
    void atK()
    {
        QFETCH(int, k);
        QFETCH(double, precision);
        QFETCH(double, recall);
        const Scores scores { 0.1, 0.8, 0.5, 0.9, 0.5 };
        const Labels labels { 0, 0, 1, 1, 0 };
        QVERIFY(std::abs(Metrics::precisionAtK(scores, labels, k).value() - precision) < 1e-12);
        QVERIFY(std::abs(Metrics::recallAtK(scores, labels, k).value() - recall) < 1e-12);
    }

    void atThreshold_data()
    {
        QTest::addColumn<double>("threshold");
        QTest::addColumn<long long>("tp");
        QTest::addColumn<long long>("fp");
        QTest::addColumn<long long>("fn");
        QTest::addColumn<long long>("tn");
        QTest::addColumn<double>("f1");
        const Scores scores { 0.1, 0.8, 0.5, 0.9, 0.5 };
        Q_UNUSED(scores);
        QTest::addRow("0.5 inclusive") << 0.5 << 2LL << 2LL << 0LL << 1LL << 2.0 * 0.5 * 1.0 / 1.5;
        QTest::addRow("0.85") << 0.85 << 1LL << 0LL << 1LL << 3LL << 2.0 * 1.0 * 0.5 / 1.5;
        QTest::addRow("nothing flagged") << 2.0 << 0LL << 0LL << 2LL << 3LL << 0.0;
    }
    void atThreshold()
    {
        QFETCH(double, threshold);
        QFETCH(long long, tp);
        QFETCH(long long, fp);
        QFETCH(long long, fn);
        QFETCH(long long, tn);
        QFETCH(double, f1);
        const ThresholdMetrics m
            = Metrics::atThreshold(Scores { 0.1, 0.8, 0.5, 0.9, 0.5 }, Labels { 0, 0, 1, 1, 0 }, threshold).value();
        QCOMPARE(m.truePositives, tp);
        QCOMPARE(m.falsePositives, fp);
        QCOMPARE(m.falseNegatives, fn);
        QCOMPARE(m.trueNegatives, tn);
        QCOMPARE(m.precision, tp + fp > 0 ? double(tp) / double(tp + fp) : 0.0);
        QCOMPARE(m.recall, double(tp) / double(tp + fn));
        QVERIFY(std::abs(m.f1 - f1) < 1e-12);
    }

    void recallPerCategory()
    {
        const Labels flags { 1, 0, 1, 1, 0, 1 };
        const Labels labels { 1, 1, 1, 0, 1, 0 };
        const QStringList categories { QStringLiteral("oom-killer"), QStringLiteral("oom-killer"),
            QStringLiteral("java-heap"), QStringLiteral("java-heap"), QStringLiteral("segfault"),
            QStringLiteral("none") };
        const std::vector<CategoryRecall> r = Metrics::recallPerCategory(flags, labels, categories).value();
        QCOMPARE(int(r.size()), 3); // "none" has no positives
        QCOMPARE(r[0].category, QStringLiteral("java-heap"));
        QCOMPARE(r[0].positives, 1LL);
        QCOMPARE(r[0].recall, 1.0);
        QCOMPARE(r[1].category, QStringLiteral("oom-killer"));
        QCOMPARE(r[1].detected, 1LL);
        QCOMPARE(r[1].recall, 0.5);
        QCOMPARE(r[2].category, QStringLiteral("segfault"));
        QCOMPARE(r[2].recall, 0.0);
    }

    void refusesUndefinedCases_data()
    {
        QTest::addColumn<Scores>("scores");
        QTest::addColumn<Labels>("labels");
        QTest::addColumn<QString>("message");
        QTest::addRow("one class (AUC)") << Scores { 1, 2 } << Labels { 0, 0 } << QStringLiteral("only one class");
        QTest::addRow("size mismatch") << Scores { 1, 2, 3 } << Labels { 0, 1 } << QStringLiteral("3 scores");
        QTest::addRow("empty") << Scores {} << Labels {} << QStringLiteral("no rows");
    }
    void refusesUndefinedCases()
    {
        QFETCH(Scores, scores);
        QFETCH(Labels, labels);
        QFETCH(QString, message);
        Result<double> auc = Metrics::rocAuc(scores, labels);
        QVERIFY(!auc.ok());
        QVERIFY2(auc.error().contains(message), qPrintable(auc.error()));
        QVERIFY(!Metrics::averagePrecision(Scores { 1, 2 }, Labels { 0, 0 }).ok());
        QVERIFY(!Metrics::precisionAtK(Scores { 1, 2 }, Labels { 0, 1 }, 0).ok());
    }

    void comparisonTable()
    {
        const Labels labels { 0, 0, 1, 1 };
        const std::vector<DetectorScores> detectors {
            { QStringLiteral("forest"), { 0.1, 0.4, 0.35, 0.8 }, { 0, 0, 0, 1 } },
            { QStringLiteral("rules"), { 0, 0, 1, 1 }, {} },
        };
        const ComparisonTable table = ComparisonTable::build(detectors, labels, 2).value();
        QCOMPARE(int(table.rows().size()), 2);
        QCOMPARE(table.rows()[0].rocAuc, 0.75);
        QCOMPARE(table.rows()[0].precisionAtK, 0.5);
        QVERIFY(table.rows()[0].atFlags.has_value());
        QCOMPARE(table.rows()[0].atFlags->recall, 0.5);
        QCOMPARE(table.rows()[1].rocAuc, 1.0);
        QVERIFY(!table.rows()[1].atFlags.has_value());
        QCOMPARE(table.toCsv(),
            QStringLiteral("detector,roc_auc,average_precision,precision_at_k,recall_at_k,precision,recall,f1\n"
                           "forest,0.75,0.8333333333,0.5,0.5,1,0.5,0.6666666667\n"
                           "rules,1,1,1,1,,,\n"));
        const std::vector<DetectorScores> bad { { QStringLiteral("short"), { 1.0 }, {} } };
        QVERIFY(ComparisonTable::build(bad, labels, 2).error().contains(QStringLiteral("detector 'short'")));
    }
};

QTEST_GUILESS_MAIN(TestMetrics)
#include "tst_metrics.moc"
