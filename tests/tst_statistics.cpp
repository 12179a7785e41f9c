#include "model/bootstrap.h"
#include "model/comparisontable.h"
#include "model/delong.h"
#include "model/detectorcomparison.h"
#include "model/metrics.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

using namespace runlens;
using namespace runlens::model;

using Scores = std::vector<double>;
using Labels = std::vector<int>;

namespace {
// Generated once by tools/statistics_reference.py (scikit-learn 1.2.1, numpy 1.24.2, scipy 1.10.1):
// 60 rows, two correlated detectors rounded to one decimal (ties within and across classes).
const Labels kLabels { 1, 0, 1, 1, 0, 1, 0, 0, 0, 0, 1, 0, 0, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0,
    0, 0, 0, 1, 0, 1, 0, 0, 1, 1, 1, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1 };
const Scores kA { 0.1, 0.7, -0.5, 1.5, 0.8, 0.6, -0.7, 1.6, -1.2, 0.3, 0.8, -0.1, 1.3, 1.5, 1.7, -0.1, 1.9, -0.4, -0.7,
    -0.6, -0.9, 1.1, 0.6, -0.2, -1.1, 0.3, 0.2, -1.2, 1.7, 0.1, 2.9, -1.2, 1.2, 0.1, 1.5, -0.1, -0.9, -0.0, -0.3, -0.3,
    1.9, 1.5, 1.1, 0.4, -0.6, 0.8, 0.9, -2.1, -2.1, 0.2, -0.3, -1.5, -0.0, 0.9, 0.7, -1.9, -1.9, -1.0, -2.2, 0.4 };
const Scores kB { 0.1, 0.5, 1.5, 2.7, -0.4, -3.6, 0.8, 0.9, -1.1, -0.4, 2.4, -0.5, 0.2, 1.9, 1.7, 1.5, 0.9, -1.7, -0.3,
    -2.6, -0.9, 2.0, 0.8, 0.6, 0.1, -1.7, -1.6, -0.8, 0.2, 1.8, 2.7, -0.7, 1.8, 0.7, 2.4, 0.7, 0.2, 1.0, -1.4, -0.5,
    2.4, 1.3, 1.8, 2.1, -0.8, -0.3, 2.0, -1.9, 0.0, 1.2, -0.5, -1.7, 0.4, 0.2, -1.0, -2.9, -1.7, -1.0, -0.6, 0.4 };
constexpr double kTolerance = 1e-9;

// Brute force: the mean number of positives among the k first rows over every permutation of the rows,
// each ranked by a stable sort on descending score (so every order of a tie group is equally likely).
double bruteForceHitsAtK(const Scores& scores, const Labels& labels, std::size_t k)
{
    std::vector<std::size_t> perm(scores.size());
    std::iota(perm.begin(), perm.end(), std::size_t(0));
    double total = 0;
    double count = 0;
    do {
        std::vector<std::size_t> ranked = perm;
        std::stable_sort(
            ranked.begin(), ranked.end(), [&](std::size_t x, std::size_t y) { return scores[x] > scores[y]; });
        for (std::size_t i = 0; i < std::min(k, ranked.size()); ++i)
            total += labels[ranked[i]] != 0 ? 1 : 0;
        count += 1;
    } while (std::next_permutation(perm.begin(), perm.end()));
    return total / count;
}

std::vector<DetectorScores> twoDetectors()
{
    std::vector<int> flagsA;
    for (double s : kA)
        flagsA.push_back(s > 1.0 ? 1 : 0);
    return { { QStringLiteral("a"), kA, flagsA }, { QStringLiteral("b"), kB, {} } };
}
} // namespace

