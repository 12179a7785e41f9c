#include "common/computepool.h"
#include "model/averagepathlength.h"
#include "model/featurematrix.h"
#include "model/isolationforest.h"
#include "model/treeshap.h"

#include <QTest>
#include <QThreadPool>

#include <atomic>
#include <cmath>
#include <random>
#include <stdexcept>

using namespace runlens;
using namespace runlens::model;

namespace {

// Values on a coarse grid, so that features repeat along paths and some are constant in nodes.
FeatureMatrix gridData(int rows, int columns, quint64 seed, int levels)
{
    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<int> level(0, levels - 1);
    FeatureMatrix x(rows, columns);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < columns; ++c)
            x.set(r, c, level(rng) * 0.5);
    return x;
}

// Path-dependent conditional expectation of a tree given the features in `known` (Lundberg et al.
// 2020, Algorithm 1): follow x on known features, average children by cover on the others.
double conditional(const IsolationTree& tree, int node, std::span<const double> x, unsigned known)
{
    if (tree.isLeaf(node))
        return tree.leafValue(node);
    const IsolationTree::Nodes& n = tree.nodes();
    const auto i = std::size_t(node);
    const int f = n.feature[i];
    if (known & (1u << f))
        return conditional(tree, x[std::size_t(f)] <= n.threshold[i] ? n.left[i] : n.right[i], x, known);
    const double l = n.samples[std::size_t(n.left[i])];
    const double r = n.samples[std::size_t(n.right[i])];
    return (l * conditional(tree, n.left[i], x, known) + r * conditional(tree, n.right[i], x, known)) / n.samples[i];
}

double forestConditional(const IsolationForest& forest, std::span<const double> x, unsigned known)
{
    double sum = 0.0;
    for (const IsolationTree& tree : forest.trees())
        sum += conditional(tree, 0, x, known);
    return sum / double(forest.trees().size());
}

// Shapley values by enumerating every subset.
std::vector<double> bruteForceShapley(const IsolationForest& forest, std::span<const double> x)
{
    const int m = forest.featureCount();
    std::vector<double> factorial(std::size_t(m) + 1, 1.0);
    for (int k = 1; k <= m; ++k)
        factorial[std::size_t(k)] = factorial[std::size_t(k) - 1] * k;
    std::vector<double> value(std::size_t(1) << m);
    for (unsigned s = 0; s < value.size(); ++s)
        value[s] = forestConditional(forest, x, s);
    std::vector<double> phi(std::size_t(m), 0.0);
    for (int i = 0; i < m; ++i) {
        for (unsigned s = 0; s < value.size(); ++s) {
            if (s & (1u << i))
                continue;
            const int size = std::popcount(s);
            const double weight
                = factorial[std::size_t(size)] * factorial[std::size_t(m - size - 1)] / factorial[std::size_t(m)];
            phi[std::size_t(i)] += weight * (value[s | (1u << i)] - value[s]);
        }
    }
    return phi;
}

double sum(std::span<const double> v)
{
    return std::accumulate(v.begin(), v.end(), 0.0);
}

} // namespace

class TestTreeShap : public QObject
{
    Q_OBJECT

private slots:
    void cleanup() { computePool()->setMaxThreadCount(QThread::idealThreadCount()); }

