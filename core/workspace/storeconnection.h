#pragma once

#include "common/result.h"

#include <QSqlDatabase>
#include <QString>

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

    Status begin();
    Status commit();
    void rollback();

private:
    QString m_connection;
    QString m_dir;
};

} // namespace runlens::workspace
