// `runlens-cli file-issues` against the in-process fake GitHub server (127.0.0.1): issues with the
// expected title and body, never twice for a run (workspace record and hidden marker), dry runs,
// secondary rate limits, issues disabled; plus the token bucket and the marker parser.
#include "automation/issuefiler.h"
#include "automation/issuefilerbucket.h"
#include "fakegithub/fakecorpusdata.h"
#include "fakegithub/fakegithubserver.h"
#include "github/githubclient.h"
#include "logs/logline.h"
#include "logs/logsource.h"
#include "sample/samplecorpus.h"
#include "testsupport.h"
#include "workspace/workspace.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace runlens;
using namespace runlens::github;
using namespace runlens::sample;

#define CHECK_OK(expr)                                                                                                 \
    do {                                                                                                               \
        const auto checked_ = (expr);                                                                                  \
        QVERIFY2(checked_.ok(), checked_.ok() ? "" : qPrintable(checked_.error()));                                    \
    } while (false)

namespace {
const QString kToken = QStringLiteral("fake_tok_ISSUEStoken0123456789abcdefABCD");

bool copyTree(const QString& from, const QString& to)
{
    QDir().mkpath(to);
    QDirIterator it(from, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString source = it.next();
        const QString target = to + QLatin1Char('/') + QDir(from).relativeFilePath(source);
        QDir().mkpath(QFileInfo(target).absolutePath());
        if (!QFile::copy(source, target))
            return false;
    }
    return true;
}

int countRequests(const FakeGitHubServer& server, const QString& method, int status = -1)
{
    int n = 0;
    for (const FakeRequestLogEntry& e : server.requestLog())
        if (e.method == method && e.path.endsWith(QStringLiteral("/issues")) && (status < 0 || e.status == status))
            ++n;
    return n;
}
} // namespace

class TestFileIssues : public QObject
{
    Q_OBJECT

    std::shared_ptr<const SampleCorpus> m_corpus;
    QTemporaryDir m_dir;
    QString m_template; // the analysed workspace every test copies
    QString m_repo;
    QString m_tokenFile;
    int m_flagged = 0;

    // A fresh copy of the analysed workspace.
    QString workspaceCopy(const QString& name)
    {
        const QString path = m_dir.filePath(name);
        QDir(path).removeRecursively();
        return copyTree(m_template, path) ? path : QString();
    }

    test::CliRun fileIssues(const FakeGitHubServer& server, const QString& ws, const QStringList& extra = {})
    {
        return test::runCli(QStringList { QStringLiteral("file-issues"), QStringLiteral("--workspace"), ws,
                                QStringLiteral("--repo"), m_repo, QStringLiteral("--api-url"),
                                server.apiUrl().toString(), QStringLiteral("--token-file"), m_tokenFile }
                + extra,
            60000);
    }

    static FakeGitHubConfig config()
    {
        FakeGitHubConfig c;
        c.token = kToken;
        return c;
    }

    // Every issue of the repository, newest first.
    QJsonArray issues(const FakeGitHubServer& server)
    {
        ClientOptions o;
        o.apiUrl = server.apiUrl();
        o.token = kToken.toUtf8();
        GithubClient client(o);
        QJsonArray all;
        QUrl url = client.apiUrl(QStringLiteral("/repos/%1/issues").arg(m_repo));
        url.setQuery(QStringLiteral("state=all&per_page=100"));
        while (url.isValid() && !url.isEmpty()) {
            std::optional<ApiResult> answer;
            client.get(url, [&answer](const ApiResult& r) { answer = r; });
            if (!QTest::qWaitFor([&answer] { return answer.has_value(); }, 20000) || !answer->ok())
                return {};
            for (const QJsonValue& v : QJsonDocument::fromJson((*answer)->body).array())
                all.append(v);
            url = (*answer)->nextPage;
        }
        return all;
    }

    // The markers of an issue body in their "ID:ATTEMPT" form.
    static QStringList markerTexts(const QString& body)
    {
        QStringList texts;
        for (const RunKey& key : IssueFiler::markersIn(body))
            texts << key.toString();
        return texts;
    }

