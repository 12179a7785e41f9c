#include "workspace.h"

#include "common/logging.h"
#include "repositoryname.h"
#include "storedtime.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QUrl>
#include <QVariant>

#include <atomic>

namespace runlens::workspace {

namespace {

std::atomic<int> s_connectionCounter { 0 };

// Each entry is one schema version; applied in order, each in its own transaction.
const QList<QStringList>& migrations()
{
    static const QList<QStringList> all {
        // Version 1: the collection schema plus the analysis tables later stages fill.
        {
            QStringLiteral("CREATE TABLE repositories (id INTEGER PRIMARY KEY, full_name TEXT NOT NULL UNIQUE, "
                           "api_url TEXT NOT NULL DEFAULT '')"),
            QStringLiteral(
                "CREATE TABLE runs (run_id INTEGER NOT NULL, attempt INTEGER NOT NULL DEFAULT 1, "
                "repository_id INTEGER NOT NULL REFERENCES repositories(id) ON DELETE CASCADE, "
                "workflow_id INTEGER, workflow_name TEXT, workflow_path TEXT, run_number INTEGER, event TEXT, "
                "branch TEXT, head_sha TEXT, actor TEXT, status TEXT, conclusion TEXT, created_at TEXT, "
                "started_at TEXT, updated_at TEXT, html_url TEXT, logs_url TEXT, "
                "collection_state TEXT NOT NULL DEFAULT 'listed' "
                "CHECK (collection_state IN ('listed','jobs_fetched','complete')), "
                "source TEXT NOT NULL DEFAULT 'github', PRIMARY KEY (run_id, attempt))"),
            QStringLiteral("CREATE INDEX runs_repository ON runs(repository_id)"),
            QStringLiteral("CREATE TABLE jobs (job_id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL, "
                           "attempt INTEGER NOT NULL, name TEXT, status TEXT, conclusion TEXT, started_at TEXT, "
                           "completed_at TEXT, runner_name TEXT, runner_labels TEXT, "
                           "FOREIGN KEY (run_id, attempt) REFERENCES runs(run_id, attempt) ON DELETE CASCADE)"),
            QStringLiteral("CREATE INDEX jobs_run ON jobs(run_id, attempt)"),
            QStringLiteral("CREATE TABLE steps (job_id INTEGER NOT NULL REFERENCES jobs(job_id) ON DELETE CASCADE, "
                           "number INTEGER NOT NULL, name TEXT, status TEXT, conclusion TEXT, started_at TEXT, "
                           "completed_at TEXT, PRIMARY KEY (job_id, number))"),
            QStringLiteral(
                "CREATE TABLE log_archives (run_id INTEGER NOT NULL, attempt INTEGER NOT NULL, path TEXT NOT NULL, "
                "bytes INTEGER NOT NULL DEFAULT 0, sha256 TEXT NOT NULL DEFAULT '', "
                "state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN "
                "('pending','downloading','downloaded','expired','missing','corrupt','failed')), "
                "reason TEXT NOT NULL DEFAULT '', PRIMARY KEY (run_id, attempt), "
                "FOREIGN KEY (run_id, attempt) REFERENCES runs(run_id, attempt) ON DELETE CASCADE)"),
            QStringLiteral("CREATE TABLE labels (id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL, "
                           "attempt INTEGER NOT NULL, label TEXT NOT NULL, "
                           "source TEXT NOT NULL CHECK (source IN ('user','memory_logs','sample')), "
                           "note TEXT NOT NULL DEFAULT '', UNIQUE (run_id, attempt, label, source), "
                           "FOREIGN KEY (run_id, attempt) REFERENCES runs(run_id, attempt) ON DELETE CASCADE)"),
            QStringLiteral("CREATE TABLE etags (url TEXT PRIMARY KEY, etag TEXT NOT NULL, body BLOB, link TEXT NOT "
                           "NULL DEFAULT '')"),
            QStringLiteral("CREATE TABLE features (run_id INTEGER NOT NULL, attempt INTEGER NOT NULL, "
                           "name TEXT NOT NULL, value REAL, json TEXT, PRIMARY KEY (run_id, attempt, name), "
                           "FOREIGN KEY (run_id, attempt) REFERENCES runs(run_id, attempt) ON DELETE CASCADE)"),
            QStringLiteral("CREATE TABLE models (id INTEGER PRIMARY KEY, name TEXT NOT NULL, json TEXT, "
                           "created_at TEXT)"),
            QStringLiteral("CREATE TABLE scores (model_id INTEGER NOT NULL REFERENCES models(id) ON DELETE CASCADE, "
                           "run_id INTEGER NOT NULL, attempt INTEGER NOT NULL, name TEXT NOT NULL DEFAULT 'score', "
                           "value REAL, json TEXT, PRIMARY KEY (model_id, run_id, attempt, name))"),
            QStringLiteral("CREATE TABLE contributions (model_id INTEGER NOT NULL REFERENCES models(id) "
                           "ON DELETE CASCADE, run_id INTEGER NOT NULL, attempt INTEGER NOT NULL, "
                           "name TEXT NOT NULL, value REAL, json TEXT, "
                           "PRIMARY KEY (model_id, run_id, attempt, name))"),
        },
        // Version 2: issues `file-issues` created, so that a run is never filed twice.
        {
            QStringLiteral("CREATE TABLE filed_issues (run_id INTEGER NOT NULL, attempt INTEGER NOT NULL, "
                           "repo TEXT NOT NULL, issue_number INTEGER NOT NULL, url TEXT NOT NULL DEFAULT '', "
                           "created_at TEXT NOT NULL, PRIMARY KEY (run_id, attempt, repo))"),
        },
        // Version 3: GHALogs runs reference their archive where the dataset keeps it (a tar.gz file, or
        // a member of github_run_logs.zip) instead of a copy under logs/; indexes the 100k-run tables need.
        {
            QStringLiteral("CREATE TABLE ghalogs_runs (run_id INTEGER NOT NULL, attempt INTEGER NOT NULL, "
                           "record_id TEXT NOT NULL, dataset_dir TEXT NOT NULL, archive TEXT NOT NULL DEFAULT '', "
                           "archive_member TEXT NOT NULL DEFAULT '', archive_error TEXT NOT NULL DEFAULT '', "
                           "total_logs_size INTEGER, PRIMARY KEY (run_id, attempt), "
                           "FOREIGN KEY (run_id, attempt) REFERENCES runs(run_id, attempt) ON DELETE CASCADE)"),
            QStringLiteral("CREATE TABLE ghalogs_repositories (full_name TEXT PRIMARY KEY COLLATE NOCASE, "
                           "language TEXT NOT NULL DEFAULT '', json TEXT)"),
            QStringLiteral("CREATE INDEX log_archives_state ON log_archives(state)"),
            QStringLiteral("CREATE INDEX labels_run ON labels(run_id, attempt)"),
        },
        // Version 4: what an analysis computed beyond its model and per-run rows (its DIFFI importance, what it
        // trained on), so that showing it again reads it instead of recomputing it.
        {
            QStringLiteral("ALTER TABLE models ADD COLUMN analysis TEXT"),
        },
    };
    return all;
}

// SQLite stores a null QString as NULL; NOT NULL text columns want ''.
QString notNull(const QString& s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

const char kRunColumns[] = "r.run_id, r.attempt, p.full_name, r.workflow_id, r.workflow_name, r.workflow_path, "
                           "r.run_number, r.event, r.branch, r.head_sha, r.actor, r.status, r.conclusion, "
                           "r.created_at, r.started_at, r.updated_at, r.html_url, r.logs_url, "
                           "r.collection_state, r.source";

RunRecord runFromQuery(const QSqlQuery& q)
{
    RunRecord r;
    r.runId = q.value(0).toLongLong();
    r.attempt = q.value(1).toInt();
    r.repository = q.value(2).toString();
    r.workflowId = q.value(3).toLongLong();
    r.workflowName = q.value(4).toString();
    r.workflowPath = q.value(5).toString();
    r.runNumber = q.value(6).toLongLong();
    r.event = q.value(7).toString();
    r.branch = q.value(8).toString();
    r.headSha = q.value(9).toString();
    r.actor = q.value(10).toString();
    r.status = q.value(11).toString();
    r.conclusion = q.value(12).toString();
    r.createdAt = parseStoredTime(q.value(13));
    r.startedAt = parseStoredTime(q.value(14));
    r.updatedAt = parseStoredTime(q.value(15));
    r.htmlUrl = q.value(16).toString();
    r.logsUrl = q.value(17).toString();
    r.collectionState = collectionStateFromString(q.value(18).toString());
    r.source = q.value(19).toString();
    return r;
}

} // namespace

Workspace::Workspace()
    : m_connectionName(QStringLiteral("runlens-workspace-%1").arg(s_connectionCounter.fetch_add(1)))
{
}

Workspace::~Workspace()
{
    close();
}

void Workspace::close()
{
    if (!QSqlDatabase::contains(m_connectionName))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

bool Workspace::isOpen() const
{
    return QSqlDatabase::contains(m_connectionName) && QSqlDatabase::database(m_connectionName, false).isOpen();
}

QString Workspace::databasePath() const
{
    return m_dir + QStringLiteral("/runlens.db");
}

QString Workspace::exportsDir() const
{
    return m_dir + QStringLiteral("/exports");
}

QString Workspace::absolutePath(const QString& relativePath) const
{
    // Archives referenced where a dataset keeps them (GHALogs) are stored absolute.
    if (QDir::isAbsolutePath(relativePath))
        return relativePath;
    return m_dir + QLatin1Char('/') + relativePath;
}

QString Workspace::archiveRelativePath(const QString& repository, qint64 runId, int attempt)
{
    return QStringLiteral("logs/") + repository + QLatin1Char('/') + RunKey { runId, attempt }.fileStem()
        + QStringLiteral(".zip");
}

Status Workspace::open(const QString& dir)
{
    close();
    m_dir = QDir::cleanPath(QFileInfo(dir).absoluteFilePath());
    m_readOnly = false;
    const bool exists = QFileInfo::exists(databasePath());
    QDir root(m_dir);
    if (!root.mkpath(QStringLiteral(".")) || !root.mkpath(QStringLiteral("logs"))
        || !root.mkpath(QStringLiteral("exports")))
        return exists ? openReadOnly()
                      : makeError(QStringLiteral("workspace '%1': cannot create the folder").arg(m_dir));

    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    db.setDatabaseName(databasePath());
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    if (!db.open())
        return makeError(
            QStringLiteral("workspace '%1': cannot open runlens.db: %2").arg(m_dir, db.lastError().text()));
    const auto setUp = [this] {
        return execAll({ QStringLiteral("PRAGMA journal_mode=WAL"), QStringLiteral("PRAGMA foreign_keys=ON"),
                           QStringLiteral("PRAGMA synchronous=NORMAL") },
            QStringLiteral("setting up"));
    };
    Status s = setUp();
    // Another process creating the same new workspace holds it for a moment (switching to WAL is not
    // covered by the busy timeout): that is a wait, not a read-only folder.
    for (int attempt = 0; !s && attempt < 200 && s.error().contains(QLatin1String("locked"), Qt::CaseInsensitive);
         ++attempt) {
        QThread::msleep(25);
        s = setUp();
    }
    if (!s) {
        if (!exists)
            return s;
        qCInfo(lcWorkspace) << "workspace" << m_dir << "cannot be written, opening it read-only:" << s.error();
        db = QSqlDatabase(); // the last handle, so that close() can remove the connection
        close();
        return openReadOnly();
    }
    return migrate();
}

Status Workspace::openReadOnly()
{
    // A folder nobody can write to (read-only medium, archive copy): SQLite cannot create the WAL's
    // shared-memory file there, so the database is opened immutable; no process can be writing it.
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    db.setDatabaseName(
        QUrl::fromLocalFile(databasePath()).toString(QUrl::FullyEncoded) + QStringLiteral("?immutable=1"));
    db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_OPEN_URI"));
    if (!db.open())
        return makeError(
            QStringLiteral("workspace '%1': cannot open runlens.db read-only: %2").arg(m_dir, db.lastError().text()));
    m_readOnly = true;
    if (const int version = schemaVersion(); version != kSchemaVersion)
        return makeError(QStringLiteral("workspace '%1' is read-only and has schema version %2, not %3: open it once "
                                        "where it can be written")
                             .arg(m_dir)
                             .arg(version)
                             .arg(kSchemaVersion));
    return {};
}

Status Workspace::execAll(const QStringList& statements, const QString& what)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    for (const QString& statement : statements) {
        QSqlQuery q(db);
        if (!q.exec(statement))
            return makeError(QStringLiteral("workspace '%1': %2 failed: %3 (%4)")
                                 .arg(m_dir, what, q.lastError().text(), statement.left(80)));
    }
    return {};
}

int Workspace::schemaVersion() const
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return -1;
    return q.value(0).toInt();
}

Status Workspace::migrate()
{
    const int current = schemaVersion();
    if (current < 0)
        return makeError(QStringLiteral("workspace '%1': cannot read the schema version").arg(m_dir));
    if (current > kSchemaVersion)
        return makeError(QStringLiteral("workspace '%1': schema version %2 is newer than this RunLens (%3)")
                             .arg(m_dir)
                             .arg(current)
                             .arg(kSchemaVersion));
    const auto& all = migrations();
    for (int version = current + 1; version <= kSchemaVersion; ++version) {
        // BEGIN IMMEDIATE takes the write lock before the version is read again, so that two processes
        // opening a new workspace at once apply each migration once (the second finds it done).
        if (Status s
            = execAll({ QStringLiteral("BEGIN IMMEDIATE") }, QStringLiteral("starting migration %1").arg(version));
            !s)
            return s;
        if (schemaVersion() >= version) {
            // Another process applied it meanwhile; ending the (empty) transaction can still fail.
            if (Status s = execAll({ QStringLiteral("COMMIT") }, QStringLiteral("migration %1").arg(version)); !s)
                return s;
            continue;
        }
        QStringList statements = all.at(version - 1);
        statements << QStringLiteral("CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, "
                                     "applied_at TEXT NOT NULL)")
                   << QStringLiteral("INSERT INTO migrations (version, applied_at) VALUES (%1, '%2')")
                          .arg(version)
                          .arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODate))
                   << QStringLiteral("PRAGMA user_version = %1").arg(version);
        if (Status s = execAll(statements, QStringLiteral("migration %1").arg(version)); !s) {
            // Report both when the rollback fails too: the workspace may then hold a half-applied migration.
            if (Status r
                = execAll({ QStringLiteral("ROLLBACK") }, QStringLiteral("rolling back migration %1").arg(version));
                !r)
                return makeError(s.error() % QStringLiteral("; ") % r.error());
            return s;
        }
        if (Status s = execAll({ QStringLiteral("COMMIT") }, QStringLiteral("committing migration %1").arg(version));
            !s)
            return s;
        qCInfo(lcWorkspace) << "workspace" << m_dir << "migrated to schema" << version;
    }
    return {};
}

