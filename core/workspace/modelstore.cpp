#include "modelstore.h"

#include "sqlitestatement.h"

#include <QDateTime>
#include <QSqlQuery>
#include <QVariant>

#include <cmath>
#include <limits>

namespace runlens::workspace {

ModelStore::ModelStore(const Workspace& workspace)
    : m_connection(workspace)
{
}

Result<qint64> ModelStore::store(
    const QString& name, const QByteArray& json, const QStringList& featureIds, std::span<const ScoredRun> runs)
{
    Result<qint64> modelId = beginModel(name, json);
    if (!modelId)
        return modelId;
    if (Status s = addScores(*modelId, featureIds, runs); !s)
        return makeError(s.error());
    if (Status s = commit(); !s)
        return makeError(s.error());
    return modelId;
}

Result<qint64> ModelStore::beginModel(const QString& name, const QByteArray& json)
{
    if (Status s = m_connection.begin(); !s)
        return makeError(s.error());
    QSqlQuery model(m_connection.database());
    model.prepare(QStringLiteral("INSERT INTO models (name, json, created_at) VALUES (?, ?, ?)"));
    model.addBindValue(name);
    model.addBindValue(QString::fromUtf8(json));
    model.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    if (!model.exec()) {
        Error error = m_connection.error(QStringLiteral("store the model"), model);
        m_connection.rollback();
        return error;
    }
    return model.lastInsertId().toLongLong();
}

Status ModelStore::commit()
{
    return m_connection.commit();
}

void ModelStore::rollback()
{
    m_connection.rollback();
}

Status ModelStore::addScores(qint64 modelId, const QStringList& featureIds, std::span<const ScoredRun> runs)
{
    auto fail = [&](const QString& what, const QSqlQuery& q) {
        Error error = m_connection.error(what, q);
        m_connection.rollback();
        return error;
    };
    QSqlDatabase db = m_connection.database();
    QSqlQuery score(db);
    score.prepare(QStringLiteral("INSERT INTO scores (model_id, run_id, attempt, name, value) VALUES (?, ?, ?, ?, ?)"));
    QSqlQuery contribution(db);
    contribution.prepare(
        QStringLiteral("INSERT INTO contributions (model_id, run_id, attempt, name, value) VALUES (?, ?, ?, ?, ?)"));
    auto insert = [&](QSqlQuery& q, const ScoredRun& run, const QString& what, double value) {
        q.addBindValue(modelId);
        q.addBindValue(run.key.runId);
        q.addBindValue(run.key.attempt);
        q.addBindValue(what);
        q.addBindValue(value);
        return q.exec();
    };
    for (const ScoredRun& run : runs) {
        if (!insert(score, run, QStringLiteral("score"), run.score)
            || !insert(score, run, QStringLiteral("decision"), run.decision)
            || !insert(score, run, QStringLiteral("flagged"), run.flagged ? 1 : 0))
            return fail(QStringLiteral("store the scores of run %1").arg(run.key.toString()), score);
        for (const auto& [seed, value] : run.seedScores) {
            if (!insert(score, run, QStringLiteral("seed_score:%1").arg(seed), value)
                || !insert(score, run, QStringLiteral("seed_flagged:%1").arg(seed),
                    run.seedFlags.count(seed) && run.seedFlags.at(seed) ? 1 : 0))
                return fail(QStringLiteral("store the seed sweep of run %1").arg(run.key.toString()), score);
        }
        if (!std::isnan(run.stability) && !insert(score, run, QStringLiteral("stability"), run.stability))
            return fail(QStringLiteral("store the stability of run %1").arg(run.key.toString()), score);
        for (size_t i = 0; i < run.contributions.size() && i < size_t(featureIds.size()); ++i) {
            if (!insert(contribution, run, featureIds.at(qsizetype(i)), run.contributions[i]))
                return fail(QStringLiteral("store the contributions of run %1").arg(run.key.toString()), contribution);
        }
    }
    return {};
}

Status ModelStore::setAnalysisJson(qint64 modelId, const QByteArray& json)
{
    QSqlQuery q(m_connection.database());
    q.prepare(QStringLiteral("UPDATE models SET analysis = ? WHERE id = ?"));
    q.addBindValue(QString::fromUtf8(json));
    q.addBindValue(modelId);
    if (!q.exec()) {
        Error error = m_connection.error(QStringLiteral("store the analysis of model %1").arg(modelId), q);
        m_connection.rollback();
        return error;
    }
    return {};
}

Result<QByteArray> ModelStore::modelColumn(qint64 modelId, const QString& column) const
{
    QSqlQuery q(m_connection.database());
    q.prepare(QStringLiteral("SELECT %1 FROM models WHERE id = ?").arg(column));
    q.addBindValue(modelId);
    if (!q.exec())
        return m_connection.error(QStringLiteral("read model %1").arg(modelId), q);
    if (!q.next())
        return makeError(QStringLiteral("workspace has no model %1").arg(modelId));
    return q.value(0).toString().toUtf8();
}

Result<QByteArray> ModelStore::modelJson(qint64 modelId) const
{
    return modelColumn(modelId, QStringLiteral("json"));
}

Result<QByteArray> ModelStore::analysisJson(qint64 modelId) const
{
    return modelColumn(modelId, QStringLiteral("analysis"));
}

Result<std::optional<qint64>> ModelStore::latestModelId() const
{
    QSqlQuery q(m_connection.database());
    if (!q.exec(QStringLiteral("SELECT MAX(id) FROM models")) || !q.next())
        return m_connection.error(QStringLiteral("read the models"), q);
    if (q.value(0).isNull())
        return std::optional<qint64>();
    return std::optional<qint64>(q.value(0).toLongLong());
}

Result<QList<ScoredRun>> ModelStore::scores(qint64 modelId) const
{
    QSqlQuery q(m_connection.database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT run_id, attempt, name, value FROM scores WHERE model_id = ? "
                             "ORDER BY run_id, attempt"));
    q.addBindValue(modelId);
    if (!q.exec())
        return m_connection.error(QStringLiteral("read the scores of model %1").arg(modelId), q);
    QList<ScoredRun> runs;
    while (q.next()) {
        const RunKey key { q.value(0).toLongLong(), q.value(1).toInt() };
        if (runs.isEmpty() || runs.constLast().key != key) {
            ScoredRun run;
            run.key = key;
            runs.append(std::move(run));
        }
        ScoredRun& run = runs.last();
        const QString name = q.value(2).toString();
        if (name == QLatin1String("score"))
            run.score = q.value(3).toDouble();
        else if (name == QLatin1String("decision"))
            run.decision = q.value(3).toDouble();
        else if (name == QLatin1String("flagged"))
            run.flagged = q.value(3).toDouble() != 0;
        else if (name == QLatin1String("stability"))
            run.stability = q.value(3).toDouble();
        else if (name.startsWith(QLatin1String("seed_score:")))
            run.seedScores[name.section(QLatin1Char(':'), 1).toULongLong()] = q.value(3).toDouble();
        else if (name.startsWith(QLatin1String("seed_flagged:")))
            run.seedFlags[name.section(QLatin1Char(':'), 1).toULongLong()] = q.value(3).toDouble() != 0;
    }
    return runs;
}

