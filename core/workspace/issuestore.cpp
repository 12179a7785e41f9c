#include "issuestore.h"

#include <QDateTime>
#include <QSqlQuery>
#include <QVariant>

namespace runlens::workspace {

IssueStore::IssueStore(const Workspace& workspace)
    : m_connection(workspace)
{
}

Result<QList<FlaggedRunRecord>> IssueStore::unfiledFlaggedRuns(qint64 modelId, const QString& repository) const
{
    QSqlQuery q(m_connection.database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(
        "SELECT s.run_id, s.attempt, s.value, r.workflow_name, r.run_number, r.branch, r.conclusion, r.created_at, "
        "r.html_url, p.full_name, la.path, la.state "
        "FROM scores s "
        "JOIN scores f ON f.model_id = s.model_id AND f.run_id = s.run_id AND f.attempt = s.attempt AND f.name = "
        "'flagged' "
        "JOIN runs r ON r.run_id = s.run_id AND r.attempt = s.attempt "
        "JOIN repositories p ON p.id = r.repository_id "
        "LEFT JOIN log_archives la ON la.run_id = s.run_id AND la.attempt = s.attempt "
        "WHERE s.model_id = ? AND s.name = 'score' AND f.value = 1 AND p.full_name = ? COLLATE NOCASE "
        "AND NOT EXISTS (SELECT 1 FROM filed_issues fi WHERE fi.run_id = s.run_id AND fi.attempt = s.attempt "
        "AND fi.repo = p.full_name COLLATE NOCASE) "
        "ORDER BY s.value DESC, s.run_id DESC"));
    q.addBindValue(modelId);
    q.addBindValue(repository);
    if (!q.exec())
        return m_connection.error(QStringLiteral("read the scores"), q);
    QList<FlaggedRunRecord> out;
    while (q.next()) {
        FlaggedRunRecord r;
        r.key = { q.value(0).toLongLong(), q.value(1).toInt() };
        r.score = q.value(2).toDouble();
        r.workflow = q.value(3).toString();
        r.runNumber = q.value(4).toInt();
        r.branch = q.value(5).toString();
        r.conclusion = q.value(6).toString();
        r.createdAt = q.value(7).toString();
        r.htmlUrl = q.value(8).toString();
        r.repository = q.value(9).toString();
        if (q.value(11).toString() == QLatin1String("downloaded"))
            r.archivePath = q.value(10).toString();
        out.append(r);
    }
    return out;
}

Result<bool> IssueStore::isUnfiled(RunKey run, const QString& repository) const
{
    QSqlQuery q(m_connection.database());
    q.prepare(QStringLiteral("SELECT 1 FROM runs r JOIN repositories p ON p.id = r.repository_id "
                             "WHERE r.run_id = ? AND r.attempt = ? AND p.full_name = ? COLLATE NOCASE "
                             "AND NOT EXISTS (SELECT 1 FROM filed_issues fi WHERE fi.run_id = r.run_id "
                             "AND fi.attempt = r.attempt AND fi.repo = p.full_name COLLATE NOCASE)"));
    q.addBindValue(run.runId);
    q.addBindValue(run.attempt);
    q.addBindValue(repository);
    if (!q.exec())
        return m_connection.error(QStringLiteral("read the issues of run %1").arg(run.toString()), q);
    return q.next();
}

Status IssueStore::record(const FiledIssueRecord& issue)
{
    QSqlQuery q(m_connection.database());
    q.prepare(
        QStringLiteral("INSERT OR IGNORE INTO filed_issues (run_id, attempt, repo, issue_number, url, created_at) "
                       "VALUES (?, ?, ?, ?, ?, ?)"));
    q.addBindValue(issue.key.runId);
    q.addBindValue(issue.key.attempt);
    q.addBindValue(issue.repository);
    q.addBindValue(issue.number);
    q.addBindValue(issue.url);
    q.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    if (!q.exec())
        return m_connection.error(
            QStringLiteral("record issue #%1 of run %2").arg(issue.number).arg(issue.key.toString()), q);
    return {};
}

} // namespace runlens::workspace