Result<qint64> Workspace::upsertRepository(const QString& fullName, const QString& apiUrl)
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(QStringLiteral("INSERT INTO repositories (full_name, api_url) VALUES (?, ?) "
                             "ON CONFLICT(full_name) DO UPDATE SET api_url = CASE WHEN excluded.api_url = '' "
                             "THEN repositories.api_url ELSE excluded.api_url END"));
    q.addBindValue(fullName);
    q.addBindValue(notNull(apiUrl));
    if (!q.exec())
        return makeError(QStringLiteral("workspace '%1': cannot store repository '%2': %3")
                             .arg(m_dir, fullName, q.lastError().text()));
    QSqlQuery id(QSqlDatabase::database(m_connectionName, false));
    id.prepare(QStringLiteral("SELECT id FROM repositories WHERE full_name = ?"));
    id.addBindValue(fullName);
    if (!id.exec() || !id.next())
        return makeError(QStringLiteral("workspace '%1': repository '%2' vanished").arg(m_dir, fullName));
    return id.value(0).toLongLong();
}

Result<QList<RepositoryRecord>> Workspace::repositories() const
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    if (!q.exec(QStringLiteral("SELECT id, full_name, api_url FROM repositories ORDER BY full_name")))
        return makeError(
            QStringLiteral("workspace '%1': cannot list repositories: %2").arg(m_dir, q.lastError().text()));
    QList<RepositoryRecord> out;
    while (q.next())
        out.append({ q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString() });
    return out;
}

