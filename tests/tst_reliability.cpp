// Reliability: one writer per workspace, nothing written outside it or copied in from outside the input,
// hostile archives refused on import as on reading, honest exit codes. Each case here failed before its fix
// (docs/reliability.md lists them).
#include "fakegithub/fakedatabuilder.h"
#include "fakegithub/fakegithubserver.h"
#include "github/githubclient.h"
#include "logs/ziparchive.h"
#include "pipeline/featurecache.h"
#include "session/workspacesession.h"
#include "testsupport.h"
#include "workspace/archivecheck.h"
#include "workspace/seedfolder.h"
#include "workspace/workspace.h"
#include "workspace/workspacelock.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QSemaphore>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSysInfo>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <quazip.h>
#include <quazipfile.h>
#include <quazipnewinfo.h>

#include <algorithm>
#include <csignal>
#include <sys/resource.h>

using namespace runlens;
using workspace::ArchiveState;

#define CHECK_OK(expr)                                                                                                 \
    do {                                                                                                               \
        const auto& checkOkResult = (expr);                                                                            \
        QVERIFY2(checkOkResult.ok(), qPrintable(checkOkResult.ok() ? QString() : checkOkResult.error()));              \
    } while (false)

namespace {

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// A seed folder with workflow_runs.csv rows (repo, run_id) and a log file for each run.
void makeSeed(const QString& dir, const QList<QPair<QString, qint64>>& runs)
{
    QByteArray csv = "repo,run_id,conclusion\n";
    for (const auto& [repo, id] : runs) {
        csv += repo.toUtf8() + ',' + QByteArray::number(id) + ",failure\n";
        QVERIFY(writeFile(dir + QStringLiteral("/logs_failure/%1/0_build.txt").arg(id), "step one\nKilled\n"));
    }
    QVERIFY(writeFile(dir + QStringLiteral("/workflow_runs.csv"), csv));
}

QStringList args(std::initializer_list<QString> list)
{
    return QStringList(list);
}

// The sample corpus (2 repositories, 12 runs each) in `seed`, imported into workspace `ws` and analyzed.
void analyzedSample(const QString& seed, const QString& ws)
{
    for (const QStringList& command :
        { args({ QStringLiteral("sample"), QStringLiteral("--out"), seed, QStringLiteral("--repos"),
              QStringLiteral("2"), QStringLiteral("--runs"), QStringLiteral("12") }),
            args({ QStringLiteral("import"), QStringLiteral("--workspace"), ws, seed }),
            args({ QStringLiteral("analyze"), QStringLiteral("--workspace"), ws, QStringLiteral("--trees"),
                QStringLiteral("30") }) }) {
        const test::CliRun run = test::runCli(command);
        QVERIFY2(run.exitCode == 0, qPrintable(command.join(QLatin1Char(' ')) + QLatin1Char('\n') + run.err));
    }
}

// Every file below `root`, relative.
QStringList filesBelow(const QString& root)
{
    QStringList out;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext())
        out << QDir(root).relativeFilePath(it.next());
    out.sort();
    return out;
}

QStringList zipEntryNames(const QString& path)
{
    Result<logs::ZipArchive> zip = logs::ZipArchive::open(path);
    if (!zip)
        return { zip.error() };
    QStringList names;
    for (const logs::LogEntry& e : zip->entries())
        names << e.name;
    return names;
}

// In a child process: files may not grow past 1 MiB, and a write past it fails (EFBIG, as on a full
// disk) instead of killing the process with SIGXFSZ.
void limitFileSizeToOneMiB()
{
    ::signal(SIGXFSZ, SIG_IGN);
    const rlimit limit { 1 << 20, 1 << 20 };
    ::setrlimit(RLIMIT_FSIZE, &limit);
}

// A one-shot HTTP server on 127.0.0.1 that answers every request with `response`.
class OneAnswerServer
{
public:
    explicit OneAnswerServer(QByteArray response)
        : m_response(std::move(response))
    {
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection()) {
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    m_request += socket->readAll();
                    if (m_request.contains("\r\n\r\n")) {
                        ++m_requests;
                        socket->write(m_response);
                        socket->disconnectFromHost();
                    }
                });
            }
        });
    }
    bool listen() { return m_server.listen(QHostAddress::LocalHost); }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort())); }
    int requests() const { return m_requests; }

private:
    QTcpServer m_server;
    QByteArray m_response;
    QByteArray m_request;
    int m_requests = 0;
};

} // namespace

