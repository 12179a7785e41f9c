#include "model/featurematrix.h"
#include "model/isolationforest.h"
#include "model/modeljson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <random>

using namespace runlens;
using namespace runlens::model;

namespace {

FeatureMatrix data(int rows, quint64 seed)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> normal;
    FeatureMatrix x(rows, 4,
        { QStringLiteral("cpu"), QStringLiteral("mem, MB"), QStringLiteral("\"quoted\""), QStringLiteral("t") });
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < 4; ++c)
            x.set(r, c, normal(rng) * std::pow(10.0, c - 1) + 1.0 / 3.0);
    return x;
}

QByteArray edited(const IsolationForest& forest, const std::function<void(QJsonObject&)>& edit)
{
    QJsonObject root = QJsonDocument::fromJson(ModelJson::toJson(forest)).object();
    edit(root);
    return QJsonDocument(root).toJson();
}

bool pythonHasNumpy()
{
    QProcess p;
    p.start(QStringLiteral("/usr/bin/python3"), { QStringLiteral("-c"), QStringLiteral("import numpy") });
    return p.waitForFinished(30000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

} // namespace

class TestModelJson : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data()
    {
        QTest::addColumn<std::optional<double>>("contamination");
        QTest::addColumn<int>("maxSamples");
        QTest::addRow("auto") << std::optional<double>() << 0;
        QTest::addRow("contamination 0.05, 100 samples") << std::optional<double>(0.05) << 100;
    }
    void roundTrip()
    {
        QFETCH(std::optional<double>, contamination);
        QFETCH(int, maxSamples);
        const FeatureMatrix x = data(700, 1);
        ForestParameters p;
        p.contamination = contamination;
        p.maxSamples = maxSamples;
        p.seed = 18446744073709551615ULL; // beyond a double's integers: stored as a string
        p.trees = 30;
        const IsolationForest forest = IsolationForest::fit(x, p).value();

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("model.json"));
        QVERIFY(ModelJson::save(forest, path).ok());
        Result<IsolationForest> loaded = ModelJson::load(path);
        QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error()));

        QCOMPARE(loaded->featureNames(), forest.featureNames());
        QCOMPARE(loaded->parameters().seed, p.seed);
        QCOMPARE(loaded->parameters().trees, 30);
        QCOMPARE(loaded->parameters().maxSamples, maxSamples);
        QCOMPARE(loaded->parameters().contamination, contamination);
        QCOMPARE(loaded->maxSamples(), forest.maxSamples());
        QCOMPARE(loaded->offset(), forest.offset());
        QCOMPARE(loaded->averagePathLengthMaxSamples(), forest.averagePathLengthMaxSamples());
        for (std::size_t t = 0; t < forest.trees().size(); ++t) {
            const IsolationTree::Nodes& a = forest.trees()[t].nodes();
            const IsolationTree::Nodes& b = loaded->trees()[t].nodes();
            QCOMPARE(b.feature, a.feature);
            QVERIFY(b.threshold == a.threshold); // bit for bit
            QCOMPARE(b.left, a.left);
            QCOMPARE(b.right, a.right);
            QCOMPARE(b.samples, a.samples);
        }
        const ForestScores before = forest.evaluate(x).value();
        const ForestScores after = loaded->evaluate(x).value();
        QVERIFY(before.score == after.score);
        QVERIFY(before.decision == after.decision);
        QCOMPARE(after.prediction, before.prediction);
        QCOMPARE(ModelJson::toJson(*loaded), ModelJson::toJson(forest));
    }

    // Version 2 changed how tree seeds derive from the forest seed; stored trees mean the same, so a
    // version 1 file still loads and scores as before, and is written back as the current version.
    void loadsVersion1()
    {
        const FeatureMatrix x = data(300, 2);
        ForestParameters p;
        p.trees = 10;
        const IsolationForest forest = IsolationForest::fit(x, p).value();
        QVERIFY(ModelJson::toJson(forest).contains("\"version\":2"));
        const QByteArray v1 = edited(forest, [](QJsonObject& r) { r.insert(QStringLiteral("version"), 1); });
        Result<IsolationForest> loaded = ModelJson::fromJson(v1, QStringLiteral("v1.json"));
        QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error()));
        QVERIFY(loaded->scoreSamples(x).value() == forest.scoreSamples(x).value());
        QCOMPARE(ModelJson::toJson(*loaded), ModelJson::toJson(forest));
    }

    void refusesBrokenModels_data()
    {
        QTest::addColumn<int>("which");
        QTest::addColumn<QString>("message");
        QTest::addRow("not JSON") << 0 << QStringLiteral("not valid JSON");
        QTest::addRow("other format") << 1 << QStringLiteral("not a RunLens model");
        QTest::addRow("future version") << 2 << QStringLiteral("version 3 is not supported");
        QTest::addRow("child before parent") << 3 << QStringLiteral("tree 0: node 0 has invalid children");
        QTest::addRow("feature out of range") << 4 << QStringLiteral("splits on feature 9 of 4");
        QTest::addRow("missing array") << 5 << QStringLiteral("tree 1: 'threshold' is missing");
        QTest::addRow("arrays of different lengths") << 6 << QStringLiteral("node arrays of different lengths");
        QTest::addRow("no trees") << 7 << QStringLiteral("no trees");
        QTest::addRow("node with two parents") << 8 << QStringLiteral("every node but the root has one parent");
        QTest::addRow("deeper than its samples allow") << 9 << QStringLiteral("one grown on 2 samples has at most 1");
    }
    void refusesBrokenModels()
    {
        QFETCH(int, which);
        QFETCH(QString, message);
        const IsolationForest forest = IsolationForest::fit(data(100, 2), ForestParameters { 3, 0, {}, 1 }).value();
        const auto editTree = [](int t, const QString& key, const std::function<void(QJsonArray&)>& change) {
            return [=](QJsonObject& root) {
                QJsonArray trees = root.value(QStringLiteral("trees")).toArray();
                QJsonObject tree = trees.at(t).toObject();
                QJsonArray array = tree.value(key).toArray();
                change(array);
                tree.insert(key, array);
                trees.replace(t, tree);
                root.insert(QStringLiteral("trees"), trees);
            };
        };
        QByteArray json;
        switch (which) {
        case 0:
            json = "{\"format\": ";
            break;
        case 1:
            json
                = edited(forest, [](QJsonObject& r) { r.insert(QStringLiteral("format"), QStringLiteral("xgboost")); });
            break;
        case 2:
            json = edited(forest, [](QJsonObject& r) { r.insert(QStringLiteral("version"), 3); });
            break;
        case 3:
            json = edited(forest, editTree(0, QStringLiteral("left"), [](QJsonArray& a) { a.replace(0, 0); }));
            break;
        case 4:
            json = edited(forest, editTree(0, QStringLiteral("feature"), [](QJsonArray& a) { a.replace(0, 9); }));
            break;
        case 5:
            json = edited(forest, [](QJsonObject& r) {
                QJsonArray trees = r.value(QStringLiteral("trees")).toArray();
                QJsonObject tree = trees.at(1).toObject();
                tree.remove(QStringLiteral("threshold"));
                trees.replace(1, tree);
                r.insert(QStringLiteral("trees"), trees);
            });
            break;
        case 6:
            json = edited(forest, editTree(2, QStringLiteral("n_samples"), [](QJsonArray& a) { a.append(1); }));
            break;
        case 7:
            json = edited(forest, [](QJsonObject& r) { r.insert(QStringLiteral("trees"), QJsonArray()); });
            break;
        case 8: {
            // The root's right child becomes its left child's left child: a node with two parents.
            const IsolationTree::Nodes& nodes = forest.trees()[0].nodes();
            const int grandchild = nodes.left[std::size_t(nodes.left[0])];
            QVERIFY(grandchild > 0);
            json = edited(
                forest, editTree(0, QStringLiteral("right"), [=](QJsonArray& a) { a.replace(0, grandchild); }));
            break;
        }
        case 9:
            json = edited(forest, editTree(0, QStringLiteral("n_samples"), [](QJsonArray& a) { a.replace(0, 2); }));
            break;
        }
        Result<IsolationForest> loaded = ModelJson::fromJson(json, QStringLiteral("model 'm.json'"));
        QVERIFY(!loaded.ok());
        QVERIFY2(loaded.error().startsWith(QStringLiteral("model 'm.json'")), qPrintable(loaded.error()));
        QVERIFY2(loaded.error().contains(message), qPrintable(loaded.error()));
    }

    void missingFileNamesThePath()
    {
        Result<IsolationForest> loaded = ModelJson::load(QStringLiteral("/nonexistent/model.json"));
        QVERIFY(!loaded.ok());
        QVERIFY(loaded.error().contains(QStringLiteral("/nonexistent/model.json")));
    }

    // tools/score_model.py (numpy only) reproduces the scores from model.json to 1e-9.
    void pythonScorerAgrees()
    {
        if (!pythonHasNumpy())
            QSKIP("/usr/bin/python3 with numpy is not available");
        const FeatureMatrix x = data(500, 3);
        ForestParameters p;
        p.contamination = 0.1;
        const IsolationForest forest = IsolationForest::fit(x, p).value();
        const ForestScores expected = forest.evaluate(x).value();

        QTemporaryDir dir;
        const QString modelPath = dir.filePath(QStringLiteral("model.json"));
        const QString csvPath = dir.filePath(QStringLiteral("data.csv"));
        QVERIFY(ModelJson::save(forest, modelPath).ok());
        QFile csv(csvPath);
        QVERIFY(csv.open(QIODevice::WriteOnly));
        // Columns in another order plus an extra one: the scorer selects by feature name.
        csv.write("label,t,\"mem, MB\",cpu,\"\"\"quoted\"\"\"\n");
        for (int r = 0; r < x.rows(); ++r) {
            csv.write(QStringLiteral("0,%1,%2,%3,%4\n")
                          .arg(x.at(r, 3), 0, 'g', 17)
                          .arg(x.at(r, 1), 0, 'g', 17)
                          .arg(x.at(r, 0), 0, 'g', 17)
                          .arg(x.at(r, 2), 0, 'g', 17)
                          .toUtf8());
        }
        csv.close();

        QProcess python;
        python.start(QStringLiteral("/usr/bin/python3"),
            { QStringLiteral(RUNLENS_SOURCE_DIR "/tools/score_model.py"), modelPath, csvPath });
        QVERIFY(python.waitForFinished(60000));
        QCOMPARE(python.exitCode(), 0);
        const QStringList lines
            = QString::fromUtf8(python.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), x.rows() + 1);
        QCOMPARE(lines.first(), QStringLiteral("row,path_length,score,decision,anomaly"));
        for (int r = 0; r < x.rows(); ++r) {
            const QStringList f = lines.at(r + 1).split(QLatin1Char(','));
            const auto i = std::size_t(r);
            QVERIFY(std::abs(f.at(1).toDouble() - expected.pathLength[i]) < 1e-9);
            QVERIFY(std::abs(f.at(2).toDouble() - expected.score[i]) < 1e-9);
            QVERIFY(std::abs(f.at(3).toDouble() - expected.decision[i]) < 1e-9);
            QCOMPARE(f.at(4).toInt(), expected.prediction[i] < 0 ? 1 : 0);
        }
    }
};

QTEST_GUILESS_MAIN(TestModelJson)
#include "tst_modeljson.moc"