Status Workspace::upsertRun(const RunRecord& run)
{
    return upsertRuns({ run });
}

Status Workspace::upsertRuns(const QList<RunRecord>& runs)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!db.transaction())
        return makeError(
            QStringLiteral("workspace '%1': cannot start a transaction: %2").arg(m_dir, db.lastError().text()));
    QHash<QString, qint64> repoIds;
    for (const RunRecord& run : runs) {
        // The repository becomes part of the archive's path: it must not lead out of logs/.
        if (const QString problem = repositoryNameProblem(run.repository); !problem.isEmpty()) {
            db.rollback();
            return makeError(QStringLiteral("workspace '%1': run %2: %3").arg(m_dir).arg(run.runId).arg(problem));
        }
        if (!repoIds.contains(run.repository)) {
            Result<qint64> id = upsertRepository(run.repository);
            if (!id) {
                db.rollback();
                return makeError(id.error());
            }
            repoIds.insert(run.repository, *id);
        }
        QSqlQuery q(db);
        q.prepare(QStringLiteral(
            "INSERT INTO runs (run_id, attempt, repository_id, workflow_id, workflow_name, workflow_path, run_number, "
            "event, branch, head_sha, actor, status, conclusion, created_at, started_at, updated_at, html_url, "
            "logs_url, collection_state, source) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
            "ON CONFLICT(run_id, attempt) DO UPDATE SET workflow_id = excluded.workflow_id, "
            "workflow_name = excluded.workflow_name, workflow_path = excluded.workflow_path, "
            "run_number = excluded.run_number, event = excluded.event, branch = excluded.branch, "
            "head_sha = excluded.head_sha, actor = excluded.actor, status = excluded.status, "
            "conclusion = excluded.conclusion, created_at = excluded.created_at, started_at = excluded.started_at, "
            "updated_at = excluded.updated_at, html_url = excluded.html_url, logs_url = excluded.logs_url"));
        q.addBindValue(run.runId);
        q.addBindValue(run.attempt);
        q.addBindValue(repoIds.value(run.repository));
        q.addBindValue(run.workflowId);
        q.addBindValue(run.workflowName);
        q.addBindValue(run.workflowPath);
        q.addBindValue(run.runNumber);
        q.addBindValue(run.event);
        q.addBindValue(run.branch);
        q.addBindValue(run.headSha);
        q.addBindValue(run.actor);
        q.addBindValue(run.status);
        q.addBindValue(run.conclusion);
        q.addBindValue(storedTimeText(run.createdAt));
        q.addBindValue(storedTimeText(run.startedAt));
        q.addBindValue(storedTimeText(run.updatedAt));
        q.addBindValue(run.htmlUrl);
        q.addBindValue(run.logsUrl);
        q.addBindValue(nameOf(run.collectionState));
        q.addBindValue(notNull(run.source));
        QSqlQuery a(db);
        a.prepare(QStringLiteral("INSERT INTO log_archives (run_id, attempt, path) VALUES (?, ?, ?) "
                                 "ON CONFLICT(run_id, attempt) DO NOTHING"));
        a.addBindValue(run.runId);
        a.addBindValue(run.attempt);
        a.addBindValue(archiveRelativePath(run.repository, run.runId, run.attempt));
        if (!q.exec() || !a.exec()) {
            const QString error = q.lastError().isValid() ? q.lastError().text() : a.lastError().text();
            db.rollback();
            return makeError(QStringLiteral("workspace '%1': cannot store run %2 attempt %3: %4")
                                 .arg(m_dir)
                                 .arg(run.runId)
                                 .arg(run.attempt)
                                 .arg(error));
        }
    }
    if (!db.commit())
        return makeError(QStringLiteral("workspace '%1': cannot commit runs: %2").arg(m_dir, db.lastError().text()));
    return {};
}

