#include "common/csvtable.h"
#include "workspace/archivecheck.h"
#include "workspace/seedfolder.h"
#include "workspace/workspace.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <quazip.h>
#include <quazipfile.h>
#include <quazipnewinfo.h>

#define CHECK_OK(expr)                                                                                                 \
    do {                                                                                                               \
        const auto checked_ = (expr);                                                                                  \
        QVERIFY2(checked_.ok(), checked_.ok() ? "" : qPrintable(checked_.error()));                                    \
    } while (false)

using namespace runlens;
using namespace runlens::workspace;

Q_DECLARE_METATYPE(runlens::workspace::ArchiveState)

namespace {
RunRecord makeRun(qint64 id, int attempt = 1, const QString& repo = QStringLiteral("octo/app"))
{
    RunRecord r;
    r.runId = id;
    r.attempt = attempt;
    r.repository = repo;
    r.workflowName = QStringLiteral("CI");
    r.workflowId = 7;
    r.workflowPath = QStringLiteral(".github/workflows/ci.yml");
    r.runNumber = id % 1000;
    r.event = QStringLiteral("push");
    r.branch = QStringLiteral("main");
    r.headSha = QStringLiteral("abc123");
    r.actor = QStringLiteral("octocat");
    r.status = QStringLiteral("completed");
    r.conclusion = QStringLiteral("failure");
    r.createdAt = QDateTime(QDate(2024, 1, 28), QTime(19, 27, 24), Qt::UTC);
    r.htmlUrl = QStringLiteral("https://github.com/%1/actions/runs/%2").arg(repo).arg(id);
    return r;
}

JobRecord makeJob(qint64 jobId, qint64 runId, int steps)
{
    JobRecord j;
    j.jobId = jobId;
    j.runId = runId;
    j.name = QStringLiteral("build (ubuntu-latest)");
    j.status = QStringLiteral("completed");
    j.conclusion = QStringLiteral("failure");
    j.startedAt = QDateTime(QDate(2024, 1, 28), QTime(19, 27, 30), Qt::UTC);
    j.completedAt = j.startedAt.addSecs(300);
    j.runnerName = QStringLiteral("GitHub Actions 2");
    j.runnerLabels = { QStringLiteral("ubuntu-latest") };
    for (int i = 0; i < steps; ++i)
        j.steps.append({ i == steps - 1 ? 20 + i : i + 1, QStringLiteral("step %1").arg(i), QStringLiteral("completed"),
            QStringLiteral("success"), j.startedAt.addSecs(i), j.startedAt.addSecs(i + 1) });
    return j;
}

QByteArray makeZip(const QString& path, const QList<QPair<QString, QByteArray>>& entries)
{
    QuaZip zip(path);
    if (!zip.open(QuaZip::mdCreate))
        return {};
    for (const auto& [name, data] : entries) {
        QuaZipFile f(&zip);
        f.open(QIODevice::WriteOnly, QuaZipNewInfo(name));
        f.write(data);
        f.close();
    }
    zip.close();
    QFile file(path);
    file.open(QIODevice::ReadOnly);
    return file.readAll();
}

qint64 count(const Workspace& ws, const QString& table)
{
    QSqlQuery q(QSqlDatabase::database(ws.connectionName()));
    q.exec(QStringLiteral("SELECT count(*) FROM ") + table);
    q.next();
    return q.value(0).toLongLong();
}
} // namespace