Result<QHash<RunKey, std::vector<double>>> ModelStore::contributions(
    qint64 modelId, const QStringList& featureIds) const
{
    // Through SQLite's C API: a stored analysis of 100k runs holds millions of contributions.
    Result<SqliteStatement> q = SqliteStatement::prepare(m_connection.database(),
        QStringLiteral("SELECT run_id, attempt, %1, value FROM contributions WHERE model_id = ?")
            .arg(StoreConnection::namePosition(QStringLiteral("name"), featureIds.size())),
        QStringLiteral("workspace '%1': cannot read the contributions of model %2")
            .arg(m_connection.dir())
            .arg(modelId));
    if (!q)
        return Error { q.error() };
    q->bind(q->bind(1, featureIds), modelId);
    QHash<RunKey, std::vector<double>> out;
    std::vector<double>* current = nullptr;
    RunKey currentKey;
    const Status read = q->forEachRow([&] {
        const RunKey key { q->int64(0), int(q->int64(1)) };
        if (!current || key != currentKey) {
            currentKey = key;
            current = &out[key];
            if (current->empty())
                current->assign(size_t(featureIds.size()), std::numeric_limits<double>::quiet_NaN());
        }
        if (!q->isNull(2))
            (*current)[size_t(q->int64(2))] = q->real(3);
        return true;
    });
    if (!read)
        return Error { read.error() };
    return out;
}

Result<QList<ContributionRecord>> ModelStore::strongestContributions(qint64 modelId, RunKey run, int limit) const
{
    QSqlQuery q(m_connection.database());
    q.setForwardOnly(true);
    q.prepare(
        QStringLiteral("SELECT c.name, c.value, f.value FROM contributions c "
                       "LEFT JOIN features f ON f.run_id = c.run_id AND f.attempt = c.attempt AND f.name = c.name "
                       "WHERE c.model_id = ? AND c.run_id = ? AND c.attempt = ? ORDER BY c.value ASC, c.name LIMIT ?"));
    q.addBindValue(modelId);
    q.addBindValue(run.runId);
    q.addBindValue(run.attempt);
    q.addBindValue(limit);
    if (!q.exec())
        return m_connection.error(QStringLiteral("read the contributions of run %1").arg(run.toString()), q);
    QList<ContributionRecord> out;
    while (q.next())
        out.append({ q.value(0).toString(), q.value(1).toDouble(), q.value(2).toDouble() });
    return out;
}

} // namespace runlens::workspace