    static QStringList markers(const QJsonArray& issues)
    {
        QStringList all;
        for (const QJsonValue& v : issues)
            all += markerTexts(v.toObject().value(QStringLiteral("body")).toString());
        return all;
    }

private Q_SLOTS:
    void initTestCase()
    {
        SampleOptions options;
        options.seed = 4;
        options.repoCount = 1;
        options.runsPerRepo = 20;
        m_corpus = std::make_shared<const SampleCorpus>(SampleCorpus::generate(options));
        m_repo = m_corpus->repos().front().fullName();
        m_tokenFile = m_dir.filePath(QStringLiteral("token.txt"));
        QFile token(m_tokenFile);
        QVERIFY(token.open(QIODevice::WriteOnly));
        token.write(kToken.toUtf8() + '\n');
        token.close();

        FakeGitHubServer server(FakeCorpusData::build(m_corpus), config());
        CHECK_OK(server.start());
        m_template = m_dir.filePath(QStringLiteral("template"));
        const test::CliRun collect = test::runCli(
            { QStringLiteral("collect"), QStringLiteral("--workspace"), m_template, QStringLiteral("--repo"), m_repo,
                QStringLiteral("--api-url"), server.apiUrl().toString(), QStringLiteral("--token-file"), m_tokenFile });
        QVERIFY2(collect.exitCode == 0, qPrintable(collect.err));
        const test::CliRun analyze = test::runCli(
            { QStringLiteral("analyze"), QStringLiteral("--workspace"), m_template, QStringLiteral("--trees"),
                QStringLiteral("50"), QStringLiteral("--contamination"), QStringLiteral("0.35") });
        QVERIFY2(analyze.exitCode == 0, qPrintable(analyze.err));

        workspace::Workspace ws;
        CHECK_OK(ws.open(m_template));
        IssueFilerOptions all;
        all.repository = m_repo;
        all.top = 1000;
        const Result<QList<IssueCandidate>> flagged = IssueFiler::candidates(ws, all);
        CHECK_OK(flagged);
        m_flagged = int(flagged->size());
        QVERIFY2(m_flagged >= 5, qPrintable(QString::number(m_flagged)));
    }

