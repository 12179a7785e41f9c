#include "model/diffi.h"
#include "model/featurematrix.h"
#include "model/isolationforest.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <random>

using namespace runlens;
using namespace runlens::model;

namespace {

// Normal rows in every feature; the last `anomalies` rows are far out in `informative` only.
FeatureMatrix oneInformativeFeature(int informative, int features, int anomalies, quint64 seed)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> normal;
    FeatureMatrix x(1000, features);
    for (int r = 0; r < x.rows(); ++r)
        for (int c = 0; c < features; ++c)
            x.set(r, c, normal(rng));
    // Scattered far out on both sides, so that each anomaly is easy to isolate on its own.
    std::uniform_real_distribution<double> spread(6.0, 12.0);
    for (int r = x.rows() - anomalies; r < x.rows(); ++r)
        x.set(r, informative, (r % 2 ? 1.0 : -1.0) * spread(rng));
    return x;
}

int argmax(const std::vector<double>& v)
{
    return int(std::max_element(v.begin(), v.end()) - v.begin());
}

// Root splits f0 at 0.5 into a leaf (1 sample) and a node splitting f1 at 0.5 into leaves of 1 and 2.
IsolationForest handMadeForest(double offset)
{
    IsolationTree::Nodes nodes;
    nodes.feature = { 0, -1, 1, -1, -1 };
    nodes.threshold = { 0.5, 0, 0.5, 0, 0 };
    nodes.left = { 1, -1, 3, -1, -1 };
    nodes.right = { 2, -1, 4, -1, -1 };
    nodes.samples = { 4, 1, 3, 1, 2 };
    std::vector<IsolationTree> trees { IsolationTree::fromNodes(nodes, 2, QStringLiteral("test")).value() };
    return IsolationForest::fromParts(
        {}, { QStringLiteral("a"), QStringLiteral("b") }, 4, offset, trees, QStringLiteral("test"))
        .value();
}

} // namespace

class TestDiffi : public QObject
{
    Q_OBJECT

private slots:
    void globalRanksTheInformativeFeatureFirst_data()
    {
        QTest::addColumn<int>("informative");
        QTest::addColumn<int>("features");
        QTest::addColumn<bool>("adjust");
        QTest::addColumn<quint64>("seed");
        QTest::addRow("feature 0 of 5") << 0 << 5 << true << quint64(5);
        QTest::addRow("feature 3 of 5") << 3 << 5 << true << quint64(6);
        QTest::addRow("feature 7 of 8, unadjusted IIC") << 7 << 8 << false << quint64(7);
    }
    void globalRanksTheInformativeFeatureFirst()
    {
        QFETCH(int, informative);
        QFETCH(int, features);
        QFETCH(bool, adjust);
        QFETCH(quint64, seed);
        const FeatureMatrix x = oneInformativeFeature(informative, features, 40, seed);
        // contamination "auto", as the DIFFI authors rank features.
        const IsolationForest forest = IsolationForest::fit(x, {}).value();
        Result<DiffiImportance> fi = Diffi::global(forest, x, adjust);
        QVERIFY2(fi.ok(), qPrintable(fi.ok() ? QString() : fi.error()));
        QVERIFY(fi->treesUsed > 50);
        QCOMPARE(argmax(fi->importance), informative);
        // ... by a clear margin over the runner-up.
        std::vector<double> others = fi->importance;
        others.erase(others.begin() + informative);
        QVERIFY(fi->importance[std::size_t(informative)] > 1.2 * *std::max_element(others.begin(), others.end()));
        for (double v : fi->importance)
            QVERIFY(std::isfinite(v) && v >= 0);
    }

    void localRanksTheAnomalousFeatureFirst()
    {
        const FeatureMatrix x = oneInformativeFeature(2, 6, 20, 8);
        const IsolationForest forest = IsolationForest::fit(x, {}).value();
        for (int r = x.rows() - 20; r < x.rows(); ++r) {
            Result<std::vector<double>> fi = Diffi::local(forest, x.row(r));
            QVERIFY(fi.ok());
            QCOMPARE(argmax(*fi), 2);
        }
    }

