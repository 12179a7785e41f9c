#include "fakegithub/fakedatabuilder.h"
#include "fakegithub/fakegithubserver.h"
#include "github/backoffpolicy.h"
#include "github/createdwindow.h"
#include "github/githubclient.h"
#include "github/linkheader.h"
#include "github/repositorycheck.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace runlens;
using namespace runlens::github;

class TestGithubClient : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<RateLimit>(); }

    void link_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QString>("next");
        QTest::addRow("github numeric form") << QByteArray(
            "<https://api.github.com/repositories/123/actions/runs?status=failure&per_page=100&page=2>; "
            "rel=\"next\", <https://api.github.com/repositories/123/actions/runs?status=failure&per_page=100&page=34>; "
            "rel=\"last\"")
                                             << QStringLiteral("https://api.github.com/repositories/123/actions/"
                                                               "runs?status=failure&per_page=100&page=2");
        QTest::addRow("next not first") << QByteArray(
            "<http://h/x?page=1>; rel=\"prev\", <http://h/x?page=3>; rel=\"next\"")
                                        << QStringLiteral("http://h/x?page=3");
        QTest::addRow("comma inside url") << QByteArray("<http://h/x?created=a,b&page=2>; rel=\"next\"")
                                          << QStringLiteral("http://h/x?created=a,b&page=2");
        QTest::addRow("unquoted, several rels")
            << QByteArray("<http://h/x?page=2>; rel=next") << QStringLiteral("http://h/x?page=2");
        QTest::addRow("encoded dots kept verbatim")
            << QByteArray("<http://h/x?created=2024-01-01..2024-01-31&page=2>; rel=\"next\"")
            << QStringLiteral("http://h/x?created=2024-01-01..2024-01-31&page=2");
        QTest::addRow("last page") << QByteArray(
            "<http://h/x?page=1>; rel=\"first\", <http://h/x?page=2>; rel=\"prev\"")
                                   << QString();
        QTest::addRow("empty") << QByteArray() << QString();
    }

    void link()
    {
        QFETCH(QByteArray, header);
        QFETCH(QString, next);
        QCOMPARE(nextLink(header).toString(QUrl::FullyEncoded), next);
    }

    void window_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<bool>("days");
        QTest::addColumn<QString>("first");
        QTest::addColumn<QString>("second");
        QTest::addRow("month") << QStringLiteral("2024-01-01") << QStringLiteral("2024-01-31") << true
                               << QStringLiteral("2024-01-01..2024-01-16") << QStringLiteral("2024-01-17..2024-01-31");
        QTest::addRow("two days") << QStringLiteral("2024-01-01") << QStringLiteral("2024-01-02") << true
                                  << QStringLiteral("2024-01-01..2024-01-01")
                                  << QStringLiteral("2024-01-02..2024-01-02");
        QTest::addRow("one day into halves") << QStringLiteral("2024-01-01") << QStringLiteral("2024-01-01") << true
                                             << QStringLiteral("2024-01-01T00:00:00Z..2024-01-01T12:00:00Z")
                                             << QStringLiteral("2024-01-01T12:00:00Z..2024-01-02T00:00:00Z");
        QTest::addRow("half day") << QStringLiteral("2024-01-01T00:00:00Z") << QStringLiteral("2024-01-01T12:00:00Z")
                                  << false << QStringLiteral("2024-01-01T00:00:00Z..2024-01-01T06:00:00Z")
                                  << QStringLiteral("2024-01-01T06:00:00Z..2024-01-01T12:00:00Z");
        QTest::addRow("one second cannot split")
            << QStringLiteral("2024-01-01T00:00:00Z") << QStringLiteral("2024-01-01T00:00:00Z") << false << QString()
            << QString();
    }

    void window()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(bool, days);
        QFETCH(QString, first);
        QFETCH(QString, second);
        const CreatedWindow w = days
            ? CreatedWindow::days(QDate::fromString(from, Qt::ISODate), QDate::fromString(to, Qt::ISODate))
            : CreatedWindow { QDateTime::fromString(from, Qt::ISODate), QDateTime::fromString(to, Qt::ISODate), false };
        const auto halves = w.split();
        QCOMPARE(halves.has_value(), !first.isEmpty());
        if (!halves)
            return;
        QCOMPARE(halves->first.toQuery(), first);
        QCOMPARE(halves->second.toQuery(), second);
        // The halves cover the window.
        QCOMPARE(halves->first.from, w.from);
        QVERIFY(halves->second.to >= w.to);
    }

    void backoff_data()
    {
        QTest::addColumn<int>("retry");
        QTest::addColumn<double>("random");
        QTest::addColumn<qint64>("expected");
        QTest::addRow("first, no jitter") << 1 << 0.5 << qint64(100);
        QTest::addRow("second doubles") << 2 << 0.5 << qint64(200);
        QTest::addRow("fourth") << 4 << 0.5 << qint64(800);
        QTest::addRow("jitter low") << 1 << 0.0 << qint64(75);
        QTest::addRow("jitter high") << 1 << 1.0 << qint64(125);
        QTest::addRow("capped") << 20 << 0.5 << qint64(5000);
        QTest::addRow("capped even with jitter") << 20 << 1.0 << qint64(5000);
    }

    void backoff()
    {
        QFETCH(int, retry);
        QFETCH(double, random);
        QFETCH(qint64, expected);
        BackoffPolicy policy;
        policy.baseDelayMs = 100;
        policy.maxDelayMs = 5000;
        policy.jitter = 0.25;
        policy.maxRetries = 3;
        QCOMPARE(policy.delayMs(retry, random), expected);
        QCOMPARE(policy.shouldRetry(retry), retry <= 3);
    }

    void apiUrl_data()
    {
        QTest::addColumn<QString>("base");
        QTest::addColumn<QString>("expected");
        QTest::addRow("github.com") << QStringLiteral("https://api.github.com")
                                    << QStringLiteral("https://api.github.com/repos/o/r/actions/runs");
        QTest::addRow("GHES") << QStringLiteral("https://ghe.example/api/v3/")
                              << QStringLiteral("https://ghe.example/api/v3/repos/o/r/actions/runs");
        QTest::addRow("local fake") << QStringLiteral("http://127.0.0.1:4000")
                                    << QStringLiteral("http://127.0.0.1:4000/repos/o/r/actions/runs");
    }

    void apiUrl()
    {
        QFETCH(QString, base);
        QFETCH(QString, expected);
        ClientOptions options;
        options.apiUrl = QUrl(base);
        GithubClient client(options);
        QCOMPARE(client.apiUrl(QStringLiteral("/repos/o/r/actions/runs")).toString(), expected);
    }

    // Against the fake server: headers, ETag/304, secondary limits with retry-after, and downloads.
    void againstFakeServer()
    {
        sample::FakeDataSpec spec;
        spec.repos = 1;
        spec.runsPerRepo = 6;
        spec.expiredRatio = 0.0;
        sample::FakeGitHubConfig config;
        config.token = QStringLiteral("fake_tok_CLIENTtest0123456789abcdefABCDEF");
        config.secondaryEveryNth = 4;
        config.secondaryRetryAfterSeconds = 1;
        const sample::FakeGitHubData data = sample::FakeDataBuilder::build(spec);
        sample::FakeGitHubServer server(data, config);
        QVERIFY(server.start().ok());

        ClientOptions options;
        options.apiUrl = server.apiUrl();
        options.token = server.token().toUtf8();
        options.backoff.baseDelayMs = 5;
        GithubClient client(options);
        QSignalSpy paused(&client, &GithubClient::paused);
        const QUrl runsUrl
            = client.apiUrl(QStringLiteral("/repos/%1/actions/runs").arg(data.repos.constFirst().fullName()));

        QList<ApiResponse> answers;
        int failures = 0;
        for (int i = 0; i < 5; ++i) {
            client.get(runsUrl, [&](const ApiResult& r) {
                QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error()));
                if (r)
                    answers.append(*r);
                else
                    ++failures;
            });
        }
        QTRY_COMPARE_WITH_TIMEOUT(answers.size() + failures, 5, 20000);
        QCOMPARE(failures, 0);
        for (const ApiResponse& r : std::as_const(answers)) {
            QCOMPARE(r.status, 200);
            QVERIFY(!r.etag.isEmpty());
        }
        QVERIFY(paused.size() >= 1); // every 4th request met a secondary limit and waited its retry-after
        QVERIFY(client.rateLimit().known());

        // Conditional request: 304 answers with the cached body.
        std::optional<ApiResult> cached;
        client.get(
            runsUrl, [&](const ApiResult& r) { cached = r; }, answers.constFirst().etag, "CACHED BODY");
        QTRY_VERIFY_WITH_TIMEOUT(cached.has_value(), 20000);
        QVERIFY2(cached->ok(), qPrintable(cached->ok() ? QString() : cached->error()));
        QCOMPARE((*cached)->status, 304);
        QVERIFY((*cached)->fromCache);
        QCOMPARE((*cached)->body, QByteArray("CACHED BODY"));

        // A failed request: an error Result with the status, naming the URL and never the token.
        const QUrl missingUrl = client.apiUrl(QStringLiteral("/repos/nobody/nothing/actions/runs"));
        std::optional<ApiResult> missing;
        client.get(missingUrl, [&](const ApiResult& r) { missing = r; });
        QTRY_VERIFY_WITH_TIMEOUT(missing.has_value(), 20000);
        QVERIFY(!missing->ok());
        QCOMPARE(missing->failure().status, 404);
        QVERIFY2(missing->error().contains(QLatin1String("/repos/nobody/nothing/actions/runs")),
            qPrintable(missing->error()));
        QVERIFY(!missing->error().contains(server.token()));

        // The repository check: what the token may do there, or why it cannot see it, naming it.
        std::optional<Result<RepositoryAccess>> access;
        checkRepository(
            client, data.repos.constFirst().fullName(), [&](const Result<RepositoryAccess>& a) { access = a; });
        QTRY_VERIFY_WITH_TIMEOUT(access.has_value(), 20000);
        QVERIFY2(access->ok(), qPrintable(access->ok() ? QString() : access->error()));
        QVERIFY((*access)->describe().startsWith(data.repos.constFirst().fullName()));
        access.reset();
        checkRepository(
            client, QStringLiteral("nobody/nothing"), [&](const Result<RepositoryAccess>& a) { access = a; });
        QTRY_VERIFY_WITH_TIMEOUT(access.has_value(), 20000);
        QVERIFY(!access->ok());
        QCOMPARE(access->error(), QStringLiteral("nobody/nothing: not found, or the token cannot see it (404)"));

        // Download: 302 followed by hand to storage, without Authorization.
        QTemporaryDir dir;
        const sample::FakeRun& run = data.runs.constFirst();
        std::optional<DownloadOutcome> result;
        client.download(client.apiUrl(QStringLiteral("/repos/%1/actions/runs/%2/attempts/%3/logs")
                                          .arg(data.repos.constFirst().fullName())
                                          .arg(run.id)
                                          .arg(run.attempt)),
            dir.filePath(QStringLiteral("a.zip")), [&](const DownloadOutcome& r) { result = r; });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20000);
        QVERIFY2(result->ok(), qPrintable(result->ok() ? QString() : result->error()));
        QCOMPARE(QFileInfo(dir.filePath(QStringLiteral("a.zip"))).size(), (*result)->bytes);
        // Unknown run: 404 reported as such, naming the URL but not the token, and the file is gone.
        result.reset();
        client.download(
            client.apiUrl(QStringLiteral("/repos/%1/actions/runs/1/logs").arg(data.repos.constFirst().fullName())),
            dir.filePath(QStringLiteral("b.zip")), [&](const DownloadOutcome& r) { result = r; });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20000);
        QVERIFY(!result->ok());
        QCOMPARE(result->failure().status, 404);
        QVERIFY2(result->error().contains(QLatin1String("/actions/runs/1/logs")), qPrintable(result->error()));
        QVERIFY(!result->error().contains(server.token()));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("b.zip"))));

        bool sawStorage = false;
        for (const sample::FakeRequestLogEntry& e : server.requestLog()) {
            QVERIFY(e.headerNames.contains(QStringLiteral("user-agent")));
            if (e.listener == sample::FakeListenerKind::Storage) {
                sawStorage = true;
                QVERIFY(!e.hasAuthorization);
            } else {
                QVERIFY(e.hasAuthorization);
                QVERIFY(e.headerNames.contains(QStringLiteral("x-github-api-version")));
                QVERIFY(e.headerNames.contains(QStringLiteral("accept")));
            }
        }
        QVERIFY(sawStorage);
    }

    void cancelStopsCallbacks()
    {
        sample::FakeGitHubConfig config;
        config.faults = *sample::FakeFaults::parse(QStringLiteral("latency=300ms"));
        sample::FakeGitHubServer server(sample::FakeDataBuilder::build({}), config);
        QVERIFY(server.start().ok());
        ClientOptions options;
        options.apiUrl = server.apiUrl();
        GithubClient client(options);
        int calls = 0;
        for (int i = 0; i < 6; ++i)
            client.get(client.apiUrl(QStringLiteral("/rate_limit")), [&](const ApiResult&) { ++calls; });
        client.cancel();
        QVERIFY(client.isCanceled());
        QVERIFY(client.idle()); // queue dropped, replies aborted
        // A request of another client, answered after the canceled ones would have been, is the barrier.
        GithubClient other(options);
        bool barrier = false;
        other.get(other.apiUrl(QStringLiteral("/rate_limit")), [&](const ApiResult&) { barrier = true; });
        QTRY_VERIFY_WITH_TIMEOUT(barrier, 20000);
        QCOMPARE(calls, 0);
    }
};

QTEST_GUILESS_MAIN(TestGithubClient)
#include "tst_githubclient.moc"
