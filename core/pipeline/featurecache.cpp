#include "featurecache.h"

#include "features/baselines.h"
#include "features/featureextractor.h"
#include "workspace/workspace.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cstring>

namespace runlens::pipeline {

namespace {
using features::Feature;
using features::LineRef;
using features::RunFeatures;

const QString kMeta = QStringLiteral("_meta");
const QString kTemplates = QStringLiteral("_templates");
const QString kErrorLines = QStringLiteral("_error_lines");

QJsonArray refsToJson(const QList<LineRef>& refs)
{
    QJsonArray array;
    for (const LineRef& ref : refs)
        array.append(QJsonArray { ref.entry, double(ref.line) });
    return array;
}

QList<LineRef> refsFromJson(const QJsonArray& array)
{
    QList<LineRef> refs;
    refs.reserve(array.size());
    for (const QJsonValue& value : array) {
        const QJsonArray pair = value.toArray();
        refs.append({ pair.at(0).toString(), qint64(pair.at(1).toDouble()) });
    }
    return refs;
}

// The names of the rows of feature values, in the catalog's order.
const QStringList& featureIds()
{
    static const QStringList ids = [] {
        QStringList list;
        for (const features::FeatureDefinition& definition : features::featureCatalog())
            list << definition.id;
        return list;
    }();
    return ids;
}

// A feature's catalog index by its id (features::featureIndex() without its scan of the catalog: a run has
// 53 rows), -1 for the other rows.
int columnOf(const QString& name)
{
    static const QHash<QString, int> columns = [] {
        QHash<QString, int> map;
        for (qsizetype i = 0; i < featureIds().size(); ++i)
            map.insert(featureIds().at(i), int(i));
        return map;
    }();
    return columns.value(name, -1);
}

// A cached extraction's `_meta` row: valid for this extractor version and that archive checksum, and
// whether the logs could be read.
struct Meta
{
    bool valid = false;
    QString error;
    std::optional<logs::MemoryCategory> finalCause;
};

Meta metaOf(const QByteArray& json, const QString& archiveSha256)
{
    const QJsonObject meta = QJsonDocument::fromJson(json).object();
    return { meta.value(QLatin1String("version")).toInt() == features::FeatureExtractor::kVersion
            && meta.value(QLatin1String("sha256")).toString() == archiveSha256,
        meta.value(QLatin1String("error")).toString(),
        logs::categoryFromId(meta.value(QLatin1String("final_cause")).toString()) };
}

features::FeatureEvidence evidenceOf(const QList<workspace::FeatureRow>& rows)
{
    features::FeatureEvidence evidence;
    for (const workspace::FeatureRow& row : rows) {
        if (const int index = columnOf(row.name); index >= 0)
            evidence[size_t(index)] = refsFromJson(QJsonDocument::fromJson(row.json).array());
    }
    return evidence;
}

workspace::FeatureRow featureRow(const RunFeatures& run, int index)
{
    return { features::featureCatalog().at(index).id, run.values[size_t(index)],
        QJsonDocument(refsToJson(run.evidence[size_t(index)])).toJson(QJsonDocument::Compact) };
}

} // namespace

FeatureCache::FeatureCache(const workspace::Workspace& workspace)
    : m_store(workspace)
    , m_readOnly(workspace.isReadOnly())
{
}

Status FeatureCache::begin()
{
    return m_readOnly ? Status {} : m_store.begin();
}

Status FeatureCache::commit()
{
    return m_readOnly ? Status {} : m_store.commit();
}

Result<QList<workspace::FeatureRow>> FeatureCache::rowsOf(RunKey key, const QStringList& names) const
{
    if (m_readOnly) {
        if (const auto it = m_unwritten.constFind(key); it != m_unwritten.cend())
            return *it; // all of them: load() and evidence() take what they need
    }
    return m_store.rows(key, names);
}

Status FeatureCache::replaceRows(RunKey key, const QList<workspace::FeatureRow>& rows)
{
    if (!m_readOnly)
        return m_store.replace(key, rows);
    m_unwritten.insert(key, rows);
    return {};
}

Status FeatureCache::updateRows(RunKey key, const QList<workspace::FeatureRow>& rows)
{
    if (!m_readOnly)
        return m_store.update(key, rows);
    Result<QList<workspace::FeatureRow>> current = rowsOf(key);
    if (!current)
        return Error { current.error() };
    QList<workspace::FeatureRow> merged = *current;
    for (const workspace::FeatureRow& row : rows) {
        const auto same = std::find_if(
            merged.begin(), merged.end(), [&](const workspace::FeatureRow& old) { return old.name == row.name; });
        if (same != merged.end())
            *same = row;
        else
            merged.append(row);
    }
    m_unwritten.insert(key, merged);
    return {};
}

Result<std::optional<Result<RunFeatures>>> FeatureCache::load(RunKey key, const QString& archiveSha256) const
{
    return load(key, archiveSha256, {}, features::kFeatureCount, true);
}

Result<std::optional<Result<RunFeatures>>> FeatureCache::loadWithoutEvidence(
    RunKey key, const QString& archiveSha256) const
{
    return load(key, archiveSha256, {}, features::kFeatureCount, false);
}

Result<std::optional<Result<RunFeatures>>> FeatureCache::loadBaselineMaterial(
    RunKey key, const QString& archiveSha256) const
{
    static const QStringList names = [] {
        QStringList list { kMeta, kTemplates, kErrorLines,
            features::featureDefinition(features::Feature::DurationSeconds).id };
        for (features::Feature feature : features::Baselines::kFeatures)
            list << features::featureDefinition(feature).id;
        return list;
    }();
    return load(key, archiveSha256, names, int(features::Baselines::kFeatures.size()) + 1, true);
}

Result<std::optional<Result<RunFeatures>>> FeatureCache::load(
    RunKey key, const QString& archiveSha256, const QStringList& names, int values, bool withEvidence) const
{
    using Cached = std::optional<Result<RunFeatures>>;
    Result<QList<workspace::FeatureRow>> rows = rowsOf(key, names);
    if (!rows)
        return makeError(rows.error());

    RunFeatures run;
    bool metaValid = false;
    QString error;
    int valuesFound = 0;
    for (const workspace::FeatureRow& row : std::as_const(*rows)) {
        const QString& name = row.name;
        if (name == kMeta) {
            Meta meta = metaOf(row.json, archiveSha256);
            metaValid = meta.valid;
            error = std::move(meta.error);
            run.finalCause = meta.finalCause;
        } else if (name == kTemplates) {
            const QByteArray& blob = row.json;
            run.templates.resize(size_t(blob.size()) / sizeof(quint64));
            std::memcpy(run.templates.data(), blob.constData(), run.templates.size() * sizeof(quint64));
        } else if (name == kErrorLines) {
            const QJsonArray lines = QJsonDocument::fromJson(row.json).array();
            for (const QJsonValue& value : lines) {
                const QJsonArray item = value.toArray();
                run.errorLines.push_back({ item.at(0).toString().toULongLong(nullptr, 16),
                    { item.at(1).toString(), qint64(item.at(2).toDouble()) } });
            }
        } else if (const int index = columnOf(name); index >= 0) {
            run.values[size_t(index)] = row.value.toDouble();
            if (withEvidence)
                run.evidence[size_t(index)] = refsFromJson(QJsonDocument::fromJson(row.json).array());
            ++valuesFound;
        }
    }
    if (!metaValid)
        return Cached();
    if (!error.isEmpty())
        return Cached(Result<RunFeatures>(makeError(error)));
    if (valuesFound < values) // a row missing: not cached whole
        return Cached();
    return Cached(std::move(run));
}

Result<QHash<RunKey, features::FeatureValues>> FeatureCache::values(const QHash<RunKey, QString>& archiveSha256) const
{
    struct Partial
    {
        features::FeatureValues values;
        int found = 0;
        bool valid = false;
    };
    // Name 0 is the _meta row, name i + 1 the value of feature i.
    const QStringList names = QStringList { kMeta } + featureIds();
    QHash<RunKey, Partial> partial;
    partial.reserve(archiveSha256.size());
    // The rows of a run come together (they are stored together): its lookups are done once.
    std::optional<RunKey> currentKey;
    Partial* current = nullptr;
    const QString* currentSha = nullptr;
    Status read = m_store.forEachRow(names, [&](RunKey key, int name, double value, const QByteArray& json) {
        if (key != currentKey) {
            currentKey = key;
            const auto found = archiveSha256.constFind(key);
            currentSha = found != archiveSha256.cend() ? &*found : nullptr;
            current = currentSha ? &partial[key] : nullptr;
        }
        if (!current)
            return;
        if (name == 0) {
            const Meta meta = metaOf(json, *currentSha);
            current->valid = meta.valid && meta.error.isEmpty();
            current->values.finalCause = meta.finalCause;
        } else if (name > 0) {
            current->values.values[size_t(name - 1)] = value;
            ++current->found;
        }
    });
    if (!read)
        return makeError(read.error());
    QHash<RunKey, features::FeatureValues> out;
    out.reserve(partial.size());
    for (auto it = partial.cbegin(); it != partial.cend(); ++it) {
        if (it->valid && it->found == features::kFeatureCount && !m_unwritten.contains(it.key()))
            out.insert(it.key(), it->values);
    }
    // What a read-only workspace's cache holds in memory replaces the stored rows.
    for (auto it = m_unwritten.cbegin(); it != m_unwritten.cend(); ++it) {
        const auto sha = archiveSha256.constFind(it.key());
        if (sha == archiveSha256.cend())
            continue;
        Result<std::optional<Result<RunFeatures>>> cached = load(it.key(), *sha);
        if (!cached)
            return makeError(cached.error());
        if (cached->has_value() && **cached)
            out.insert(it.key(), static_cast<const features::FeatureValues&>(***cached));
    }
    return out;
}

Status FeatureCache::store(RunKey key, const QString& archiveSha256, const Result<RunFeatures>& extracted)
{
    QList<workspace::FeatureRow> rows;
    const QString error = extracted ? QString() : extracted.error();
    QString finalCause;
    if (extracted && extracted->finalCause)
        finalCause = logs::categoryId(*extracted->finalCause);
    const QJsonObject meta { { QStringLiteral("version"), features::FeatureExtractor::kVersion },
        { QStringLiteral("sha256"), archiveSha256 }, { QStringLiteral("error"), error },
        { QStringLiteral("final_cause"), finalCause } };
    rows.append({ kMeta, QVariant(), QJsonDocument(meta).toJson(QJsonDocument::Compact) });
    if (!extracted)
        return replaceRows(key, rows);
    const RunFeatures& run = *extracted;
    const QList<features::FeatureDefinition>& catalog = features::featureCatalog();
    for (int i = 0; i < catalog.size(); ++i)
        rows.append(featureRow(run, i));
    rows.append({ kTemplates, QVariant(),
        QByteArray(
            reinterpret_cast<const char*>(run.templates.data()), qsizetype(run.templates.size() * sizeof(quint64))) });
    QJsonArray errorLines;
    for (const features::TemplatedLine& line : run.errorLines)
        errorLines.append(QJsonArray { QString::number(line.hash, 16), line.ref.entry, double(line.ref.line) });
    rows.append({ kErrorLines, QVariant(), QJsonDocument(errorLines).toJson(QJsonDocument::Compact) });
    return replaceRows(key, rows);
}

Status FeatureCache::storeBaselineFeatures(RunKey key, const RunFeatures& run, const RunFeatures& stored)
{
    QList<workspace::FeatureRow> rows;
    for (features::Feature feature : features::Baselines::kFeatures) {
        if (run.value(feature) != stored.value(feature) || run.evidenceOf(feature) != stored.evidenceOf(feature))
            rows.append(featureRow(run, int(feature)));
    }
    return rows.isEmpty() ? Status() : updateRows(key, rows);
}

Result<features::FeatureEvidence> FeatureCache::evidence(RunKey key) const
{
    Result<QList<workspace::FeatureRow>> rows = rowsOf(key, featureIds()); // not the baseline material
    if (!rows)
        return makeError(rows.error());
    return evidenceOf(*rows);
}

QHash<RunKey, features::FeatureEvidence> FeatureCache::unwrittenEvidence() const
{
    QHash<RunKey, features::FeatureEvidence> out;
    out.reserve(m_unwritten.size());
    for (auto it = m_unwritten.cbegin(); it != m_unwritten.cend(); ++it)
        out.insert(it.key(), evidenceOf(*it));
    return out;
}

} // namespace runlens::pipeline