class TestStatistics : public QObject
{
    Q_OBJECT

private slots:
    // Expected values from tools/statistics_reference.py: the mean over all 8! row orders.
    void atKIsTheExpectationOverTieOrders_data()
    {
        QTest::addColumn<int>("k");
        QTest::addColumn<double>("precision");
        QTest::addColumn<double>("recall");
        QTest::addRow("k=1") << 1 << 1.0 << 0.25;
        QTest::addRow("k=2") << 2 << 0.75 << 0.375;
        QTest::addRow("k=3") << 3 << 0.6666666666666666 << 0.5;
        QTest::addRow("k=4") << 4 << 0.625 << 0.625;
        QTest::addRow("k=5") << 5 << 0.6 << 0.75;
        QTest::addRow("k=6") << 6 << 0.5833333333333334 << 0.875;
        QTest::addRow("k=7") << 7 << 0.5714285714285714 << 1.0;
        QTest::addRow("k=8") << 8 << 0.5 << 1.0;
    }
    void atKIsTheExpectationOverTieOrders()
    {
        QFETCH(int, k);
        QFETCH(double, precision);
        QFETCH(double, recall);
        const Scores scores { 3, 2, 2, 2, 1, 1, 0, 2 };
        const Labels labels { 1, 0, 1, 0, 0, 1, 0, 1 };
        QVERIFY(std::abs(Metrics::precisionAtK(scores, labels, k).value() - precision) < kTolerance);
        QVERIFY(std::abs(Metrics::recallAtK(scores, labels, k).value() - recall) < kTolerance);
        QVERIFY(std::abs(bruteForceHitsAtK(scores, labels, std::size_t(k)) / k - precision) < kTolerance);
    }

    // Random small inputs with many ties against the brute force.
    void atKMatchesBruteForce()
    {
        std::mt19937 rng(7);
        for (int round = 0; round < 30; ++round) {
            const std::size_t n = 3 + rng() % 5;
            Scores scores(n);
            Labels labels(n);
            for (std::size_t i = 0; i < n; ++i) {
                scores[i] = double(rng() % 3);
                labels[i] = int(rng() % 2);
            }
            labels[0] = 1;
            for (int k = 1; k <= int(n); ++k) {
                const double expected = bruteForceHitsAtK(scores, labels, std::size_t(k)) / k;
                QVERIFY2(std::abs(Metrics::precisionAtK(scores, labels, k).value() - expected) < kTolerance,
                    qPrintable(QStringLiteral("round %1 k %2").arg(round).arg(k)));
            }
        }
    }

    // A detector with binary scores: p@k is its precision for every k up to its flag count, whatever
    // the row order (the old tie break gave anything from 0 to 1).
    void binaryDetectorPrecisionAtKIsItsPrecision()
    {
        Labels labels(40, 0);
        Scores flags(40, 0.0);
        for (int i = 0; i < 29; ++i)
            flags[std::size_t(i)] = 1.0; // 29 flagged ...
        for (int i = 0; i < 11; ++i)
            labels[std::size_t(i)] = 1; // ... of which 11 positives, listed first
        labels[35] = 1;
        std::mt19937 rng(3);
        std::vector<std::size_t> order(40);
        std::iota(order.begin(), order.end(), std::size_t(0));
        for (int round = 0; round < 5; ++round) {
            Scores s;
            Labels y;
            for (std::size_t i : order) {
                s.push_back(flags[i]);
                y.push_back(labels[i]);
            }
            for (int k = 1; k <= 29; ++k)
                QVERIFY(std::abs(Metrics::precisionAtK(s, y, k).value() - 11.0 / 29.0) < kTolerance);
            std::shuffle(order.begin(), order.end(), rng);
        }
    }