Status Workspace::setCollectionState(qint64 runId, int attempt, CollectionState state)
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(QStringLiteral("UPDATE runs SET collection_state = ? WHERE run_id = ? AND attempt = ?"));
    q.addBindValue(nameOf(state));
    q.addBindValue(runId);
    q.addBindValue(attempt);
    if (!q.exec() || q.numRowsAffected() != 1)
        return makeError(QStringLiteral("workspace '%1': cannot set the state of run %2 attempt %3: %4")
                             .arg(m_dir)
                             .arg(runId)
                             .arg(attempt)
                             .arg(q.lastError().isValid() ? q.lastError().text() : QStringLiteral("no such run")));
    return {};
}

Result<std::optional<RunRecord>> Workspace::run(qint64 runId, int attempt) const
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(QStringLiteral("SELECT %1 FROM runs r JOIN repositories p ON p.id = r.repository_id "
                             "WHERE r.run_id = ? AND r.attempt = ?")
                  .arg(QLatin1String(kRunColumns)));
    q.addBindValue(runId);
    q.addBindValue(attempt);
    if (!q.exec())
        return makeError(
            QStringLiteral("workspace '%1': cannot read run %2: %3").arg(m_dir).arg(runId).arg(q.lastError().text()));
    if (!q.next())
        return std::optional<RunRecord> {};
    return std::optional<RunRecord> { runFromQuery(q) };
}

