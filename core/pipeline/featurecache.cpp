#include "featurecache.h"

#include "features/featureextractor.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

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

Error sqlError(const QString& what, const QSqlQuery& query)
{
    return makeError(QStringLiteral("feature cache: %1: %2").arg(what, query.lastError().text()));
}
} // namespace

FeatureCache::FeatureCache(QString connectionName)
    : m_connection(std::move(connectionName))
{
}

Status FeatureCache::begin()
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    if (!db.transaction())
        return makeError(QStringLiteral("feature cache: cannot begin a transaction: %1").arg(db.lastError().text()));
    return {};
}

Status FeatureCache::commit()
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    if (!db.commit())
        return makeError(QStringLiteral("feature cache: cannot commit: %1").arg(db.lastError().text()));
    return {};
}

Result<std::optional<RunFeatures>> FeatureCache::load(qint64 runId, int attempt, const QString& archiveSha256) const
{
    QSqlQuery query(QSqlDatabase::database(m_connection));
    query.prepare(QStringLiteral("SELECT name, value, json FROM features WHERE run_id = ? AND attempt = ?"));
    query.addBindValue(runId);
    query.addBindValue(attempt);
    if (!query.exec())
        return sqlError(QStringLiteral("reading run %1").arg(runId), query);

    RunFeatures run;
    bool metaValid = false;
    int valuesFound = 0;
    while (query.next()) {
        const QString name = query.value(0).toString();
        if (name == kMeta) {
            const QJsonObject meta = QJsonDocument::fromJson(query.value(2).toByteArray()).object();
            metaValid = meta.value(QLatin1String("version")).toInt() == features::FeatureExtractor::kVersion
                && meta.value(QLatin1String("sha256")).toString() == archiveSha256;
            run.error = meta.value(QLatin1String("error")).toString();
            run.finalCause = logs::categoryFromId(meta.value(QLatin1String("final_cause")).toString());
        } else if (name == kTemplates) {
            const QByteArray blob = query.value(2).toByteArray();
            run.templates.resize(size_t(blob.size()) / sizeof(quint64));
            std::memcpy(run.templates.data(), blob.constData(), run.templates.size() * sizeof(quint64));
        } else if (name == kErrorLines) {
            const QJsonArray lines = QJsonDocument::fromJson(query.value(2).toByteArray()).array();
            for (const QJsonValue& value : lines) {
                const QJsonArray item = value.toArray();
                run.errorLines.push_back({ item.at(0).toString().toULongLong(nullptr, 16),
                    { item.at(1).toString(), qint64(item.at(2).toDouble()) } });
            }
        } else if (const int index = features::featureIndex(name); index >= 0) {
            run.values[size_t(index)] = query.value(1).toDouble();
            run.evidence[size_t(index)] = refsFromJson(QJsonDocument::fromJson(query.value(2).toByteArray()).array());
            ++valuesFound;
        }
    }
    if (!metaValid || (run.error.isEmpty() && valuesFound != features::kFeatureCount))
        return std::optional<RunFeatures>();
    return std::optional<RunFeatures>(std::move(run));
}

Status FeatureCache::store(qint64 runId, int attempt, const QString& archiveSha256, const RunFeatures& run)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    QSqlQuery remove(db);
    remove.prepare(QStringLiteral("DELETE FROM features WHERE run_id = ? AND attempt = ?"));
    remove.addBindValue(runId);
    remove.addBindValue(attempt);
    if (!remove.exec())
        return sqlError(QStringLiteral("replacing run %1").arg(runId), remove);

    QSqlQuery insert(db);
    insert.prepare(QStringLiteral("INSERT INTO features (run_id, attempt, name, value, json) VALUES (?, ?, ?, ?, ?)"));
    auto add = [&](const QString& name, const QVariant& value, const QVariant& json) -> Status {
        insert.addBindValue(runId);
        insert.addBindValue(attempt);
        insert.addBindValue(name);
        insert.addBindValue(value);
        insert.addBindValue(json);
        if (!insert.exec())
            return sqlError(QStringLiteral("storing %1 of run %2").arg(name).arg(runId), insert);
        return {};
    };

    const QJsonObject meta { { QStringLiteral("version"), features::FeatureExtractor::kVersion },
        { QStringLiteral("sha256"), archiveSha256 }, { QStringLiteral("error"), run.error },
        { QStringLiteral("final_cause"), run.finalCause ? logs::categoryId(*run.finalCause) : QString() } };
    if (Status s = add(kMeta, QVariant(), QJsonDocument(meta).toJson(QJsonDocument::Compact)); !s)
        return s;
    if (!run.error.isEmpty())
        return {};
    const QList<features::FeatureDefinition>& catalog = features::featureCatalog();
    for (int i = 0; i < catalog.size(); ++i) {
        const QByteArray evidence = QJsonDocument(refsToJson(run.evidence[size_t(i)])).toJson(QJsonDocument::Compact);
        if (Status s = add(catalog.at(i).id, run.values[size_t(i)], evidence); !s)
            return s;
    }
    const QByteArray templates(
        reinterpret_cast<const char*>(run.templates.data()), qsizetype(run.templates.size() * sizeof(quint64)));
    if (Status s = add(kTemplates, QVariant(), templates); !s)
        return s;
    QJsonArray errorLines;
    for (const features::TemplatedLine& line : run.errorLines)
        errorLines.append(QJsonArray { QString::number(line.hash, 16), line.ref.entry, double(line.ref.line) });
    return add(kErrorLines, QVariant(), QJsonDocument(errorLines).toJson(QJsonDocument::Compact));
}

} // namespace runlens::pipeline
