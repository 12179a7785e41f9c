#include "common/computepool.h"
#include "common/csvtable.h"
#include "model/averagepathlength.h"
#include "model/featurematrix.h"
#include "model/isolationforest.h"
#include "model/metrics.h"
#include "testsupport.h"

#include <QRegularExpression>
#include <QTest>
#include <QThreadPool>

#include <atomic>
#include <cmath>
#include <numeric>
#include <random>
#include <set>
#include <stdexcept>

using namespace runlens;
using namespace runlens::model;

namespace {

FeatureMatrix gaussian(int rows, int columns, quint64 seed)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> normal;
    FeatureMatrix x(rows, columns);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < columns; ++c)
            x.set(r, c, normal(rng));
    return x;
}

FeatureMatrix fromRows(const std::vector<std::vector<double>>& rows)
{
    std::vector<double> values;
    for (const auto& row : rows)
        values.insert(values.end(), row.begin(), row.end());
    return FeatureMatrix::fromValues(values, int(rows.front().size())).value();
}

struct Bench
{
    FeatureMatrix x;
    std::vector<int> labels;
};

Bench loadBench(const QString& name)
{
    const QString path = test::sharedDir() + QStringLiteral("/bench/") + name + QStringLiteral(".csv");
    Result<CsvTable> table = CsvTable::read(path);
    if (!table)
        qFatal("%s", qPrintable(table.error()));
    const int label = table->columnIndex(QStringLiteral("label"));
    Bench bench;
    std::vector<double> values;
    int columns = 0;
    for (int r = 0; r < table->rowCount(); ++r) {
        columns = 0;
        for (int c = 0; c < table->columnCount(); ++c) {
            const double v = table->number(r, c).value();
            if (c == label) {
                bench.labels.push_back(v != 0 ? 1 : 0);
            } else {
                values.push_back(v);
                ++columns;
            }
        }
    }
    bench.x = FeatureMatrix::fromValues(std::move(values), columns).value();
    return bench;
}

// ROC AUC of default forests of seeds 0 .. seeds - 1.
std::vector<double> aucsOverSeeds(const Bench& bench, int seeds)
{
    std::vector<double> aucs;
    for (int seed = 0; seed < seeds; ++seed) {
        ForestParameters p;
        p.seed = quint64(seed);
        const std::vector<double> scores = IsolationForest::fit(bench.x, p)->scoreSamples(bench.x).value();
        std::vector<double> anomaly(scores.size());
        std::transform(scores.begin(), scores.end(), anomaly.begin(), [](double s) { return -s; });
        aucs.push_back(Metrics::rocAuc(anomaly, bench.labels).value());
    }
    return aucs;
}

// For every inner node of `tree`, appends a row that reaches the node with its feature exactly on
// the node's threshold, and the same row with that feature just above it.
void appendRowsOnThresholds(const IsolationTree& tree, int columns, std::vector<double>& values)
{
    const IsolationTree::Nodes& nodes = tree.nodes();
    struct Visit
    {
        int node;
        std::vector<double> above; // the path needs x[c] > above[c] ...
        std::vector<double> atMost; // ... and x[c] <= atMost[c]
    };
    std::vector<Visit> stack { { 0, std::vector<double>(std::size_t(columns), -HUGE_VAL),
        std::vector<double>(std::size_t(columns), HUGE_VAL) } };
    while (!stack.empty()) {
        Visit visit = std::move(stack.back());
        stack.pop_back();
        const auto i = std::size_t(visit.node);
        if (nodes.feature[i] < 0)
            continue;
        const auto f = std::size_t(nodes.feature[i]);
        const double threshold = nodes.threshold[i];
        std::vector<double> row(visit.above.size());
        for (std::size_t c = 0; c < row.size(); ++c) {
            row[c] = std::isfinite(visit.atMost[c]) ? visit.atMost[c]
                : std::isfinite(visit.above[c])     ? visit.above[c] + 1.0
                                                    : 0.0;
        }
        row[f] = threshold;
        values.insert(values.end(), row.begin(), row.end());
        row[f] = std::nextafter(threshold, HUGE_VAL);
        values.insert(values.end(), row.begin(), row.end());

        Visit left = visit;
        left.node = nodes.left[i];
        left.atMost[f] = threshold;
        Visit right = std::move(visit);
        right.node = nodes.right[i];
        right.above[f] = threshold;
        stack.push_back(std::move(left));
        stack.push_back(std::move(right));
    }
}

} // namespace

