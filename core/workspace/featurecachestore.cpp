#include "featurecachestore.h"

#include "sqlitestatement.h"

#include <QSqlQuery>

namespace runlens::workspace {

namespace {
// "?,?,?": `count` placeholders.
QString marks(qsizetype count)
{
    QStringList marks;
    for (qsizetype i = 0; i < count; ++i)
        marks << QStringLiteral("?");
    return marks.join(u',');
}
} // namespace

FeatureCacheStore::FeatureCacheStore(const Workspace& workspace)
    : m_connection(workspace)
{
}

Status FeatureCacheStore::begin()
{
    return m_connection.begin();
}

Status FeatureCacheStore::commit()
{
    return m_connection.commit();
}

Result<QList<FeatureRow>> FeatureCacheStore::rows(RunKey run, const QStringList& names) const
{
    const QString sql = QStringLiteral("SELECT name, value, json FROM features WHERE run_id = ? AND attempt = ?")
        + (names.isEmpty() ? QString() : QStringLiteral(" AND name IN (%1)").arg(marks(names.size())));
    auto prepared = m_rowQueries.find(sql);
    if (prepared == m_rowQueries.end()) {
        QSqlQuery query(m_connection.database());
        query.setForwardOnly(true);
        if (!query.prepare(sql))
            return m_connection.error(QStringLiteral("read the features of run %1").arg(run.toString()), query);
        prepared = m_rowQueries.insert(sql, std::move(query));
    }
    QSqlQuery& q = *prepared;
    q.addBindValue(run.runId);
    q.addBindValue(run.attempt);
    StoreConnection::bindNames(q, names);
    if (!q.exec())
        return m_connection.error(QStringLiteral("read the features of run %1").arg(run.toString()), q);
    QList<FeatureRow> out;
    while (q.next())
        out.append({ q.value(0).toString(), q.value(1), q.value(2).toByteArray() });
    q.finish();
    return out;
}

Status FeatureCacheStore::forEachRow(const QStringList& names,
    const std::function<void(RunKey, int name, double value, const QByteArray& json)>& visit) const
{
    // json is the last column: rows whose json is not wanted are read without their evidence's pages.
    // Through SQLite's C API: this reads millions of rows when a large stored analysis opens.
    Result<SqliteStatement> q = SqliteStatement::prepare(m_connection.database(),
        QStringLiteral("SELECT run_id, attempt, %1, value, CASE WHEN name = ? THEN json END FROM features "
                       "WHERE name IN (%2)")
            .arg(StoreConnection::namePosition(QStringLiteral("name"), names.size()), marks(names.size())),
        QStringLiteral("workspace '%1': cannot read the features").arg(m_connection.dir()));
    if (!q)
        return Error { q.error() };
    int next = q->bind(1, names);
    q->bind(next++, names.value(0));
    q->bind(next, names);
    return q->forEachRow([&] {
        visit(RunKey { q->int64(0), int(q->int64(1)) }, q->isNull(2) ? -1 : int(q->int64(2)), q->real(3),
            q->isNull(4) ? QByteArray() : q->bytes(4));
        return true;
    });
}

Status FeatureCacheStore::replace(RunKey run, const QList<FeatureRow>& rows)
{
    QSqlDatabase db = m_connection.database();
    QSqlQuery remove(db);
    remove.prepare(QStringLiteral("DELETE FROM features WHERE run_id = ? AND attempt = ?"));
    remove.addBindValue(run.runId);
    remove.addBindValue(run.attempt);
    if (!remove.exec())
        return m_connection.error(QStringLiteral("replace the features of run %1").arg(run.toString()), remove);
    return insert(run, rows, QStringLiteral("INSERT"));
}

Status FeatureCacheStore::update(RunKey run, const QList<FeatureRow>& rows)
{
    return insert(run, rows, QStringLiteral("INSERT OR REPLACE"));
}

Status FeatureCacheStore::insert(RunKey run, const QList<FeatureRow>& rows, const QString& verb)
{
    QSqlQuery insert(m_connection.database());
    insert.prepare(verb + QStringLiteral(" INTO features (run_id, attempt, name, value, json) VALUES (?, ?, ?, ?, ?)"));
    for (const FeatureRow& row : rows) {
        insert.addBindValue(run.runId);
        insert.addBindValue(run.attempt);
        insert.addBindValue(row.name);
        insert.addBindValue(row.value);
        insert.addBindValue(row.json);
        if (!insert.exec())
            return m_connection.error(
                QStringLiteral("store feature %1 of run %2").arg(row.name, run.toString()), insert);
    }
    return {};
}

} // namespace runlens::workspace
