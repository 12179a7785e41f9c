// The collector against the fake GitHub server (core/sample) on 127.0.0.1.
#include "fakegithub/fakedatabuilder.h"
#include "fakegithub/fakegithubserver.h"
#include "github/collector.h"
#include "github/githubclient.h"
#include "testsupport.h"
#include "workspace/archivecheck.h"
#include "workspace/workspace.h"

#include <QBuffer>
#include <QDirIterator>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

#include <quazip.h>
#include <quazipfile.h>

using namespace runlens;
using namespace runlens::github;
using namespace runlens::sample;
using workspace::ArchiveState;
using workspace::Workspace;

#define CHECK_OK(expr)                                                                                                 \
    do {                                                                                                               \
        const auto checked_ = (expr);                                                                                  \
        QVERIFY2(checked_.ok(), checked_.ok() ? "" : qPrintable(checked_.error()));                                    \
    } while (false)

namespace {
const QString kToken = QStringLiteral("fake_tok_TESTtoken0123456789abcdefABCDEF");

CollectOptions optionsFor(const FakeGitHubServer& server)
{
    CollectOptions o;
    o.apiUrl = server.apiUrl();
    for (const FakeRepo& repo : server.repos())
        o.repositories.append(repo.fullName());
    o.backoff.baseDelayMs = 5;
    o.backoff.maxDelayMs = 200;
    o.backoff.maxRetries = 10;
    o.resetMarginMs = 200;
    return o;
}

FakeGitHubConfig configWith(const QString& faults = {})
{
    FakeGitHubConfig config;
    config.token = kToken;
    config.seed = 11;
    if (!faults.isEmpty())
        config.faults = *FakeFaults::parse(faults);
    return config;
}

// The latest attempt of every run the server holds: what a complete collection must contain.
QHash<qint64, FakeRun> latestRuns(const FakeGitHubData& data)
{
    QHash<qint64, FakeRun> latest;
    for (const FakeRun& run : data.runs) {
        if (!latest.contains(run.id) || latest.value(run.id).attempt < run.attempt)
            latest.insert(run.id, run);
    }
    return latest;
}

CollectSummary collect(Workspace& ws, const CollectOptions& options, const QByteArray& token = kToken.toUtf8(),
    const std::function<void(Collector&)>& setup = {})
{
    Collector collector(ws, options, token);
    QSignalSpy finished(&collector, &Collector::finished);
    if (setup)
        setup(collector);
    collector.start();
    if (finished.isEmpty() && !finished.wait(120000)) {
        CollectSummary timedOut;
        timedOut.canceled = true;
        timedOut.failures.append({ {}, 0, 0, QStringLiteral("timed out") });
        return timedOut;
    }
    return finished.constFirst().constFirst().value<CollectSummary>();
}

QString failures(const CollectSummary& s)
{
    QStringList lines;
    for (const CollectFailure& f : s.failures)
        lines << f.describe();
    return lines.join(QLatin1Char('\n'));
}

QStringList filesUnder(const QString& dir, const QString& pattern = QStringLiteral("*"))
{
    QStringList out;
    QDirIterator it(dir, { pattern }, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        out << it.next();
    return out;
}

// No byte of the token in any file of the folder (database, WAL, archives, everything).
bool tokenAnywhere(const QString& dir)
{
    for (const QString& path : filesUnder(dir)) {
        QFile f(path);
        if (f.open(QIODevice::ReadOnly) && f.readAll().contains(kToken.toUtf8()))
            return true;
    }
    return false;
}

QMap<QString, QByteArray> zipEntries(QByteArray bytes)
{
    QBuffer buffer(&bytes);
    QuaZip zip(&buffer);
    QMap<QString, QByteArray> entries;
    if (!zip.open(QuaZip::mdUnzip))
        return entries;
    for (bool more = zip.goToFirstFile(); more; more = zip.goToNextFile()) {
        QuaZipFile entry(&zip);
        entry.open(QIODevice::ReadOnly);
        entries.insert(zip.getCurrentFileName(), entry.readAll());
    }
    return entries;
}

// Every run complete: downloaded archives verify and match the server's bytes, expired ones are
// recorded, and each run id appears once.
void verifyComplete(Workspace& ws, const FakeGitHubData& data)
{
    QHash<QPair<qint64, int>, FakeRun> attempts; // every attempt, re-runs' earlier ones included
    for (const FakeRun& run : data.runs)
        attempts.insert({ run.id, run.attempt }, run);
    const auto runs = ws.runs();
    CHECK_OK(runs);
    QCOMPARE(runs->size(), attempts.size());
    QSet<QPair<qint64, int>> keys;
    for (const workspace::RunRecord& run : *runs) {
        const QPair<qint64, int> key { run.runId, run.attempt };
        QVERIFY2(!keys.contains(key), "duplicate run attempt");
        keys.insert(key);
        QVERIFY(attempts.contains(key));
        const FakeRun& fake = attempts.value(key);
        QCOMPARE(run.conclusion, fake.conclusion);
        const auto archive = ws.archive(run.runId, run.attempt);
        CHECK_OK(archive);
        if (fake.logsExpired) {
            QCOMPARE(archive->state, ArchiveState::Expired);
            continue;
        }
        QVERIFY2(archive->state == ArchiveState::Downloaded,
            qPrintable(QStringLiteral("run %1: %2 %3")
                           .arg(run.runId)
                           .arg(workspace::nameOf(archive->state), archive->reason)));
        const auto check = workspace::verifyZip(ws.absolutePath(archive->path));
        CHECK_OK(check);
        QCOMPARE(check->sha256, archive->sha256);
        // Same entries with the same bytes as the server's archive (the server zips on demand, so whole-file
        // hashes differ by timestamps).
        QFile file(ws.absolutePath(archive->path));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(zipEntries(file.readAll()), zipEntries(fake.logZip()));
        QCOMPARE(run.collectionState, workspace::CollectionState::Complete);
        const auto jobs = ws.jobs(run.runId, run.attempt);
        CHECK_OK(jobs);
        QCOMPARE(jobs->size(), fake.jobs.size());
    }
    QVERIFY(filesUnder(ws.dir(), QStringLiteral("*.part")).isEmpty());
    QVERIFY(ws.archivesInState(ArchiveState::Downloading)->isEmpty());
}
} // namespace

class TestCollector : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<CollectSummary>();
        qRegisterMetaType<CollectProgress>();
        qputenv("RUNLENS_NO_KEYCHAIN", "1");
        qunsetenv("GITHUB_TOKEN");
        qunsetenv("GH_TOKEN");
    }

    void collectsDespiteFaults()
    {
        FakeDataSpec spec;
        spec.repos = 2;
        spec.runsPerRepo = 30;
        spec.seed = 5;
        const FakeGitHubData data = FakeDataBuilder::build(spec);
        FakeGitHubServer server(data, configWith(QStringLiteral("5xx=0.05,reset=0.02,truncate=0.02")));
        CHECK_OK(server.start());
        QTemporaryDir dir;
        Workspace ws;
        CHECK_OK(ws.open(dir.path()));
        const CollectSummary summary = collect(ws, optionsFor(server));
        QVERIFY2(summary.failures.isEmpty(), qPrintable(failures(summary)));
        verifyComplete(ws, data);
        const auto log = server.requestLog();
        int storage = 0;
        int faulted = 0;
        for (const FakeRequestLogEntry& e : log) {
            if (e.listener == FakeListenerKind::Storage) {
                ++storage;
                QVERIFY2(!e.hasAuthorization, qPrintable(e.path));
            } else {
                QVERIFY(e.hasAuthorization);
            }
            if (!e.fault.isEmpty())
                ++faulted;
        }
        QVERIFY(storage >= summary.logsDownloaded);
        QVERIFY(faulted > 0); // the faults really happened
        QVERIFY(summary.logsExpired > 0);
        QVERIFY(!tokenAnywhere(dir.path()));
    }

    void splitsCappedSearch()
    {
        FakeDataSpec spec;
        spec.repos = 1;
        spec.runsPerRepo = 2500;
        spec.failureRatio = 1.0;
        spec.rerunRatio = 0.0;
        spec.jobsPerRun = 1;
        const FakeGitHubData data = FakeDataBuilder::build(spec);
        FakeGitHubServer server(data, configWith());
        CHECK_OK(server.start());
        QTemporaryDir dir;
        Workspace ws;
        CHECK_OK(ws.open(dir.path()));
        CollectOptions options = optionsFor(server);
        options.status = QStringLiteral("failure");
        options.listOnly = true;
        options.since = QDate(2024, 1, 1);
        options.until = QDate(2024, 6, 30);
        const CollectSummary summary = collect(ws, options);
        QVERIFY2(summary.failures.isEmpty(), qPrintable(failures(summary)));
        int failed = 0;
        for (const FakeRun& run : latestRuns(data))
            failed += run.conclusion == QLatin1String("failure") ? 1 : 0;
        QVERIFY(failed > 1000);
        QCOMPARE(int(ws.stats()->runs), failed);
        QCOMPARE(summary.runsListed, failed);
        bool splitWindow = false;
        for (const FakeRequestLogEntry& e : server.requestLog())
            splitWindow |= e.query.contains(QStringLiteral("created=2024-"));
        QVERIFY(splitWindow);
    }

    void waitsForRateLimitReset()
    {
        FakeDataSpec spec;
        spec.repos = 1;
        spec.runsPerRepo = 12;
        spec.rerunRatio = 0.0;
        const FakeGitHubData data = FakeDataBuilder::build(spec);
        FakeGitHubConfig config = configWith();
        config.rateLimit = 15; // listing + 12 jobs + 12 logs needs two windows
        config.rateWindowMs = 1500;
        FakeGitHubServer server(data, config);
        CHECK_OK(server.start());
        QTemporaryDir dir;
        Workspace ws;
        CHECK_OK(ws.open(dir.path()));
        CollectOptions options = optionsFor(server);
        options.rateLimitThreshold = 0; // run into the wall: 403 with remaining 0
        int pauses = 0;
        const CollectSummary summary = collect(ws, options, kToken.toUtf8(), [&](Collector& c) {
            QObject::connect(&c, &Collector::rateLimitPaused, &c, [&](const QDateTime& until, const QString&) {
                QVERIFY(until > QDateTime::currentDateTimeUtc().addSecs(-1));
                ++pauses;
            });
        });
        QVERIFY2(summary.failures.isEmpty(), qPrintable(failures(summary)));
        QVERIFY(pauses >= 1);
        verifyComplete(ws, data);
    }

    // --fetch-only (and the GUI's Re-download Log): no listing request; what the stored runs still
    // need is fetched, and an archive marked pending again is downloaded again, byte for byte.
    void fetchOnlyFetchesStoredRunsWithoutListing()
    {
        FakeDataSpec spec;
        spec.repos = 1;
        spec.runsPerRepo = 6;
        spec.rerunRatio = 0.0;
        const FakeGitHubData data = FakeDataBuilder::build(spec);
        FakeGitHubServer server(data, configWith());
        CHECK_OK(server.start());
        QTemporaryDir dir;
        Workspace ws;
        CHECK_OK(ws.open(dir.path()));
        CollectOptions options = optionsFor(server);
        options.listOnly = true;
        CollectSummary summary = collect(ws, options);
        QVERIFY2(summary.failures.isEmpty(), qPrintable(failures(summary)));
        QCOMPARE(int(ws.stats()->runs), 6);
        QVERIFY(ws.runsNeedingJobs()->size() == 6);

        const auto isListing
            = [](const FakeRequestLogEntry& e) { return e.path.endsWith(QLatin1String("/actions/runs")); };
        server.clearRequestLog();
        options.listOnly = false;
        options.fetchOnly = true;
        summary = collect(ws, options);
        QVERIFY2(summary.failures.isEmpty(), qPrintable(failures(summary)));
        QList<FakeRequestLogEntry> log = server.requestLog();
        QVERIFY(!log.isEmpty());
        QVERIFY(std::none_of(log.cbegin(), log.cend(), isListing));
        verifyComplete(ws, data);

        // Marked for download again: only that archive is fetched, and it is the same file.
        const auto archives = ws.archivesInState(ArchiveState::Downloaded);
        CHECK_OK(archives);
        QVERIFY(!archives->isEmpty());
        const workspace::LogArchiveRecord again = archives->constFirst();
        const QString sha = again.sha256;
        CHECK_OK(ws.markForDownload(again.runId, again.attempt, QStringLiteral("download again")));
        QCOMPARE(ws.archive(again.runId, again.attempt)->state, ArchiveState::Pending);
        QCOMPARE(ws.runsNeedingLogs()->size(), 1);
        server.clearRequestLog();
        summary = collect(ws, options);
        QVERIFY2(summary.failures.isEmpty(), qPrintable(failures(summary)));
        log = server.requestLog();
        QVERIFY(std::none_of(log.cbegin(), log.cend(), isListing));
        const auto logRequests = std::count_if(log.cbegin(), log.cend(), [](const FakeRequestLogEntry& e) {
            return e.listener == FakeListenerKind::Api && e.path.endsWith(QLatin1String("/logs"));
        });
        QCOMPARE(int(logRequests), 1);
        const auto refetched = ws.archive(again.runId, again.attempt);
        CHECK_OK(refetched);
        QCOMPARE(refetched->state, ArchiveState::Downloaded);
        QCOMPARE(refetched->sha256, sha);
    }

    void cancelLeavesConsistentWorkspace()
    {
        FakeDataSpec spec;
        spec.repos = 1;
        spec.runsPerRepo = 40;
        const FakeGitHubData data = FakeDataBuilder::build(spec);
        FakeGitHubServer server(data, configWith(QStringLiteral("latency=10ms")));
        CHECK_OK(server.start());
        QTemporaryDir dir;
        Workspace ws;
        CHECK_OK(ws.open(dir.path()));
        CollectOptions options = optionsFor(server);
        options.concurrency = 3;
        const CollectSummary canceled = collect(ws, options, kToken.toUtf8(), [](Collector& c) {
            QObject::connect(&c, &Collector::progressChanged, &c, [&c](const CollectProgress& p) {
                if (p.logsDownloaded >= 3)
                    c.cancel();
            });
        });
        QVERIFY(canceled.canceled);
        QVERIFY(canceled.logsDownloaded < 40);
        // Consistent: nothing half-written, nothing left "downloading", every downloaded archive intact.
        QVERIFY(filesUnder(dir.path(), QStringLiteral("*.part")).isEmpty());
        QVERIFY(ws.archivesInState(ArchiveState::Downloading)->isEmpty());
        const auto downloaded = ws.archivesInState(ArchiveState::Downloaded);
        CHECK_OK(downloaded);
        const QList<workspace::LogArchiveRecord> archives = downloaded.value();
        for (const workspace::LogArchiveRecord& a : archives)
            CHECK_OK(workspace::verifyZip(ws.absolutePath(a.path)));
        // And a new collection finishes the job.
        const CollectSummary resumed = collect(ws, options);
        QVERIFY2(resumed.failures.isEmpty(), qPrintable(failures(resumed)));
        verifyComplete(ws, data);
    }

    void incrementalFetchesOnlyNewRuns()
    {
        FakeDataSpec spec;
        spec.repos = 1;
        spec.runsPerRepo = 25;
        spec.rerunRatio = 0.0;
        spec.expiredRatio = 0.0;
        const FakeGitHubData full = FakeDataBuilder::build(spec);
        QList<FakeRun> sorted = full.runs;
        std::sort(
            sorted.begin(), sorted.end(), [](const FakeRun& a, const FakeRun& b) { return a.createdAt < b.createdAt; });
        FakeGitHubData older = full;
        older.runs = sorted.mid(0, sorted.size() - 5);
        QSet<qint64> newIds;
        for (const FakeRun& run : sorted.mid(sorted.size() - 5))
            newIds.insert(run.id);

        QTemporaryDir dir;
        Workspace ws;
        CHECK_OK(ws.open(dir.path()));
        {
            FakeGitHubServer server(older, configWith());
            CHECK_OK(server.start());
            const CollectSummary first = collect(ws, optionsFor(server));
            QVERIFY2(first.failures.isEmpty(), qPrintable(failures(first)));
            QCOMPARE(first.logsDownloaded, 20);
        }
        FakeGitHubServer server(full, configWith());
        CHECK_OK(server.start());
        const CollectSummary second = collect(ws, optionsFor(server));
        QVERIFY2(second.failures.isEmpty(), qPrintable(failures(second)));
        QCOMPARE(second.logsDownloaded, 5);
        QCOMPARE(second.jobsFetched, 5);
        static const QRegularExpression runPath(QStringLiteral("/actions/runs/(\\d+)/"));
        QSet<qint64> fetched;
        for (const FakeRequestLogEntry& e : server.requestLog()) {
            const auto m = runPath.match(e.path);
            if (m.hasMatch())
                fetched.insert(m.captured(1).toLongLong());
        }
        QCOMPARE(fetched, newIds);
        verifyComplete(ws, full);
    }

    void repairsFailedArchiveUnderCompleteRun()
    {
        // Two collectors racing once left archives "failed" under runs marked complete; no later
        // collection fetched them again. The next collection reopens and downloads them.
        FakeDataSpec spec;
        spec.repos = 1;
        spec.runsPerRepo = 8;
        spec.expiredRatio = 0.0;
        const FakeGitHubData data = FakeDataBuilder::build(spec);
        FakeGitHubServer server(data, configWith());
        CHECK_OK(server.start());
        QTemporaryDir dir;
        Workspace ws;
        CHECK_OK(ws.open(dir.path()));
        const CollectSummary first = collect(ws, optionsFor(server));
        QVERIFY2(first.failures.isEmpty(), qPrintable(failures(first)));
        const auto downloaded = ws.archivesInState(ArchiveState::Downloaded);
        QVERIFY(downloaded && !downloaded->isEmpty());
        const workspace::LogArchiveRecord lost = downloaded->constFirst();
        QVERIFY(QFile::remove(ws.absolutePath(lost.path)));
        QSqlQuery q(QSqlDatabase::database(ws.connectionName(), false));
        QVERIFY(q.exec(QStringLiteral("UPDATE log_archives SET state = 'failed' WHERE run_id = %1 AND attempt = %2")
                           .arg(lost.runId)
                           .arg(lost.attempt)));
        QCOMPARE(ws.run(lost.runId, lost.attempt)->value().collectionState, workspace::CollectionState::Complete);

        const CollectSummary second = collect(ws, optionsFor(server));
        QVERIFY2(second.failures.isEmpty(), qPrintable(failures(second)));
        QCOMPARE(second.logsDownloaded, 1);
        QCOMPARE(ws.archive(lost.runId, lost.attempt)->state, ArchiveState::Downloaded);
        verifyComplete(ws, data);
    }

    void diskFullStopsTheCollectionOnce()
    {
        if (!QFileInfo::exists(QStringLiteral("/dev/full")))
            QSKIP("no /dev/full");
        FakeDataSpec spec;
        spec.repos = 1;
        spec.runsPerRepo = 6;
        spec.expiredRatio = 0.0;
        const FakeGitHubData data = FakeDataBuilder::build(spec);
        FakeGitHubServer server(data, configWith());
        CHECK_OK(server.start());
        QTemporaryDir dir;
        Workspace ws;
        CHECK_OK(ws.open(dir.path()));
        CollectOptions listing = optionsFor(server);
        listing.listOnly = true;
        const CollectSummary listed = collect(ws, listing);
        QVERIFY2(listed.failures.isEmpty(), qPrintable(failures(listed)));
        // Every download's .part is a link to /dev/full: each write fails with ENOSPC. Linked once the
        // collection has started (it discards leftover .part files first) and before any download.
        const auto pending = ws.archivesInState(ArchiveState::Pending);
        QVERIFY(pending && !pending->isEmpty());
        bool linked = false;
        const auto linkParts = [&] {
            if (linked)
                return;
            linked = true;
            for (const workspace::LogArchiveRecord& a : *pending) {
                const QString part = ws.absolutePath(a.path) + QStringLiteral(".part");
                QDir().mkpath(QFileInfo(part).absolutePath());
                QFile::link(QStringLiteral("/dev/full"), part);
            }
        };
        CollectOptions fetching = optionsFor(server);
        fetching.fetchOnly = true;
        const CollectSummary full = collect(ws, fetching, kToken.toUtf8(),
            [&](Collector& c) { connect(&c, &Collector::progressChanged, &c, linkParts); });
        QVERIFY(linked);
        QCOMPARE(full.failures.size(), 1);
        QVERIFY2(full.failures.constFirst().reason.contains(QStringLiteral("no space left on device (")),
            qPrintable(failures(full)));
        QVERIFY(full.canceled);
        QCOMPARE(full.logsDownloaded, 0);
        // Nothing marked failed or corrupt: the next collection, with space again, carries on.
        QVERIFY(ws.archivesInState(ArchiveState::Failed)->isEmpty());
        QVERIFY(ws.archivesInState(ArchiveState::Downloading)->isEmpty());
        QVERIFY(ws.archivesInState(ArchiveState::Corrupt)->isEmpty());
    }

    void withoutTokenListsOnly()
    {
        FakeDataSpec spec;
        spec.repos = 1;
        spec.runsPerRepo = 10;
        const FakeGitHubData data = FakeDataBuilder::build(spec);
        FakeGitHubServer server(data, configWith());
        CHECK_OK(server.start());
        QTemporaryDir dir;
        Workspace ws;
        CHECK_OK(ws.open(dir.path()));
        const CollectSummary summary = collect(ws, optionsFor(server), QByteArray());
        QVERIFY2(summary.failures.isEmpty(), qPrintable(failures(summary)));
        QCOMPARE(summary.logsDownloaded, 0);
        QVERIFY(summary.logsNeedToken > 0);
        QCOMPARE(int(ws.stats()->runs), data.runs.size());
        for (const FakeRequestLogEntry& e : server.requestLog()) {
            QVERIFY(!e.hasAuthorization);
            QVERIFY(!e.path.endsWith(QLatin1String("/logs")));
        }
    }

    // runlens-cli collect killed with SIGKILL mid-download, then run again: complete, no duplicates,
    // no corrupt archive accepted; the token shows in no output and no file.
    void cliSurvivesKill()
    {
        FakeDataSpec spec;
        spec.repos = 1;
        spec.runsPerRepo = 40;
        const FakeGitHubData data = FakeDataBuilder::build(spec);
        FakeGitHubServer server(data, configWith(QStringLiteral("latency=15ms,slow=0.3@storage,slowdelay=5ms")));
        CHECK_OK(server.start());
        QTemporaryDir dir;
        QTemporaryDir home; // token file and working folder outside the workspace
        const QString tokenFile = home.filePath(QStringLiteral("token"));
        {
            QFile f(tokenFile);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(kToken.toUtf8() + '\n');
        }
        const QString wsDir = dir.filePath(QStringLiteral("ws"));
        const QStringList args { QStringLiteral("collect"), QStringLiteral("--workspace"), wsDir,
            QStringLiteral("--repo"), server.repos().constFirst().fullName(), QStringLiteral("--api-url"),
            server.apiUrl().toString(), QStringLiteral("--token-file"), tokenFile, QStringLiteral("--concurrency"),
            QStringLiteral("2"), QStringLiteral("--retry-base-ms"), QStringLiteral("5"),
            QStringLiteral("--progress-interval-ms"), QStringLiteral("20") };
        QProcess child;
        child.setWorkingDirectory(home.path());
        QByteArray out;
        connect(&child, &QProcess::readyReadStandardOutput, this, [&] { out += child.readAllStandardOutput(); });
        child.start(test::cliPath(), args);
        QVERIFY(child.waitForStarted(10000));
        static const QRegularExpression downloaded(QStringLiteral("logs (\\d+) downloaded"));
        auto logsSeen = [&] {
            int most = 0;
            auto it = downloaded.globalMatch(QString::fromUtf8(out));
            while (it.hasNext())
                most = std::max(most, it.next().captured(1).toInt());
            return most;
        };
        QTRY_VERIFY_WITH_TIMEOUT(logsSeen() >= 3 || child.state() == QProcess::NotRunning, 60000);
        QVERIFY2(child.state() == QProcess::Running, "collect finished before it could be killed");
        child.kill(); // SIGKILL
        QVERIFY(child.waitForFinished(10000));
        out += child.readAllStandardOutput();
        const QByteArray err = child.readAllStandardError();
        QVERIFY(!out.contains(kToken.toUtf8()) && !err.contains(kToken.toUtf8()));

        const test::CliRun again = test::runCli(args, 120000, home.path());
        QVERIFY2(again.exitCode == 0, qPrintable(again.out + again.err));
        QVERIFY(!again.out.contains(kToken) && !again.err.contains(kToken));
        QVERIFY2(again.err.contains(QStringLiteral("token: token file")), qPrintable(again.err));
        Workspace ws;
        CHECK_OK(ws.open(wsDir));
        verifyComplete(ws, data);
        QVERIFY(!tokenAnywhere(dir.path()));
    }
};

QTEST_GUILESS_MAIN(TestCollector)
#include "tst_collector.moc"