namespace {
Result<QList<RunRecord>> selectRuns(
    const QString& connection, const QString& dir, const QString& where, const QString& repository)
{
    QSqlQuery q(QSqlDatabase::database(connection, false));
    q.setForwardOnly(true); // read once: Qt would otherwise keep a copy of every row
    QString sql = QStringLiteral("SELECT %1 FROM runs r JOIN repositories p ON p.id = r.repository_id "
                                 "LEFT JOIN log_archives a ON a.run_id = r.run_id AND a.attempt = r.attempt "
                                 "WHERE (%2)")
                      .arg(QLatin1String(kRunColumns), where.isEmpty() ? QStringLiteral("1") : where);
    if (!repository.isEmpty())
        sql += QStringLiteral(" AND p.full_name = ?");
    sql += QStringLiteral(" ORDER BY r.created_at DESC, r.run_id DESC, r.attempt DESC");
    q.prepare(sql);
    if (!repository.isEmpty())
        q.addBindValue(repository);
    if (!q.exec())
        return makeError(QStringLiteral("workspace '%1': cannot list runs: %2").arg(dir, q.lastError().text()));
    QList<RunRecord> out;
    while (q.next())
        out.append(runFromQuery(q));
    return out;
}
} // namespace

Result<QList<RunRecord>> Workspace::runs(const QString& repository) const
{
    return selectRuns(m_connectionName, m_dir, {}, repository);
}

Result<QList<RunRecord>> Workspace::runsNeedingJobs(const QString& repository) const
{
    return selectRuns(m_connectionName, m_dir, QStringLiteral("r.collection_state = 'listed'"), repository);
}

Result<QList<RunRecord>> Workspace::runsNeedingLogs(const QString& repository) const
{
    return selectRuns(m_connectionName, m_dir,
        QStringLiteral("r.collection_state = 'jobs_fetched' AND (a.state IS NULL OR a.state NOT IN "
                       "('downloaded','expired','missing'))"),
        repository);
}