    // Shuffling the rows changes no point metric of any detector.
    void shufflingRowsChangesNoMetric()
    {
        const std::vector<DetectorScores> detectors = twoDetectors();
        const ComparisonTable reference = ComparisonTable::build(detectors, kLabels, 17).value();
        std::mt19937 rng(11);
        std::vector<std::size_t> order(kLabels.size());
        std::iota(order.begin(), order.end(), std::size_t(0));
        for (int round = 0; round < 5; ++round) {
            std::shuffle(order.begin(), order.end(), rng);
            std::vector<DetectorScores> shuffled = detectors;
            for (std::size_t d = 0; d < detectors.size(); ++d) {
                shuffled[d].scores
                    = gather(std::span<const double>(detectors[d].scores), std::span<const std::size_t>(order));
                if (!detectors[d].flags.empty())
                    shuffled[d].flags
                        = gather(std::span<const int>(detectors[d].flags), std::span<const std::size_t>(order));
            }
            const Labels labels = gather(std::span<const int>(kLabels), std::span<const std::size_t>(order));
            const ComparisonTable table = ComparisonTable::build(shuffled, labels, 17).value();
            for (std::size_t d = 0; d < detectors.size(); ++d) {
                for (int m = 0; m < kMetricCount; ++m) {
                    const std::optional<double> a = reference.rows()[d].value(Metric(m));
                    const std::optional<double> b = table.rows()[d].value(Metric(m));
                    QCOMPARE(a.has_value(), b.has_value());
                    if (a)
                        QVERIFY(std::abs(*a - *b) < 1e-12);
                }
            }
        }
    }

    void aucAndApAsSklearn()
    {
        QVERIFY(std::abs(Metrics::rocAuc(kA, kLabels).value() - 0.7958921694480103) < kTolerance);
        QVERIFY(std::abs(Metrics::averagePrecision(kA, kLabels).value() - 0.6844701147861814) < kTolerance);
        QVERIFY(std::abs(Metrics::rocAuc(kB, kLabels).value() - 0.7092426187419769) < kTolerance);
        QVERIFY(std::abs(Metrics::averagePrecision(kB, kLabels).value() - 0.5651780535681464) < kTolerance);
    }

    // Reference: DeLong's definition by brute force over every (positive, negative) pair, with scipy's
    // normal distribution (tools/statistics_reference.py).
    void deLongAsBruteForce()
    {
        const PairedTest t = DeLong::compare(kA, kB, kLabels).value();
        QVERIFY(std::abs(t.a - 0.7958921694480102) < kTolerance);
        QVERIFY(std::abs(t.b - 0.7092426187419769) < kTolerance);
        QVERIFY(std::abs(t.difference - 0.08664955070603331) < kTolerance);
        QVERIFY(std::abs(t.statistic - 1.2465669782271942) < kTolerance);
        QVERIFY(std::abs(t.pValue - 0.21255631608450098) < kTolerance);
        QVERIFY(std::abs(t.interval.low - -0.04958861509387125) < kTolerance);
        QVERIFY(std::abs(t.interval.high - 0.22288771650593786) < kTolerance);
        const PairedTest t90 = DeLong::compare(kA, kB, kLabels, 0.9).value();
        QVERIFY(std::abs(t90.interval.low - -0.027685122233263998) < kTolerance);
        QVERIFY(std::abs(t90.interval.high - 0.2009842236453306) < kTolerance);
        // Antisymmetric.
        const PairedTest back = DeLong::compare(kB, kA, kLabels).value();
        QVERIFY(std::abs(back.statistic + t.statistic) < 1e-12);
        QVERIFY(std::abs(back.pValue - t.pValue) < 1e-12);
    }

    void deLongEdgeCases()
    {
        const PairedTest same = DeLong::compare(kA, kA, kLabels).value();
        QCOMPARE(same.difference, 0.0);
        QCOMPARE(same.pValue, 1.0);
        QVERIFY(std::isnan(same.statistic));
        QVERIFY(!DeLong::compare(kA, kB, Labels(kLabels.size(), 0)).ok());
        QVERIFY(!DeLong::compare(kA, Scores { 1.0 }, kLabels).ok());
        QVERIFY(!DeLong::compare(kA, kB, kLabels, 1.0).ok());
    }