    // Hand-computed on a one-tree forest (offset -0.4 makes rows 0 and 1 outliers):
    // outliers {0, 1}: root n=2 split 1/1 -> IIC 0.5 (min == max, not rescaled); node 2 reached by one
    // row -> undefined. cfi_out(a) = 0.5/1 + 0.5/2 over 2 visits -> 0.375.
    // inliers {2, 3}: both go right at the root and right at node 2 -> empty child, IIC 0 -> FI 0.
    // Importance a = 0.375 / 0 -> +inf, b = 0 / 0 -> 0.
    void globalHandComputed()
    {
        const IsolationForest forest = handMadeForest(-0.4);
        const FeatureMatrix x = FeatureMatrix::fromValues({ 0, 0, 1, 0, 1, 1, 1, 1 }, 2).value();
        const std::vector<int> prediction = forest.predict(x).value();
        QCOMPARE(prediction, (std::vector<int> { -1, -1, 1, 1 }));
        const DiffiImportance fi = Diffi::global(forest, x).value();
        QCOMPARE(fi.treesUsed, 1);
        QCOMPARE(fi.outliers, (std::vector<double> { 0.375, 0.0 }));
        QCOMPARE(fi.inliers, (std::vector<double> { 0.0, 0.0 }));
        QCOMPARE(fi.importance[0], std::numeric_limits<double>::infinity());
        QCOMPARE(fi.importance[1], 0.0);
    }

    void localHandComputed_data()
    {
        QTest::addColumn<std::vector<double>>("row");
        QTest::addColumn<std::vector<double>>("expected");
        // max_depth = ceil(log2(4)) = 2; each split adds 1/leaf_depth - 1/2 to its feature.
        QTest::addRow("isolated at depth 1") << std::vector<double> { 0, 0 } << std::vector<double> { 0.5, 0.0 };
        QTest::addRow("isolated at depth 2") << std::vector<double> { 1, 0 } << std::vector<double> { 0.0, 0.0 };
    }
    void localHandComputed()
    {
        QFETCH(std::vector<double>, row);
        QFETCH(std::vector<double>, expected);
        QCOMPARE(Diffi::local(handMadeForest(-0.5), row).value(), expected);
    }

    void rootIsLeafGivesZeros()
    {
        // Identical rows: every tree is a single leaf; DIFFI has nothing to credit and must not divide by 0.
        const FeatureMatrix x = FeatureMatrix::fromValues(std::vector<double>(30, 2.0), 3).value();
        const IsolationForest forest = IsolationForest::fit(x, {}).value();
        const DiffiImportance fi = Diffi::global(forest, x).value();
        QCOMPARE(fi.importance, (std::vector<double> { 0, 0, 0 }));
        QCOMPARE(Diffi::local(forest, x.row(0)).value(), (std::vector<double> { 0, 0, 0 }));
        const FeatureMatrix one = FeatureMatrix::fromValues({ 1.0, 2.0 }, 2).value();
        const IsolationForest single = IsolationForest::fit(one, {}).value();
        QCOMPARE(Diffi::local(single, one.row(0)).value(), (std::vector<double> { 0, 0 }));
        QCOMPARE(Diffi::global(single, one)->importance, (std::vector<double> { 0, 0 }));
    }

    void refusesMismatchedInput()
    {
        const FeatureMatrix x = oneInformativeFeature(0, 3, 5, 1);
        const IsolationForest forest = IsolationForest::fit(x, {}).value();
        const std::vector<double> shortRow { 1.0 };
        QVERIFY(!Diffi::local(forest, shortRow).ok());
        const std::vector<double> nanRow { 1.0, std::nan(""), 1.0 };
        QVERIFY(Diffi::local(forest, nanRow).error().contains(QStringLiteral("column 1")));
        // In-bag rows index the training data: a smaller matrix is refused.
        const FeatureMatrix fewer = FeatureMatrix::fromValues({ 1, 2, 3 }, 3).value();
        QVERIFY(Diffi::global(forest, fewer).error().contains(QStringLiteral("training data")));
    }
};

QTEST_GUILESS_MAIN(TestDiffi)
#include "tst_diffi.moc"