Status Workspace::upsertJobs(qint64 runId, int attempt, const QList<JobRecord>& jobs)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!db.transaction())
        return makeError(
            QStringLiteral("workspace '%1': cannot start a transaction: %2").arg(m_dir, db.lastError().text()));
    auto fail = [&](const QSqlQuery& q) -> Status {
        const QString error = q.lastError().text();
        db.rollback();
        return makeError(QStringLiteral("workspace '%1': cannot store jobs of run %2 attempt %3: %4")
                             .arg(m_dir)
                             .arg(runId)
                             .arg(attempt)
                             .arg(error));
    };
    for (const JobRecord& job : jobs) {
        QSqlQuery q(db);
        q.prepare(QStringLiteral(
            "INSERT INTO jobs (job_id, run_id, attempt, name, status, conclusion, started_at, completed_at, "
            "runner_name, runner_labels) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT(job_id) DO UPDATE SET "
            "name = excluded.name, status = excluded.status, conclusion = excluded.conclusion, "
            "started_at = excluded.started_at, completed_at = excluded.completed_at, "
            "runner_name = excluded.runner_name, runner_labels = excluded.runner_labels"));
        q.addBindValue(job.jobId);
        q.addBindValue(runId);
        q.addBindValue(attempt);
        q.addBindValue(job.name);
        q.addBindValue(job.status);
        q.addBindValue(job.conclusion);
        q.addBindValue(storedTimeText(job.startedAt));
        q.addBindValue(storedTimeText(job.completedAt));
        q.addBindValue(job.runnerName);
        q.addBindValue(QString::fromUtf8(
            QJsonDocument(QJsonArray::fromStringList(job.runnerLabels)).toJson(QJsonDocument::Compact)));
        if (!q.exec())
            return fail(q);
        for (const StepRecord& step : job.steps) {
            QSqlQuery s(db);
            s.prepare(QStringLiteral(
                "INSERT INTO steps (job_id, number, name, status, conclusion, started_at, completed_at) "
                "VALUES (?,?,?,?,?,?,?) ON CONFLICT(job_id, number) DO UPDATE SET name = excluded.name, "
                "status = excluded.status, conclusion = excluded.conclusion, started_at = excluded.started_at, "
                "completed_at = excluded.completed_at"));
            s.addBindValue(job.jobId);
            s.addBindValue(step.number);
            s.addBindValue(step.name);
            s.addBindValue(step.status);
            s.addBindValue(step.conclusion);
            s.addBindValue(storedTimeText(step.startedAt));
            s.addBindValue(storedTimeText(step.completedAt));
            if (!s.exec())
                return fail(s);
        }
    }
    if (!db.commit())
        return makeError(QStringLiteral("workspace '%1': cannot commit jobs of run %2: %3")
                             .arg(m_dir)
                             .arg(runId)
                             .arg(db.lastError().text()));
    return {};
}

Result<QList<JobRecord>> Workspace::jobs(qint64 runId, int attempt) const
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT job_id, name, status, conclusion, started_at, completed_at, runner_name, "
                             "runner_labels FROM jobs WHERE run_id = ? AND attempt = ? ORDER BY job_id"));
    q.addBindValue(runId);
    q.addBindValue(attempt);
    if (!q.exec())
        return makeError(QStringLiteral("workspace '%1': cannot read jobs of run %2: %3")
                             .arg(m_dir)
                             .arg(runId)
                             .arg(q.lastError().text()));
    QList<JobRecord> out;
    while (q.next()) {
        JobRecord job;
        job.jobId = q.value(0).toLongLong();
        job.runId = runId;
        job.attempt = attempt;
        job.name = q.value(1).toString();
        job.status = q.value(2).toString();
        job.conclusion = q.value(3).toString();
        job.startedAt = parseStoredTime(q.value(4));
        job.completedAt = parseStoredTime(q.value(5));
        job.runnerName = q.value(6).toString();
        const QJsonArray labels = QJsonDocument::fromJson(q.value(7).toString().toUtf8()).array();
        for (const QJsonValue& v : labels)
            job.runnerLabels.append(v.toString());
        QSqlQuery s(db);
        s.prepare(QStringLiteral("SELECT number, name, status, conclusion, started_at, completed_at FROM steps "
                                 "WHERE job_id = ? ORDER BY number"));
        s.addBindValue(job.jobId);
        if (!s.exec())
            return makeError(QStringLiteral("workspace '%1': cannot read steps of job %2: %3")
                                 .arg(m_dir)
                                 .arg(job.jobId)
                                 .arg(s.lastError().text()));
        while (s.next()) {
            job.steps.append({ s.value(0).toInt(), s.value(1).toString(), s.value(2).toString(), s.value(3).toString(),
                parseStoredTime(s.value(4)), parseStoredTime(s.value(5)) });
        }
        out.append(job);
    }
    return out;
}

namespace {
LogArchiveRecord archiveFromQuery(const QSqlQuery& q)
{
    LogArchiveRecord a;
    a.runId = q.value(0).toLongLong();
    a.attempt = q.value(1).toInt();
    a.path = q.value(2).toString();
    a.bytes = q.value(3).toLongLong();
    a.sha256 = q.value(4).toString();
    a.state = archiveStateFromString(q.value(5).toString()).value_or(ArchiveState::Pending);
    a.reason = q.value(6).toString();
    return a;
}
} // namespace

Result<LogArchiveRecord> Workspace::archive(qint64 runId, int attempt) const
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(QStringLiteral("SELECT run_id, attempt, path, bytes, sha256, state, reason FROM log_archives "
                             "WHERE run_id = ? AND attempt = ?"));
    q.addBindValue(runId);
    q.addBindValue(attempt);
    if (!q.exec() || !q.next())
        return makeError(QStringLiteral("workspace '%1': run %2 attempt %3 has no log archive row")
                             .arg(m_dir)
                             .arg(runId)
                             .arg(attempt));
    return archiveFromQuery(q);
}

