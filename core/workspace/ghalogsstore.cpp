#include "ghalogsstore.h"

#include "sqlitestatement.h"
#include "storedtime.h"
#include "workspace.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <map>
#include <variant>
#include <vector>

namespace runlens::workspace {

namespace {

// Rows of one table for a batch, written with multi-row INSERTs through SQLite's own binding: one step
// per few hundred rows instead of one per row, and no QVariant per value.
class RowWriter
{
public:
    using Value = std::variant<std::nullptr_t, qint64, QString>;

    RowWriter(QString head, QString row, QString tail, int columns)
        : m_head(std::move(head))
        , m_row(std::move(row))
        , m_tail(std::move(tail))
        , m_columns(columns)
    {
    }
    void add(std::initializer_list<Value> values) { m_values.insert(m_values.end(), values); }

    Status write(const QSqlDatabase& db, const QString& what)
    {
        const size_t columns = size_t(m_columns);
        const size_t rows = m_values.size() / columns;
        const size_t perStatement = std::max<size_t>(1, kValuesPerStatement / columns);
        for (size_t first = 0; first < rows; first += perStatement) {
            const size_t n = std::min(perStatement, rows - first);
            Result<SqliteStatement*> statement = this->statement(db, n, what);
            if (!statement)
                return Error { statement.error() };
            SqliteStatement& q = **statement;
            for (size_t i = 0; i < n * columns; ++i) {
                const int index = int(i) + 1;
                const Value& value = m_values[first * columns + i];
                if (const qint64* number = std::get_if<qint64>(&value))
                    q.bind(index, *number);
                else if (const QString* text = std::get_if<QString>(&value))
                    q.bind(index, *text);
                else
                    q.bindNull(index);
            }
            if (Status s = q.step(); !s)
                return s;
        }
        m_values.clear();
        return {};
    }

private:
    static constexpr size_t kValuesPerStatement = 500;

    Result<SqliteStatement*> statement(const QSqlDatabase& db, size_t rows, const QString& what)
    {
        auto it = m_statements.find(rows);
        if (it == m_statements.end()) {
            QStringList all(qsizetype(rows), m_row);
            Result<SqliteStatement> prepared
                = SqliteStatement::prepare(db, m_head + all.join(QLatin1Char(',')) + m_tail, what);
            if (!prepared)
                return Error { prepared.error() };
            it = m_statements.emplace(rows, std::move(prepared).value()).first;
        }
        return &it->second;
    }