class TestIsolationForest : public QObject
{
    Q_OBJECT

private slots:
    void cleanup() { computePool()->setMaxThreadCount(QThread::idealThreadCount()); }

    void averagePathLength_data()
    {
        QTest::addColumn<double>("n");
        QTest::addColumn<double>("expected");
        // Values from sklearn.ensemble._iforest._average_path_length.
        QTest::addRow("0") << 0.0 << 0.0;
        QTest::addRow("1") << 1.0 << 0.0;
        QTest::addRow("2") << 2.0 << 1.0;
        QTest::addRow("3") << 3.0 << 1.207392357589623;
        QTest::addRow("5") << 5.0 << 2.327020052042847;
        QTest::addRow("256") << 256.0 << 10.244770920119917;
    }
    void averagePathLength()
    {
        QFETCH(double, n);
        QFETCH(double, expected);
        QVERIFY(std::abs(model::averagePathLength(n) - expected) < 1e-12);
    }

    void percentileAsNumpy_data()
    {
        QTest::addColumn<std::vector<double>>("values");
        QTest::addColumn<double>("q");
        QTest::addColumn<double>("expected");
        // numpy.percentile, default (linear) method.
        QTest::addRow("10th of 5") << std::vector<double> { 5, 1, 4, 2, 3 } << 10.0 << 1.4;
        QTest::addRow("37.5th of 5") << std::vector<double> { 5, 1, 4, 2, 3 } << 37.5 << 2.5;
        QTest::addRow("90th of 3") << std::vector<double> { 0.3, -0.1, 2.5 } << 90.0 << 2.06;
        QTest::addRow("0th") << std::vector<double> { 2, 1 } << 0.0 << 1.0;
        QTest::addRow("100th") << std::vector<double> { 2, 1 } << 100.0 << 2.0;
    }
    void percentileAsNumpy()
    {
        QFETCH(std::vector<double>, values);
        QFETCH(double, q);
        QFETCH(double, expected);
        QVERIFY(std::abs(percentile(values, q) - expected) < 1e-12);
    }

    void parametersAsSklearn_data()
    {
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("requested");
        QTest::addColumn<int>("maxSamples");
        QTest::addColumn<int>("maxDepth");
        QTest::addRow("auto, many rows") << 1000 << 0 << 256 << 8;
        QTest::addRow("auto, few rows") << 100 << 0 << 100 << 7;
        QTest::addRow("explicit") << 1000 << 64 << 64 << 6;
        QTest::addRow("capped at rows") << 50 << 500 << 50 << 6;
        QTest::addRow("one row") << 1 << 0 << 1 << 1;
    }
    void parametersAsSklearn()
    {
        QFETCH(int, rows);
        QFETCH(int, requested);
        QFETCH(int, maxSamples);
        QFETCH(int, maxDepth);
        ForestParameters p;
        p.maxSamples = requested;
        p.trees = 20;
        Result<IsolationForest> forest = IsolationForest::fit(gaussian(rows, 3, 1), p);
        QVERIFY2(forest.ok(), qPrintable(forest.ok() ? QString() : forest.error()));
        QCOMPARE(forest->maxSamples(), maxSamples);
        QCOMPARE(forest->maxDepth(), maxDepth);
        QCOMPARE(int(forest->trees().size()), 20);
        for (const IsolationTree& tree : forest->trees()) {
            const IsolationTree::Nodes& n = tree.nodes();
            QCOMPARE(n.samples.front(), maxSamples);
            QVERIFY(tree.maxDepth() <= maxDepth);
            for (int i = 0; i < tree.nodeCount(); ++i) {
                if (tree.isLeaf(i))
                    continue;
                // Both children non-empty and partitioning the parent's samples.
                QVERIFY(n.samples[std::size_t(n.left[std::size_t(i)])] >= 1);
                QVERIFY(n.samples[std::size_t(n.right[std::size_t(i)])] >= 1);
                QCOMPARE(
                    n.samples[std::size_t(n.left[std::size_t(i)])] + n.samples[std::size_t(n.right[std::size_t(i)])],
                    n.samples[std::size_t(i)]);
            }
        }
        for (const std::vector<int>& inBag : forest->inBagRows()) {
            std::vector<int> sorted = inBag;
            std::sort(sorted.begin(), sorted.end());
            QVERIFY(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end()); // without replacement
            QCOMPARE(int(sorted.size()), maxSamples);
        }
    }