bool Workspace::canTransition(ArchiveState from, ArchiveState to)
{
    if (from == to)
        return to != ArchiveState::Downloaded; // re-recording a download needs a new Downloading first
    switch (to) {
    case ArchiveState::Downloaded:
        return from == ArchiveState::Downloading; // only a verified download becomes Downloaded
    case ArchiveState::Corrupt:
        return from == ArchiveState::Downloading || from == ArchiveState::Downloaded;
    case ArchiveState::Downloading:
        return from != ArchiveState::Downloaded;
    case ArchiveState::Failed:
        // A failed download never overwrites a verified archive (another collection may have stored it).
        return from != ArchiveState::Downloaded;
    case ArchiveState::Pending:
    case ArchiveState::Expired:
    case ArchiveState::Missing:
        return true;
    }
    return false;
}

Status Workspace::setArchive(const LogArchiveRecord& archive)
{
    Result<LogArchiveRecord> current = this->archive(archive.runId, archive.attempt);
    if (!current)
        return makeError(current.error());
    if (!canTransition(current->state, archive.state))
        return makeError(QStringLiteral("workspace '%1': run %2 attempt %3: log archive cannot go from %4 to %5")
                             .arg(m_dir)
                             .arg(archive.runId)
                             .arg(archive.attempt)
                             .arg(nameOf(current->state), nameOf(archive.state)));
    // Read, check and write as one step: the UPDATE applies only while the state is still the one
    // checked, so a state another connection wrote in between is never overwritten unchecked.
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(QStringLiteral("UPDATE log_archives SET path = ?, bytes = ?, sha256 = ?, state = ?, reason = ? "
                             "WHERE run_id = ? AND attempt = ? AND state = ?"));
    q.addBindValue(archive.path.isEmpty() ? current->path : archive.path);
    q.addBindValue(archive.bytes);
    q.addBindValue(notNull(archive.sha256));
    q.addBindValue(nameOf(archive.state));
    q.addBindValue(notNull(archive.reason));
    q.addBindValue(archive.runId);
    q.addBindValue(archive.attempt);
    q.addBindValue(nameOf(current->state));
    if (!q.exec())
        return makeError(QStringLiteral("workspace '%1': cannot update the archive of run %2: %3")
                             .arg(m_dir)
                             .arg(archive.runId)
                             .arg(q.lastError().text()));
    if (q.numRowsAffected() != 1)
        return makeError(QStringLiteral("workspace '%1': run %2 attempt %3: log archive changed from %4 while "
                                        "being set to %5; not overwritten")
                             .arg(m_dir)
                             .arg(archive.runId)
                             .arg(archive.attempt)
                             .arg(nameOf(current->state), nameOf(archive.state)));
    return {};
}

Status Workspace::markForDownload(qint64 runId, int attempt, const QString& reason)
{
    Result<std::optional<RunRecord>> stored = run(runId, attempt);
    if (!stored)
        return makeError(stored.error());
    if (!stored->has_value())
        return makeError(QStringLiteral("workspace '%1': no run %2 attempt %3").arg(m_dir).arg(runId).arg(attempt));
    Result<LogArchiveRecord> current = archive(runId, attempt);
    if (!current)
        return makeError(current.error());
    LogArchiveRecord pending = *current;
    pending.state = ArchiveState::Pending;
    pending.reason = reason;
    if (Status s = setArchive(pending); !s)
        return s;
    if ((*stored)->collectionState == CollectionState::Complete)
        return setCollectionState(runId, attempt, CollectionState::JobsFetched);
    return {};
}

Result<int> Workspace::reopenIncompleteRuns()
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    if (!q.exec(QStringLiteral("UPDATE runs SET collection_state = 'jobs_fetched' WHERE collection_state = 'complete' "
                               "AND EXISTS (SELECT 1 FROM log_archives a WHERE a.run_id = runs.run_id AND "
                               "a.attempt = runs.attempt AND a.state NOT IN ('downloaded','expired','missing'))")))
        return makeError(
            QStringLiteral("workspace '%1': cannot reopen incomplete runs: %2").arg(m_dir, q.lastError().text()));
    return q.numRowsAffected();
}

Result<QList<LogArchiveRecord>> Workspace::archivesInState(ArchiveState state) const
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT run_id, attempt, path, bytes, sha256, state, reason FROM log_archives "
                             "WHERE state = ? ORDER BY run_id, attempt"));
    q.addBindValue(nameOf(state));
    if (!q.exec())
        return makeError(QStringLiteral("workspace '%1': cannot list archives: %2").arg(m_dir, q.lastError().text()));
    QList<LogArchiveRecord> out;
    while (q.next())
        out.append(archiveFromQuery(q));
    return out;
}

