// The Collection panel and what it needs from the collector: per-repository counts, pause/resume,
// failures as they happen, the panel's wording; against the fake GitHub server on 127.0.0.1.
#include "collect/collectfailuresmodel.h"
#include "collect/collectionpanel.h"
#include "collect/collecttext.h"
#include "collect/repoprogressmodel.h"
#include "collect/throughputmeter.h"
#include "fakegithub/fakedatabuilder.h"
#include "fakegithub/fakegithubserver.h"
#include "github/collector.h"
#include "github/githubclient.h"
#include "session/collectionrunner.h"
#include "workspace/workspace.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QLabel>
#include <QProgressBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace runlens;
using namespace runlens::github;
using namespace runlens::sample;
using runlens::session::CollectionRunner;
using runlens::ui::CollectFailuresModel;
using runlens::ui::CollectionPanel;
using runlens::ui::RepoProgressModel;
using runlens::ui::ThroughputMeter;
namespace collecttext = runlens::ui::collecttext;

#define CHECK_OK(expr)                                                                                                 \
    do {                                                                                                               \
        const auto checked_ = (expr);                                                                                  \
        QVERIFY2(checked_.ok(), checked_.ok() ? "" : qPrintable(checked_.error()));                                    \
    } while (false)

using Samples = QList<QPair<qint64, qint64>>; // (ms, running total)

namespace {
const QString kToken = QStringLiteral("fake_tok_PANELtoken0123456789abcdefABCDEF");

FakeGitHubConfig configWith(const QString& faults = {})
{
    FakeGitHubConfig config;
    config.token = kToken;
    config.seed = 5;
    if (!faults.isEmpty())
        config.faults = *FakeFaults::parse(faults);
    return config;
}

CollectOptions optionsFor(const FakeGitHubServer& server)
{
    CollectOptions o;
    o.apiUrl = server.apiUrl();
    for (const FakeRepo& repo : server.repos())
        o.repositories.append(repo.fullName());
    o.backoff.baseDelayMs = 5;
    o.backoff.maxDelayMs = 100;
    o.resetMarginMs = 200;
    return o;
}

QString describe(const QList<CollectFailure>& failures)
{
    QStringList lines;
    for (const CollectFailure& f : failures)
        lines << f.describe();
    return lines.join(QLatin1Char('\n'));
}

// Runs the collector to its end on this thread; every progress snapshot lands in `seen`.
CollectSummary collect(workspace::Workspace& ws, const CollectOptions& options, QList<CollectProgress>* seen = nullptr)
{
    Collector collector(ws, options, kToken.toUtf8());
    QSignalSpy finished(&collector, &Collector::finished);
    if (seen)
        QObject::connect(
            &collector, &Collector::progressChanged, &collector, [seen](const CollectProgress& p) { seen->append(p); });
    collector.start();
    if (finished.isEmpty() && !finished.wait(60000))
        return {};
    return finished.constFirst().constFirst().value<CollectSummary>();
}
} // namespace