    void sameSeedSameForestWhateverTheThreads()
    {
        const FeatureMatrix x = gaussian(3000, 5, 7);
        ForestParameters p;
        p.seed = 42;
        computePool()->setMaxThreadCount(1);
        const std::vector<double> one = IsolationForest::fit(x, p)->scoreSamples(x).value();
        computePool()->setMaxThreadCount(4);
        const std::vector<double> four = IsolationForest::fit(x, p)->scoreSamples(x).value();
        QVERIFY(one == four); // bit for bit
        p.seed = 43;
        const std::vector<double> other = IsolationForest::fit(x, p)->scoreSamples(x).value();
        QVERIFY(one != other);
    }

    // Tree seeds are mixed from the forest seed: with seed + t the forests of seeds s and s + 1
    // shared all trees but one, and the spread of results over consecutive seeds was far too small.
    void nearbySeedsShareNoTree()
    {
        std::set<quint64> seeds;
        for (quint64 s = 0; s < 10; ++s) {
            for (int t = 0; t < 100; ++t)
                seeds.insert(IsolationForest::treeSeed(s, t));
        }
        QCOMPARE(seeds.size(), std::size_t(1000));

        const FeatureMatrix x = gaussian(1000, 3, 5);
        ForestParameters p;
        p.seed = 7;
        const IsolationForest a = IsolationForest::fit(x, p).value();
        p.seed = 8;
        const IsolationForest b = IsolationForest::fit(x, p).value();
        std::set<std::vector<double>> thresholds;
        for (const IsolationTree& tree : a.trees())
            thresholds.insert(tree.nodes().threshold);
        QCOMPARE(thresholds.size(), a.trees().size());
        for (const IsolationTree& tree : b.trees())
            QVERIFY(!thresholds.contains(tree.nodes().threshold));
    }

