// Conformance of the fake GitHub Actions API against what DESIGN.md says GitHub does, through a
// real QNetworkAccessManager client on 127.0.0.1.
#include "fakegithub/fakedatabuilder.h"
#include "fakegithub/fakegithubserver.h"
#include "fakegithub/fakehttpmessage.h"
#include "testsupport.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QUrlQuery>

#include <quazip.h>

using namespace runlens;
using namespace runlens::sample;

namespace {

struct Reply
{
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    int readyReads = 0;
    bool finished = false;

    QByteArray header(const char* name) const { return headers.value(QByteArray(name)); }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    qint64 contentLength() const { return header("content-length").toLongLong(); }
};

// rel -> URL from a Link header.
QHash<QString, QUrl> parseLinks(const QByteArray& header)
{
    QHash<QString, QUrl> links;
    static const QRegularExpression re(QStringLiteral(R"re(<([^>]+)>;\s*rel="([a-z]+)")re"));
    auto it = re.globalMatch(QString::fromUtf8(header));
    while (it.hasNext()) {
        const auto match = it.next();
        links.insert(match.captured(2), QUrl(match.captured(1)));
    }
    return links;
}

QList<qint64> runIds(const Reply& reply)
{
    QList<qint64> ids;
    const QJsonArray runs = reply.json().value(QStringLiteral("workflow_runs")).toArray();
    for (const QJsonValue& run : runs)
        ids << run.toObject().value(QStringLiteral("id")).toInteger();
    return ids;
}

bool isZip(const QByteArray& bytes)
{
    QBuffer buffer;
    buffer.setData(bytes);
    QuaZip zip(&buffer);
    if (!zip.open(QuaZip::mdUnzip))
        return false;
    const int entries = zip.getEntriesCount();
    zip.close();
    return entries > 0;
}

FakeDataSpec smallSpec()
{
    FakeDataSpec spec;
    spec.repos = 2;
    spec.runsPerRepo = 30;
    spec.rerunRatio = 0.3;
    spec.expiredRatio = 0.2;
    spec.issuesDisabledRepo = 1;
    spec.seed = 7;
    return spec;
}

struct Options
{
    QByteArray authorization; // full header value; empty: none
    FakeHeaderList extra;
    QByteArray method = "GET";
    QByteArray body;
};

} // namespace

class TestFakeGitHub : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager m_nam;

    Reply send(const QUrl& url, const Options& options = {})
    {
        QNetworkRequest request(url);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        request.setRawHeader("User-Agent", "runlens-tests");
        request.setRawHeader("Accept", "application/vnd.github+json");
        request.setRawHeader("X-GitHub-Api-Version", "2022-11-28");
        if (!options.authorization.isEmpty())
            request.setRawHeader("Authorization", options.authorization);
        for (const auto& [name, value] : options.extra)
            request.setRawHeader(name, value);
        QNetworkReply* reply = nullptr;
        if (options.method == "POST") {
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
            reply = m_nam.post(request, options.body);
        } else {
            reply = m_nam.get(request);
        }
        Reply result;
        connect(reply, &QNetworkReply::readyRead, reply, [&result, reply] {
            ++result.readyReads;
            result.body += reply->readAll();
        });
        QSignalSpy finished(reply, &QNetworkReply::finished);
        result.finished = finished.wait(15000);
        result.body += reply->readAll();
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.error = reply->error();
        for (const auto& [name, value] : reply->rawHeaderPairs())
            result.headers.insert(name.toLower(), value);
        reply->disconnect(this);
        reply->deleteLater();
        return result;
    }

    Reply authed(const FakeGitHubServer& server, const QUrl& url)
    {
        return send(url, { "Bearer " + server.token().toLatin1(), {}, "GET", {} });
    }

    static QUrl api(const FakeGitHubServer& server, const QString& pathAndQuery)
    {
        return QUrl(server.apiUrl().toString() + pathAndQuery);
    }

    static const FakeRun* findRun(const FakeGitHubData& data, const std::function<bool(const FakeRun&)>& pick)
    {
        for (const FakeRun& run : data.runs) {
            if (pick(run))
                return &run;
        }
        return nullptr;
    }