    void normalQuantileAsScipy()
    {
        QVERIFY(std::abs(DeLong::normalQuantile(0.975) - 1.959963984540054) < 1e-12);
        QVERIFY(std::abs(DeLong::normalQuantile(1e-10) - -6.361340902404056) < 1e-9);
        QVERIFY(std::abs(DeLong::normalQuantile(0.7) - 0.5244005127080407) < 1e-12);
        QCOMPARE(DeLong::normalQuantile(0.5), 0.0);
    }

    void bootstrapIsStratifiedAndSeeded()
    {
        const Bootstrap bootstrap = Bootstrap::create(kLabels, { 50, 0.95, 42 }).value();
        const auto positives = std::count(kLabels.begin(), kLabels.end(), 1);
        for (int b = 0; b < bootstrap.resamples(); ++b) {
            const std::vector<std::size_t> rows = bootstrap.resample(b);
            QCOMPARE(rows.size(), kLabels.size());
            QCOMPARE(std::count_if(rows.begin(), rows.end(), [](std::size_t r) { return kLabels[r] != 0; }), positives);
            QCOMPARE(rows, bootstrap.resample(b)); // reproducible
        }
        QVERIFY(bootstrap.resample(0) != bootstrap.resample(1));
        const Bootstrap other = Bootstrap::create(kLabels, { 50, 0.95, 43 }).value();
        QVERIFY(bootstrap.resample(0) != other.resample(0));
        // Seeds and resample numbers do not trade places: seed 42's resample 1 is not seed 43's resample 0.
        QVERIFY(bootstrap.resample(1) != other.resample(0));
        QVERIFY(bootstrap.resample(0) != Bootstrap::create(kLabels, { 50, 0.95, 41 }).value().resample(1));
        QVERIFY(!Bootstrap::create(kLabels, { 0, 0.95, 1 }).ok());
        QVERIFY(!Bootstrap::create(kLabels, { 10, 1.5, 1 }).ok());
        QVERIFY(!Bootstrap::create(Labels { 1, 1 }, { 10, 0.95, 1 }).ok());
        // numpy.percentile([1..10], [2.5, 97.5]) = 1.225, 9.775.
        const Interval i = bootstrap.interval({ 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, std::nan("") });
        QVERIFY(std::abs(i.low - 1.225) < 1e-12);
        QVERIFY(std::abs(i.high - 9.775) < 1e-12);
    }

    void tableIntervals()
    {
        const std::vector<DetectorScores> detectors = twoDetectors();
        const BootstrapOptions options { 200, 0.95, 5 };
        const ComparisonTable table = ComparisonTable::build(detectors, kLabels, 17, options).value();
        QVERIFY(table.bootstrap().has_value());
        for (const ComparisonRow& row : table.rows()) {
            for (int m = 0; m < kMetricCount; ++m) {
                const Interval& i = row.interval(Metric(m));
                if (!row.value(Metric(m))) {
                    QVERIFY(!i.valid());
                    continue;
                }
                QVERIFY(i.valid());
                QVERIFY(i.low <= i.high);
                QVERIFY(i.low >= 0.0 && i.high <= 1.0);
            }
            QVERIFY(row.interval(Metric::RocAuc).low < row.rocAuc && row.rocAuc < row.interval(Metric::RocAuc).high);
        }
        // Same seed, same intervals; no intervals without a bootstrap.
        const ComparisonTable again = ComparisonTable::build(detectors, kLabels, 17, options).value();
        QCOMPARE(again.toCsv(), table.toCsv());
        QVERIFY(!ComparisonTable::build(detectors, kLabels, 17).value().rows()[0].interval(Metric::RocAuc).valid());
        const QStringList header = table.toCsv().section(QLatin1Char('\n'), 0, 0).split(QLatin1Char(','));
        QCOMPARE(header.size(), 1 + 3 * kMetricCount);
        QVERIFY(header.contains(QStringLiteral("roc_auc_ci_low")));
        QVERIFY(header.contains(QStringLiteral("f1_ci_high")));
        // A wider level gives wider intervals over the same resamples.
        const ComparisonTable wide
            = ComparisonTable::build(detectors, kLabels, 17, BootstrapOptions { 200, 0.99, 5 }).value();
        QVERIFY(wide.rows()[0].interval(Metric::RocAuc).low <= table.rows()[0].interval(Metric::RocAuc).low);
    }