    void equalsBruteForceShapley_data()
    {
        QTest::addColumn<int>("features");
        QTest::addColumn<int>("trees");
        QTest::addColumn<int>("samples");
        QTest::addColumn<int>("levels");
        QTest::addColumn<quint64>("seed");
        QTest::addRow("1 feature") << 1 << 5 << 32 << 6 << quint64(1);
        QTest::addRow("2 features, repeats") << 2 << 8 << 64 << 10 << quint64(2);
        QTest::addRow("3 features") << 3 << 6 << 48 << 5 << quint64(3);
        QTest::addRow("5 features, coarse") << 5 << 10 << 64 << 3 << quint64(4);
        QTest::addRow("8 features") << 8 << 10 << 64 << 8 << quint64(5);
        QTest::addRow("8 features, binary") << 8 << 10 << 40 << 2 << quint64(6);
    }
    void equalsBruteForceShapley()
    {
        QFETCH(int, features);
        QFETCH(int, trees);
        QFETCH(int, samples);
        QFETCH(int, levels);
        QFETCH(quint64, seed);
        const FeatureMatrix x = gridData(64, features, seed, levels);
        ForestParameters p;
        p.trees = trees;
        p.maxSamples = samples;
        p.seed = seed;
        const TreeShap shap(IsolationForest::fit(x, p).value());
        QVERIFY(std::abs(shap.baseValue() - forestConditional(shap.forest(), x.row(0), 0u)) < 1e-12);

        // explain() takes the tabulated path for this many rows; explainRow() runs Algorithm 2.
        const FeatureMatrix tabulated = shap.explain(x).value();
        for (int r = 0; r < x.rows(); ++r) {
            const std::vector<double> expected = bruteForceShapley(shap.forest(), x.row(r));
            const std::vector<double> recursive = shap.explainRow(x.row(r));
            for (int f = 0; f < features; ++f) {
                const auto i = std::size_t(f);
                QVERIFY2(std::abs(recursive[i] - expected[i]) < 1e-9,
                    qPrintable(QStringLiteral("row %1 feature %2: %3 vs %4")
                                   .arg(r)
                                   .arg(f)
                                   .arg(recursive[i])
                                   .arg(expected[i])));
                QVERIFY2(std::abs(tabulated.at(r, f) - expected[i]) < 1e-9,
                    qPrintable(QStringLiteral("row %1 feature %2: %3 vs %4")
                                   .arg(r)
                                   .arg(f)
                                   .arg(tabulated.at(r, f))
                                   .arg(expected[i])));
            }
        }
    }

    void localAccuracyOnBigForests_data()
    {
        QTest::addColumn<int>("features");
        QTest::addColumn<int>("samples");
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("trees");
        QTest::addRow("10 features, 256 samples") << 10 << 0 << 1500 << 100;
        QTest::addRow("30 features, 256 samples") << 30 << 0 << 1500 << 100;
        QTest::addRow("4 features, deep trees, tabulated") << 4 << 2048 << 3000 << 20;
        QTest::addRow("30 features, deep trees, recursive") << 30 << 400 << 400 << 20;
    }
    void localAccuracyOnBigForests()
    {
        QFETCH(int, features);
        QFETCH(int, samples);
        QFETCH(int, rows);
        QFETCH(int, trees);
        std::mt19937_64 rng(9);
        std::normal_distribution<double> normal;
        FeatureMatrix x(rows, features);
        for (int r = 0; r < x.rows(); ++r)
            for (int c = 0; c < features; ++c)
                x.set(r, c, normal(rng) * (c + 1));
        ForestParameters p;
        p.maxSamples = samples;
        p.trees = trees;
        const TreeShap shap(IsolationForest::fit(x, p).value());
        const std::vector<double> pathLength = shap.forest().evaluate(x)->pathLength;
        const FeatureMatrix phi = shap.explain(x).value();
        for (int r = 0; r < x.rows(); ++r) {
            const double total = shap.baseValue() + sum(phi.row(r));
            QVERIFY2(std::abs(total - pathLength[std::size_t(r)]) < 1e-9,
                qPrintable(QStringLiteral("row %1: %2 vs %3").arg(r).arg(total).arg(pathLength[std::size_t(r)])));
        }
        for (int r = 0; r < 20; ++r)
            QVERIFY(std::abs(shap.baseValue() + sum(shap.explainRow(x.row(r))) - pathLength[std::size_t(r)]) < 1e-9);
    }

    void additiveInLog2OfScore()
    {
        const FeatureMatrix x = gridData(300, 4, 12, 20);
        const TreeShap shap(IsolationForest::fit(x, {}).value());
        const ForestScores s = shap.forest().evaluate(x).value();
        for (int r = 0; r < 10; ++r) {
            double log2Score = shap.toLog2ScoreUnits(shap.baseValue());
            for (double c : shap.explainRow(x.row(r)))
                log2Score += shap.toLog2ScoreUnits(c);
            QVERIFY(std::abs(log2Score - std::log2(-s.score[std::size_t(r)])) < 1e-12);
        }
    }