class TestCollectionPanel : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void text_data()
    {
        QTest::addColumn<QString>("actual");
        QTest::addColumn<QString>("expected");
        QTest::addRow("bytes 0") << collecttext::bytes(0) << QStringLiteral("0 bytes");
        QTest::addRow("bytes 512") << collecttext::bytes(512) << QStringLiteral("512 bytes");
        QTest::addRow("bytes 12.3 MB") << collecttext::bytes(12897485) << QStringLiteral("12.3 MB");
        QTest::addRow("bytes negative") << collecttext::bytes(-5) << QStringLiteral("0 bytes");
        QTest::addRow("throughput 1.4 MB/s") << collecttext::throughput(1468006.4) << QStringLiteral("1.4 MB/s");
        QTest::addRow("throughput 0") << collecttext::throughput(0) << QStringLiteral("0 bytes/s");
        QTest::addRow("throughput unknown") << collecttext::throughput(-1) << QString();
        QTest::addRow("eta unknown") << collecttext::eta(-1) << QString();
        QTest::addRow("eta 0 s") << collecttext::eta(0) << QStringLiteral("about 1 s left");
        QTest::addRow("eta 40 s") << collecttext::eta(40) << QStringLiteral("about 40 s left");
        QTest::addRow("eta 89 s") << collecttext::eta(89) << QStringLiteral("about 1 min left");
        QTest::addRow("eta 90 s") << collecttext::eta(90) << QStringLiteral("about 2 min left");
        QTest::addRow("eta 1 h") << collecttext::eta(3600) << QStringLiteral("about 1 h left");
        QTest::addRow("eta 1 h 5 min") << collecttext::eta(3900) << QStringLiteral("about 1 h 5 min left");
        QTest::addRow("countdown 7 s") << collecttext::countdown(7) << QStringLiteral("00:07");
        QTest::addRow("countdown 12:34") << collecttext::countdown(12 * 60 + 34) << QStringLiteral("12:34");
        QTest::addRow("countdown 03:12") << collecttext::countdown(192) << QStringLiteral("03:12");
        QTest::addRow("countdown hours") << collecttext::countdown(3723) << QStringLiteral("1:02:03");
        QTest::addRow("countdown past") << collecttext::countdown(-3) << QStringLiteral("00:00");
        QTest::addRow("transfer all") << collecttext::transfer(12897485, 1468006.4, 120)
                                      << QStringLiteral("12.3 MB at 1.4 MB/s, about 2 min left");
        QTest::addRow("transfer no rate")
            << collecttext::transfer(2048, -1, 40) << QStringLiteral("2.0 kB, about 40 s left");
        QTest::addRow("transfer bytes only") << collecttext::transfer(2048, -1, -1) << QStringLiteral("2.0 kB");
        QTest::addRow("rate limit") << collecttext::rateLimit(4321, 5000, 12 * 60 + 34)
                                    << QStringLiteral("Rate limit: 4,321 / 5,000, resets in 12:34");
        QTest::addRow("rate limit no reset")
            << collecttext::rateLimit(59, 60, -1) << QStringLiteral("Rate limit: 59 / 60");
        QTest::addRow("rate limit unknown") << collecttext::rateLimit(-1, -1, 10) << QString();
    }

    void text()
    {
        QFETCH(QString, actual);
        QFETCH(QString, expected);
        QCOMPARE(actual, expected);
    }

    void throughput_data()
    {
        QTest::addColumn<Samples>("samples");
        QTest::addColumn<qint64>("now");
        QTest::addColumn<double>("expected"); // bytes per second; negative: unknown
        QTest::addRow("no samples") << Samples {} << qint64(5000) << -1.0;
        QTest::addRow("one sample") << Samples { { 0, 0 } } << qint64(5000) << -1.0;
        QTest::addRow("under a second") << Samples { { 0, 0 }, { 500, 1000 } } << qint64(800) << -1.0;
        QTest::addRow("steady") << Samples { { 0, 0 }, { 1000, 1000 }, { 2000, 2000 } } << qint64(2000) << 1000.0;
        QTest::addRow("window slides") << Samples { { 0, 0 }, { 10000, 100000 }, { 20000, 110000 } } << qint64(20000)
                                       << 1000.0;
        QTest::addRow("stall decays") << Samples { { 0, 0 }, { 2000, 20000 } } << qint64(4000) << 5000.0;
        QTest::addRow("long stall reads zero")
            << Samples { { 0, 0 }, { 2000, 20000 }, { 30000, 20000 } } << qint64(30000) << 0.0;
    }

    void throughput()
    {
        QFETCH(Samples, samples);
        QFETCH(qint64, now);
        QFETCH(double, expected);
        ThroughputMeter meter(10000);
        for (const auto& [ms, total] : samples)
            meter.add(ms, total);
        QCOMPARE(meter.bytesPerSecond(now), expected);
    }

    void runPageUrl_data()
    {
        QTest::addColumn<QUrl>("api");
        QTest::addColumn<int>("attempt");
        QTest::addColumn<QUrl>("expected");
        QTest::addRow("github.com") << QUrl(QStringLiteral("https://api.github.com")) << 1
                                    << QUrl(QStringLiteral("https://github.com/o/r/actions/runs/42"));
        QTest::addRow("attempt 2") << QUrl(QStringLiteral("https://api.github.com/")) << 2
                                   << QUrl(QStringLiteral("https://github.com/o/r/actions/runs/42/attempts/2"));
        QTest::addRow("enterprise") << QUrl(QStringLiteral("https://ghe.example.org/api/v3")) << 1
                                    << QUrl(QStringLiteral("https://ghe.example.org/o/r/actions/runs/42"));
        QTest::addRow("local fake") << QUrl(QStringLiteral("http://127.0.0.1:8123")) << 1
                                    << QUrl(QStringLiteral("http://127.0.0.1:8123/o/r/actions/runs/42"));
    }

    void runPageUrl()
    {
        QFETCH(QUrl, api);
        QFETCH(int, attempt);
        QFETCH(QUrl, expected);
        QCOMPARE(CollectionPanel::runPageUrl(api, QStringLiteral("o/r"), 42, attempt), expected);
    }

    // Two repositories: each one's counts match what the server holds for it, and they add up to the
    // overall counts and to the summary (counted separately by the collector).
    void perRepositoryCountsAddUp()
    {
        FakeDataSpec spec;
        spec.repos = 2;
        spec.runsPerRepo = 9;
        spec.seed = 3;
        const FakeGitHubData data = FakeDataBuilder::build(spec);
        FakeGitHubServer server(data, configWith());
        CHECK_OK(server.start());
        QTemporaryDir dir;
        workspace::Workspace ws;
        CHECK_OK(ws.open(dir.path()));
        QList<CollectProgress> seen;
        const CollectSummary summary = collect(ws, optionsFor(server), &seen);
        QVERIFY2(summary.failures.isEmpty(), qPrintable(describe(summary.failures)));
        QVERIFY(!seen.isEmpty());
        const CollectProgress& last = seen.constLast();
        QCOMPARE(last.repositories.size(), 2);

        for (const CollectProgress& p : std::as_const(seen)) { // every snapshot, not just the last
            QCOMPARE(p.repositories.size(), 2);
            int runs = 0, jobs = 0, logs = 0, expired = 0;
            qint64 bytes = 0;
            for (const RepoProgress& r : p.repositories) {
                runs += r.runsListed;
                jobs += r.jobsFetched;
                logs += r.logsDownloaded;
                expired += r.logsExpired;
                bytes += r.bytes;
            }
            QCOMPARE(runs, p.runsListed);
            QCOMPARE(jobs, p.jobsFetched);
            QCOMPARE(logs, p.logsDownloaded);
            QCOMPARE(expired, p.logsExpired);
            QCOMPARE(bytes, p.bytes);
        }
        QCOMPARE(last.runsListed, summary.runsListed);
        QCOMPARE(last.jobsFetched, summary.jobsFetched);
        QCOMPARE(last.logsDownloaded, summary.logsDownloaded);
        QCOMPARE(last.logsExpired, summary.logsExpired);
        QCOMPARE(last.bytes, summary.bytes);
        QCOMPARE(last.workDone(), last.workTotal());
        QVERIFY(last.bytes > 0);
        QVERIFY(last.bytesReceived >= last.bytes); // verified archives, and retries of any that were not

        for (const FakeRepo& repo : server.repos()) {
            int attempts = 0, downloadable = 0, expired = 0;
            for (const FakeRun& run : data.runs) {
                if (run.repoId != repo.id)
                    continue;
                ++attempts;
                if (run.status == QLatin1String("completed"))
                    ++(run.logsExpired ? expired : downloadable);
            }
            const auto it = std::find_if(last.repositories.cbegin(), last.repositories.cend(),
                [&](const RepoProgress& r) { return r.repository == repo.fullName(); });
            QVERIFY(it != last.repositories.cend());
            QVERIFY(attempts > 0);
            QCOMPARE(it->runsListed, attempts);
            QCOMPARE(it->jobsFetched, attempts);
            QCOMPARE(it->logsDownloaded, downloadable);
            QCOMPARE(it->logsExpired, expired);
            QCOMPARE(it->jobsPending, 0);
            QCOMPARE(it->logsPending, 0);
            QVERIFY(it->done);
        }

        // The panel shows one row per repository with those numbers.
        CollectionPanel panel;
        QAbstractItemModelTester tester(panel.repositoriesModel());
        for (const CollectProgress& p : std::as_const(seen))
            panel.showProgress(p);
        const RepoProgressModel* model = panel.repositoriesModel();
        QCOMPARE(model->rowCount(), 2);
        for (int row = 0; row < 2; ++row) {
            QCOMPARE(
                model->index(row, RepoProgressModel::Repository).data().toString(), last.repositories[row].repository);
            QCOMPARE(model->index(row, RepoProgressModel::Runs).data().toString(),
                QString::number(last.repositories[row].runsListed));
            QVERIFY(model->index(row, RepoProgressModel::Progress).data(RepoProgressModel::DoneRole).toBool());
        }
        auto* overall = panel.findChild<QProgressBar*>(QStringLiteral("CollectOverallBar"));
        QVERIFY(overall);
        QCOMPARE(overall->value(), overall->maximum());
        auto* counts = panel.findChild<QLabel*>(QStringLiteral("CollectCounts"));
        QVERIFY(counts);
        QVERIFY2(counts->text().startsWith(QStringLiteral("%1 runs listed, %2 jobs fetched; logs: %3 downloaded")
                                               .arg(last.runsListed)
                                               .arg(last.jobsFetched)
                                               .arg(last.logsDownloaded)),
            qPrintable(counts->text()));
    }

    // Pause from the panel, through the runner's thread: in-flight requests finish, then the server
    // sees nothing more until Resume; the collection then completes.
    void pauseStopsNewRequests()
    {
        FakeDataSpec spec;
        spec.repos = 2;
        spec.runsPerRepo = 15;
        spec.seed = 4;
        FakeGitHubServer server(FakeDataBuilder::build(spec), configWith(QStringLiteral("latency=20ms")));
        CHECK_OK(server.start());
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        { // the workspace exists before the runner opens it on its thread
            workspace::Workspace ws;
            CHECK_OK(ws.open(dir.path()));
        }
        CollectOptions options = optionsFor(server);
        options.concurrency = 3;

        CollectionPanel panel;
        CollectionRunner runner;
        QSignalSpy progress(&runner, &CollectionRunner::progressChanged);
        QSignalSpy finished(&runner, &CollectionRunner::finished);
        panel.attach(&runner, options.repositories);
        runner.start(dir.path(), options, kToken.toUtf8());
        const auto lastProgress = [&] { return progress.constLast().constFirst().value<CollectProgress>(); };
        QTRY_VERIFY_WITH_TIMEOUT(!progress.isEmpty() && lastProgress().logsDownloaded >= 2, 30000);
        QVERIFY(finished.isEmpty());

        QVERIFY(panel.pauseAction()->isEnabled());
        panel.pauseAction()->trigger();
        QVERIFY(panel.isPaused());
        QCOMPARE(panel.pauseAction()->text(), QStringLiteral("&Resume"));
        QTRY_VERIFY_WITH_TIMEOUT(lastProgress().paused && lastProgress().inFlight == 0, 10000);
        auto* state = panel.findChild<QLabel*>(QStringLiteral("CollectState"));
        QVERIFY(state);
        QTRY_COMPARE_WITH_TIMEOUT(state->text(), QStringLiteral("Paused."), 5000);

        const qsizetype requestsAtPause = server.requestLog().size();
        const int sentAtPause = lastProgress().requests;
        // Nothing to wait for here: the point is that nothing happens. 20 ms answers and 3 slots
        // would make dozens of requests in this time if the pause did not hold.
        QTest::qWait(400);
        QCOMPARE(server.requestLog().size(), requestsAtPause);
        QVERIFY(finished.isEmpty());
        QCOMPARE(lastProgress().requests, sentAtPause);

        panel.pauseAction()->trigger();
        QVERIFY(!panel.isPaused());
        QCOMPARE(panel.pauseAction()->text(), QStringLiteral("&Pause"));
        QTRY_VERIFY_WITH_TIMEOUT(server.requestLog().size() > requestsAtPause, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
        const auto summary = finished.constFirst().constFirst().value<CollectSummary>();
        QVERIFY(!summary.canceled);
        QVERIFY2(summary.failures.isEmpty(), qPrintable(describe(summary.failures)));
        QVERIFY(!panel.isCollecting());
        QVERIFY(!panel.pauseAction()->isEnabled());
        QVERIFY(state->text().startsWith(QStringLiteral("Collected ")));

        // Everything listed was fetched, pause or not.
        const CollectProgress last = lastProgress();
        QCOMPARE(last.workDone(), last.workTotal());
        QCOMPARE(last.jobsFetched, last.runsListed);
        QCOMPARE(last.logsDownloaded + last.logsExpired + last.logsMissing,
            summary.logsDownloaded + summary.logsExpired + summary.logsMissing);
        workspace::Workspace ws;
        CHECK_OK(ws.open(dir.path()));
        const auto downloaded = ws.archivesInState(workspace::ArchiveState::Downloaded);
        CHECK_OK(downloaded);
        QCOMPARE(int(downloaded->size()), summary.logsDownloaded);
    }

    void cancelWhilePaused()
    {
        FakeDataSpec spec;
        spec.repos = 1;
        spec.runsPerRepo = 20;
        FakeGitHubServer server(FakeDataBuilder::build(spec), configWith(QStringLiteral("latency=10ms")));
        CHECK_OK(server.start());
        QTemporaryDir dir;
        workspace::Workspace ws;
        CHECK_OK(ws.open(dir.path()));
        Collector collector(ws, optionsFor(server), kToken.toUtf8());
        QSignalSpy finished(&collector, &Collector::finished);
        CollectProgress last;
        connect(&collector, &Collector::progressChanged, this, [&](const CollectProgress& p) {
            last = p;
            if (p.logsDownloaded >= 1 && !collector.isPaused() && !p.paused)
                collector.pause();
        });
        collector.start();
        QTRY_VERIFY_WITH_TIMEOUT(last.paused && last.inFlight == 0, 30000);
        QVERIFY(finished.isEmpty());
        collector.cancel();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        QVERIFY(finished.constFirst().constFirst().value<CollectSummary>().canceled);
        QVERIFY(ws.archivesInState(workspace::ArchiveState::Downloading)->isEmpty());
    }

    // Failures reach the panel as they happen; double-clicking one emits its run.
    void failuresListedAndActivated()
    {
        FakeDataSpec spec;
        spec.repos = 1;
        spec.runsPerRepo = 6;
        spec.rerunRatio = 0;
        spec.expiredRatio = 0;
        FakeGitHubData data = FakeDataBuilder::build(spec);
        FakeRun* broken = nullptr;
        for (FakeRun& run : data.runs) {
            if (run.status == QLatin1String("completed") && !run.logsExpired) {
                run.logZip = [] { return QByteArrayLiteral("this is not a zip archive"); };
                broken = &run;
                break;
            }
        }
        QVERIFY(broken);
        const qint64 brokenId = broken->id;
        const int brokenAttempt = broken->attempt;
        FakeGitHubServer server(data, configWith());
        CHECK_OK(server.start());
        QTemporaryDir dir;
        {
            workspace::Workspace ws;
            CHECK_OK(ws.open(dir.path()));
        }
        CollectOptions options = optionsFor(server);
        options.maxDownloadAttempts = 1;

        CollectionPanel panel;
        panel.resize(700, 500);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QAbstractItemModelTester tester(panel.failuresModel());
        CollectionRunner runner;
        QSignalSpy failureAdded(&runner, &CollectionRunner::failureAdded);
        QSignalSpy finished(&runner, &CollectionRunner::finished);
        QSignalSpy activated(&panel, &CollectionPanel::runActivated);
        panel.attach(&runner, options.repositories);
        runner.start(dir.path(), options, kToken.toUtf8());
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
        const auto summary = finished.constFirst().constFirst().value<CollectSummary>();
        QCOMPARE(summary.failures.size(), 1);
        QCOMPARE(failureAdded.size(), 1); // as it happened, not only in the summary
        QCOMPARE(panel.failuresModel()->rowCount(), 1);
        const QModelIndex reason = panel.failuresModel()->index(0, CollectFailuresModel::Reason);
        QCOMPARE(panel.failuresModel()->index(0, CollectFailuresModel::Repository).data().toString(),
            options.repositories.first());
        QCOMPARE(
            panel.failuresModel()->index(0, CollectFailuresModel::Run).data().toString(), QString::number(brokenId));
        QVERIFY2(!reason.data().toString().isEmpty(), "a failure names its reason");
        QCOMPARE(panel.repositoriesModel()->repositories().first().failures, 1);

        QTableView* view = panel.failuresView();
        const QRect rect = view->visualRect(view->model()->index(0, CollectFailuresModel::Run));
        QVERIFY(rect.isValid());
        // As a person does it: press and release, then the double click (QTest sends only the latter).
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center());
        QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, rect.center());
        QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, rect.center());
        QTRY_COMPARE_WITH_TIMEOUT(activated.size(), 1, 2000);
        QCOMPARE(activated.first().at(0).toString(), options.repositories.first());
        QCOMPARE(activated.first().at(1).toLongLong(), brokenId);
        QCOMPARE(activated.first().at(2).toInt(), brokenAttempt);
    }

    // The rate-limit line counts down, the budget is announced, and a limit that holds the
    // collection shows the prominent wait.
    void rateLimitLines()
    {
        CollectionPanel panel;
        QSignalSpy budget(&panel, &CollectionPanel::rateLimitChanged);
        panel.attach(nullptr, { QStringLiteral("o/a"), QStringLiteral("o/b") });
        CollectProgress p;
        p.repositories = { RepoProgress { QStringLiteral("o/a") }, RepoProgress { QStringLiteral("o/b") } };
        p.rateRemaining = 4321;
        p.rateLimit = 5000;
        p.rateReset = QDateTime::currentDateTimeUtc().addSecs(12 * 60 + 34);
        panel.showProgress(p);
        QCOMPARE(budget.size(), 1);
        QCOMPARE(budget.first().at(0).toInt(), 4321);
        QCOMPARE(budget.first().at(1).toInt(), 5000);
        auto* rate = panel.findChild<QLabel*>(QStringLiteral("CollectRateLimit"));
        QVERIFY(rate);
        QVERIFY2(rate->text().startsWith(QStringLiteral("Rate limit: 4,321 / 5,000, resets in 12:3")),
            qPrintable(rate->text()));
        panel.showProgress(p);
        QCOMPARE(budget.size(), 1); // unchanged budget: no signal
        auto* state = panel.findChild<QLabel*>(QStringLiteral("CollectState"));
        QVERIFY(state);
        QVERIFY(state->isHidden());
        // A note stays through progress updates.
        panel.setStatus(QStringLiteral("No token: listing public runs only."));
        panel.showProgress(p);
        QCOMPARE(state->text(), QStringLiteral("No token: listing public runs only."));

        p.rateRemaining = 0;
        p.pausedUntil = QDateTime::currentDateTimeUtc().addSecs(192);
        p.pauseReason = QStringLiteral("rate limit exhausted (5000 requests/h)");
        panel.showProgress(p);
        QCOMPARE(budget.size(), 2);
        QVERIFY2(
            state->text().startsWith(QStringLiteral("Waiting for rate limit reset: 03:1")), qPrintable(state->text()));
        QCOMPARE(state->toolTip(), p.pauseReason);
        // The countdown ticks on its own, once a second.
        const QString before = state->text();
        QTRY_VERIFY_WITH_TIMEOUT(state->text() != before, 3000);
        QVERIFY(state->text().startsWith(QStringLiteral("Waiting for rate limit reset: 03:")));
        // The wait over, the note is back.
        p.pausedUntil = {};
        panel.showProgress(p);
        QCOMPARE(state->text(), QStringLiteral("No token: listing public runs only."));
    }
};

QTEST_MAIN(TestCollectionPanel)
#include "tst_collectionpanel.moc"