Result<qint64> Workspace::addLabel(const LabelRecord& label)
{
    if (label.label.trimmed().isEmpty())
        return makeError(QStringLiteral("workspace '%1': empty label for run %2").arg(m_dir).arg(label.runId));
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO labels (run_id, attempt, label, source, note) VALUES (?,?,?,?,?) "
                             "ON CONFLICT(run_id, attempt, label, source) DO UPDATE SET note = excluded.note"));
    q.addBindValue(label.runId);
    q.addBindValue(label.attempt);
    q.addBindValue(label.label);
    q.addBindValue(nameOf(label.source));
    q.addBindValue(notNull(label.note));
    if (!q.exec())
        return makeError(QStringLiteral("workspace '%1': cannot label run %2 attempt %3 '%4': %5")
                             .arg(m_dir)
                             .arg(label.runId)
                             .arg(label.attempt)
                             .arg(label.label, q.lastError().text()));
    QSqlQuery id(db);
    id.prepare(QStringLiteral("SELECT id FROM labels WHERE run_id = ? AND attempt = ? AND label = ? AND source = ?"));
    id.addBindValue(label.runId);
    id.addBindValue(label.attempt);
    id.addBindValue(label.label);
    id.addBindValue(nameOf(label.source));
    if (!id.exec() || !id.next())
        return makeError(QStringLiteral("workspace '%1': label of run %2 vanished").arg(m_dir).arg(label.runId));
    return id.value(0).toLongLong();
}

Status Workspace::removeLabel(qint64 id)
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(QStringLiteral("DELETE FROM labels WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return makeError(
            QStringLiteral("workspace '%1': cannot remove label %2: %3").arg(m_dir).arg(id).arg(q.lastError().text()));
    if (q.numRowsAffected() != 1)
        return makeError(QStringLiteral("workspace '%1': no label %2").arg(m_dir).arg(id));
    return {};
}

Result<QList<LabelRecord>> Workspace::labels(std::optional<qint64> runId) const
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    QString sql = QStringLiteral("SELECT id, run_id, attempt, label, source, note FROM labels");
    if (runId)
        sql += QStringLiteral(" WHERE run_id = ?");
    q.prepare(sql + QStringLiteral(" ORDER BY run_id, attempt, id"));
    if (runId)
        q.addBindValue(*runId);
    if (!q.exec())
        return makeError(QStringLiteral("workspace '%1': cannot list labels: %2").arg(m_dir, q.lastError().text()));
    QList<LabelRecord> out;
    while (q.next()) {
        LabelRecord l;
        l.id = q.value(0).toLongLong();
        l.runId = q.value(1).toLongLong();
        l.attempt = q.value(2).toInt();
        l.label = q.value(3).toString();
        labelSourceFromString(q.value(4).toString(), &l.source);
        l.note = q.value(5).toString();
        out.append(l);
    }
    return out;
}

Result<std::optional<CachedResponse>> Workspace::cachedResponse(const QString& url) const
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(QStringLiteral("SELECT etag, body, link FROM etags WHERE url = ?"));
    q.addBindValue(url);
    if (!q.exec())
        return makeError(QStringLiteral("workspace '%1': cannot read the cache: %2").arg(m_dir, q.lastError().text()));
    if (!q.next())
        return std::optional<CachedResponse> {};
    return std::optional<CachedResponse> { CachedResponse {
        url, q.value(0).toString().toUtf8(), q.value(1).toByteArray(), q.value(2).toString().toUtf8() } };
}

Status Workspace::storeCachedResponse(const CachedResponse& response)
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(QStringLiteral("INSERT INTO etags (url, etag, body, link) VALUES (?,?,?,?) ON CONFLICT(url) DO UPDATE "
                             "SET etag = excluded.etag, body = excluded.body, link = excluded.link"));
    q.addBindValue(response.url);
    q.addBindValue(QString::fromUtf8(response.etag));
    q.addBindValue(response.body);
    q.addBindValue(notNull(QString::fromUtf8(response.link)));
    if (!q.exec())
        return makeError(
            QStringLiteral("workspace '%1': cannot cache '%2': %3").arg(m_dir, response.url, q.lastError().text()));
    return {};
}

Result<WorkspaceStats> Workspace::stats() const
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    if (!q.exec(QStringLiteral(
            "SELECT (SELECT count(*) FROM repositories), (SELECT count(*) FROM runs), (SELECT count(*) FROM jobs), "
            "(SELECT count(*) FROM steps), (SELECT count(*) FROM log_archives WHERE state = 'downloaded'), "
            "(SELECT count(*) FROM labels)"))
        || !q.next())
        return makeError(QStringLiteral("workspace '%1': cannot count: %2").arg(m_dir, q.lastError().text()));
    return WorkspaceStats { q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong(),
        q.value(3).toLongLong(), q.value(4).toLongLong(), q.value(5).toLongLong() };
}

} // namespace runlens::workspace