    void sameResultWhateverTheThreads()
    {
        const FeatureMatrix x = gridData(2000, 6, 13, 50);
        const TreeShap shap(IsolationForest::fit(x, {}).value());
        computePool()->setMaxThreadCount(1);
        const FeatureMatrix one = shap.explain(x).value();
        computePool()->setMaxThreadCount(4);
        const FeatureMatrix four = shap.explain(x).value();
        QVERIFY(std::equal(one.values().begin(), one.values().end(), four.values().begin()));
    }

    void topContributions_data()
    {
        QTest::addColumn<int>("k");
        QTest::addColumn<std::vector<int>>("expected");
        QTest::addRow("k=2") << 2 << std::vector<int> { 2, 0 };
        QTest::addRow("all") << 0 << std::vector<int> { 2, 0, 1, 3 };
        QTest::addRow("k beyond size") << 9 << std::vector<int> { 2, 0, 1, 3 };
    }
    void topContributions()
    {
        QFETCH(int, k);
        QFETCH(std::vector<int>, expected);
        const std::vector<double> row { 10, 11, 12, 13 };
        const std::vector<double> contributions { 0.5, 0.1, -2.0, -0.1 }; // |0.1| tie: feature 1 before 3
        const std::vector<FeatureContribution> top = TreeShap::topContributions(row, contributions, k);
        QCOMPARE(int(top.size()), int(expected.size()));
        for (std::size_t i = 0; i < top.size(); ++i) {
            QCOMPARE(top[i].feature, expected[i]);
            QCOMPARE(top[i].value, row[std::size_t(top[i].feature)]);
            QCOMPARE(top[i].contribution, contributions[std::size_t(top[i].feature)]);
        }
    }

    // Pre-set and mid-run cancel (after `polls` polls, which is inside the tabulation of the 100 trees or
    // in the row chunks) stop TreeSHAP; an exception in a task is reported after the loop.
    void cancelAndExceptions_data()
    {
        QTest::addColumn<int>("polls");
        QTest::addRow("canceled before") << 0;
        QTest::addRow("canceled while tabulating") << 30;
        QTest::addRow("canceled in the row chunks") << 150;
    }
    void cancelAndExceptions()
    {
        QFETCH(int, polls);
        const FeatureMatrix x = gridData(2000, 4, 3, 9);
        const TreeShap shap(IsolationForest::fit(x, {}).value());
        std::atomic<int> asked { 0 };
        const CancelCheck cancel([&] { return asked.fetch_add(1) >= polls; });
        Result<FeatureMatrix> phi = shap.explain(x, cancel);
        QVERIFY(!phi.ok());
        QVERIFY2(
            phi.error().startsWith(QStringLiteral("TreeSHAP: ")) && phi.error().endsWith(QStringLiteral("canceled")),
            qPrintable(phi.error()));
        // 100 tabulation polls, then one per tree in each of the 16 chunks: stopped long before the end.
        QVERIFY2(asked.load() <= polls + QThread::idealThreadCount() + 1, qPrintable(QString::number(asked.load())));

        asked = 0;
        const CancelCheck throwing([&] {
            if (asked.fetch_add(1) == polls)
                throw std::runtime_error("injected failure");
            return false;
        });
        phi = shap.explain(x, throwing);
        QVERIFY(!phi.ok());
        QVERIFY2(phi.error().endsWith(QStringLiteral(": injected failure")), qPrintable(phi.error()));
    }

    void refusesMismatchedInput()
    {
        const TreeShap shap(IsolationForest::fit(gridData(50, 3, 1, 5), {}).value());
        QVERIFY(shap.explain(gridData(5, 4, 1, 5)).error().contains(QStringLiteral("4 columns")));
        FeatureMatrix bad = gridData(5, 3, 1, 5);
        bad.set(3, 2, std::nan(""));
        QVERIFY(shap.explain(bad).error().contains(QStringLiteral("row 3, column 2")));
    }
};

QTEST_GUILESS_MAIN(TestTreeShap)
#include "tst_treeshap.moc"
