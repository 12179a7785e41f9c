#include "storeconnection.h"

#include "workspace.h"

#include <QSqlError>
#include <QSqlQuery>

namespace runlens::workspace {

StoreConnection::StoreConnection(const Workspace& workspace)
    : m_connection(workspace.connectionName())
    , m_dir(workspace.dir())
{
}

QSqlDatabase StoreConnection::database() const
{
    return QSqlDatabase::database(m_connection, false);
}

Error StoreConnection::error(const QString& what, const QSqlQuery& query) const
{
    return makeError(QStringLiteral("workspace '%1': cannot %2: %3").arg(m_dir, what, query.lastError().text()));
}

QString StoreConnection::namePosition(const QString& column, qsizetype count)
{
    QString sql = QStringLiteral("CASE ") + column;
    for (qsizetype i = 0; i < count; ++i)
        sql += QStringLiteral(" WHEN ? THEN ") + QString::number(i);
    return sql + QStringLiteral(" END");
}

void StoreConnection::bindNames(QSqlQuery& query, const QStringList& names)
{
    for (const QString& name : names)
        query.addBindValue(name);
}

Error StoreConnection::error(const QString& what) const
{
    return makeError(QStringLiteral("workspace '%1': cannot %2: %3").arg(m_dir, what, database().lastError().text()));
}

Status StoreConnection::begin()
{
    if (!database().transaction())
        return error(QStringLiteral("begin a transaction"));
    return {};
}

Status StoreConnection::commit()
{
    if (!database().commit())
        return error(QStringLiteral("commit"));
    return {};
}

void StoreConnection::rollback()
{
    database().rollback();
}

} // namespace runlens::workspace
