#include "runliststore.h"

#include "storedtime.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace runlens::workspace {

RunListStore::RunListStore(const Workspace& workspace)
    : m_connection(workspace)
{
}

Status RunListStore::forEach(const std::function<bool(RunListing&)>& row) const
{
    QSqlQuery q(m_connection.database());
    q.setForwardOnly(true); // read once: Qt would otherwise keep a copy of every row
    // The runs table scanned in storage order, each archive found by its primary key (EXPLAIN QUERY
    // PLAN: SCAN r, SEARCH a USING INDEX sqlite_autoindex_log_archives_1). An ORDER BY here made SQLite
    // sort every run in a temporary B-tree before it returned the first.
    const bool prepared = q.prepare(QStringLiteral(
        "SELECT r.run_id, r.attempt, r.repository_id, COALESCE(NULLIF(r.workflow_name, ''), r.workflow_path), "
        "r.run_number, r.event, r.branch, COALESCE(NULLIF(r.conclusion, ''), r.status), r.created_at, "
        "r.started_at, r.updated_at, r.html_url, a.state, "
        "CASE WHEN a.state = 'downloaded' THEN a.bytes END, CASE WHEN a.state = 'downloaded' THEN a.path END "
        "FROM runs r LEFT JOIN log_archives a ON a.run_id = r.run_id AND a.attempt = r.attempt"));
    if (!prepared || !q.exec())
        return m_connection.error(QStringLiteral("list runs"), q);
    RunListing listing;
    while (q.next()) {
        listing.runId = q.value(0).toLongLong();
        listing.attempt = q.value(1).toInt();
        listing.repositoryId = q.value(2).toLongLong();
        listing.workflow = q.value(3).toString();
        listing.runNumber = q.value(4).toLongLong();
        listing.event = q.value(5).toString();
        listing.branch = q.value(6).toString();
        listing.conclusion = q.value(7).toString();
        listing.createdAt = parseStoredTime(q.value(8));
        listing.startedAt = parseStoredTime(q.value(9));
        listing.updatedAt = parseStoredTime(q.value(10));
        listing.htmlUrl = q.value(11).toString();
        listing.archiveState = q.value(12).toString();
        const QVariant bytes = q.value(13);
        listing.archiveBytes = bytes.isNull() ? -1 : bytes.toLongLong();
        listing.archivePath = q.value(14).toString();
        if (!row(listing))
            return {};
    }
    if (q.lastError().isValid())
        return m_connection.error(QStringLiteral("list runs"), q);
    return {};
}

} // namespace runlens::workspace