private slots:
    void initTestCase()
    {
        // Loopback only: never let a system proxy see these requests.
        m_nam.setProxy(QNetworkProxy::NoProxy);
    }

    void faultSpecParsing_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("errorMentions"); // empty: valid

        QTest::addRow("empty") << QString() << QString();
        QTest::addRow("all kinds") << QStringLiteral("latency=100ms,5xx=0.05,reset=0.02,truncate=0.02,slow=0.01")
                                   << QString();
        QTest::addRow("range, percent, scope, seed")
            << QStringLiteral("latency=50ms..2s@storage, 5xx=5%@api,slowchunk=64,slowdelay=5ms,seed=9") << QString();
        QTest::addRow("unknown name") << QStringLiteral("latency=1ms,bogus=1") << QStringLiteral("bogus=1");
        QTest::addRow("bad duration") << QStringLiteral("latency=fast") << QStringLiteral("latency=fast");
        QTest::addRow("probability above 1") << QStringLiteral("5xx=2") << QStringLiteral("5xx=2");
        QTest::addRow("bad scope") << QStringLiteral("reset=0.1@disk") << QStringLiteral("reset=0.1@disk");
        QTest::addRow("no value") << QStringLiteral("slow") << QStringLiteral("slow");
        QTest::addRow("empty item") << QStringLiteral("slow=0.1,,reset=0.1") << QStringLiteral("empty item");
    }

    void faultSpecParsing()
    {
        QFETCH(QString, spec);
        QFETCH(QString, errorMentions);
        const Result<FakeFaults> faults = FakeFaults::parse(spec);
        if (!errorMentions.isEmpty()) {
            QVERIFY(!faults.ok());
            QVERIFY2(faults.error().contains(errorMentions), qPrintable(faults.error()));
            return;
        }
        QVERIFY2(faults.ok(), faults.ok() ? "" : qPrintable(faults.error()));
        // The canonical form parses back to itself.
        const Result<FakeFaults> again = FakeFaults::parse(faults->toString());
        QVERIFY(again.ok());
        QCOMPARE(again->toString(), faults->toString());
    }

    void repositoryBothForms()
    {
        FakeGitHubServer server(FakeDataBuilder::build(smallSpec()));
        QVERIFY(server.start().ok());
        const FakeRepo repo = server.repos().first();
        const Reply byName = send(api(server, QStringLiteral("/repos/") + repo.fullName()));
        const Reply byId = send(api(server, QStringLiteral("/repositories/%1").arg(repo.id)));
        QCOMPARE(byName.status, 200);
        QCOMPARE(byId.status, 200);
        QCOMPARE(byName.json().value(QStringLiteral("id")).toInteger(), repo.id);
        QCOMPARE(byId.json().value(QStringLiteral("full_name")).toString(), repo.fullName());
        QCOMPARE(send(api(server, QStringLiteral("/repos/nobody/nothing"))).status, 404);
    }

    void pagination_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<int>("expectedPerPage");

        QTest::addRow("default per_page 30") << QString() << 30;
        QTest::addRow("per_page 7") << QStringLiteral("per_page=7") << 7;
        QTest::addRow("per_page above 100 clamps") << QStringLiteral("per_page=500") << 100;
        QTest::addRow("with a filter") << QStringLiteral("status=completed&per_page=9") << 9;
    }

    void pagination()
    {
        QFETCH(QString, query);
        QFETCH(int, expectedPerPage);
        FakeDataSpec spec;
        spec.repos = 1;
        spec.runsPerRepo = 95;
        spec.rerunRatio = 0.2; // reruns must not show up twice
        FakeGitHubServer server(FakeDataBuilder::build(spec));
        QVERIFY(server.start().ok());
        const FakeRepo repo = server.repos().first();

        QUrl url = api(server,
            QStringLiteral("/repos/%1/actions/runs").arg(repo.fullName())
                + (query.isEmpty() ? QString() : QLatin1Char('?') + query));
        QList<qint64> ids;
        QSet<qint64> unique;
        QDateTime previous;
        int pages = 0;
        while (url.isValid() && pages < 50) {
            const Reply reply = send(url);
            QCOMPARE(reply.status, 200);
            QCOMPARE(reply.json().value(QStringLiteral("total_count")).toInt(), 95);
            const QList<qint64> page = runIds(reply);
            QVERIFY(page.size() <= expectedPerPage);
            if (parseLinks(reply.header("link")).contains(QStringLiteral("next")))
                QCOMPARE(page.size(), expectedPerPage);
            for (const QJsonValue& run : reply.json().value(QStringLiteral("workflow_runs")).toArray()) {
                const QDateTime created
                    = QDateTime::fromString(run.toObject().value(QStringLiteral("created_at")).toString(), Qt::ISODate);
                QVERIFY2(!previous.isValid() || created <= previous, "runs are listed newest first");
                previous = created;
            }
            ids << page;
            unique.unite(QSet<qint64>(page.cbegin(), page.cend()));
            const QHash<QString, QUrl> links = parseLinks(reply.header("link"));
            url = links.value(QStringLiteral("next"));
            if (url.isValid()) {
                // Real next links use the numeric form, keep the query and point at this server.
                QVERIFY2(url.path().startsWith(QStringLiteral("/repositories/%1/actions/runs").arg(repo.id)),
                    qPrintable(url.toString()));
                QCOMPARE(url.port(), int(server.apiPort()));
                QVERIFY(links.contains(QStringLiteral("last")));
                if (!query.isEmpty())
                    QVERIFY(url.query().contains(query.section(QLatin1Char('&'), 0, 0)));
            }
            ++pages;
        }
        QCOMPARE(ids.size(), 95);
        QCOMPARE(unique.size(), 95);
        QCOMPARE(pages, (95 + expectedPerPage - 1) / expectedPerPage);
    }

    void thousandResultCap()
    {
        FakeDataSpec spec;
        spec.repos = 1;
        spec.runsPerRepo = 2500;
        spec.failureRatio = 1.0;
        spec.rerunRatio = 0.0;
        spec.spanDays = 300;
        FakeGitHubServer server(FakeDataBuilder::build(spec));
        QVERIFY(server.start().ok());
        const FakeRepo repo = server.repos().first();
        const QString base = QStringLiteral("/repos/%1/actions/runs").arg(repo.fullName());

        // Without a filter everything is retrievable.
        const Reply all = send(api(server, base + QStringLiteral("?per_page=100")));
        QCOMPARE(all.json().value(QStringLiteral("total_count")).toInt(), 2500);
        QCOMPARE(QUrlQuery(parseLinks(all.header("link")).value(QStringLiteral("last")).query())
                     .queryItemValue(QStringLiteral("page")),
            QStringLiteral("25"));

        // With a filter: total_count tells the truth, but only 1,000 runs can be paged through.
        QUrl url = api(server, base + QStringLiteral("?status=failure&per_page=100"));
        QSet<qint64> seen;
        int pages = 0;
        while (url.isValid() && pages < 40) {
            const Reply reply = send(url);
            QCOMPARE(reply.status, 200);
            QCOMPARE(reply.json().value(QStringLiteral("total_count")).toInt(), 2500);
            const QList<qint64> ids = runIds(reply);
            seen.unite(QSet<qint64>(ids.cbegin(), ids.cend()));
            url = parseLinks(reply.header("link")).value(QStringLiteral("next"));
            ++pages;
        }
        QCOMPARE(pages, 10);
        QCOMPARE(seen.size(), 1000);
        const Reply beyond = send(api(server, base + QStringLiteral("?status=failure&per_page=100&page=11")));
        QCOMPARE(beyond.status, 200);
        QCOMPARE(beyond.json().value(QStringLiteral("total_count")).toInt(), 2500);
        QVERIFY(runIds(beyond).isEmpty());
        QVERIFY(!parseLinks(beyond.header("link")).contains(QStringLiteral("next")));

        // Splitting by created windows reaches the rest, as a client must.
        const Reply window = send(api(server, base + QStringLiteral("?status=failure&created=2024-01-01..2024-02-29")));
        QVERIFY(window.json().value(QStringLiteral("total_count")).toInt() < 1000);
    }

    void createdRanges_data()
    {
        QTest::addColumn<QString>("created");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("count");

        // One run a day from 2024-01-01 (within its first ten minutes), 100 days.
        QTest::addRow("date range") << QStringLiteral("2024-01-01..2024-01-10") << 200 << 10;
        QTest::addRow("single date") << QStringLiteral("2024-01-03") << 200 << 1;
        QTest::addRow(">= date") << QStringLiteral(">=2024-04-01") << 200 << 9;
        QTest::addRow("> date") << QStringLiteral(">2024-04-01") << 200 << 8;
        QTest::addRow("< date") << QStringLiteral("<2024-01-05") << 200 << 4;
        QTest::addRow("<= date") << QStringLiteral("<=2024-01-05") << 200 << 5;
        QTest::addRow("datetime range") << QStringLiteral("2024-01-02T00:00:00Z..2024-01-03T23:59:59Z") << 200 << 2;
        QTest::addRow("datetime range, hours")
            << QStringLiteral("2024-01-02T00:10:00Z..2024-01-03T00:00:00Z") << 200 << 0;
        QTest::addRow("open end") << QStringLiteral("2024-04-08..*") << 200 << 2;
        QTest::addRow("invalid") << QStringLiteral("2024-13-01..2024-14-01") << 422 << 0;
    }

    void createdRanges()
    {
        QFETCH(QString, created);
        QFETCH(int, status);
        QFETCH(int, count);
        static FakeGitHubServer* server = nullptr;
        if (!server) {
            FakeDataSpec spec;
            spec.repos = 1;
            spec.runsPerRepo = 100;
            spec.spanDays = 100;
            spec.rerunRatio = 0;
            server = new FakeGitHubServer(FakeDataBuilder::build(spec), {}, this);
            QVERIFY(server->start().ok());
        }
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("created"), QString::fromLatin1(QUrl::toPercentEncoding(created)));
        query.addQueryItem(QStringLiteral("per_page"), QStringLiteral("100"));
        const Reply reply = send(api(*server,
            QStringLiteral("/repos/%1/actions/runs?").arg(server->repos().first().fullName())
                + query.toString(QUrl::FullyEncoded)));
        QCOMPARE(reply.status, status);
        if (status == 200) {
            QCOMPARE(reply.json().value(QStringLiteral("total_count")).toInt(), count);
            QCOMPARE(runIds(reply).size(), count);
        }
    }

    void filtersAndWorkflowEndpoint()
    {
        const FakeGitHubData data = FakeDataBuilder::build(smallSpec());
        FakeGitHubServer server(data);
        QVERIFY(server.start().ok());
        const FakeRepo repo = data.repos.first();
        const FakeRun* sample = findRun(data, [&](const FakeRun& r) { return r.repoId == repo.id; });
        QVERIFY(sample);
        const auto expected = [&](const std::function<bool(const FakeRun&)>& keep) {
            QSet<qint64> latest;
            QHash<qint64, const FakeRun*> byId;
            for (const FakeRun& run : data.runs) {
                if (run.repoId == repo.id && (!byId.contains(run.id) || byId[run.id]->attempt < run.attempt))
                    byId[run.id] = &run;
            }
            int n = 0;
            for (const FakeRun* run : std::as_const(byId))
                n += keep(*run) ? 1 : 0;
            return n;
        };
        const QString base = QStringLiteral("/repos/%1/actions/").arg(repo.fullName());
        const Reply failures = send(api(server, base + QStringLiteral("runs?status=failure&per_page=100")));
        QCOMPARE(failures.json().value(QStringLiteral("total_count")).toInt(),
            expected([](const FakeRun& r) { return r.conclusion == QLatin1String("failure"); }));
        const Reply completed = send(api(server, base + QStringLiteral("runs?status=completed")));
        QCOMPARE(completed.json().value(QStringLiteral("total_count")).toInt(),
            expected([](const FakeRun&) { return true; }));
        const Reply pushes = send(api(server, base + QStringLiteral("runs?event=push&branch=main")));
        QCOMPARE(pushes.json().value(QStringLiteral("total_count")).toInt(), expected([](const FakeRun& r) {
            return r.event == QLatin1String("push") && r.branch == QLatin1String("main");
        }));
        const Reply workflow = send(api(server, base + QStringLiteral("workflows/%1/runs").arg(sample->workflowId)));
        QCOMPARE(workflow.status, 200);
        QCOMPARE(workflow.json().value(QStringLiteral("total_count")).toInt(),
            expected([&](const FakeRun& r) { return r.workflowId == sample->workflowId; }));
        const Reply numericWorkflow = send(api(
            server, QStringLiteral("/repositories/%1/actions/workflows/%2/runs").arg(repo.id).arg(sample->workflowId)));
        QCOMPARE(numericWorkflow.body, workflow.body);
    }

    void runsAttemptsAndJobs()
    {
        const FakeGitHubData data = FakeDataBuilder::build(smallSpec());
        const FakeRun* retried = findRun(data, [](const FakeRun& r) { return r.attempt == 2; });
        QVERIFY(retried);
        FakeGitHubServer server(data);
        QVERIFY(server.start().ok());
        QString repoName;
        for (const FakeRepo& repo : data.repos) {
            if (repo.id == retried->repoId)
                repoName = repo.fullName();
        }
        const QString base = QStringLiteral("/repos/%1/actions/runs/%2").arg(repoName).arg(retried->id);
        const Reply latest = send(api(server, base));
        QCOMPARE(latest.status, 200);
        QCOMPARE(latest.json().value(QStringLiteral("run_attempt")).toInt(), 2);
        const Reply first = send(api(server, base + QStringLiteral("/attempts/1")));
        QCOMPARE(first.json().value(QStringLiteral("run_attempt")).toInt(), 1);
        QCOMPARE(first.json().value(QStringLiteral("conclusion")).toString(), QStringLiteral("failure"));
        QCOMPARE(send(api(server, base + QStringLiteral("/attempts/3"))).status, 404);

        const int jobsPerAttempt = int(retried->jobs.size());
        const Reply latestJobs = send(api(server, base + QStringLiteral("/jobs?filter=latest&per_page=100")));
        QCOMPARE(latestJobs.json().value(QStringLiteral("total_count")).toInt(), jobsPerAttempt);
        const Reply allJobs = send(api(server, base + QStringLiteral("/jobs?filter=all")));
        QCOMPARE(allJobs.json().value(QStringLiteral("total_count")).toInt(), 2 * jobsPerAttempt);
        const Reply attemptJobs = send(api(server, base + QStringLiteral("/attempts/1/jobs")));
        QCOMPARE(attemptJobs.json().value(QStringLiteral("total_count")).toInt(), jobsPerAttempt);
        const QJsonObject job = latestJobs.json().value(QStringLiteral("jobs")).toArray().first().toObject();
        QCOMPARE(job.value(QStringLiteral("run_id")).toInteger(), retried->id);
        QVERIFY(!job.value(QStringLiteral("steps")).toArray().isEmpty());
        QVERIFY(!job.value(QStringLiteral("runner_name")).toString().isEmpty());
        // Job timestamps are whole seconds, step timestamps carry .000Z.
        QVERIFY(job.value(QStringLiteral("started_at")).toString().endsWith(QLatin1Char('Z')));
        QVERIFY(!job.value(QStringLiteral("started_at")).toString().contains(QLatin1Char('.')));
        QVERIFY(job.value(QStringLiteral("steps"))
                    .toArray()
                    .first()
                    .toObject()
                    .value(QStringLiteral("started_at"))
                    .toString()
                    .endsWith(QLatin1String(".000Z")));
        // Step numbers skip, as post steps do on GitHub.
        QList<int> numbers;
        for (const QJsonValue& step : job.value(QStringLiteral("steps")).toArray())
            numbers << step.toObject().value(QStringLiteral("number")).toInt();
        QVERIFY(numbers.size() >= 2 && numbers.last() > numbers.size());
        QCOMPARE(send(api(server, base + QStringLiteral("/jobs?filter=bogus"))).status, 422);
    }

    void logsRedirectToAnotherOrigin()
    {
        const FakeGitHubData data = FakeDataBuilder::build(smallSpec());
        const FakeRun* run = findRun(data, [](const FakeRun& r) { return !r.logsExpired && r.attempt == 1; });
        QVERIFY(run);
        FakeGitHubServer server(data);
        QVERIFY(server.start().ok());
        const QString repoName
            = data.repos.first().id == run->repoId ? data.repos.first().fullName() : data.repos.last().fullName();
        const QString path = QStringLiteral("/repos/%1/actions/runs/%2/attempts/1/logs").arg(repoName).arg(run->id);

        const Reply anonymous = send(api(server, path));
        QCOMPARE(anonymous.status, 403);
        QCOMPARE(anonymous.json().value(QStringLiteral("message")).toString(),
            QStringLiteral("Must have admin rights to Repository."));

        const Reply redirect = authed(server, api(server, path));
        QCOMPARE(redirect.status, 302);
        const QUrl location(QString::fromUtf8(redirect.header("location")));
        QVERIFY(location.isValid());
        QCOMPARE(location.host(), QStringLiteral("127.0.0.1"));
        QVERIFY(location.port() != server.apiUrl().port());
        QCOMPARE(location.port(), int(server.storagePort()));

        const Reply download = send(location);
        QCOMPARE(download.status, 200);
        QCOMPARE(download.header("content-type"), QByteArray("application/zip"));
        QVERIFY(isZip(download.body));
        QCOMPARE(qint64(download.body.size()), download.contentLength());
        QVERIFY(!download.headers.contains("x-ratelimit-limit")); // storage is not the API

        const Reply withToken = authed(server, location);
        QCOMPARE(withToken.status, 400);
        QUrl tampered = location;
        QUrlQuery query(tampered);
        query.removeQueryItem(QStringLiteral("se"));
        query.addQueryItem(QStringLiteral("se"), QStringLiteral("99999999999999"));
        tampered.setQuery(query);
        QCOMPARE(send(tampered).status, 403);

        // Whole-run logs of the latest attempt and a job's plain-text log.
        QCOMPARE(
            authed(server, api(server, QStringLiteral("/repos/%1/actions/runs/%2/logs").arg(repoName).arg(run->id)))
                .status,
            302);
        const Reply jobRedirect = authed(server,
            api(server, QStringLiteral("/repos/%1/actions/jobs/%2/logs").arg(repoName).arg(run->jobs.first().id())));
        QCOMPARE(jobRedirect.status, 302);
        const Reply jobLog = send(QUrl(QString::fromUtf8(jobRedirect.header("location"))));
        QCOMPARE(jobLog.status, 200);
        QVERIFY(jobLog.header("content-type").startsWith("text/plain"));
        QVERIFY(jobLog.body.contains("##[group]"));
    }

    void logsGoneUnknownAndExpiredUrl()
    {
        const FakeGitHubData data = FakeDataBuilder::build(smallSpec());
        const FakeRun* expired
            = findRun(data, [&](const FakeRun& r) { return r.logsExpired && r.repoId == data.repos.first().id; });
        const FakeRun* fine
            = findRun(data, [&](const FakeRun& r) { return !r.logsExpired && r.repoId == data.repos.first().id; });
        QVERIFY(expired && fine);
        FakeGitHubConfig config;
        config.signedUrlExpiryMs = 0; // every signed URL is already stale when fetched
        FakeGitHubServer server(data, config);
        QVERIFY(server.start().ok());
        const QString base = QStringLiteral("/repos/%1/actions/runs/").arg(data.repos.first().fullName());
        QCOMPARE(authed(server, api(server, base + QStringLiteral("%1/logs").arg(expired->id))).status, 410);
        QCOMPARE(authed(server, api(server, base + QStringLiteral("123/logs"))).status, 404);
        const Reply redirect = authed(server, api(server, base + QStringLiteral("%1/logs").arg(fine->id)));
        QCOMPARE(redirect.status, 302);
        const Reply stale = send(QUrl(QString::fromUtf8(redirect.header("location"))));
        QCOMPARE(stale.status, 403);
        QVERIFY(stale.body.contains("expiry"));
    }

    void userAgentRequired()
    {
        FakeGitHubServer server(FakeDataBuilder::build(smallSpec()));
        QVERIFY(server.start().ok());
        // QNetworkAccessManager always sends a User-Agent, so talk HTTP by hand.
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, server.apiPort());
        QVERIFY(socket.waitForConnected(5000));
        socket.write("GET /rate_limit HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        QByteArray answer;
        QTRY_VERIFY_WITH_TIMEOUT((answer += socket.readAll()).contains("\r\n\r\n"), 5000);
        QVERIFY2(answer.startsWith("HTTP/1.1 403 "), answer.constData());
        QVERIFY(answer.toLower().contains("x-ratelimit-limit:"));

        // Not HTTP at all: 400, and the log says so.
        QTcpSocket garbage;
        garbage.connectToHost(QHostAddress::LocalHost, server.apiPort());
        QVERIFY(garbage.waitForConnected(5000));
        garbage.write("HELLO\r\n\r\n");
        QByteArray reply;
        QTRY_VERIFY_WITH_TIMEOUT((reply += garbage.readAll()).contains("\r\n\r\n"), 5000);
        QVERIFY2(reply.startsWith("HTTP/1.1 400 "), reply.constData());
        QTRY_COMPARE_WITH_TIMEOUT(server.requestLog().size(), 2, 5000);
        QCOMPARE(server.requestLog().last().status, 400);
    }

    void expectContinueAndKeepAlive()
    {
        FakeGitHubServer server(FakeDataBuilder::build(smallSpec()));
        QVERIFY(server.start().ok());
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, server.apiPort());
        QVERIFY(socket.waitForConnected(5000));
        const QByteArray body = R"({"title":"via curl"})";
        socket.write("POST /repos/" + server.repos().first().fullName().toUtf8()
            + "/issues HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: t\r\nAuthorization: token " + server.token().toUtf8()
            + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\nExpect: 100-continue\r\n\r\n");
        QByteArray answer;
        QTRY_VERIFY_WITH_TIMEOUT((answer += socket.readAll()).contains("100 Continue\r\n\r\n"), 5000);
        socket.write(body);
        QTRY_VERIFY_WITH_TIMEOUT((answer += socket.readAll()).contains("\"via curl\""), 5000);
        QVERIFY(answer.contains("HTTP/1.1 201 Created"));
        // The same connection serves the next request.
        answer.clear();
        socket.write("GET /rate_limit HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: t\r\n\r\n");
        QTRY_VERIFY_WITH_TIMEOUT((answer += socket.readAll()).contains("\"resources\""), 5000);
        QVERIFY(answer.startsWith("HTTP/1.1 200 OK"));
    }

    void authentication_data()
    {
        QTest::addColumn<QByteArray>("authorization");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("limit");

        QTest::addRow("none: anonymous budget") << QByteArray() << 200 << 60;
        QTest::addRow("Bearer good") << QByteArray("Bearer GOOD") << 200 << 5000;
        QTest::addRow("token good") << QByteArray("token GOOD") << 200 << 5000;
        QTest::addRow("Bearer wrong") << QByteArray("Bearer nope") << 401 << 60;
        QTest::addRow("token wrong") << QByteArray("token nope") << 401 << 60;
        QTest::addRow("Basic scheme") << QByteArray("Basic R09PRA==") << 401 << 60;
    }

    void authentication()
    {
        QFETCH(QByteArray, authorization);
        QFETCH(int, status);
        QFETCH(int, limit);
        FakeGitHubConfig config;
        config.token = QStringLiteral("fake_tok_testtoken");
        FakeGitHubServer server(FakeDataBuilder::build(smallSpec()), config);
        QVERIFY(server.start().ok());
        authorization.replace("GOOD", server.token().toLatin1());
        const Reply reply
            = send(api(server, QStringLiteral("/repos/%1/actions/runs").arg(server.repos().first().fullName())),
                { authorization, {}, "GET", {} });
        QCOMPARE(reply.status, status);
        QCOMPARE(reply.header("x-ratelimit-limit").toInt(), limit);
        if (status == 401)
            QCOMPARE(reply.json().value(QStringLiteral("message")).toString(), QStringLiteral("Bad credentials"));
    }

    void rateLimitExhaustionAndReset_data()
    {
        QTest::addColumn<int>("exhaustedStatus");
        QTest::addRow("403") << 403;
        QTest::addRow("429") << 429;
    }

    void rateLimitExhaustionAndReset()
    {
        QFETCH(int, exhaustedStatus);
        FakeGitHubConfig config;
        config.rateLimit = 3;
        config.rateWindowMs = 1500;
        config.exhaustedStatus = exhaustedStatus;
        FakeGitHubServer server(FakeDataBuilder::build(smallSpec()), config);
        QVERIFY(server.start().ok());
        const QUrl url = api(server, QStringLiteral("/repos/%1").arg(server.repos().first().fullName()));
        for (int i = 1; i <= 3; ++i) {
            const Reply reply = authed(server, url);
            QCOMPARE(reply.status, 200);
            QCOMPARE(reply.header("x-ratelimit-remaining").toInt(), 3 - i);
            QCOMPARE(reply.header("x-ratelimit-used").toInt(), i);
            QCOMPARE(reply.header("x-ratelimit-resource"), QByteArray("core"));
            QVERIFY(reply.header("x-ratelimit-reset").toLongLong() >= QDateTime::currentSecsSinceEpoch());
        }
        const Reply exhausted = authed(server, url);
        QCOMPARE(exhausted.status, exhaustedStatus);
        QCOMPARE(exhausted.header("x-ratelimit-remaining").toInt(), 0);
        QVERIFY(exhausted.json().value(QStringLiteral("message")).toString().contains(QLatin1String("rate limit")));
        // /rate_limit is free and reports the same budget.
        const Reply status = authed(server, api(server, QStringLiteral("/rate_limit")));
        QCOMPARE(status.status, 200);
        QCOMPARE(status.json()
                     .value(QStringLiteral("resources"))
                     .toObject()
                     .value(QStringLiteral("core"))
                     .toObject()
                     .value(QStringLiteral("remaining"))
                     .toInt(),
            0);
        // The window resets.
        QTRY_COMPARE_WITH_TIMEOUT(authed(server, url).status, 200, 10000);
    }

    void secondaryRateLimit_data()
    {
        QTest::addColumn<int>("secondaryStatus");
        QTest::addRow("403") << 403;
        QTest::addRow("429") << 429;
    }

    void secondaryRateLimit()
    {
        QFETCH(int, secondaryStatus);
        FakeGitHubConfig config;
        config.secondaryStatus = secondaryStatus;
        config.secondaryEveryNth = 3;
        config.secondaryRetryAfterSeconds = 7;
        FakeGitHubServer server(FakeDataBuilder::build(smallSpec()), config);
        QVERIFY(server.start().ok());
        const QUrl url = api(server, QStringLiteral("/repos/%1").arg(server.repos().first().fullName()));
        QCOMPARE(send(url).status, 200);
        QCOMPARE(send(url).status, 200);
        const Reply limited = send(url);
        QCOMPARE(limited.status, secondaryStatus);
        QCOMPARE(limited.header("x-ratelimit-used").toInt(), 2); // not charged
        QCOMPARE(limited.header("retry-after"), QByteArray("7"));
        QVERIFY(
            limited.json().value(QStringLiteral("message")).toString().contains(QLatin1String("secondary rate limit")));
        QCOMPARE(send(url).status, 200);
    }

    void etagAndNotModified()
    {
        FakeGitHubServer server(FakeDataBuilder::build(smallSpec()));
        QVERIFY(server.start().ok());
        const QUrl url
            = api(server, QStringLiteral("/repos/%1/actions/runs?per_page=5").arg(server.repos().first().fullName()));
        const Reply first = authed(server, url);
        QCOMPARE(first.status, 200);
        const QByteArray etag = first.header("etag");
        QVERIFY(!etag.isEmpty());
        const int remaining = first.header("x-ratelimit-remaining").toInt();
        const Reply again
            = send(url, { "Bearer " + server.token().toLatin1(), { { "If-None-Match", etag } }, "GET", {} });
        QCOMPARE(again.status, 304);
        QVERIFY(again.body.isEmpty());
        QCOMPARE(again.header("etag"), etag);
        QCOMPARE(again.header("x-ratelimit-remaining").toInt(), remaining); // free
        const Reply changed
            = send(url, { "Bearer " + server.token().toLatin1(), { { "If-None-Match", "W/\"other\"" } }, "GET", {} });
        QCOMPARE(changed.status, 200);
        QCOMPARE(changed.header("x-ratelimit-remaining").toInt(), remaining - 1);
    }

    void serverErrorsAtSeededRate()
    {
        FakeGitHubConfig config;
        config.faults = *FakeFaults::parse(QStringLiteral("5xx=0.25"));
        config.seed = 42;
        FakeGitHubServer server(FakeDataBuilder::build(smallSpec()), config);
        QVERIFY(server.start().ok());
        const QUrl url = api(server, QStringLiteral("/rate_limit"));
        int errors = 0;
        const int requests = 200;
        QList<int> statuses;
        for (int i = 0; i < requests; ++i) {
            const int status = send(url).status;
            statuses << status;
            if (status >= 500) {
                QVERIFY(status == 500 || status == 502 || status == 503);
                ++errors;
            } else {
                QCOMPARE(status, 200);
            }
        }
        // p = 0.25 over 200 draws: 50 expected; 30..70 is far beyond 3 standard deviations (6.1).
        QVERIFY2(errors >= 30 && errors <= 70, qPrintable(QString::number(errors)));
        // Same seed, same sequence.
        FakeGitHubServer twin(FakeDataBuilder::build(smallSpec()), config);
        QVERIFY(twin.start().ok());
        for (int i = 0; i < 20; ++i)
            QCOMPARE(send(api(twin, QStringLiteral("/rate_limit"))).status, statuses[i]);
    }

    void bodyFaults_data()
    {
        QTest::addColumn<QString>("faults");
        QTest::addRow("reset") << QStringLiteral("reset=1@storage");
        QTest::addRow("truncate") << QStringLiteral("truncate=1@storage");
        QTest::addRow("slow") << QStringLiteral("slow=1@storage,slowchunk=200,slowdelay=5ms");
        QTest::addRow("latency") << QStringLiteral("latency=30ms");
    }

    void bodyFaults()
    {
        QFETCH(QString, faults);
        const FakeGitHubData data = FakeDataBuilder::build(smallSpec());
        const FakeRun* run
            = findRun(data, [&](const FakeRun& r) { return !r.logsExpired && r.repoId == data.repos.first().id; });
        QVERIFY(run);
        FakeGitHubConfig config;
        const Result<FakeFaults> parsed = FakeFaults::parse(faults);
        QVERIFY(parsed.ok());
        config.faults = *parsed;
        FakeGitHubServer server(data, config);
        QVERIFY(server.start().ok());
        const Reply redirect = authed(server,
            api(server,
                QStringLiteral("/repos/%1/actions/runs/%2/logs").arg(data.repos.first().fullName()).arg(run->id)));
        QCOMPARE(redirect.status, 302); // @storage faults leave the API alone
        const QByteArray expected = run->logZip();
        const Reply download = send(QUrl(QString::fromUtf8(redirect.header("location"))));
        QVERIFY(download.finished);
        const QString tag = QString::fromLatin1(QTest::currentDataTag());
        if (tag == QLatin1String("reset")) {
            QVERIFY2(download.error != QNetworkReply::NoError, "a reset connection is a network error");
            QVERIFY(download.body.size() < expected.size());
        } else if (tag == QLatin1String("truncate")) {
            QCOMPARE(download.contentLength(), qint64(expected.size()));
            QVERIFY(download.body.size() < download.contentLength());
            QVERIFY(download.error != QNetworkReply::NoError);
            QVERIFY(!isZip(download.body));
        } else if (tag == QLatin1String("slow")) {
            QCOMPARE(download.error, QNetworkReply::NoError);
            QCOMPARE(download.body, expected);
            const int chunks = int((expected.size() + 199) / 200);
            QVERIFY2(download.readyReads >= qMin(3, chunks), qPrintable(QString::number(download.readyReads)));
        } else {
            QCOMPARE(download.error, QNetworkReply::NoError);
            QCOMPARE(download.body, expected);
        }
        const QList<FakeRequestLogEntry> log = server.requestLog();
        QCOMPARE(log.size(), 2);
        const QString kind = tag == QLatin1String("latency") ? QStringLiteral("latency") : tag;
        QVERIFY2(log.last().fault.contains(kind), qPrintable(log.last().fault));
        if (tag != QLatin1String("latency"))
            QVERIFY(log.first().fault.isEmpty());
    }

    void issues()
    {
        const FakeGitHubData data = FakeDataBuilder::build(smallSpec());
        FakeGitHubServer server(data);
        QVERIFY(server.start().ok());
        const QByteArray bearer = "Bearer " + server.token().toLatin1();
        const QString open = QStringLiteral("/repos/%1/issues").arg(data.repos[0].fullName());
        const QString disabled = QStringLiteral("/repos/%1/issues").arg(data.repos[1].fullName());
        const QByteArray body = R"({"title":"Anomalous run 1","body":"<!-- runlens:run=1 -->","labels":["runlens"]})";

        const Reply created = send(api(server, open), { bearer, {}, "POST", body });
        QCOMPARE(created.status, 201);
        QCOMPARE(created.json().value(QStringLiteral("number")).toInt(), 1);
        QVERIFY(created.json().value(QStringLiteral("html_url")).toString().endsWith(QLatin1String("/issues/1")));
        QCOMPARE(
            send(api(server, open), { bearer, {}, "POST", body }).json().value(QStringLiteral("number")).toInt(), 2);

        const Reply listed
            = send(api(server, open + QStringLiteral("?state=open&per_page=1")), { bearer, {}, "GET", {} });
        QCOMPARE(listed.status, 200);
        const QJsonArray page = QJsonDocument::fromJson(listed.body).array();
        QCOMPARE(page.size(), 1);
        QCOMPARE(page.first().toObject().value(QStringLiteral("number")).toInt(), 2); // newest first
        QVERIFY(
            page.first().toObject().value(QStringLiteral("body")).toString().contains(QLatin1String("runlens:run=1")));
        QVERIFY(parseLinks(listed.header("link")).contains(QStringLiteral("next")));

        QCOMPARE(send(api(server, open), { bearer, {}, "POST", R"({"body":"no title"})" }).status, 422);
        QCOMPARE(send(api(server, open), { {}, {}, "POST", body }).status, 401);
        QCOMPARE(send(api(server, disabled), { bearer, {}, "POST", body }).status, 410);
        QCOMPARE(send(api(server, disabled), { bearer, {}, "GET", {} }).status, 410);
    }

    void requestLogNamesHeadersOnly()
    {
        const FakeGitHubData data = FakeDataBuilder::build(smallSpec());
        const FakeRun* run
            = findRun(data, [&](const FakeRun& r) { return !r.logsExpired && r.repoId == data.repos.first().id; });
        FakeGitHubServer server(data);
        QVERIFY(server.start().ok());
        const Reply redirect = authed(server,
            api(server,
                QStringLiteral("/repos/%1/actions/runs/%2/logs").arg(data.repos.first().fullName()).arg(run->id)));
        QCOMPARE(send(QUrl(QString::fromUtf8(redirect.header("location")))).status, 200);

        const QList<FakeRequestLogEntry> log = server.requestLog();
        QCOMPARE(log.size(), 2);
        QCOMPARE(log[0].listener, FakeListenerKind::Api);
        QCOMPARE(log[0].method, QStringLiteral("GET"));
        QCOMPARE(log[0].path,
            QStringLiteral("/repos/%1/actions/runs/%2/logs").arg(data.repos.first().fullName()).arg(run->id));
        QVERIFY(log[0].hasAuthorization);
        QVERIFY(log[0].headerNames.contains(QStringLiteral("authorization")));
        QVERIFY(log[0].headerNames.contains(QStringLiteral("user-agent")));
        QCOMPARE(log[0].status, 302);
        QCOMPARE(log[1].listener, FakeListenerKind::Storage);
        QVERIFY(!log[1].hasAuthorization);
        QVERIFY(log[1].query.contains(QLatin1String("sig=")));
        QCOMPARE(log[1].status, 200);
        for (const FakeRequestLogEntry& entry : log) {
            const QString all = entry.method + entry.path + entry.query + entry.headerNames.join(QLatin1Char(' '));
            QVERIFY(!all.contains(server.token()));
        }
        server.clearRequestLog();
        QVERIFY(server.requestLog().isEmpty());
    }

    void secondaryLimitOnConcurrency()
    {
        FakeGitHubConfig config;
        config.secondaryMaxConcurrent = 1;
        config.faults = *FakeFaults::parse(QStringLiteral("latency=100ms@api"));
        FakeGitHubServer server(FakeDataBuilder::build(smallSpec()), config);
        QVERIFY(server.start().ok());
        // Several requests at once, on several connections.
        QList<QNetworkReply*> replies;
        for (int i = 0; i < 4; ++i) {
            QNetworkRequest request(api(server, QStringLiteral("/rate_limit?i=%1").arg(i)));
            request.setRawHeader("User-Agent", "runlens-tests");
            replies << m_nam.get(request);
        }
        for (QNetworkReply* reply : replies) {
            if (!reply->isFinished())
                QVERIFY(QSignalSpy(reply, &QNetworkReply::finished).wait(10000));
        }
        int limited = 0;
        for (QNetworkReply* reply : replies) {
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (status == 403) {
                QVERIFY(reply->hasRawHeader("retry-after"));
                ++limited;
            }
            reply->deleteLater();
        }
        QVERIFY(limited >= 1);
        QVERIFY(limited < 4);
    }

    void stopAndRestart()
    {
        FakeGitHubServer server(FakeDataBuilder::build(smallSpec()));
        QVERIFY(server.start().ok());
        QVERIFY(server.isRunning());
        const QString path = QStringLiteral("/repos/%1").arg(server.repos().first().fullName());
        QCOMPARE(send(api(server, path)).status, 200); // leaves a keep-alive connection open
        const QUrl before = api(server, path);
        server.stop();
        QVERIFY(!server.isRunning());
        const Reply refused = send(before);
        QVERIFY(refused.finished);
        QVERIFY(refused.error != QNetworkReply::NoError);
        QCOMPARE(refused.status, 0);
        server.stop(); // idempotent
        QVERIFY(server.start().ok());
        const Reply again = send(api(server, path));
        QCOMPARE(again.status, 200);
        QVERIFY(again.json().value(QStringLiteral("url")).toString().startsWith(server.apiUrl().toString()));
    }

    void serveSampleCli()
    {
        QProcess process;
        process.start(test::cliPath(),
            { QStringLiteral("serve-sample"), QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--seed"),
                QStringLiteral("3"), QStringLiteral("--rate-limit"), QStringLiteral("1"),
                QStringLiteral("--limit-429") });
        QVERIFY(process.waitForStarted(10000));
        QByteArray out;
        QTRY_VERIFY_WITH_TIMEOUT((out += process.readAllStandardOutput()).count('\n') >= 3, 20000);
        const QList<QByteArray> lines = out.split('\n');
        const QRegularExpression urlLine(QStringLiteral(R"(^url: http://127\.0\.0\.1:(\d+)$)"));
        const auto url = urlLine.match(QString::fromUtf8(lines[0]));
        QVERIFY2(url.hasMatch(), lines[0].constData());
        QVERIFY2(lines[1].startsWith("token: ") && lines[1].size() > 12, lines[1].constData());
        QVERIFY2(lines[2].startsWith("repos: ") && lines[2].contains('/'), lines[2].constData());

        const QString firstRepo = QString::fromUtf8(lines[2].mid(7)).section(QLatin1Char(' '), 0, 0);
        const Reply repo = send(QUrl(QStringLiteral("http://127.0.0.1:%1/repos/%2").arg(url.captured(1), firstRepo)),
            { "Bearer " + lines[1].mid(7), {}, "GET", {} });
        QCOMPARE(repo.status, 200);
        QCOMPARE(repo.header("x-ratelimit-limit").toInt(), 1);
        const Reply spent = send(
            QUrl(repo.json().value(QStringLiteral("url")).toString()), { "Bearer " + lines[1].mid(7), {}, "GET", {} });
        QCOMPARE(spent.status, 429); // --rate-limit 1 --limit-429

        process.terminate(); // SIGTERM
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
    }

    void serveSampleRejectsBadFaults()
    {
        const test::CliRun run = test::runCli(
            { QStringLiteral("serve-sample"), QStringLiteral("--faults"), QStringLiteral("5xx=0.1,jitter=3") }, 20000);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QLatin1String("jitter=3")), qPrintable(run.err));
    }
};

QTEST_GUILESS_MAIN(TestFakeGitHub)
#include "tst_fakegithub.moc"