    void pairedComparison()
    {
        const std::vector<DetectorScores> detectors = twoDetectors();
        const PairedComparison c
            = DetectorComparison::compare(detectors[0], detectors[1], kLabels, { 500, 0.95, 9 }).value();
        QVERIFY(std::abs(c.rocAuc.pValue - 0.21255631608450098) < kTolerance);
        QVERIFY(std::abs(c.averagePrecision.difference - (0.6844701147861814 - 0.5651780535681464)) < kTolerance);
        QVERIFY(c.averagePrecision.interval.low < c.averagePrecision.difference);
        QVERIFY(c.averagePrecision.difference < c.averagePrecision.interval.high);
        QVERIFY(c.averagePrecision.pValue > 0.0 && c.averagePrecision.pValue <= 1.0);
        // The same detector twice: no difference, p = 1.
        const PairedComparison same
            = DetectorComparison::compare(detectors[0], detectors[0], kLabels, { 100, 0.95, 9 }).value();
        QCOMPARE(same.averagePrecision.difference, 0.0);
        QCOMPARE(same.averagePrecision.pValue, 1.0);
        // A perfect detector against noise: a clear difference.
        Scores perfect;
        for (int l : kLabels)
            perfect.push_back(l);
        const DetectorScores best { QStringLiteral("perfect"), perfect, {} };
        Scores noise(kLabels.size());
        std::mt19937 rng(1);
        for (double& v : noise)
            v = double(rng() % 1000);
        const DetectorScores random { QStringLiteral("noise"), noise, {} };
        const PairedComparison clear = DetectorComparison::compare(best, random, kLabels, { 500, 0.95, 9 }).value();
        QVERIFY(clear.rocAuc.pValue < 0.001);
        QVERIFY(clear.averagePrecision.pValue < 0.01);
        QVERIFY(clear.averagePrecision.interval.low > 0.0);
    }

    void latexTable()
    {
        std::vector<DetectorScores> detectors = twoDetectors();
        detectors[1].name = QStringLiteral("b_100%");
        const ComparisonTable table
            = ComparisonTable::build(detectors, kLabels, 17, BootstrapOptions { 100, 0.95, 1 }).value();
        const QString tex = table.toLatex(QStringLiteral("Detectors"));
        QVERIFY(tex.contains(QStringLiteral("\\toprule")));
        QVERIFY(tex.contains(QStringLiteral("\\midrule")));
        QVERIFY(tex.contains(QStringLiteral("\\bottomrule")));
        QVERIFY(tex.contains(QStringLiteral("b\\_100\\%")));
        // a has the better ROC AUC (0.796 vs 0.709): bold; b's is not.
        QVERIFY(tex.contains(QStringLiteral("a & \\textbf{0.796}")));
        QVERIFY(tex.contains(QStringLiteral("b\\_100\\% & 0.709")));
        QVERIFY(tex.contains(QStringLiteral("[")));
        // A percent sign starts a LaTeX comment: every one in the text is escaped.
        QVERIFY(tex.contains(QStringLiteral("95\\,\\% stratified bootstrap percentile intervals, 100 resamples")));
        QVERIFY(!tex.contains(QStringLiteral("%%")));
        const QString md = table.toMarkdown();
        QVERIFY(md.contains(QStringLiteral("| a | **0.796** [")));
    }
};

QTEST_GUILESS_MAIN(TestStatistics)
#include "tst_statistics.moc"
