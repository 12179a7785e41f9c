#include "modeljson.h"

#include "isolationforest.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <cmath>

namespace runlens::model {

namespace {
const QLatin1String kFormat("runlens-isolation-forest");

template <typename T> QJsonArray toArray(const std::vector<T>& values)
{
    QJsonArray array;
    for (const T& v : values)
        array.append(v);
    return array;
}

Result<std::vector<int>> intArray(const QJsonObject& tree, const QString& key, const QString& what)
{
    const QJsonValue value = tree.value(key);
    if (!value.isArray())
        return makeError(QStringLiteral("%1: '%2' is missing or not an array").arg(what, key));
    std::vector<int> out;
    for (const QJsonValue& v : value.toArray()) {
        const double d = v.toDouble(std::nan(""));
        if (!v.isDouble() || d != std::floor(d) || std::abs(d) > 2147483647.0)
            return makeError(QStringLiteral("%1: '%2' holds a value that is not an integer").arg(what, key));
        out.push_back(int(d));
    }
    return out;
}

Result<std::vector<double>> doubleArray(const QJsonObject& tree, const QString& key, const QString& what)
{
    const QJsonValue value = tree.value(key);
    if (!value.isArray())
        return makeError(QStringLiteral("%1: '%2' is missing or not an array").arg(what, key));
    std::vector<double> out;
    for (const QJsonValue& v : value.toArray()) {
        if (!v.isDouble())
            return makeError(QStringLiteral("%1: '%2' holds a value that is not a number").arg(what, key));
        out.push_back(v.toDouble());
    }
    return out;
}
} // namespace

QByteArray ModelJson::toJson(const IsolationForest& forest)
{
    const ForestParameters& p = forest.parameters();
    QJsonObject parameters {
        { QStringLiteral("n_estimators"), p.trees },
        { QStringLiteral("max_samples"),
            p.maxSamples == 0 ? QJsonValue(QStringLiteral("auto")) : QJsonValue(p.maxSamples) },
        { QStringLiteral("contamination"),
            p.contamination ? QJsonValue(*p.contamination) : QJsonValue(QStringLiteral("auto")) },
        { QStringLiteral("seed"), QString::number(p.seed) },
    };
    QJsonArray trees;
    for (const IsolationTree& tree : forest.trees()) {
        const IsolationTree::Nodes& n = tree.nodes();
        trees.append(QJsonObject {
            { QStringLiteral("feature"), toArray(n.feature) },
            { QStringLiteral("threshold"), toArray(n.threshold) },
            { QStringLiteral("left"), toArray(n.left) },
            { QStringLiteral("right"), toArray(n.right) },
            { QStringLiteral("n_samples"), toArray(n.samples) },
        });
    }
    const QJsonObject root {
        { QStringLiteral("format"), kFormat },
        { QStringLiteral("version"), kVersion },
        { QStringLiteral("parameters"), parameters },
        { QStringLiteral("feature_names"), QJsonArray::fromStringList(forest.featureNames()) },
        { QStringLiteral("max_samples"), forest.maxSamples() },
        { QStringLiteral("max_depth"), forest.maxDepth() },
        { QStringLiteral("offset"), forest.offset() },
        { QStringLiteral("average_path_length_max_samples"), forest.averagePathLengthMaxSamples() },
        { QStringLiteral("trees"), trees },
    };
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

Result<IsolationForest> ModelJson::fromJson(const QByteArray& json, const QString& what)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return makeError(QStringLiteral("%1: not valid JSON at offset %2: %3")
                             .arg(what)
                             .arg(parseError.offset)
                             .arg(parseError.errorString()));
    const QJsonObject root = doc.object();
    if (root.value(QStringLiteral("format")).toString() != kFormat)
        return makeError(QStringLiteral("%1: not a RunLens model (\"format\" is not \"%2\")").arg(what, kFormat));
    const int version = root.value(QStringLiteral("version")).toInt(-1);
    if (version < kOldestReadableVersion || version > kVersion)
        return makeError(QStringLiteral("%1: model version %2 is not supported (expected %3 to %4)")
                             .arg(what)
                             .arg(version)
                             .arg(kOldestReadableVersion)
                             .arg(kVersion));

    ForestParameters p;
    const QJsonObject params = root.value(QStringLiteral("parameters")).toObject();
    const QJsonValue maxSamples = params.value(QStringLiteral("max_samples"));
    p.maxSamples = maxSamples.isDouble() ? maxSamples.toInt() : 0;
    const QJsonValue contamination = params.value(QStringLiteral("contamination"));
    if (contamination.isDouble())
        p.contamination = contamination.toDouble();
    bool seedOk = false;
    p.seed = params.value(QStringLiteral("seed")).toString().toULongLong(&seedOk);
    if (!seedOk)
        return makeError(QStringLiteral("%1: parameters.seed is missing or not a decimal string").arg(what));

    QStringList names;
    for (const QJsonValue& v : root.value(QStringLiteral("feature_names")).toArray())
        names.append(v.toString());
    const QJsonValue offset = root.value(QStringLiteral("offset"));
    if (!offset.isDouble())
        return makeError(QStringLiteral("%1: 'offset' is missing or not a number").arg(what));

    std::vector<IsolationTree> trees;
    const QJsonArray treeArray = root.value(QStringLiteral("trees")).toArray();
    for (qsizetype t = 0; t < treeArray.size(); ++t) {
        const QString treeWhat = QStringLiteral("%1: tree %2").arg(what).arg(t);
        const QJsonObject object = treeArray.at(t).toObject();
        IsolationTree::Nodes nodes;
        Result<std::vector<int>> feature = intArray(object, QStringLiteral("feature"), treeWhat);
        Result<std::vector<double>> threshold = doubleArray(object, QStringLiteral("threshold"), treeWhat);
        Result<std::vector<int>> left = intArray(object, QStringLiteral("left"), treeWhat);
        Result<std::vector<int>> right = intArray(object, QStringLiteral("right"), treeWhat);
        Result<std::vector<int>> samples = intArray(object, QStringLiteral("n_samples"), treeWhat);
        for (const auto* r : { &feature, &left, &right, &samples }) {
            if (!*r)
                return makeError(r->error());
        }
        if (!threshold)
            return makeError(threshold.error());
        nodes.feature = std::move(feature).value();
        nodes.threshold = std::move(threshold).value();
        nodes.left = std::move(left).value();
        nodes.right = std::move(right).value();
        nodes.samples = std::move(samples).value();
        Result<IsolationTree> tree = IsolationTree::fromNodes(std::move(nodes), int(names.size()), treeWhat);
        if (!tree)
            return makeError(tree.error());
        trees.push_back(std::move(tree).value());
    }
    return IsolationForest::fromParts(
        p, names, root.value(QStringLiteral("max_samples")).toInt(0), offset.toDouble(), std::move(trees), what);
}

Status ModelJson::save(const IsolationForest& forest, const QString& path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(QStringLiteral("model '%1': cannot write: %2").arg(path, file.errorString()));
    file.write(toJson(forest));
    if (!file.commit())
        return makeError(QStringLiteral("model '%1': cannot write: %2").arg(path, file.errorString()));
    return {};
}

Result<IsolationForest> ModelJson::load(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("model '%1': cannot read: %2").arg(path, file.errorString()));
    return fromJson(file.readAll(), QStringLiteral("model '%1'").arg(path));
}

} // namespace runlens::model
