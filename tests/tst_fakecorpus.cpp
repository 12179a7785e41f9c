// The sample corpus served by the fake GitHub server (FakeCorpusData, `serve-sample`): the real
// client lists and downloads exactly the corpus' runs and archives, and `collect`, `scan` and
// `analyze` work on what it collected.
#include "fakegithub/fakecorpusdata.h"
#include "fakegithub/fakegithubserver.h"
#include "github/githubclient.h"
#include "logs/logsource.h"
#include "sample/samplecorpus.h"
#include "testsupport.h"
#include "workspace/workspace.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace runlens;
using namespace runlens::sample;

namespace {
const QString kToken = QStringLiteral("fake_tok_CORPUStoken0123456789abcdefABCD");

SampleOptions smallCorpus(quint64 seed)
{
    SampleOptions options;
    options.seed = seed;
    options.repoCount = 2;
    options.runsPerRepo = 10;
    return options;
}

github::ClientOptions clientFor(const FakeGitHubServer& server)
{
    github::ClientOptions o;
    o.apiUrl = server.apiUrl();
    o.token = kToken.toUtf8();
    o.backoff.baseDelayMs = 5;
    return o;
}

// Every page of a runs listing through the client.
QJsonArray listAll(github::GithubClient& client, QUrl url, QString* error)
{
    QJsonArray all;
    while (url.isValid() && !url.isEmpty()) {
        std::optional<github::ApiResult> answer;
        client.get(url, [&answer](const github::ApiResult& r) { answer = r; });
        if (!QTest::qWaitFor([&answer] { return answer.has_value(); }, 20000)) {
            *error = QStringLiteral("timeout");
            return {};
        }
        if (!answer->ok()) {
            *error = answer->error();
            return {};
        }
        const QJsonArray page
            = QJsonDocument::fromJson((*answer)->body).object().value(QStringLiteral("workflow_runs")).toArray();
        for (const QJsonValue& v : page)
            all.append(v);
        url = (*answer)->nextPage;
    }
    return all;
}
} // namespace