    QString m_head;
    QString m_row;
    QString m_tail;
    int m_columns;
    std::vector<Value> m_values;
    std::map<size_t, SqliteStatement> m_statements;
};

QString placeholders(int n)
{
    QStringList marks(n, QStringLiteral("?"));
    return QLatin1Char('(') + marks.join(QLatin1Char(',')) + QLatin1Char(')');
}

} // namespace

GhaLogsStore::GhaLogsStore(Workspace& workspace)
    : m_ws(workspace)
{
}

qint64 GhaLogsStore::syntheticJobId(qint64 runId, int attempt, int jobIndex)
{
    return -((runId << 16) | (qint64(qBound(0, attempt, 63)) << 10) | qint64(qBound(0, jobIndex, 1023)));
}

Result<QSet<QPair<qint64, int>>> GhaLogsStore::importedRuns() const
{
    QSqlQuery q(QSqlDatabase::database(m_ws.connectionName(), false));
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT run_id, attempt FROM ghalogs_runs")))
        return makeError(
            QStringLiteral("workspace '%1': cannot list GHALogs runs: %2").arg(m_ws.dir(), q.lastError().text()));
    QSet<QPair<qint64, int>> keys;
    while (q.next())
        keys.insert({ q.value(0).toLongLong(), q.value(1).toInt() });
    return keys;
}

Result<qint64> GhaLogsStore::repositoryId(const QString& fullName)
{
    if (const auto it = m_repositoryIds.constFind(fullName); it != m_repositoryIds.cend())
        return it.value();
    Result<qint64> id = m_ws.upsertRepository(fullName);
    if (id)
        m_repositoryIds.insert(fullName, *id);
    return id;
}

Status GhaLogsStore::storeRuns(const QList<GhaLogsRunRecord>& runs)
{
    QSqlDatabase db = QSqlDatabase::database(m_ws.connectionName(), false);
    const QString where = QStringLiteral("workspace '%1'").arg(m_ws.dir());
    if (!db.transaction())
        return makeError(where + QStringLiteral(": cannot start a transaction: ") + db.lastError().text());
    RowWriter runRows(
        QStringLiteral("INSERT INTO runs (run_id, attempt, repository_id, workflow_id, workflow_name, "
                       "workflow_path, run_number, event, branch, head_sha, actor, status, conclusion, "
                       "created_at, started_at, updated_at, html_url, logs_url, collection_state, source) "
                       "VALUES "),
        QStringLiteral("(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,'complete','ghalogs')"),
        QStringLiteral(" ON CONFLICT(run_id, attempt) DO UPDATE SET collection_state = 'complete', source = 'ghalogs'"),
        18);
    RowWriter archiveRows(QStringLiteral("INSERT OR REPLACE INTO log_archives (run_id, attempt, path, bytes, sha256, "
                                         "state, reason) VALUES "),
        QStringLiteral("(?,?,?,?,'',?,?)"), {}, 6);
    RowWriter jobRows(QStringLiteral("INSERT OR REPLACE INTO jobs (job_id, run_id, attempt, name, status, conclusion, "
                                     "started_at, completed_at, runner_name, runner_labels) VALUES "),
        placeholders(10), {}, 10);
    RowWriter stepRows(QStringLiteral("INSERT OR REPLACE INTO steps (job_id, number, name, status, conclusion, "
                                      "started_at, completed_at) VALUES "),
        placeholders(7), {}, 7);
    RowWriter referenceRows(
        QStringLiteral("INSERT OR REPLACE INTO ghalogs_runs (run_id, attempt, record_id, dataset_dir, "
                       "archive, archive_member, archive_error, total_logs_size) VALUES "),
        placeholders(8), {}, 8);
    auto failed = [&](const Status& s) {
        db.rollback();
        m_repositoryIds.clear(); // ids of repositories inserted in this transaction are gone
        return s;
    };
    for (const GhaLogsRunRecord& record : runs) {
        const RunRecord& r = record.run;
        Result<qint64> repo = repositoryId(r.repository);
        if (!repo)
            return failed(Error { repo.error() });
        runRows.add({ r.runId, r.attempt, *repo, r.workflowId, r.workflowName, r.workflowPath, r.runNumber, r.event,
            r.branch, r.headSha, r.actor, r.status, r.conclusion, storedTimeText(r.createdAt),
            storedTimeText(r.startedAt), storedTimeText(r.updatedAt), r.htmlUrl, r.logsUrl });
        archiveRows.add(
            { r.runId, r.attempt, record.log.path, record.log.bytes, nameOf(record.log.state), record.log.reason });
        for (const JobRecord& job : record.jobs) {
            jobRows.add({ job.jobId, r.runId, r.attempt, job.name, job.status, job.conclusion,
                storedTimeText(job.startedAt), storedTimeText(job.completedAt), job.runnerName,
                QString::fromUtf8(
                    QJsonDocument(QJsonArray::fromStringList(job.runnerLabels)).toJson(QJsonDocument::Compact)) });
            for (const StepRecord& step : job.steps)
                stepRows.add({ job.jobId, step.number, step.name, step.status, step.conclusion,
                    storedTimeText(step.startedAt), storedTimeText(step.completedAt) });
        }
        referenceRows.add({ r.runId, r.attempt, record.recordId, record.datasetDir, record.archive,
            record.archiveMember, record.archiveError,
            record.totalLogsSize >= 0 ? RowWriter::Value(record.totalLogsSize) : RowWriter::Value(nullptr) });
    }
    const QString what = where + QStringLiteral(": cannot store %1 GHALogs runs").arg(runs.size());
    for (RowWriter* rows : { &runRows, &archiveRows, &jobRows, &stepRows, &referenceRows }) {
        if (Status s = rows->write(db, what); !s)
            return failed(s);
    }
    if (!db.commit())
        return failed(makeError(where + QStringLiteral(": cannot commit GHALogs runs: ") + db.lastError().text()));
    return {};
}

Status GhaLogsStore::storeRepositories(const QList<GhaLogsRepositoryRecord>& repositories)
{
    QSqlDatabase db = QSqlDatabase::database(m_ws.connectionName(), false);
    const QString where = QStringLiteral("workspace '%1'").arg(m_ws.dir());
    if (!db.transaction())
        return makeError(where + QStringLiteral(": cannot start a transaction: ") + db.lastError().text());
    RowWriter rows(QStringLiteral("INSERT OR REPLACE INTO ghalogs_repositories (full_name, language, json) VALUES "),
        placeholders(3), {}, 3);
    for (const GhaLogsRepositoryRecord& repo : repositories)
        rows.add({ repo.fullName, repo.language, QString::fromUtf8(repo.json) });
    if (Status s = rows.write(db, where + QStringLiteral(": cannot store repositories")); !s) {
        db.rollback();
        return s;
    }
    if (!db.commit())
        return makeError(where + QStringLiteral(": cannot commit repositories: ") + db.lastError().text());
    return {};
}

Result<QHash<QString, QString>> GhaLogsStore::languages() const
{
    QSqlQuery q(QSqlDatabase::database(m_ws.connectionName(), false));
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT full_name, language FROM ghalogs_repositories")))
        return makeError(
            QStringLiteral("workspace '%1': cannot read repositories: %2").arg(m_ws.dir(), q.lastError().text()));
    QHash<QString, QString> out;
    while (q.next())
        out.insert(q.value(0).toString().toLower(), q.value(1).toString());
    return out;
}

Result<std::optional<GhaLogsRunRecord>> GhaLogsStore::run(qint64 runId, int attempt) const
{
    auto base = m_ws.run(runId, attempt);
    if (!base)
        return Error { base.error() };
    if (!base->has_value())
        return std::optional<GhaLogsRunRecord> {};
    QSqlQuery q(QSqlDatabase::database(m_ws.connectionName(), false));
    q.prepare(QStringLiteral("SELECT record_id, dataset_dir, archive, archive_member, archive_error, total_logs_size "
                             "FROM ghalogs_runs WHERE run_id = ? AND attempt = ?"));
    q.addBindValue(runId);
    q.addBindValue(attempt);
    if (!q.exec())
        return makeError(QStringLiteral("workspace '%1': cannot read GHALogs run %2: %3")
                             .arg(m_ws.dir())
                             .arg(runId)
                             .arg(q.lastError().text()));
    if (!q.next())
        return std::optional<GhaLogsRunRecord> {};
    GhaLogsRunRecord record;
    record.run = **base;
    record.recordId = q.value(0).toString();
    record.datasetDir = q.value(1).toString();
    record.archive = q.value(2).toString();
    record.archiveMember = q.value(3).toString();
    record.archiveError = q.value(4).toString();
    record.totalLogsSize = q.value(5).isNull() ? -1 : q.value(5).toLongLong();
    auto jobs = m_ws.jobs(runId, attempt);
    if (!jobs)
        return Error { jobs.error() };
    record.jobs = *jobs;
    auto log = m_ws.archive(runId, attempt);
    if (!log)
        return Error { log.error() };
    record.log = *log;
    return std::optional<GhaLogsRunRecord>(std::move(record));
}

} // namespace runlens::workspace