    // The standard deviation of ROC AUC over seeds 0..9 is within a factor of 2 of scikit-learn's
    // (sklearn 1.2.1, IsolationForest(n_estimators=100, random_state=seed); printed by
    // tools/compare_sklearn.py --seeds 10).
    void seedSpreadAsSklearn_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<double>("sklearnStd");
        QTest::addRow("mammography") << QStringLiteral("mammography") << 0.00754;
        QTest::addRow("satellite") << QStringLiteral("satellite") << 0.0198;
    }
    void seedSpreadAsSklearn()
    {
        QFETCH(QString, name);
        QFETCH(double, sklearnStd);
        const std::vector<double> aucs = aucsOverSeeds(loadBench(name), 10);
        const double mean = std::accumulate(aucs.begin(), aucs.end(), 0.0) / double(aucs.size());
        double squares = 0.0;
        for (const double auc : aucs)
            squares += (auc - mean) * (auc - mean);
        const double std = std::sqrt(squares / double(aucs.size() - 1));
        qInfo("%s: ROC AUC over seeds 0..9: mean %.4f, std %.4f (sklearn std %.4f)", qPrintable(name), mean, std,
            sklearnStd);
        QVERIFY2(std >= sklearnStd / 2.0 && std <= sklearnStd * 2.0, qPrintable(QString::number(std)));
    }

    // A cancel check said yes before the first tree, or after `polls` polls: fit and evaluate stop
    // and say so; the polls after the yes are at most one per thread already past its poll.
    void cancelStopsFitAndScoring_data()
    {
        QTest::addColumn<int>("polls");
        QTest::addRow("canceled before") << 0;
        QTest::addRow("canceled mid-run") << 20;
    }
    void cancelStopsFitAndScoring()
    {
        QFETCH(int, polls);
        const FeatureMatrix x = gaussian(20000, 4, 9);
        std::atomic<int> asked { 0 };
        const CancelCheck cancel([&] { return asked.fetch_add(1) >= polls; });
        ForestParameters p;
        Result<IsolationForest> forest = IsolationForest::fit(x, p, cancel);
        QVERIFY(!forest.ok());
        QCOMPARE(forest.error(), QStringLiteral("isolation forest: training: canceled"));
        QVERIFY2(asked.load() <= polls + QThread::idealThreadCount() + 1, qPrintable(QString::number(asked.load())));
        QVERIFY(asked.load() < p.trees);

        const IsolationForest trained = IsolationForest::fit(x, p).value();
        asked = 0;
        const CancelCheck cancelScoring([&] { return asked.fetch_add(1) >= polls; });
        Result<ForestScores> scores = trained.evaluate(x, cancelScoring);
        QVERIFY(!scores.ok());
        QCOMPARE(scores.error(), QStringLiteral("isolation forest: scoring: canceled"));
        QVERIFY(asked.load() < 20000 / 256);
        // A check that never says yes changes nothing.
        const CancelCheck never([] { return false; });
        QVERIFY(trained.evaluate(x, never).value().score == trained.evaluate(x).value().score);
    }

    // An exception inside a parallel loop (here thrown by the cancel poll of one tree or row chunk)
    // is caught in its task and reported after the loop, naming the tree or rows.
    void exceptionInParallelLoopIsReported()
    {
        const FeatureMatrix x = gaussian(3000, 3, 4);
        std::atomic<int> asked { 0 };
        const CancelCheck throwing([&] {
            if (asked.fetch_add(1) == 5)
                throw std::runtime_error("injected failure");
            return false;
        });
        Result<IsolationForest> forest = IsolationForest::fit(x, {}, throwing);
        QVERIFY(!forest.ok());
        QVERIFY2(
            forest.error().startsWith(QStringLiteral("isolation forest: training: tree ")), qPrintable(forest.error()));
        QVERIFY2(forest.error().endsWith(QStringLiteral(": injected failure")), qPrintable(forest.error()));
        QCOMPARE(asked.load(), 100); // every other tree still polled and grown

        asked = 0;
        Result<ForestScores> scores = IsolationForest::fit(x, {}).value().evaluate(x, throwing);
        QVERIFY(!scores.ok());
        const QRegularExpression failure(
            QStringLiteral("^isolation forest: scoring: rows \\d+-\\d+: injected failure$"));
        QVERIFY2(failure.match(scores.error()).hasMatch(), qPrintable(scores.error()));
    }

    void outliersScoreLower()
    {
        FeatureMatrix x = gaussian(500, 4, 3);
        const std::vector<int> outliers { 10, 200, 499 };
        for (int r : outliers)
            for (int c = 0; c < 4; ++c)
                x.set(r, c, 8.0 + c);
        Result<IsolationForest> forest = IsolationForest::fit(x, {});
        QVERIFY(forest.ok());
        const ForestScores s = forest->evaluate(x).value();
        std::vector<int> order(500);
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(),
            [&](int a, int b) { return s.score[std::size_t(a)] < s.score[std::size_t(b)]; });
        std::vector<int> lowest(order.begin(), order.begin() + 3);
        std::sort(lowest.begin(), lowest.end());
        QCOMPARE(lowest, outliers);
        for (int r : outliers) {
            QCOMPARE(s.prediction[std::size_t(r)], -1);
            QVERIFY(s.decision[std::size_t(r)] < 0);
            QVERIFY(s.score[std::size_t(r)] < -0.6);
        }
        // sklearn's relations between the outputs.
        for (std::size_t i = 0; i < s.score.size(); ++i) {
            QCOMPARE(s.decision[i], s.score[i] - forest->offset());
            QCOMPARE(s.prediction[i], s.decision[i] < 0 ? -1 : 1);
            QCOMPARE(s.score[i], -std::exp2(-s.pathLength[i] / model::averagePathLength(256)));
        }
    }

    // Scoring walks RowBlock::kLanes rows at a time through a re-laid tree; every row must get
    // exactly the single-row walk's mean path length. Row counts around the lane count leave tails
    // of every kind, 3 samples give leaves above the last level, one row or identical rows give
    // trees of depth 0, and rows on each node's threshold (which go left) or just above it are
    // scored too.
    void batchEqualsSingleRowWalk_data()
    {
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("columns");
        QTest::addColumn<int>("maxSamples");
        QTest::addColumn<bool>("constant");
        QTest::addRow("1 row") << 1 << 3 << 0 << false;
        QTest::addRow("20 identical rows") << 20 << 2 << 0 << true;
        QTest::addRow("15 rows") << 15 << 2 << 0 << false;
        QTest::addRow("16 rows") << 16 << 1 << 0 << false;
        QTest::addRow("17 rows") << 17 << 4 << 0 << false;
        QTest::addRow("3 samples") << 100 << 3 << 3 << false;
        QTest::addRow("1037 rows") << 1037 << 5 << 0 << false;
        QTest::addRow("2000 samples") << 3001 << 2 << 2000 << false;
    }
    void batchEqualsSingleRowWalk()
    {
        QFETCH(int, rows);
        QFETCH(int, columns);
        QFETCH(int, maxSamples);
        QFETCH(bool, constant);
        const FeatureMatrix x = constant ? FeatureMatrix(rows, columns) : gaussian(rows, columns, 5);
        ForestParameters p;
        p.trees = 20;
        p.maxSamples = maxSamples;
        const IsolationForest forest = IsolationForest::fit(x, p).value();
        std::vector<double> values(x.values().begin(), x.values().end());
        for (const IsolationTree& tree : forest.trees())
            appendRowsOnThresholds(tree, columns, values);
        const FeatureMatrix scored = FeatureMatrix::fromValues(values, columns).value();
        const ForestScores s = forest.evaluate(scored).value();
        for (int r = 0; r < scored.rows(); ++r) {
            const double single = forest.pathLength(scored.row(r));
            QVERIFY2(s.pathLength[std::size_t(r)] == single,
                qPrintable(QStringLiteral("row %1: %2 != %3")
                               .arg(r)
                               .arg(s.pathLength[std::size_t(r)], 0, 'g', 17)
                               .arg(single, 0, 'g', 17)));
        }
    }

    void contaminationSetsOffsetToPercentile_data()
    {
        QTest::addColumn<double>("contamination");
        QTest::addRow("0.01") << 0.01;
        QTest::addRow("0.1") << 0.1;
        QTest::addRow("0.5") << 0.5;
    }
    void contaminationSetsOffsetToPercentile()
    {
        QFETCH(double, contamination);
        const FeatureMatrix x = gaussian(1000, 3, 11);
        ForestParameters p;
        p.contamination = contamination;
        Result<IsolationForest> forest = IsolationForest::fit(x, p);
        QVERIFY(forest.ok());
        const ForestScores s = forest->evaluate(x).value();
        QCOMPARE(forest->offset(), percentile(s.score, 100.0 * contamination));
        const auto flagged = std::count(s.prediction.begin(), s.prediction.end(), -1);
        QVERIFY(std::abs(double(flagged) / 1000.0 - contamination) <= 0.002);
    }

    void degenerateInputsAsSklearn_data()
    {
        QTest::addColumn<std::vector<std::vector<double>>>("rows");
        QTest::addColumn<bool>("withContamination");
        // sklearn 1.2.1: score_samples -0.5 for each of these, decision ~0, predict 1.
        QTest::addRow("one row") << std::vector<std::vector<double>> { { 1.0, 2.0 } } << false;
        QTest::addRow("one row, contamination") << std::vector<std::vector<double>> { { 1.0, 2.0 } } << true;
        QTest::addRow("identical rows") << std::vector<std::vector<double>>(5, { 1.0, 1.0 }) << false;
        QTest::addRow("identical rows, contamination") << std::vector<std::vector<double>>(5, { 1.0, 1.0 }) << true;
        QTest::addRow("two rows") << std::vector<std::vector<double>> { { 1.0 }, { 2.0 } } << false;
    }
    void degenerateInputsAsSklearn()
    {
        QFETCH(std::vector<std::vector<double>>, rows);
        QFETCH(bool, withContamination);
        const FeatureMatrix x = fromRows(rows);
        ForestParameters p;
        if (withContamination)
            p.contamination = 0.1;
        Result<IsolationForest> forest = IsolationForest::fit(x, p);
        QVERIFY(forest.ok());
        const ForestScores s = forest->evaluate(x).value();
        for (std::size_t i = 0; i < rows.size(); ++i) {
            QVERIFY(std::abs(s.score[i] + 0.5) < 1e-12);
            QVERIFY(std::abs(s.decision[i]) < 1e-12);
            QCOMPARE(s.prediction[i], 1);
        }
    }

    void refusesBadInput_data()
    {
        QTest::addColumn<double>("bad");
        QTest::addColumn<QString>("expected");
        QTest::addRow("NaN") << std::nan("") << QStringLiteral("row 2, column 1 ('f1'): value is NaN");
        QTest::addRow("inf") << HUGE_VAL << QStringLiteral("row 2, column 1 ('f1'): value is infinite");
    }
    void refusesBadInput()
    {
        QFETCH(double, bad);
        QFETCH(QString, expected);
        std::vector<double> values { 1, 2, 3, 4, 5, 6, 7, 8 };
        values[5] = bad;
        Result<FeatureMatrix> x = FeatureMatrix::fromValues(values, 2);
        QVERIFY(!x.ok());
        QVERIFY2(x.error().contains(expected), qPrintable(x.error()));

        // A matrix filled in place is checked by fit and by scoring too.
        FeatureMatrix y = gaussian(4, 2, 1);
        Result<IsolationForest> forest = IsolationForest::fit(y, {});
        QVERIFY(forest.ok());
        y.set(2, 1, bad);
        Result<IsolationForest> refused = IsolationForest::fit(y, {});
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().contains(expected), qPrintable(refused.error()));
        Result<ForestScores> scores = forest->evaluate(y);
        QVERIFY(!scores.ok());
        QVERIFY(scores.error().contains(expected));
    }

    // The finiteness check is one vectorised pass over all values; a bad value anywhere, in the
    // unrolled part or in the tail, must be found and named.
    void findsEveryNonFiniteValue()
    {
        for (const double bad : { std::nan(""), HUGE_VAL, -HUGE_VAL }) {
            for (int count = 1; count <= 9; ++count) {
                for (int at = 0; at < count; ++at) {
                    std::vector<double> values(std::size_t(count), 1.5);
                    values[std::size_t(at)] = bad;
                    Result<FeatureMatrix> x = FeatureMatrix::fromValues(values, 1);
                    QVERIFY(!x.ok());
                    QVERIFY2(x.error().contains(QStringLiteral("row %1, column 0").arg(at)), qPrintable(x.error()));
                }
            }
        }
        QVERIFY(FeatureMatrix::fromValues({ -1e308, 0.0, 1e308, 5e-324 }, 2).ok());
    }

    void refusesBadParameters()
    {
        const FeatureMatrix x = gaussian(10, 2, 1);
        ForestParameters p;
        p.trees = 0;
        QVERIFY(!IsolationForest::fit(x, p).ok());
        p = {};
        p.contamination = 0.7;
        QVERIFY(IsolationForest::fit(x, p).error().contains(QStringLiteral("contamination")));
        QVERIFY(!IsolationForest::fit(FeatureMatrix(), {}).ok());
        Result<IsolationForest> forest = IsolationForest::fit(x, {});
        QVERIFY(forest->evaluate(gaussian(3, 5, 1)).error().contains(QStringLiteral("5 columns")));
    }

    // Mean ROC AUC over 5 seeds within 0.02 of the published values (Liu, Ting & Zhou 2008).
    void benchmarkAuc_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<double>("published");
        QTest::addRow("shuttle") << QStringLiteral("shuttle") << 1.00;
        QTest::addRow("mammography") << QStringLiteral("mammography") << 0.86;
        QTest::addRow("satellite") << QStringLiteral("satellite") << 0.71;
    }
    void benchmarkAuc()
    {
        QFETCH(QString, name);
        QFETCH(double, published);
        const std::vector<double> aucs = aucsOverSeeds(loadBench(name), 5);
        const double mean = std::accumulate(aucs.begin(), aucs.end(), 0.0) / 5.0;
        qInfo("%s: mean ROC AUC %.4f (published %.2f)", qPrintable(name), mean, published);
        QVERIFY2(std::abs(mean - published) <= 0.02, qPrintable(QString::number(mean)));
    }
};

QTEST_GUILESS_MAIN(TestIsolationForest)
#include "tst_isolationforest.moc"