class TestReliability : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // 1. One writer per workspace.
    void secondWriterIsRefused()
    {
        QTemporaryDir dir;
        workspace::WorkspaceLock first(dir.path());
        CHECK_OK(first.lock());
        QVERIFY(QFileInfo::exists(first.lockFilePath()));
        workspace::WorkspaceLock second(dir.path());
        const Status refused = second.lock();
        QVERIFY(!refused.ok());
        QVERIFY(second.isReadOnly());
        QCOMPARE(second.holder().pid, QCoreApplication::applicationPid());
        QCOMPARE(second.holder().host, QSysInfo::machineHostName());
        QCOMPARE(refused.error(),
            QStringLiteral("workspace %1 is in use by PID %2 (host %3)")
                .arg(QDir::cleanPath(dir.path()))
                .arg(QCoreApplication::applicationPid())
                .arg(QSysInfo::machineHostName()));

        // Every writing command of the CLI is refused the same way, with exit 1.
        const QString seed = dir.filePath(QStringLiteral("seed"));
        makeSeed(seed, { { QStringLiteral("o/r"), 1 } });
        const QString ws = dir.filePath(QStringLiteral("ws"));
        const QStringList import { QStringLiteral("import"), QStringLiteral("--workspace"), ws, seed };
        QCOMPARE(test::runCli(import).exitCode, 0);
        QVERIFY(!QFileInfo::exists(ws + QStringLiteral("/runlens.lock"))); // released on exit
        workspace::WorkspaceLock held(ws);
        CHECK_OK(held.lock());
        for (const QStringList& command : { import,
                 args({ QStringLiteral("collect"), QStringLiteral("--workspace"), ws, QStringLiteral("--repo"),
                     QStringLiteral("o/r"), QStringLiteral("--api-url"), QStringLiteral("http://127.0.0.1:9") }),
                 args({ QStringLiteral("analyze"), QStringLiteral("--workspace"), ws }),
                 args({ QStringLiteral("evaluate"), QStringLiteral("--workspace"), ws }),
                 args({ QStringLiteral("file-issues"), QStringLiteral("--workspace"), ws, QStringLiteral("--repo"),
                     QStringLiteral("o/r"), QStringLiteral("--dry-run") }) }) {
            const test::CliRun run = test::runCli(command, 60000);
            QVERIFY2(run.exitCode == 1, qPrintable(command.join(QLatin1Char(' ')) + QLatin1Char('\n') + run.err));
            QVERIFY2(run.err.contains(QStringLiteral("is in use by PID %1").arg(QCoreApplication::applicationPid())),
                qPrintable(run.err));
        }
        held.unlock();
        QCOMPARE(test::runCli(import).exitCode, 0);
    }

    void staleLockIsTakenOver()
    {
        // The lock of a process that is gone (killed with -9) is taken over.
        QProcess gone;
        gone.start(QStringLiteral("/bin/true"));
        QVERIFY(gone.waitForFinished(20000));
        const qint64 deadPid = gone.processId() > 0 ? gone.processId() : 0;
        QVERIFY(gone.exitStatus() == QProcess::NormalExit);
        QTemporaryDir dir;
        // QLockFile's format: pid, application name, host name.
        QVERIFY(writeFile(dir.filePath(QStringLiteral("runlens.lock")),
            QByteArray::number(deadPid ? deadPid : 4194301) + "\nrunlens-cli\n" + QSysInfo::machineHostName().toUtf8()
                + "\n"));
        workspace::WorkspaceLock lock(dir.path());
        CHECK_OK(lock.lock());
        QVERIFY(lock.isLocked());
        QVERIFY(!lock.isReadOnly());
    }

    void unreadableLockNamesItsFile()
    {
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.filePath(QStringLiteral("runlens.lock")), QByteArray()));
        workspace::WorkspaceLock lock(dir.path());
        const Status s = lock.lock();
        QVERIFY(!s.ok()); // never stale by age: a person decides
        QVERIFY2(s.error().contains(lock.lockFilePath()) && s.error().contains(QStringLiteral("names no process")),
            qPrintable(s.error()));
    }

    void concurrentOpensMigrateOnce()
    {
        // Two processes opening a new workspace at once both applied migration 1 ("table already exists").
        for (int round = 0; round < 8; ++round) {
            QTemporaryDir dir;
            constexpr int kThreads = 4;
            QSemaphore ready, go;
            QStringList errors;
            QMutex errorsMutex;
            QList<QThread*> threads;
            for (int t = 0; t < kThreads; ++t) {
                threads << QThread::create([&] {
                    workspace::Workspace ws;
                    ready.release();
                    go.acquire();
                    if (Status s = ws.open(dir.path()); !s) {
                        const QMutexLocker locker(&errorsMutex);
                        errors << s.error();
                    }
                });
                threads.last()->start();
            }
            ready.acquire(kThreads);
            go.release(kThreads);
            for (QThread* thread : std::as_const(threads)) {
                QVERIFY(thread->wait(60000));
                delete thread;
            }
            QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
            workspace::Workspace ws;
            CHECK_OK(ws.open(dir.path()));
            QCOMPARE(ws.schemaVersion(), workspace::Workspace::kSchemaVersion);
        }
    }

    void failedNeverOverwritesDownloadedAndIsRepaired()
    {
        QTemporaryDir dir;
        workspace::Workspace ws;
        CHECK_OK(ws.open(dir.path()));
        workspace::RunRecord run;
        run.runId = 7;
        run.repository = QStringLiteral("o/r");
        run.status = QStringLiteral("completed");
        CHECK_OK(ws.upsertRun(run));
        workspace::LogArchiveRecord a = *ws.archive(7, 1);
        a.state = ArchiveState::Downloading;
        CHECK_OK(ws.setArchive(a));
        a.state = ArchiveState::Downloaded;
        CHECK_OK(ws.setArchive(a));
        CHECK_OK(ws.setCollectionState(7, 1, workspace::CollectionState::Complete));
        // A second collector's late failure must not turn the stored archive into "failed".
        a.state = ArchiveState::Failed;
        QVERIFY(!ws.setArchive(a).ok());
        QCOMPARE(ws.archive(7, 1)->state, ArchiveState::Downloaded);

        // A workspace already damaged that way (failed under a complete run) is reopened by the next collect.
        QSqlDatabase db = QSqlDatabase::database(ws.connectionName(), false);
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("UPDATE log_archives SET state = 'failed' WHERE run_id = 7")));
        QVERIFY(ws.runsNeedingLogs()->isEmpty());
        QCOMPARE(*ws.reopenIncompleteRuns(), 1);
        QCOMPARE(ws.runsNeedingLogs()->size(), 1);
        QCOMPARE(*ws.reopenIncompleteRuns(), 0);
    }

    // 2. Nothing written outside the workspace.
    void hostileRepositoryRowsAreRefused_data()
    {
        QTest::addColumn<QString>("repo");
        QTest::addRow("parent") << QStringLiteral("../..");
        QTest::addRow("owner escapes") << QStringLiteral("../x");
        QTest::addRow("absolute") << QStringLiteral("/tmp");
        QTest::addRow("backslash") << QStringLiteral("o\\..\\..");
        QTest::addRow("dot name") << QStringLiteral("o/..");
        QTest::addRow("space") << QStringLiteral("o w/r");
        QTest::addRow("three parts") << QStringLiteral("a/b/c");
    }

    void hostileRepositoryRowsAreRefused()
    {
        QFETCH(QString, repo);
        QTemporaryDir dir;
        const QString box = dir.filePath(QStringLiteral("box")); // the workspace and seed live in here
        const QString seed = box + QStringLiteral("/seed");
        const QString ws = box + QStringLiteral("/deep/ws");
        QByteArray csv = "repo,run_id,conclusion\n\"" + repo.toUtf8() + "\",5,failure\no/ok,6,failure\n";
        QVERIFY(writeFile(seed + QStringLiteral("/workflow_runs.csv"), csv));
        QVERIFY(writeFile(seed + QStringLiteral("/logs_failure/5/0_build.txt"), "x\n"));
        QVERIFY(writeFile(seed + QStringLiteral("/logs_failure/6/0_build.txt"), "x\n"));
        const QStringList before = filesBelow(dir.path());
        const test::CliRun run = test::runCli({ QStringLiteral("import"), QStringLiteral("--workspace"), ws, seed });
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("line 2")) && run.err.contains(repo), qPrintable(run.err));
        QStringList created = filesBelow(dir.path());
        for (const QString& f : before)
            created.removeOne(f);
        for (const QString& f : std::as_const(created))
            QVERIFY2(f.startsWith(QLatin1String("box/deep/ws/")), qPrintable(f));
        QVERIFY(QFileInfo::exists(ws + QStringLiteral("/logs/o/ok/6-1.zip"))); // the good row still imported
    }

    void exportRefusesHostileNamesFromTheWorkspace()
    {
        QTemporaryDir dir;
        const QString seed = dir.filePath(QStringLiteral("seed"));
        const QString ws = dir.filePath(QStringLiteral("ws"));
        makeSeed(seed, { { QStringLiteral("o/r"), 5 } });
        QCOMPARE(test::runCli({ QStringLiteral("import"), QStringLiteral("--workspace"), ws, seed }).exitCode, 0);
        {
            // A workspace from elsewhere, edited by hand.
            workspace::Workspace w;
            CHECK_OK(w.open(ws));
            QSqlQuery q(QSqlDatabase::database(w.connectionName(), false));
            QVERIFY(q.exec(QStringLiteral("UPDATE repositories SET full_name = '../../escaped'")));
        }
        const QString out = dir.filePath(QStringLiteral("a/b/out"));
        const test::CliRun run = test::runCli(
            { QStringLiteral("export"), QStringLiteral("--workspace"), ws, QStringLiteral("--seed-layout"), out });
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("run 5 skipped")), qPrintable(run.err));
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("a/escaped"))));
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("a/b/escaped"))));
    }

    // 3. Nothing copied in from outside the input.
    void importDoesNotFollowLinksOut()
    {
        QTemporaryDir dir;
        const QString secret = dir.filePath(QStringLiteral("secret.txt"));
        QVERIFY(writeFile(secret, "TOP SECRET\n"));
        const QString seed = dir.filePath(QStringLiteral("seed"));
        makeSeed(seed, { { QStringLiteral("o/r"), 1 }, { QStringLiteral("o/r"), 2 } });
        QVERIFY(QFile::link(secret, seed + QStringLiteral("/logs_failure/1/1_secret.txt")));
        // A run folder that is itself a link to a folder elsewhere.
        QVERIFY(writeFile(dir.filePath(QStringLiteral("elsewhere/0_x.txt")), "ELSEWHERE\n"));
        QVERIFY(QDir(seed + QStringLiteral("/logs_failure/2")).removeRecursively());
        QVERIFY(QFile::link(dir.filePath(QStringLiteral("elsewhere")), seed + QStringLiteral("/logs_failure/2")));

        const QString ws = dir.filePath(QStringLiteral("ws"));
        const test::CliRun run = test::runCli({ QStringLiteral("import"), QStringLiteral("--workspace"), ws, seed });
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("links out of the seed folder")), qPrintable(run.err));
        QCOMPARE(
            zipEntryNames(ws + QStringLiteral("/logs/o/r/1-1.zip")), QStringList { QStringLiteral("0_build.txt") });
        QVERIFY(!QFileInfo::exists(ws + QStringLiteral("/logs/o/r/2-1.zip")));
    }

    void logRedirectOnlyToHttps()
    {
        OneAnswerServer server("HTTP/1.1 302 Found\r\nLocation: file:///etc/hostname\r\nContent-Length: 0\r\n"
                               "Connection: close\r\n\r\n");
        QVERIFY(server.listen());
        github::ClientOptions options;
        options.apiUrl = server.url();
        options.token = "t";
        options.backoff.baseDelayMs = 1;
        github::GithubClient client(options);
        QTemporaryDir dir;
        const QString target = dir.filePath(QStringLiteral("a.zip"));
        std::optional<github::DownloadOutcome> result;
        client.download(client.apiUrl(QStringLiteral("/repos/o/r/actions/runs/1/attempts/1/logs")), target,
            [&](const github::DownloadOutcome& r) { result = r; });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20000);
        QVERIFY(!result->ok());
        QVERIFY2(result->error().contains(QStringLiteral("'file:' URL refused")), qPrintable(result->error()));
        QVERIFY(!QFileInfo::exists(target));
    }

    // 4. Import refuses what scan refuses.
    void hostileArchivesAreRefusedOnImport_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("reason");
        QTest::addRow("zip slip") << QStringLiteral("slip") << QStringLiteral("escapes the archive");
        QTest::addRow("symlink entry") << QStringLiteral("symlink") << QStringLiteral("is a symbolic link");
        QTest::addRow("ratio bomb") << QStringLiteral("bomb") << QStringLiteral("compression ratio");
        QTest::addRow("absolute name") << QStringLiteral("absolute") << QStringLiteral("is an absolute path");
    }

    void hostileArchivesAreRefusedOnImport()
    {
        QFETCH(QString, kind);
        QFETCH(QString, reason);
        QTemporaryDir dir;
        const QString seed = dir.filePath(QStringLiteral("seed"));
        makeSeed(seed, { { QStringLiteral("o/r"), 3 } });
        const QString zipPath = seed + QStringLiteral("/zips/o/r/3-1.zip");
        QDir().mkpath(QFileInfo(zipPath).absolutePath());
        {
            QuaZip zip(zipPath);
            QVERIFY(zip.open(QuaZip::mdCreate));
            QuaZipNewInfo info(kind == QLatin1String("slip") ? QStringLiteral("../../evil.txt")
                    : kind == QLatin1String("absolute")      ? QStringLiteral("/etc/evil.txt")
                                                             : QStringLiteral("0_build.txt"));
            if (kind == QLatin1String("symlink"))
                info.externalAttr = quint32(0120777) << 16;
            QuaZipFile f(&zip);
            QVERIFY(f.open(QIODevice::WriteOnly, info));
            const QByteArray bytes = kind == QLatin1String("bomb") ? QByteArray(4 << 20, '\0')
                : kind == QLatin1String("symlink")                 ? QByteArray("/etc/passwd")
                                                                   : QByteArray("x\n");
            f.write(bytes);
            f.close();
            zip.close();
        }
        const QString ws = dir.filePath(QStringLiteral("ws"));
        const test::CliRun run = test::runCli({ QStringLiteral("import"), QStringLiteral("--workspace"), ws, seed });
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(reason), qPrintable(run.err));
        workspace::Workspace w;
        CHECK_OK(w.open(ws));
        QCOMPARE(w.archive(3, 1)->state, ArchiveState::Failed);
        QVERIFY(w.archive(3, 1)->reason.contains(reason));
        QVERIFY(!QFileInfo::exists(ws + QStringLiteral("/logs/o/r/3-1.zip")));
        QVERIFY2(!filesBelow(ws).join(QLatin1Char(' ')).contains(QLatin1String(".part")),
            qPrintable(filesBelow(ws).join(QLatin1Char(' '))));
    }

    void emptyGithubZipIsValid()
    {
        // GitHub sends this for runs without logs: only an end-of-central-directory record.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("empty.zip"));
        QVERIFY(writeFile(path, QByteArray("PK\x05\x06", 4) + QByteArray(18, '\0')));
        const Result<workspace::ArchiveCheck> check = workspace::verifyZip(path);
        QVERIFY2(check.ok(), qPrintable(check.ok() ? QString() : check.error()));
        QCOMPARE(check->entries, 0);
        QCOMPARE(check->bytes, qint64(22));
    }

    void exportStreamsEntries()
    {
        // An entry larger than the export can hold whole is still extracted (in chunks) byte for byte.
        QTemporaryDir dir;
        const QString seed = dir.filePath(QStringLiteral("seed"));
        makeSeed(seed, { { QStringLiteral("o/r"), 4 } });
        QByteArray big;
        for (int i = 0; i < 200000; ++i)
            big += QByteArray::number(i) + " line of a long log\n";
        QVERIFY(writeFile(seed + QStringLiteral("/logs_failure/4/1_big.txt"), big));
        const QString ws = dir.filePath(QStringLiteral("ws"));
        QCOMPARE(test::runCli({ QStringLiteral("import"), QStringLiteral("--workspace"), ws, seed }).exitCode, 0);
        const QString out = dir.filePath(QStringLiteral("out"));
        const test::CliRun run = test::runCli(
            { QStringLiteral("export"), QStringLiteral("--workspace"), ws, QStringLiteral("--seed-layout"), out });
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(readFile(out + QStringLiteral("/logs_failure/4/1_big.txt")), big);
    }

    // 5. Terminal safety.
    void scanEscapesControlCharacters_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addRow("text") << QStringLiteral("text");
        QTest::addRow("csv") << QStringLiteral("csv");
    }

    void scanEscapesControlCharacters()
    {
        QFETCH(QString, format);
        QTemporaryDir dir;
        const QString zip = dir.filePath(QStringLiteral("run.zip"));
        QVERIFY(test::writeZip(zip,
            { { QStringLiteral("build/0_\x1b]0;title\x07.txt"),
                "2024-01-01T00:00:00.0000000Z \x1b]52;c;SGVsbG8=\x07 fatal: Killed signal terminated program "
                "cc1plus\n2024-01-01T00:00:01.0000000Z Killed\n" } }));
        const test::CliRun run = test::runCli(
            { QStringLiteral("scan"), QStringLiteral("--naive"), QStringLiteral("--format"), format, zip });
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(QStringLiteral("Killed")), qPrintable(run.out));
        QVERIFY2(!run.out.contains(QChar(0x1b)) && !run.out.contains(QChar(0x07)), qPrintable(run.out));
        QVERIFY2(run.out.contains(QStringLiteral("\\x1b]52;c;SGVsbG8=\\x07")), qPrintable(run.out));
    }

    void scanClampsThreads()
    {
        QTemporaryDir dir;
        const QString zip = dir.filePath(QStringLiteral("run.zip"));
        QVERIFY(test::writeZip(zip, { { QStringLiteral("0_build.txt"), "ok\n" } }));
        const test::CliRun run = test::runCli(
            { QStringLiteral("scan"), QStringLiteral("--threads"), QStringLiteral("2000000000"), zip }, 60000);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    }

    // 6. Honest import results.
    void importOfAFileSaysNotAFolder()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("seed.txt"));
        QVERIFY(writeFile(file, "x"));
        const test::CliRun run = test::runCli(
            { QStringLiteral("import"), QStringLiteral("--workspace"), dir.filePath(QStringLiteral("ws")), file });
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("is not a folder")), qPrintable(run.err));
    }

    void relativeSeedDirGivesTheSameEntries()
    {
        QTemporaryDir dir;
        makeSeed(dir.filePath(QStringLiteral("old")), { { QStringLiteral("o/r"), 9 } });
        const test::CliRun run = test::runCli(
            { QStringLiteral("import"), QStringLiteral("--workspace"), QStringLiteral("ws"), QStringLiteral("old") },
            60000, dir.path());
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(zipEntryNames(dir.filePath(QStringLiteral("ws/logs/o/r/9-1.zip"))),
            QStringList { QStringLiteral("0_build.txt") });
    }

    void unreadableLogFolderIsReported()
    {
        QTemporaryDir dir;
        const QString seed = dir.filePath(QStringLiteral("seed"));
        makeSeed(seed, { { QStringLiteral("o/r"), 1 } });
        // Root reads any folder; a file where the folder should be is unreadable as a folder for everyone.
        const QString logs = seed + QStringLiteral("/logs_failure");
        QVERIFY(QDir(logs).removeRecursively());
        QVERIFY(writeFile(logs, "not a folder"));
        const test::CliRun run = test::runCli(
            { QStringLiteral("import"), QStringLiteral("--workspace"), dir.filePath(QStringLiteral("ws")), seed });
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("logs_failure' is unreadable")), qPrintable(run.err));
        QVERIFY2(!run.err.contains(QStringLiteral("no log folder for run 1")), qPrintable(run.err));
    }

    // A failure while zipping a run's logs leaves no .part behind, and import exits 1.
    void failedZippingLeavesNoPart_data()
    {
        QTest::addColumn<bool>("fileSizeLimit");
        QTest::addRow("the ZIP's place is taken by a folder") << false;
        QTest::addRow("writing the ZIP fails (file size limit)") << true;
    }
    void failedZippingLeavesNoPart()
    {
        QFETCH(bool, fileSizeLimit);
        QTemporaryDir dir;
        const QString seed = dir.filePath(QStringLiteral("seed"));
        const QString ws = dir.filePath(QStringLiteral("ws"));
        makeSeed(seed, { { QStringLiteral("o/r"), 1 }, { QStringLiteral("o/r"), 2 } });
        QProcess import;
        if (fileSizeLimit) {
            // 2 MiB that do not compress: writing run 2's ZIP passes the limit (the database stays far below it).
            QByteArray noise(2 << 20, Qt::Uninitialized);
            QRandomGenerator generator(15);
            generator.fillRange(reinterpret_cast<quint32*>(noise.data()), noise.size() / int(sizeof(quint32)));
            QVERIFY(writeFile(seed + QStringLiteral("/logs_failure/2/1_big.txt"), noise));
            import.setChildProcessModifier(&limitFileSizeToOneMiB);
        } else {
            QVERIFY(writeFile(ws + QStringLiteral("/logs/o/r/2-1.zip/taken"), "x"));
        }
        import.start(test::cliPath(), { QStringLiteral("import"), QStringLiteral("--workspace"), ws, seed });
        QVERIFY(import.waitForFinished(120000));
        const QString err = QString::fromUtf8(import.readAllStandardError());
        QCOMPARE(import.exitStatus(), QProcess::NormalExit);
        QVERIFY2(import.exitCode() == 1, qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral("2-1.zip")), qPrintable(err));
        QVERIFY(QFileInfo::exists(ws + QStringLiteral("/logs/o/r/1-1.zip")));
        QStringList parts;
        QDirIterator it(
            ws, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            if (const QString path = it.next(); path.contains(QLatin1String(".part")))
                parts << path;
        }
        QVERIFY2(parts.isEmpty(), qPrintable(parts.join(QLatin1Char(' '))));
        workspace::Workspace w;
        CHECK_OK(w.open(ws));
        QCOMPARE(w.archive(2, 1)->state, ArchiveState::Failed);
        QCOMPARE(w.archive(1, 1)->state, ArchiveState::Downloaded);
    }

    // 7. Disk full.
    void diskFullIsReportedOnceWithoutRetries()
    {
        if (!QFileInfo::exists(QStringLiteral("/dev/full")))
            QSKIP("no /dev/full");
        sample::FakeDataSpec spec;
        spec.repos = 1;
        spec.runsPerRepo = 1;
        spec.expiredRatio = 0.0;
        sample::FakeGitHubConfig config;
        config.token = QStringLiteral("fake_tok_DISKFULL0123456789abcdefABCDEF");
        const sample::FakeGitHubData data = sample::FakeDataBuilder::build(spec);
        sample::FakeGitHubServer server(data, config);
        QVERIFY(server.start().ok());
        github::ClientOptions options;
        options.apiUrl = server.apiUrl();
        options.token = server.token().toUtf8();
        options.backoff.baseDelayMs = 1;
        github::GithubClient client(options);
        QTemporaryDir dir;
        // A link to /dev/full: every write fails with ENOSPC (removing the link leaves /dev/full alone).
        const QString target = dir.filePath(QStringLiteral("a.zip"));
        QVERIFY(QFile::link(QStringLiteral("/dev/full"), target));
        const sample::FakeRun& run = data.runs.constFirst();
        std::optional<github::DownloadOutcome> result;
        int calls = 0;
        client.download(client.apiUrl(QStringLiteral("/repos/%1/actions/runs/%2/attempts/%3/logs")
                                          .arg(data.repos.constFirst().fullName())
                                          .arg(run.id)
                                          .arg(run.attempt)),
            target, [&](const github::DownloadOutcome& r) {
                result = r;
                ++calls;
            });
        QTRY_VERIFY_WITH_TIMEOUT(calls > 0, 30000);
        QVERIFY(!result->ok());
        QVERIFY(result->failure().diskFull);
        QVERIFY2(result->error().contains(QStringLiteral("no space left on device (%1)").arg(target)),
            qPrintable(result->error()));
        int storageRequests = 0;
        for (const sample::FakeRequestLogEntry& e : server.requestLog())
            storageRequests += e.listener == sample::FakeListenerKind::Storage ? 1 : 0;
        QCOMPARE(storageRequests, 1);
        QCOMPARE(calls, 1);
    }

    void readOnlyWorkspaceCanBeExported()
    {
        QTemporaryDir dir;
        const QString seed = dir.filePath(QStringLiteral("seed"));
        const QString ws = dir.filePath(QStringLiteral("ws"));
        makeSeed(seed, { { QStringLiteral("o/r"), 1 } });
        QCOMPARE(test::runCli({ QStringLiteral("import"), QStringLiteral("--workspace"), ws, seed }).exitCode, 0);
        // Root ignores permissions; the immutable flag stops root too (nothing can be created in the folder).
        const QStringList paths { ws, ws + QStringLiteral("/runlens.db") };
        if (QProcess::execute(QStringLiteral("chattr"), QStringList { QStringLiteral("+i") } + paths) != 0)
            QSKIP("chattr +i is not available here");
        const auto restore = qScopeGuard(
            [&] { QProcess::execute(QStringLiteral("chattr"), QStringList { QStringLiteral("-i") } + paths); });
        QVERIFY(!QFile(ws + QStringLiteral("/probe")).open(QIODevice::WriteOnly));
        const QString out = dir.filePath(QStringLiteral("out"));
        const test::CliRun run = test::runCli(
            { QStringLiteral("export"), QStringLiteral("--workspace"), ws, QStringLiteral("--seed-layout"), out });
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(readFile(out + QStringLiteral("/logs_failure/1/0_build.txt")), QByteArray("step one\nKilled\n"));
        // Writers say why they cannot.
        const test::CliRun import = test::runCli({ QStringLiteral("import"), QStringLiteral("--workspace"), ws, seed });
        QCOMPARE(import.exitCode, 1);
        QVERIFY2(import.err.contains(QStringLiteral("is read-only")), qPrintable(import.err));
    }

    // evaluate and report with their outputs elsewhere, and export, read a workspace they cannot write: one
    // another process holds (works as root too) or a folder nobody can write (the immutable flag stops root).
    // A workspace nobody can write whose feature cache is stale (emptied here, as a newer extractor would
    // leave it): the session shows the stored analysis with features extracted again, and their evidence
    // lines, which the workspace cannot hold, come from the analysis.
    void readOnlyWorkspaceShowsEvidence()
    {
        QTemporaryDir dir;
        const QString seed = dir.filePath(QStringLiteral("seed"));
        const QString ws = dir.filePath(QStringLiteral("ws"));
        analyzedSample(seed, ws);
        if (QTest::currentTestFailed())
            return;
        // The evidence the analysis stored, per run.
        QHash<RunKey, features::FeatureEvidence> before;
        {
            workspace::Workspace open;
            QVERIFY(open.open(ws));
            const Result<QList<workspace::RunRecord>> runs = open.runs();
            QVERIFY(runs);
            const pipeline::FeatureCache cache(open);
            for (const workspace::RunRecord& run : *runs) {
                const Result<features::FeatureEvidence> evidence = cache.evidence({ run.runId, run.attempt });
                QVERIFY(evidence);
                before.insert({ run.runId, run.attempt }, *evidence);
            }
            QSqlQuery q(QSqlDatabase::database(open.connectionName()));
            QVERIFY(q.exec(QStringLiteral("DELETE FROM features")));
            QVERIFY(q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
        }
        const QStringList paths { ws, ws + QStringLiteral("/runlens.db") };
        const auto restore = qScopeGuard(
            [&] { QProcess::execute(QStringLiteral("chattr"), QStringList { QStringLiteral("-i") } + paths); });
        if (QProcess::execute(QStringLiteral("chattr"), QStringList { QStringLiteral("+i") } + paths) != 0)
            QSKIP("chattr +i is not available here");

        session::WorkspaceSession session;
        QVERIFY(session.open(ws));
        QVERIFY(session.isReadOnly());
        QTRY_VERIFY_WITH_TIMEOUT(session.analysis() != nullptr, 60000);
        const std::shared_ptr<const pipeline::AnalysisResult> analysis = session.analysis();
        QVERIFY(!analysis->runs.empty());
        QCOMPARE(analysis->featuresComputed, int(analysis->runs.size()));
        int withEvidence = 0;
        for (const pipeline::RunAnalysis& run : analysis->runs) {
            const Result<features::FeatureEvidence> evidence = session.evidenceOf(run.key());
            QVERIFY2(evidence, evidence ? "" : qPrintable(evidence.error()));
            QVERIFY2(*evidence == before.value(run.key()), qPrintable(run.key().toString()));
            withEvidence
                += std::any_of(evidence->begin(), evidence->end(), [](const auto& refs) { return !refs.isEmpty(); });
        }
        QVERIFY(withEvidence > 0);
    }

    void readOnlyWorkspaceCanBeRead_data()
    {
        QTest::addColumn<bool>("immutable");
        QTest::addRow("held by another process") << false;
        QTest::addRow("folder nobody can write") << true;
    }
    void readOnlyWorkspaceCanBeRead()
    {
        QFETCH(bool, immutable);
        QTemporaryDir dir;
        const QString seed = dir.filePath(QStringLiteral("seed"));
        const QString ws = dir.filePath(QStringLiteral("ws"));
        const QString labels = seed + QStringLiteral("/labels.csv");
        analyzedSample(seed, ws);
        if (QTest::currentTestFailed())
            return;
        workspace::WorkspaceLock held(ws);
        const QStringList paths { ws, ws + QStringLiteral("/runlens.db") };
        const auto restore = qScopeGuard([&] {
            if (immutable)
                QProcess::execute(QStringLiteral("chattr"), QStringList { QStringLiteral("-i") } + paths);
        });
        if (immutable) {
            {
                // An emptied feature cache: report extracts the features again and must not store them.
                QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("cache"));
                db.setDatabaseName(ws + QStringLiteral("/runlens.db"));
                QVERIFY(db.open());
                QVERIFY(QSqlQuery(db).exec(QStringLiteral("DELETE FROM features")));
                QVERIFY(QSqlQuery(db).exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
                db.close();
            }
            QSqlDatabase::removeDatabase(QStringLiteral("cache"));
            if (QProcess::execute(QStringLiteral("chattr"), QStringList { QStringLiteral("+i") } + paths) != 0)
                QSKIP("chattr +i is not available here");
            QVERIFY(!QFile(ws + QStringLiteral("/probe")).open(QIODevice::WriteOnly));
        } else {
            CHECK_OK(held.lock());
        }
        const QString inUse = QStringLiteral("is in use by PID %1").arg(QCoreApplication::applicationPid());
        const QString cannotWrite = immutable ? QStringLiteral("is read-only") : inUse;
        // SQLite's -wal and -shm files come and go with readers.
        const auto withoutSqliteFiles = [](QStringList files) {
            files.removeIf([](const QString& f) {
                return f.endsWith(QLatin1String("-wal")) || f.endsWith(QLatin1String("-shm"));
            });
            return files;
        };
        const QStringList before = withoutSqliteFiles(filesBelow(ws));
        const QByteArray dbBefore = readFile(ws + QStringLiteral("/runlens.db"));
        const QString out = dir.filePath(QStringLiteral("out"));
        const test::CliRun evaluate = test::runCli({ QStringLiteral("evaluate"), QStringLiteral("--workspace"), ws,
            QStringLiteral("--labels"), labels, QStringLiteral("--bootstrap"), QStringLiteral("0"),
            QStringLiteral("--out"), out + QStringLiteral("/evaluation") });
        QVERIFY2(evaluate.exitCode == 0, qPrintable(evaluate.err));
        QVERIFY(QFileInfo::exists(out + QStringLiteral("/evaluation/evaluation.csv")));
        QVERIFY(QFileInfo::exists(out + QStringLiteral("/evaluation/evaluation_recall.csv")));
        // Said once: why it cannot write, and that it only reads.
        QCOMPARE(evaluate.err.count(QStringLiteral("reading it only")), 1);
        QVERIFY2(evaluate.err.contains(cannotWrite), qPrintable(evaluate.err));
        const test::CliRun report = test::runCli({ QStringLiteral("report"), QStringLiteral("--workspace"), ws,
            QStringLiteral("--labels"), labels, QStringLiteral("--out"), out + QStringLiteral("/report"),
            QStringLiteral("--width"), QStringLiteral("300"), QStringLiteral("--height"), QStringLiteral("200"),
            QStringLiteral("--dpi"), QStringLiteral("50") });
        QVERIFY2(report.exitCode == 0, qPrintable(report.err));
        QVERIFY(QFileInfo::exists(out + QStringLiteral("/report/summary.md")));
        QCOMPARE(report.err.count(QStringLiteral("reading it only")), 1);
        const test::CliRun exported = test::runCli({ QStringLiteral("export"), QStringLiteral("--workspace"), ws,
            QStringLiteral("--seed-layout"), out + QStringLiteral("/seed") });
        QVERIFY2(exported.exitCode == 0, qPrintable(exported.err));
        QVERIFY(QFileInfo::exists(out + QStringLiteral("/seed/workflow_runs.csv")));
        // Nothing was written to the workspace.
        QCOMPARE(withoutSqliteFiles(filesBelow(ws)), before);
        if (immutable)
            QVERIFY(readFile(ws + QStringLiteral("/runlens.db")) == dbBefore);
        // What writes to the workspace is still refused: evaluate into its exports/, report --reanalyze.
        for (const QStringList& command : { args({ QStringLiteral("evaluate"), QStringLiteral("--workspace"), ws,
                                                QStringLiteral("--labels"), labels }),
                 args({ QStringLiteral("report"), QStringLiteral("--workspace"), ws, QStringLiteral("--reanalyze"),
                     QStringLiteral("--out"), out + QStringLiteral("/report2") }) }) {
            const test::CliRun run = test::runCli(command);
            QVERIFY2(run.exitCode == 1, qPrintable(command.join(QLatin1Char(' ')) + QLatin1Char('\n') + run.err));
            QVERIFY2(run.err.contains(cannotWrite), qPrintable(run.err));
        }
    }

    void readingCommandsDoNotCreateWorkspaces_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addRow("analyze") << QStringList { QStringLiteral("analyze") };
        QTest::addRow("evaluate") << QStringList { QStringLiteral("evaluate") };
        QTest::addRow("evaluate --out") << QStringList { QStringLiteral("evaluate"), QStringLiteral("--out"),
            QStringLiteral("out") };
        QTest::addRow("report --out") << QStringList { QStringLiteral("report"), QStringLiteral("--out"),
            QStringLiteral("out") };
        QTest::addRow("file-issues") << QStringList { QStringLiteral("file-issues"), QStringLiteral("--repo"),
            QStringLiteral("o/r"), QStringLiteral("--dry-run") };
        QTest::addRow("export") << QStringList { QStringLiteral("export"), QStringLiteral("--seed-layout"),
            QStringLiteral("out") };
    }
    void readingCommandsDoNotCreateWorkspaces()
    {
        QFETCH(QStringList, options);
        QTemporaryDir dir;
        const QString notWs = dir.filePath(QStringLiteral("nothing-here"));
        const test::CliRun run
            = test::runCli(QStringList { options.constFirst(), QStringLiteral("--workspace"), notWs } + options.mid(1),
                60000, dir.path());
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("no runlens.db")), qPrintable(run.err));
        QVERIFY(!QFileInfo::exists(notWs));
    }

    void importsOfMissingInputCreateNoWorkspace_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("message");
        QTest::addRow("import") << QStringLiteral("import") << QStringLiteral("does not exist");
        QTest::addRow("import-ghalogs") << QStringLiteral("import-ghalogs") << QStringLiteral("is not a folder");
    }
    void importsOfMissingInputCreateNoWorkspace()
    {
        QFETCH(QString, command);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString ws = dir.filePath(QStringLiteral("new-workspace"));
        const QString missing = dir.filePath(QStringLiteral("no-such-input"));
        const test::CliRun run = test::runCli({ command, QStringLiteral("--workspace"), ws, missing });
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(missing) && run.err.contains(message), qPrintable(run.err));
        QVERIFY(!QFileInfo::exists(ws)); // the input is checked before the workspace is created
    }
};

QTEST_GUILESS_MAIN(TestReliability)
#include "tst_reliability.moc"
