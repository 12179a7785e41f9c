#pragma once

#include "common/result.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

class QSqlQuery;

namespace runlens::workspace {

class Workspace;

// What the workspace's stores share: the workspace's own connection (so they run on the thread that
// opened it) and error messages that name the workspace.
class StoreConnection
{
public:
    explicit StoreConnection(const Workspace& workspace);

    QSqlDatabase database() const;
    QString dir() const { return m_dir; }
    // "workspace 'DIR': cannot WHAT: SQL error".
    Error error(const QString& what, const QSqlQuery& query) const;
    Error error(const QString& what) const;

    // "CASE column WHEN ? THEN 0 WHEN ? THEN 1 ... END": the position of `column`'s text in a list of `count`
    // names bound with bindNames(), NULL for others. Reading a number per row instead of a name saves Qt a
    // string per row (millions in a 100k-run workspace's features or contributions).
    static QString namePosition(const QString& column, qsizetype count);
    static void bindNames(QSqlQuery& query, const QStringList& names);

    Status begin();
    Status commit();
    void rollback();

private:
    QString m_connection;
    QString m_dir;
};

} // namespace runlens::workspace