    void filesIssuesWithTitleAndBody()
    {
        const QString ws = workspaceCopy(QStringLiteral("titles"));
        QList<IssueCandidate> expected;
        {
            workspace::Workspace workspace;
            CHECK_OK(workspace.open(ws));
            IssueFilerOptions options;
            options.repository = m_repo;
            options.top = 2;
            const auto candidates = IssueFiler::candidates(workspace, options);
            CHECK_OK(candidates);
            expected = *candidates;
        }
        QCOMPARE(expected.size(), 2);
        QVERIFY(expected[0].score >= expected[1].score);

        FakeGitHubServer server(FakeCorpusData::build(m_corpus), config());
        CHECK_OK(server.start());
        const test::CliRun run = fileIssues(server, ws, { QStringLiteral("--top"), QStringLiteral("2") });
        QVERIFY2(run.exitCode == 0, qPrintable(run.err + run.out));
        QCOMPARE(countRequests(server, QStringLiteral("POST")), 2);
        QVERIFY2(run.out.contains(QStringLiteral("2 filed")), qPrintable(run.out));

        const QJsonArray created = issues(server);
        QCOMPARE(created.size(), 2);
        for (int i = 0; i < 2; ++i) {
            const QJsonObject issue = created[1 - i].toObject(); // newest first
            const IssueCandidate& c = expected[i];
            const QString title = issue.value(QStringLiteral("title")).toString();
            QCOMPARE(title, IssueFiler::title(c));
            QVERIFY(
                title.contains(c.workflow) && title.contains(QString::number(c.runId)) && title.contains(c.category));
            const QString body = issue.value(QStringLiteral("body")).toString();
            QCOMPARE(body, IssueFiler::body(c));
            QVERIFY(body.contains(IssueFiler::marker(c.key())));
            QVERIFY(body.contains(QString::number(c.score, 'f', 3)));
            QVERIFY(body.contains(c.htmlUrl));
            QVERIFY(!c.contributions.isEmpty());
            QVERIFY(body.contains(c.contributions.first().featureName));
            QStringList labels;
            for (const QJsonValue& l : issue.value(QStringLiteral("labels")).toArray())
                labels << l.toObject().value(QStringLiteral("name")).toString();
            QCOMPARE(labels, (QStringList { QStringLiteral("runlens"), QStringLiteral("ci-anomaly") }));

            // Every quoted evidence line is that line of that entry of the run's archive.
            QVERIFY2(!c.evidence.isEmpty(), qPrintable(c.evidenceError));
            workspace::Workspace workspace;
            CHECK_OK(workspace.open(ws));
            const auto archive = workspace.archive(c.runId, c.attempt);
            CHECK_OK(archive);
            const Result<logs::LogSource> source = logs::LogSource::open(workspace.absolutePath(archive->path));
            CHECK_OK(source);
            for (const IssueEvidence& e : c.evidence) {
                QVERIFY(body.contains(QStringLiteral("%1:%2: ").arg(e.entry).arg(e.line)));
                const int index = source->indexOf(e.entry);
                QVERIFY2(index >= 0, qPrintable(e.entry));
                QString line;
                CHECK_OK(source->forEachLine(index, [&](const logs::LogLine& l) {
                    if (l.lineNumber != e.line)
                        return true;
                    QByteArray scratch;
                    line = QString::fromUtf8(logs::stripAnsi(l.raw, scratch));
                    return false;
                }));
                QVERIFY2(line.contains(e.text.left(40)), qPrintable(line + QStringLiteral(" / ") + e.text));
            }
        }

        // Recorded in the workspace.
        workspace::Workspace workspace;
        CHECK_OK(workspace.open(ws));
        QSqlQuery q(QSqlDatabase::database(workspace.connectionName()));
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*), MIN(issue_number), MAX(issue_number) FROM filed_issues"))
            && q.next());
        QCOMPARE(q.value(0).toInt(), 2);
        QCOMPARE(q.value(1).toInt(), 1);
        QCOMPARE(q.value(2).toInt(), 2);
    }

    void neverTwice()
    {
        const QString ws = workspaceCopy(QStringLiteral("twice"));
        FakeGitHubServer server(FakeCorpusData::build(m_corpus), config());
        CHECK_OK(server.start());
        const QStringList top2 { QStringLiteral("--top"), QStringLiteral("2") };
        QCOMPARE(fileIssues(server, ws, top2).exitCode, 0);
        QCOMPARE(fileIssues(server, ws, top2).exitCode, 0); // the next two, not the same two
        QCOMPARE(countRequests(server, QStringLiteral("POST")), 4);
        QStringList filed = markers(issues(server));
        QCOMPARE(filed.size(), 4);
        QCOMPARE(QSet<QString>(filed.cbegin(), filed.cend()).size(), 4);

        // Without the workspace record, the markers in the existing issues prevent duplicates.
        auto forget = [&ws] {
            workspace::Workspace workspace;
            if (!workspace.open(ws).ok())
                return false;
            QSqlQuery q(QSqlDatabase::database(workspace.connectionName()));
            return q.exec(QStringLiteral("DELETE FROM filed_issues"));
        };
        QVERIFY(forget());
        const test::CliRun all = fileIssues(server, ws, { QStringLiteral("--top"), QStringLiteral("1000") });
        QVERIFY2(all.exitCode == 0, qPrintable(all.err));
        QVERIFY2(all.out.contains(QStringLiteral("4 already filed")), qPrintable(all.out));
        filed = markers(issues(server));
        QCOMPARE(filed.size(), m_flagged);
        QCOMPARE(QSet<QString>(filed.cbegin(), filed.cend()).size(), m_flagged);

        QVERIFY(forget());
        server.clearRequestLog();
        const test::CliRun again = fileIssues(server, ws, { QStringLiteral("--top"), QStringLiteral("1000") });
        QCOMPARE(again.exitCode, 0);
        QCOMPARE(countRequests(server, QStringLiteral("POST")), 0);
        QCOMPARE(markers(issues(server)).size(), m_flagged);
    }

    void dryRunCreatesNothing()
    {
        const QString ws = workspaceCopy(QStringLiteral("dry"));
        FakeGitHubServer server(FakeCorpusData::build(m_corpus), config());
        CHECK_OK(server.start());
        const test::CliRun run = fileIssues(server, ws,
            { QStringLiteral("--dry-run"), QStringLiteral("--top"), QStringLiteral("3"), QStringLiteral("--label"),
                QStringLiteral("memory,nightly") });
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(run.out.count(QStringLiteral("would file for run")), 3);
        QVERIFY(run.out.contains(QStringLiteral("labels: memory, nightly")));
        QVERIFY(run.out.contains(QStringLiteral("<!-- runlens:run=")));
        for (const FakeRequestLogEntry& e : server.requestLog())
            QCOMPARE(e.method, QStringLiteral("GET"));
        QVERIFY(countRequests(server, QStringLiteral("GET")) >= 1); // the marker check still runs
        workspace::Workspace workspace;
        CHECK_OK(workspace.open(ws));
        QSqlQuery q(QSqlDatabase::database(workspace.connectionName()));
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM filed_issues")) && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
    }

    void filtersByScoreAndCategory()
    {
        const QString ws = workspaceCopy(QStringLiteral("filters"));
        FakeGitHubServer server(FakeCorpusData::build(m_corpus), config());
        CHECK_OK(server.start());
        QCOMPARE(fileIssues(server, ws, { QStringLiteral("--min-score"), QStringLiteral("0.99") }).exitCode, 0);
        QCOMPARE(countRequests(server, QStringLiteral("POST")), 0);
        QCOMPARE(
            fileIssues(server, ws, { QStringLiteral("--category"), QStringLiteral("no-such-category") }).exitCode, 0);
        QCOMPARE(countRequests(server, QStringLiteral("POST")), 0);
        QCOMPARE(fileIssues(server, ws, { QStringLiteral("--top"), QStringLiteral("0") }).exitCode, 2);
    }

    void waitsOutSecondaryLimit()
    {
        const QString ws = workspaceCopy(QStringLiteral("secondary"));
        FakeGitHubConfig c = config();
        c.secondaryEveryNth = 3; // GET issues, POST, then the second POST is refused once
        c.secondaryRetryAfterSeconds = 1;
        FakeGitHubServer server(FakeCorpusData::build(m_corpus), c);
        CHECK_OK(server.start());
        const test::CliRun run = fileIssues(server, ws, { QStringLiteral("--top"), QStringLiteral("2") });
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.err.contains(QStringLiteral("secondary rate limit")), qPrintable(run.err));
        QCOMPARE(countRequests(server, QStringLiteral("POST"), 403), 1);
        QCOMPARE(countRequests(server, QStringLiteral("POST"), 201), 2);
        QCOMPARE(markers(issues(server)).size(), 2);
    }

    // A POST whose answer is cut (the issue exists) or replaced by a 5xx (it does not) is not resent
    // blindly: the newest issues are checked for its marker first.
    void lostAnswersDoNotDuplicate()
    {
        const QString ws = workspaceCopy(QStringLiteral("lost"));
        FakeGitHubConfig c = config();
        c.faults = *FakeFaults::parse(QStringLiteral("truncate=25%@api,5xx=20%@api,seed=5"));
        FakeGitHubServer server(FakeCorpusData::build(m_corpus), c);
        CHECK_OK(server.start());
        const test::CliRun run = fileIssues(server, ws, { QStringLiteral("--top"), QStringLiteral("5") });
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        int cutPosts = 0; // created, answer cut
        int failedPosts = 0; // not created
        for (const FakeRequestLogEntry& e : server.requestLog()) {
            if (e.method != QLatin1String("POST"))
                continue;
            cutPosts += e.fault.contains(QLatin1String("truncate")) ? 1 : 0;
            failedPosts += e.fault.contains(QLatin1String("5xx")) ? 1 : 0;
        }
        QVERIFY(cutPosts >= 1); // the faults did hit POSTs, both kinds
        QVERIFY(failedPosts >= 1);
        const QStringList filed = markers(issues(server));
        QCOMPARE(filed.size(), 5);
        QCOMPARE(QSet<QString>(filed.cbegin(), filed.cend()).size(), 5);
        workspace::Workspace workspace;
        CHECK_OK(workspace.open(ws));
        QSqlQuery q(QSqlDatabase::database(workspace.connectionName()));
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM filed_issues")) && q.next());
        QCOMPARE(q.value(0).toInt(), 5);
    }

    void issuesDisabled()
    {
        const QString ws = workspaceCopy(QStringLiteral("disabled"));
        FakeGitHubData data = FakeCorpusData::build(m_corpus);
        data.repos.first().issuesEnabled = false;
        FakeGitHubServer server(std::move(data), config());
        CHECK_OK(server.start());
        const test::CliRun run = fileIssues(server, ws);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(m_repo) && run.err.contains(QStringLiteral("issues disabled"))
                && run.err.contains(QStringLiteral("410")),
            qPrintable(run.err));
        QCOMPARE(countRequests(server, QStringLiteral("POST")), 0);
    }

    void needsAnAnalysis()
    {
        FakeGitHubServer server(FakeCorpusData::build(m_corpus), config());
        CHECK_OK(server.start());
        const QString empty = m_dir.filePath(QStringLiteral("empty"));
        const test::CliRun run = fileIssues(server, empty);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("analyze")), qPrintable(run.err));
    }

    void bucket_data()
    {
        QTest::addColumn<int>("perMinute");
        QTest::addColumn<int>("takes"); // taken at t = 0
        QTest::addColumn<qint64>("waitAt0");
        QTest::addColumn<qint64>("laterMs");
        QTest::addColumn<bool>("availableLater");
        QTest::addRow("fresh bucket") << 80 << 0 << qint64(0) << qint64(0) << true;
        QTest::addRow("burst of 80 then empty") << 80 << 80 << qint64(750) << qint64(749) << false;
        QTest::addRow("refilled after 750 ms") << 80 << 80 << qint64(750) << qint64(750) << true;
        QTest::addRow("one a minute") << 1 << 1 << qint64(60000) << qint64(60000) << true;
        QTest::addRow("one a minute, early") << 1 << 1 << qint64(60000) << qint64(30000) << false;
    }

    void bucket()
    {
        QFETCH(int, perMinute);
        QFETCH(int, takes);
        QFETCH(qint64, waitAt0);
        QFETCH(qint64, laterMs);
        QFETCH(bool, availableLater);
        IssueFilerBucket b(perMinute);
        for (int i = 0; i < takes; ++i)
            QVERIFY(b.take(0));
        QCOMPARE(b.waitMs(0), takes == perMinute ? waitAt0 : qint64(0));
        QCOMPARE(b.take(laterMs), availableLater);
        QVERIFY(b.tokens(10 * 60000) <= perMinute); // never more than the capacity
    }

    void markers_data()
    {
        QTest::addColumn<QString>("body");
        QTest::addColumn<QStringList>("expected");
        QTest::addRow("none") << QStringLiteral("plain text") << QStringList();
        QTest::addRow("one") << IssueFiler::marker({ 123, 2 }) << QStringList { QStringLiteral("123:2") };
        QTest::addRow("spaced") << QStringLiteral("x <!--  runlens:run=5:1  --> y")
                                << QStringList { QStringLiteral("5:1") };
        QTest::addRow("two") << QStringLiteral("<!-- runlens:run=1:1 -->\n<!-- runlens:run=2:3 -->")
                             << QStringList { QStringLiteral("1:1"), QStringLiteral("2:3") };
        QTest::addRow("not ours") << QStringLiteral("<!-- other:run=1:1 -->") << QStringList();
    }

    void markers()
    {
        QFETCH(QString, body);
        QFETCH(QStringList, expected);
        QCOMPARE(markerTexts(body), expected);
    }

    void evidenceCannotBreakTheFence()
    {
        IssueCandidate c;
        c.runId = 9;
        c.workflow = QStringLiteral("CI");
        c.category = QStringLiteral("other");
        c.evidence.append(IssueEvidence { QStringLiteral("0_build.txt"), 12, QStringLiteral("```` sneaky") });
        const QString body = IssueFiler::body(c);
        QVERIFY(body.contains(QStringLiteral("`````text\n0_build.txt:12: ```` sneaky\n`````")));
        QCOMPARE(markerTexts(body), QStringList { QStringLiteral("9:1") });
    }
};

QTEST_GUILESS_MAIN(TestFileIssues)
#include "tst_fileissues.moc"