class TestWorkspace : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void createsSchema()
    {
        QTemporaryDir dir;
        Workspace ws;
        QVERIFY2(ws.open(dir.path() + QStringLiteral("/ws")).ok(), "open");
        QCOMPARE(ws.schemaVersion(), Workspace::kSchemaVersion);
        QVERIFY(QFile::exists(dir.path() + QStringLiteral("/ws/runlens.db")));
        QVERIFY(QFileInfo(dir.path() + QStringLiteral("/ws/logs")).isDir());
        QVERIFY(QFileInfo(dir.path() + QStringLiteral("/ws/exports")).isDir());
        QSqlQuery q(QSqlDatabase::database(ws.connectionName()));
        QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
        QVERIFY(q.exec(QStringLiteral("PRAGMA foreign_keys")) && q.next());
        QCOMPARE(q.value(0).toInt(), 1);
        QCOMPARE(count(ws, QStringLiteral("migrations")), Workspace::kSchemaVersion);
        for (const char* table : { "repositories", "runs", "jobs", "steps", "log_archives", "labels", "etags",
                 "features", "models", "scores", "contributions" })
            QCOMPARE(count(ws, QString::fromLatin1(table)), 0);
        // Reopening migrates nothing twice.
        ws.close();
        Workspace again;
        CHECK_OK(again.open(dir.path() + QStringLiteral("/ws")));
        QCOMPARE(count(again, QStringLiteral("migrations")), Workspace::kSchemaVersion);
    }

    void refusesNewerSchema()
    {
        QTemporaryDir dir;
        {
            Workspace ws;
            CHECK_OK(ws.open(dir.path()));
            QSqlQuery q(QSqlDatabase::database(ws.connectionName()));
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 99")));
        }
        Workspace ws;
        const Status s = ws.open(dir.path());
        QVERIFY(!(s).ok());
        QVERIFY2(s.error().contains(dir.path()) && s.error().contains(QStringLiteral("99")), qPrintable(s.error()));
    }

    void upsertRunsIsIdempotent()
    {
        QTemporaryDir dir;
        Workspace ws;
        CHECK_OK(ws.open(dir.path()));
        QList<RunRecord> runs { makeRun(100), makeRun(101), makeRun(101, 2),
            makeRun(200, 1, QStringLiteral("octo/lib")) };
        CHECK_OK(ws.upsertRuns(runs));
        CHECK_OK(ws.setCollectionState(100, 1, CollectionState::Complete));
        runs[0].conclusion = QStringLiteral("success");
        CHECK_OK(ws.upsertRuns(runs));
        QCOMPARE(count(ws, QStringLiteral("runs")), 4);
        QCOMPARE(count(ws, QStringLiteral("log_archives")), 4);
        QCOMPARE(count(ws, QStringLiteral("repositories")), 2);
        const auto run = ws.run(100, 1);
        QVERIFY(run.ok() && run->has_value());
        QCOMPARE((*run)->conclusion, QStringLiteral("success"));
        QCOMPARE((*run)->collectionState, CollectionState::Complete); // an upsert never moves it back
        QCOMPARE((*run)->createdAt, makeRun(100).createdAt);
        QCOMPARE((*run)->actor, QStringLiteral("octocat"));
        QCOMPARE(ws.runs(QStringLiteral("octo/lib"))->size(), 1);
        QCOMPARE(ws.archive(101, 2)->path, QStringLiteral("logs/octo/app/101-2.zip"));
        QVERIFY(!(ws.upsertRun(makeRun(5, 1, QStringLiteral("no-slash")))).ok());
    }

    // Times come back as the instants that were stored: the workspace's own form (with and without
    // milliseconds) is parsed by hand, any other ISO form and invalid text as QDateTime::fromString does.
    void runTimesRoundTrip()
    {
        QTemporaryDir dir;
        Workspace ws;
        CHECK_OK(ws.open(dir.path()));
        RunRecord run = makeRun(100);
        run.startedAt = QDateTime(QDate(2024, 2, 29), QTime(23, 59, 59, 987), Qt::UTC);
        run.updatedAt = QDateTime(QDate(2024, 3, 1), QTime(1, 0, 0), Qt::OffsetFromUTC, 3600);
        CHECK_OK(ws.upsertRun(run));
        auto back = ws.run(100, 1);
        QVERIFY(back.ok() && back->has_value());
        QCOMPARE((*back)->createdAt, run.createdAt);
        QCOMPARE((*back)->startedAt, run.startedAt);
        QCOMPARE((*back)->updatedAt, run.updatedAt);
        QCOMPARE((*back)->updatedAt.timeSpec(), Qt::UTC);

        const QStringList texts { QStringLiteral("2025-02-01T01:57:12Z"), QStringLiteral("2025-02-01T01:57:12.5Z"),
            QStringLiteral("2025-02-01T03:57:12+02:00"), QStringLiteral("2025-02-30T01:57:12.000Z"),
            QStringLiteral("2025-02-01T25:57:12.000Z"), QStringLiteral("-025-02-01T01:57:12.000Z"),
            QStringLiteral("2025-02-01 01:57:12.000Z"), QStringLiteral("not a date") };
        for (const QString& text : texts) {
            QSqlQuery q(QSqlDatabase::database(ws.connectionName()));
            QVERIFY(q.prepare(QStringLiteral("UPDATE runs SET created_at = ? WHERE run_id = 100")));
            q.addBindValue(text);
            QVERIFY(q.exec());
            back = ws.run(100, 1);
            QVERIFY(back.ok() && back->has_value());
            QDateTime expected = QDateTime::fromString(text, Qt::ISODateWithMs);
            if (!expected.isValid())
                expected = QDateTime::fromString(text, Qt::ISODate);
            QCOMPARE((*back)->createdAt.isValid(), expected.isValid());
            if (expected.isValid())
                QCOMPARE((*back)->createdAt, expected.toUTC());
        }
    }

    void jobsAndSteps()
    {
        QTemporaryDir dir;
        Workspace ws;
        CHECK_OK(ws.open(dir.path()));
        CHECK_OK(ws.upsertRun(makeRun(100)));
        const QList<JobRecord> jobs { makeJob(9001, 100, 3), makeJob(9002, 100, 2) };
        CHECK_OK(ws.upsertJobs(100, 1, jobs));
        CHECK_OK(ws.upsertJobs(100, 1, jobs));
        QCOMPARE(count(ws, QStringLiteral("jobs")), 2);
        QCOMPARE(count(ws, QStringLiteral("steps")), 5);
        const auto stored = ws.jobs(100, 1);
        CHECK_OK(stored);
        QCOMPARE(stored->size(), 2);
        QCOMPARE(stored->at(0).runnerLabels, QStringList { QStringLiteral("ubuntu-latest") });
        QCOMPARE(stored->at(0).steps.size(), 3);
        QCOMPARE(stored->at(0).steps.at(2).number, 22); // numbers skip, kept as given
        QCOMPARE(stored->at(0).completedAt, jobs.at(0).completedAt);
        // Jobs of an unknown run violate the foreign key.
        QVERIFY(!(ws.upsertJobs(999, 1, { makeJob(1, 999, 1) })).ok());
        QCOMPARE(count(ws, QStringLiteral("jobs")), 2);
    }

    void runsNeedingWork()
    {
        QTemporaryDir dir;
        Workspace ws;
        CHECK_OK(ws.open(dir.path()));
        CHECK_OK(ws.upsertRuns({ makeRun(1), makeRun(2), makeRun(3), makeRun(4) }));
        CHECK_OK(ws.setCollectionState(2, 1, CollectionState::JobsFetched));
        CHECK_OK(ws.setCollectionState(3, 1, CollectionState::JobsFetched));
        CHECK_OK(ws.setCollectionState(4, 1, CollectionState::Complete));
        LogArchiveRecord a = *ws.archive(3, 1);
        a.state = ArchiveState::Expired;
        CHECK_OK(ws.setArchive(a));
        QCOMPARE(ws.runsNeedingJobs()->size(), 1);
        QCOMPARE(ws.runsNeedingJobs()->at(0).runId, 1);
        QCOMPARE(ws.runsNeedingLogs()->size(), 1);
        QCOMPARE(ws.runsNeedingLogs()->at(0).runId, 2);
        QVERIFY(!(ws.setCollectionState(77, 1, CollectionState::Complete)).ok());
    }

    void archiveTransitions_data()
    {
        QTest::addColumn<ArchiveState>("from");
        QTest::addColumn<ArchiveState>("to");
        QTest::addColumn<bool>("allowed");
        QTest::addRow("pending -> downloading") << ArchiveState::Pending << ArchiveState::Downloading << true;
        QTest::addRow("pending -> downloaded") << ArchiveState::Pending << ArchiveState::Downloaded << false;
        QTest::addRow("downloading -> downloaded") << ArchiveState::Downloading << ArchiveState::Downloaded << true;
        QTest::addRow("downloading -> corrupt") << ArchiveState::Downloading << ArchiveState::Corrupt << true;
        QTest::addRow("pending -> corrupt") << ArchiveState::Pending << ArchiveState::Corrupt << false;
        QTest::addRow("downloaded -> downloading") << ArchiveState::Downloaded << ArchiveState::Downloading << false;
        QTest::addRow("downloaded -> pending") << ArchiveState::Downloaded << ArchiveState::Pending << true;
        QTest::addRow("pending -> expired") << ArchiveState::Pending << ArchiveState::Expired << true;
        QTest::addRow("downloading -> missing") << ArchiveState::Downloading << ArchiveState::Missing << true;
        QTest::addRow("failed -> downloading") << ArchiveState::Failed << ArchiveState::Downloading << true;
        QTest::addRow("expired -> downloaded") << ArchiveState::Expired << ArchiveState::Downloaded << false;
    }

    void archiveTransitions()
    {
        QFETCH(ArchiveState, from);
        QFETCH(ArchiveState, to);
        QFETCH(bool, allowed);
        QCOMPARE(Workspace::canTransition(from, to), allowed);

        QTemporaryDir dir;
        Workspace ws;
        CHECK_OK(ws.open(dir.path()));
        CHECK_OK(ws.upsertRun(makeRun(42)));
        // Walk to `from` through legal steps, then try `to`.
        LogArchiveRecord a = *ws.archive(42, 1);
        const QList<ArchiveState> path
            = from == ArchiveState::Downloaded ? QList { ArchiveState::Downloading, from } : QList { from };
        for (ArchiveState s : path) {
            a.state = s;
            CHECK_OK(ws.setArchive(a));
        }
        a.state = to;
        a.reason = QStringLiteral("why");
        const Status s = ws.setArchive(a);
        QCOMPARE(s.ok(), allowed);
        if (!allowed)
            QVERIFY2(s.error().contains(QStringLiteral("run 42")), qPrintable(s.error()));
        QCOMPARE(ws.archive(42, 1)->state, allowed ? to : from);
    }

    void labels()
    {
        QTemporaryDir dir;
        Workspace ws;
        CHECK_OK(ws.open(dir.path()));
        CHECK_OK(ws.upsertRuns({ makeRun(1), makeRun(2) }));
        const auto a = ws.addLabel({ 0, 1, 1, QStringLiteral("oom"), LabelSource::User, QStringLiteral("first") });
        CHECK_OK(a);
        const auto again = ws.addLabel({ 0, 1, 1, QStringLiteral("oom"), LabelSource::User, QStringLiteral("second") });
        CHECK_OK(again);
        QCOMPARE(*again, *a);
        CHECK_OK(ws.addLabel({ 0, 1, 1, QStringLiteral("oom"), LabelSource::MemoryLogs, {} }));
        CHECK_OK(ws.addLabel({ 0, 2, 1, QStringLiteral("normal"), LabelSource::Sample, {} }));
        QVERIFY(!(ws.addLabel({ 0, 3, 1, QStringLiteral("x"), LabelSource::User, {} })).ok()); // no such run
        QVERIFY(!(ws.addLabel({ 0, 1, 1, QStringLiteral("  "), LabelSource::User, {} })).ok());
        QCOMPARE(ws.labels()->size(), 3);
        QCOMPARE(ws.labels(1)->size(), 2);
        QCOMPARE(ws.labels(1)->at(0).note, QStringLiteral("second"));
        CHECK_OK(ws.removeLabel(*a));
        QVERIFY(!(ws.removeLabel(*a)).ok());
        QCOMPARE(ws.labels(1)->size(), 1);
        QCOMPARE(ws.labels(1)->at(0).source, LabelSource::MemoryLogs);
    }

    void etagCache()
    {
        QTemporaryDir dir;
        Workspace ws;
        CHECK_OK(ws.open(dir.path()));
        const QString url = QStringLiteral("http://127.0.0.1/repos/o/r/actions/runs?per_page=100");
        QVERIFY(!ws.cachedResponse(url)->has_value());
        QVERIFY(ws.storeCachedResponse({ url, "\"abc\"", "{\"total_count\":0}", "<x>; rel=\"next\"" }).ok());
        CHECK_OK(ws.storeCachedResponse({ url, "\"def\"", "{\"total_count\":1}", {} }));
        const auto cached = ws.cachedResponse(url);
        QVERIFY(cached.ok() && cached->has_value());
        QCOMPARE((*cached)->etag, QByteArray("\"def\""));
        QCOMPARE((*cached)->body, QByteArray("{\"total_count\":1}"));
        QCOMPARE((*cached)->link, QByteArray());
    }

    void connectionPerThread()
    {
        QTemporaryDir dir;
        Workspace main;
        CHECK_OK(main.open(dir.path()));
        CHECK_OK(main.upsertRun(makeRun(1)));
        bool workerOk = false;
        QString workerConnection;
        QThread* worker = QThread::create([&] {
            Workspace mine; // its own connection, opened and used on this thread only
            workerOk = mine.open(dir.path()).ok() && mine.upsertRun(makeRun(2)).ok() && mine.runs()->size() == 2;
            workerConnection = mine.connectionName();
        });
        worker->start();
        QVERIFY(worker->wait(20000));
        delete worker;
        QVERIFY(workerOk);
        QVERIFY(workerConnection != main.connectionName());
        QCOMPARE(main.runs()->size(), 2);
    }

    void verifyZip_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<bool>("valid");
        QTest::addRow("intact") << QString() << true;
        QTest::addRow("truncated") << QStringLiteral("truncate") << false;
        QTest::addRow("flipped byte in data") << QStringLiteral("flip") << false;
        QTest::addRow("not a zip") << QStringLiteral("garbage") << false;
    }

    void verifyZip()
    {
        QFETCH(QString, damage);
        QFETCH(bool, valid);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("run.zip"));
        const QByteArray payload = QByteArray("2024-01-28T19:27:24.9408212Z Killed\n").repeated(200);
        QByteArray bytes = makeZip(path,
            { { QStringLiteral("0_build.txt"), payload }, { QStringLiteral("build/1_Set up job.txt"), payload } });
        QVERIFY(!bytes.isEmpty());
        if (damage == QLatin1String("truncate"))
            bytes.chop(40);
        else if (damage == QLatin1String("flip"))
            bytes[60] = char(bytes[60] ^ 0x5a);
        else if (damage == QLatin1String("garbage"))
            bytes = QByteArray("this is not a zip file at all");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
        f.close();
        const auto check = workspace::verifyZip(path);
        QCOMPARE(check.ok(), valid);
        if (valid) {
            QCOMPARE(check->entries, 2);
            QCOMPARE(check->bytes, qint64(bytes.size()));
            QCOMPARE(check->sha256.size(), 64);
        } else {
            QVERIFY2(check.error().contains(path), qPrintable(check.error()));
        }
    }

    void seedImportExport()
    {
        QTemporaryDir dir;
        const QString seed = dir.filePath(QStringLiteral("seed"));
        QDir().mkpath(seed + QStringLiteral("/logs_failure/111/build"));
        QDir().mkpath(seed + QStringLiteral("/logs_normal/222"));
        auto write = [](const QString& path, const QByteArray& data) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(data);
        };
        write(seed + QStringLiteral("/workflow_runs.csv"),
            "repo,run_id,run_number,workflow_name,event,branch,status,conclusion,created_at,html_url,extra\n"
            "octo/app,111,5,CI,push,main,completed,failure,2024-01-28T19:27:24Z,https://x/111,?\n"
            "octo/app,222,6,\"CI, nightly\",schedule,main,completed,success,2024-01-29T01:00:00Z,https://x/222,?\n"
            "octo/app,333,7,CI,push,main,completed,failure,2024-01-30T01:00:00Z,https://x/333,?\n"
            "octo/app,notanumber,8,CI,push,main,completed,failure,,,\n");
        write(seed + QStringLiteral("/logs_failure/111/0_build.txt"),
            "line 1\n##[error]Process completed with exit code 137.\n");
        write(seed + QStringLiteral("/logs_failure/111/build/3_Run tests.txt"), "Killed\n");
        write(seed + QStringLiteral("/logs_normal/222/0_build.txt"), "ok\n");
        write(seed + QStringLiteral("/memory_logs.txt"), "logs_failure/111/0_build.txt\nlogs_failure/999/x.txt\n");

        Workspace ws;
        CHECK_OK(ws.open(dir.filePath(QStringLiteral("ws"))));
        const auto summary = SeedFolder::importFolder(ws, seed);
        QVERIFY2(summary.ok(), summary.ok() ? "" : qPrintable(summary.error()));
        QCOMPARE(summary->runs, 3);
        QCOMPARE(summary->archives, 2);
        QCOMPARE(summary->labels, 1);
        const QString warnings = summary->warnings.join(QLatin1Char('\n'));
        QVERIFY2(warnings.contains(QStringLiteral("unknown column 'extra'")), qPrintable(warnings));
        QVERIFY2(warnings.contains(QStringLiteral("column 'log_url' is missing")), qPrintable(warnings));
        QVERIFY2(warnings.contains(QStringLiteral("line 5")), qPrintable(warnings));
        QVERIFY2(warnings.contains(QStringLiteral("no log folder for run 333")), qPrintable(warnings));
        QCOMPARE(ws.archive(111, 1)->state, ArchiveState::Downloaded);
        QCOMPARE(ws.archive(333, 1)->state, ArchiveState::Missing);
        CHECK_OK(workspace::verifyZip(ws.absolutePath(ws.archive(111, 1)->path)));
        QCOMPARE(workspace::verifyZip(ws.absolutePath(ws.archive(111, 1)->path))->entries, 2);
        QCOMPARE(ws.run(222, 1)->value().workflowName, QStringLiteral("CI, nightly"));

        // Importing again adds nothing.
        CHECK_OK(SeedFolder::importFolder(ws, seed));
        QCOMPARE(ws.stats()->runs, 3);
        QCOMPARE(ws.stats()->labels, 1);

        const QString out = dir.filePath(QStringLiteral("out"));
        const auto exported = SeedFolder::exportFolder(ws, out);
        CHECK_OK(exported);
        QCOMPARE(exported->runs, 3);
        QCOMPARE(exported->archives, 2);
        for (const char* file : { "logs_failure/111/0_build.txt", "logs_failure/111/build/3_Run tests.txt",
                 "logs_normal/222/0_build.txt" }) {
            QFile a(seed + QLatin1Char('/') + QString::fromLatin1(file));
            QFile b(out + QLatin1Char('/') + QString::fromLatin1(file));
            QVERIFY2(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly), file);
            QCOMPARE(b.readAll(), a.readAll());
        }
        QFile memory(out + QStringLiteral("/memory_logs.txt"));
        QVERIFY(memory.open(QIODevice::ReadOnly));
        QCOMPARE(memory.readAll(), QByteArray("logs_failure/111/0_build.txt\n"));
        const auto table = CsvTable::read(out + QStringLiteral("/workflow_runs.csv"));
        CHECK_OK(table);
        QCOMPARE(table->header(), SeedFolder::runColumns());
        QCOMPARE(table->rowCount(), 3);
    }

    void seedImportErrors_data()
    {
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<QString>("expected");
        QTest::addRow("no csv") << QByteArray() << QStringLiteral("has no workflow_runs.csv");
        QTest::addRow("no run_id column") << QByteArray("repo,id\no/r,1\n") << QStringLiteral("'run_id' is missing");
        QTest::addRow("empty csv") << QByteArray("\n") << QStringLiteral("empty, no header line");
    }

    void seedImportErrors()
    {
        QFETCH(QByteArray, csv);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        if (!csv.isEmpty()) {
            QFile f(dir.filePath(QStringLiteral("workflow_runs.csv")));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(csv);
        }
        Workspace ws;
        CHECK_OK(ws.open(dir.filePath(QStringLiteral("ws"))));
        const auto summary = SeedFolder::importFolder(ws, dir.path());
        QVERIFY(!(summary).ok());
        QVERIFY2(summary.error().contains(expected), qPrintable(summary.error()));
    }
};

QTEST_GUILESS_MAIN(TestWorkspace)
#include "tst_workspace.moc"