class TestFakeCorpus : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void listsAndDownloadsTheCorpus_data()
    {
        QTest::addColumn<quint64>("seed");
        QTest::addRow("seed 1") << quint64(1);
        QTest::addRow("seed 7") << quint64(7);
    }

    void listsAndDownloadsTheCorpus()
    {
        QFETCH(quint64, seed);
        auto corpus = std::make_shared<const SampleCorpus>(SampleCorpus::generate(smallCorpus(seed)));
        FakeGitHubConfig config;
        config.token = kToken;
        FakeGitHubServer server(FakeCorpusData::build(corpus), config);
        QVERIFY(server.start().ok());
        QCOMPARE(server.repos().size(), qsizetype(corpus->repos().size()));
        QCOMPARE(server.repos().first().fullName(), corpus->repos().front().fullName());

        github::GithubClient client(clientFor(server));
        const SampleRepo& repo = corpus->repos().front();
        QUrl url = client.apiUrl(QStringLiteral("/repos/%1/actions/runs").arg(repo.fullName()));
        url.setQuery(QStringLiteral("per_page=7"));
        QString error;
        const QJsonArray listed = listAll(client, url, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));

        std::vector<const SampleRun*> expected;
        for (const SampleRun& run : corpus->runs())
            if (corpus->repoOf(run).id == repo.id)
                expected.push_back(&run);
        QCOMPARE(listed.size(), qsizetype(expected.size()));
        for (const QJsonValue& value : listed) {
            const QJsonObject json = value.toObject();
            const SampleRun* run = corpus->findRun(json.value(QStringLiteral("id")).toInteger());
            QVERIFY(run);
            QCOMPARE(json.value(QStringLiteral("run_attempt")).toInt(), run->runAttempt);
            QCOMPARE(json.value(QStringLiteral("conclusion")).toString(), run->conclusion);
            QCOMPARE(json.value(QStringLiteral("name")).toString(), run->name);
            QCOMPARE(json.value(QStringLiteral("run_number")).toInt(), run->runNumber);
            QCOMPARE(json.value(QStringLiteral("head_branch")).toString(), run->headBranch);
        }

        // A run ZIP downloaded through the storage redirect is the corpus' archive, byte for byte;
        // an expired run answers 410.
        QTemporaryDir dir;
        int downloaded = 0;
        int expired = 0;
        for (const SampleRun* run : expected) {
            const QString path = dir.filePath(QString::number(run->id) + QStringLiteral(".zip"));
            std::optional<github::DownloadOutcome> result;
            client.download(client.apiUrl(QStringLiteral("/repos/%1/actions/runs/%2/attempts/%3/logs")
                                              .arg(repo.fullName())
                                              .arg(run->id)
                                              .arg(run->runAttempt)),
                path, [&result](const github::DownloadOutcome& r) { result = r; });
            QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20000);
            if (run->expired) {
                QVERIFY(!result->ok());
                QCOMPARE(result->failure().status, 410);
                ++expired;
                continue;
            }
            QVERIFY2(result->ok(), qPrintable(result->ok() ? QString() : result->error()));
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const Result<QByteArray> archive = corpus->archive(*run, run->runAttempt);
            QVERIFY(archive.ok());
            QCOMPARE(file.readAll(), *archive);
            ++downloaded;
            if (downloaded >= 3 && expired >= 1)
                break;
        }
        QVERIFY(downloaded >= 1);
    }

    void jobLogIsTheJobEntry()
    {
        auto corpus = std::make_shared<const SampleCorpus>(SampleCorpus::generate(smallCorpus(2)));
        const FakeGitHubData data = FakeCorpusData::build(corpus);
        const auto it = std::find_if(data.runs.cbegin(), data.runs.cend(),
            [](const FakeRun& r) { return !r.logsExpired && r.jobs.size() >= 2; });
        QVERIFY(it != data.runs.cend());
        const SampleRun* run = corpus->findRun(it->id);
        QVERIFY(run);
        const Result<RenderedAttempt> rendered = corpus->render(*run, it->attempt);
        QVERIFY(rendered.ok());
        const FakeJob& second = it->jobs.at(1);
        QCOMPARE(second.json.value(QStringLiteral("name")).toString(), run->attempt(it->attempt)->jobs.at(1).name);
        QVERIFY(second.logText);
        const QByteArray log = second.logText();
        QVERIFY(!log.isEmpty());
        const auto entry = std::find_if(rendered->entries.cbegin(), rendered->entries.cend(),
            [&log](const RenderedEntry& e) { return e.data == log; });
        QVERIFY(entry != rendered->entries.cend());
        QVERIFY2(!entry->name.contains(QLatin1Char('/')), qPrintable(entry->name));
        QVERIFY2(
            entry->name.endsWith(QStringLiteral("_")
                + QString(run->attempt(it->attempt)->jobs.at(1).name).remove(QLatin1Char('/')).remove(QLatin1Char(':'))
                + QStringLiteral(".txt")),
            qPrintable(entry->name));
    }

    // `serve-sample` as a child process; `collect` gets every non-expired run of a repository, then
    // `scan` and `analyze` work on that workspace.
    void collectScanAnalyzeAgainstServeSample()
    {
        const quint64 seed = 5;
        QProcess server;
        server.start(test::cliPath(),
            { QStringLiteral("serve-sample"), QStringLiteral("--seed"), QString::number(seed),
                QStringLiteral("--repos"), QStringLiteral("2"), QStringLiteral("--runs"), QStringLiteral("10") });
        QVERIFY(server.waitForStarted(10000));
        QByteArray out;
        QTRY_VERIFY_WITH_TIMEOUT((out += server.readAllStandardOutput()).count('\n') >= 3, 30000);
        const QList<QByteArray> lines = out.split('\n');
        QVERIFY(lines[0].startsWith("url: "));
        QVERIFY(lines[1].startsWith("token: "));
        const QString url = QString::fromUtf8(lines[0].mid(5).trimmed());
        const QStringList repos = QString::fromUtf8(lines[2].mid(7).trimmed()).split(QLatin1Char(' '));

        const SampleCorpus corpus = SampleCorpus::generate(smallCorpus(seed));
        QStringList expectedRepos;
        for (const SampleRepo& repo : corpus.repos())
            expectedRepos << repo.fullName();
        QCOMPARE(repos, expectedRepos); // the same repositories as `sample --seed 5 --repos 2 --runs 10`

        QTemporaryDir dir;
        const QString tokenFile = dir.filePath(QStringLiteral("token.txt"));
        {
            QFile file(tokenFile);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(lines[1].mid(7).trimmed() + '\n');
        }
        const QString ws = dir.filePath(QStringLiteral("ws"));
        const QString repo = repos.first();
        const test::CliRun collect
            = test::runCli({ QStringLiteral("collect"), QStringLiteral("--workspace"), ws, QStringLiteral("--repo"),
                repo, QStringLiteral("--api-url"), url, QStringLiteral("--token-file"), tokenFile });
        server.terminate();
        QVERIFY(server.waitForFinished(10000));
        QCOMPARE(server.exitCode(), 0);
        QVERIFY2(collect.exitCode == 0, qPrintable(collect.err + collect.out));

        qint64 nonExpired = 0;
        for (const SampleRun& run : corpus.runs())
            if (corpus.repoOf(run).fullName() == repo && !run.expired)
                ++nonExpired;
        QVERIFY(nonExpired > 0);
        {
            workspace::Workspace workspace;
            QVERIFY(workspace.open(ws).ok());
            const auto runs = workspace.runs(repo);
            QVERIFY(runs.ok());
            int downloaded = 0;
            for (const workspace::RunRecord& run : *runs) {
                const auto archive = workspace.archive(run.runId, run.attempt);
                QVERIFY(archive.ok());
                if (archive->state != workspace::ArchiveState::Downloaded)
                    continue;
                ++downloaded;
                const SampleRun* sampleRun = corpus.findRun(run.runId);
                QVERIFY(sampleRun && !sampleRun->expired);
                QFile file(workspace.absolutePath(archive->path));
                QVERIFY(file.open(QIODevice::ReadOnly));
                QCOMPARE(file.readAll(), *corpus.archive(*sampleRun, run.attempt));
            }
            QCOMPARE(downloaded, nonExpired);
        }

        const test::CliRun scan = test::runCli({ QStringLiteral("scan"),
            QDir(ws).filePath(QStringLiteral("logs/") + repo), QStringLiteral("--format"), QStringLiteral("csv") });
        QVERIFY2(scan.exitCode == 0, qPrintable(scan.err));
        QVERIFY(scan.out.count(QLatin1Char('\n')) >= 2);
        const test::CliRun analyze = test::runCli({ QStringLiteral("analyze"), QStringLiteral("--workspace"), ws,
            QStringLiteral("--trees"), QStringLiteral("50") });
        QVERIFY2(analyze.exitCode == 0, qPrintable(analyze.err + analyze.out));
        QVERIFY2(analyze.out.contains(QStringLiteral("flagged")), qPrintable(analyze.out));
        QVERIFY(QFile::exists(QDir(ws).filePath(QStringLiteral("exports/scores.csv"))));
    }
};

QTEST_GUILESS_MAIN(TestFakeCorpus)
#include "tst_fakecorpus.moc"
