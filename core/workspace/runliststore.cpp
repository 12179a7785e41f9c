#include "runliststore.h"

#include "sqlitestatement.h"
#include "storedtime.h"

namespace runlens::workspace {

RunListStore::RunListStore(const Workspace& workspace)
    : m_connection(workspace)
{
}

Status RunListStore::forEach(const std::function<bool(RunListing&)>& row) const
{
    // The runs table scanned in storage order, each archive found by its primary key (EXPLAIN QUERY
    // PLAN: SCAN r, SEARCH a USING INDEX sqlite_autoindex_log_archives_1). An ORDER BY here made SQLite
    // sort every run in a temporary B-tree before it returned the first. Read through SQLite's C API:
    // QtSql's QVariant per cell was most of the loader's time at 100k runs.
    Result<SqliteStatement> q = SqliteStatement::prepare(m_connection.database(),
        QStringLiteral(
            "SELECT r.run_id, r.attempt, r.repository_id, COALESCE(NULLIF(r.workflow_name, ''), r.workflow_path), "
            "r.run_number, r.event, r.branch, COALESCE(NULLIF(r.conclusion, ''), r.status), r.created_at, "
            "r.started_at, r.updated_at, r.html_url, a.state, "
            "CASE WHEN a.state = 'downloaded' THEN a.bytes END, CASE WHEN a.state = 'downloaded' THEN a.path END "
            "FROM runs r LEFT JOIN log_archives a ON a.run_id = r.run_id AND a.attempt = r.attempt"),
        QStringLiteral("workspace '%1': cannot list runs").arg(m_connection.dir()));
    if (!q)
        return Error { q.error() };
    RunListing listing;
    return q->forEachRow([&] {
        listing.runId = q->int64(0);
        listing.attempt = int(q->int64(1));
        listing.repositoryId = q->int64(2);
        listing.workflow = q->text(3);
        listing.runNumber = q->int64(4);
        listing.event = q->text(5);
        listing.branch = q->text(6);
        listing.conclusion = q->text(7);
        listing.createdAt = parseStoredTime(q->text(8));
        listing.startedAt = parseStoredTime(q->text(9));
        listing.updatedAt = parseStoredTime(q->text(10));
        listing.htmlUrl = q->text(11);
        listing.archiveState = q->text(12);
        listing.archiveBytes = q->isNull(13) ? -1 : q->int64(13);
        listing.archivePath = q->text(14);
        return row(listing);
    });
}

} // namespace runlens::workspace
