#include "features/baselines.h"
#include "features/featurecatalog.h"
#include "pipeline/analysis.h"
#include "pipeline/featurecache.h"
#include "testsupport.h"
#include "workspace/workspace.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <algorithm>
#include <cmath>

using namespace runlens;

namespace {
QByteArray line(const QDateTime& t, const QByteArray& text)
{
    return t.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz")).toLatin1() + "0000Z " + text + "\n";
}

// A build log; `oom` ends it the way the kernel OOM killer does, after a long silence.
QByteArray buildLog(int i, bool oom)
{
    QDateTime t(QDate(2024, 5, 1), QTime(8, 0), Qt::UTC);
    t = t.addSecs(3600LL * i);
    QByteArray log;
    log += line(t, "Current runner version: '2.317.0'");
    log += line(t = t.addSecs(1), "##[group]Run actions/checkout@v4");
    log += line(t = t.addSecs(2), "##[endgroup]");
    log += line(t = t.addSecs(1), "##[group]Run make -j4");
    for (int k = 0; k < 30 + (i % 7); ++k)
        log += line(t = t.addSecs(1 + (k + i) % 3),
            "[" + QByteArray::number(k) + "/40] Building CXX object src/unit" + QByteArray::number(k) + ".o");
    if (oom) {
        log += line(t = t.addSecs(2), "[GC (Allocation Failure) 900M->890M(1024M), 2.1 secs]");
        log += line(t = t.addSecs(600), "c++: fatal error: Killed signal terminated program cc1plus");
        log += line(t = t.addSecs(1), "##[error]Process completed with exit code 137.");
    } else {
        log += line(t = t.addSecs(1), "[40/40] Linking CXX executable app");
        log += line(t = t.addSecs(1), "##[endgroup]");
    }
    log += line(t.addSecs(1), "Cleaning up orphan processes");
    return log;
}

// Equal to the last bit (NaN equals NaN): a stored analysis must be the analysis that was stored.
bool same(double a, double b)
{
    return (std::isnan(a) && std::isnan(b)) || a == b;
}

template <typename T> bool sameVector(const std::vector<T>& a, const std::vector<T>& b)
{
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](T x, T y) { return same(double(x), double(y)); });
}

// Every field of two analyses but featuresComputed/featuresReused (how they were obtained) and exportsDir.
void compareAnalyses(const pipeline::AnalysisResult& a, const pipeline::AnalysisResult& b)
{
    QCOMPARE(a.options.forest.trees, b.options.forest.trees);
    QCOMPARE(a.options.forest.maxSamples, b.options.forest.maxSamples);
    QCOMPARE(a.options.forest.contamination, b.options.forest.contamination);
    QCOMPARE(a.options.forest.seed, b.options.forest.seed);
    QCOMPARE(a.options.trainOnSuccessfulToo, b.options.trainOnSuccessfulToo);
    QCOMPARE(a.options.seeds, b.options.seeds);
    QCOMPARE(a.featureIds, b.featureIds);
    QCOMPARE(a.featureColumns, b.featureColumns);
    QCOMPARE(a.sweepSeeds, b.sweepSeeds);
    QCOMPARE(a.withoutLogs, b.withoutLogs);
    QCOMPARE(a.unreadable, b.unreadable);
    QVERIFY(same(a.baseValue, b.baseValue));
    QVERIFY(same(a.cMaxSamples, b.cMaxSamples));
    QVERIFY(same(a.offset, b.offset));
    QVERIFY(sameVector(a.meanAbsContribution, b.meanAbsContribution));
    for (size_t i = 0; i < a.diffi.size() && i < b.diffi.size(); ++i)
        QVERIFY2(same(a.diffi[i], b.diffi[i]),
            qPrintable(
                QStringLiteral("diffi %1: %2 vs %3").arg(i).arg(a.diffi[i], 0, 'g', 17).arg(b.diffi[i], 0, 'g', 17)));
    QCOMPARE(a.diffi.size(), b.diffi.size());
    QCOMPARE(a.modelJson, b.modelJson);
    QCOMPARE(a.modelId, b.modelId);
    QCOMPARE(a.runs.size(), b.runs.size());
    for (size_t i = 0; i < a.runs.size(); ++i) {
        const pipeline::RunAnalysis& x = a.runs[i];
        const pipeline::RunAnalysis& y = b.runs[i];
        const QByteArray where = "run " + x.key().toString().toUtf8();
        QCOMPARE(x.key(), y.key());
        QCOMPARE(x.repository, y.repository);
        QCOMPARE(x.workflow, y.workflow);
        QCOMPARE(x.conclusion, y.conclusion);
        QCOMPARE(x.htmlUrl, y.htmlUrl);
        QCOMPARE(x.createdAt, y.createdAt);
        QCOMPARE(x.runNumber, y.runNumber);
        QCOMPARE(x.logPath, y.logPath);
        QVERIFY2(x.features.values == y.features.values, where.constData());
        QCOMPARE(x.features.finalCause, y.features.finalCause);
        QVERIFY2(same(x.score, y.score) && same(x.decision, y.decision) && x.flagged == y.flagged, where.constData());
        QVERIFY2(same(x.pathLength, y.pathLength), where.constData());
        QVERIFY2(sameVector(x.contributions, y.contributions), where.constData());
        QVERIFY2(sameVector(x.seedScores, y.seedScores) && x.seedFlags == y.seedFlags, where.constData());
        QVERIFY2(same(x.stability, y.stability), where.constData());
    }
}
} // namespace

class TestAnalysis : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_tmp;
    QString m_ws;
    QList<qint64> m_oomRuns;

    void addRun(workspace::Workspace& ws, qint64 id, bool oom)
    {
        workspace::RunRecord run;
        run.runId = id;
        run.repository = QStringLiteral("octo/app");
        run.workflowName = QStringLiteral("CI");
        run.runNumber = id;
        run.event = QStringLiteral("push");
        run.branch = QStringLiteral("main");
        run.status = QStringLiteral("completed");
        run.conclusion = oom ? QStringLiteral("failure") : QStringLiteral("success");
        run.createdAt = QDateTime(QDate(2024, 5, 1), QTime(8, 0), Qt::UTC).addSecs(3600 * id);
        run.htmlUrl = QStringLiteral("https://github.com/octo/app/actions/runs/%1").arg(id);
        QVERIFY2(ws.upsertRun(run), "upsert");
        const QString rel = workspace::Workspace::archiveRelativePath(run.repository, id, 1);
        const QString path = ws.absolutePath(rel);
        QVERIFY(QDir().mkpath(QFileInfo(path).path()));
        QVERIFY(test::writeZip(path, { { QStringLiteral("0_build.txt"), buildLog(int(id), oom) } }));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        workspace::LogArchiveRecord archive { id, 1, rel, bytes.size(), QString(), workspace::ArchiveState::Downloading,
            {} };
        QVERIFY(ws.setArchive(archive));
        archive.state = workspace::ArchiveState::Downloaded;
        archive.sha256 = QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
        const Status s = ws.setArchive(archive);
        QVERIFY2(s, qPrintable(s.error()));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_ws = m_tmp.filePath(QStringLiteral("ws"));
        workspace::Workspace ws;
        QVERIFY(ws.open(m_ws));
        QVERIFY(ws.upsertRepository(QStringLiteral("octo/app")));
        for (qint64 id = 1; id <= 40; ++id) {
            const bool oom = (id % 13 == 0);
            if (oom)
                m_oomRuns << id;
            addRun(ws, id, oom);
        }
        QCOMPARE(m_oomRuns.size(), 3);
    }

    void flagsAndExplainsTheOomRuns()
    {
        pipeline::AnalysisOptions options;
        options.forest.seed = 7;
        const Result<pipeline::AnalysisResult> analysed = pipeline::analyzeWorkspaceNow(m_ws, options);
        QVERIFY2(analysed.ok(), qPrintable(analysed.ok() ? QString() : analysed.error()));
        const pipeline::AnalysisResult& result = *analysed;
        QCOMPARE(result.runs.size(), size_t(40));
        QCOMPARE(result.featuresComputed, 40);
        QCOMPARE(result.featureIds.size(), features::kFeatureCount);

        // The three OOM runs are the most anomalous and flagged.
        QList<qint64> top;
        for (size_t i = 0; i < 3; ++i) {
            top << result.runs[i].runId;
            QVERIFY(result.runs[i].flagged);
        }
        std::sort(top.begin(), top.end());
        QCOMPARE(top, m_oomRuns);

        // Local accuracy: base value + contributions = mean path length.
        for (const pipeline::RunAnalysis& run : result.runs) {
            double sum = result.baseValue;
            for (double c : run.contributions)
                sum += c;
            QVERIFY2(std::abs(sum - run.pathLength) < 1e-9, qPrintable(QString::number(sum - run.pathLength)));
        }
        // An OOM run's exit-137 feature points at the exit line. The result holds the runs' values only
        // (features::FeatureValues: no evidence of every run in memory); the evidence is read from the
        // workspace, one run at a time.
        static_assert(std::is_same_v<decltype(pipeline::RunAnalysis::features), features::FeatureValues>);
        const auto& oom = result.runs.front();
        const int exitColumn = features::featureIndex(QStringLiteral("exit_137"));
        QCOMPARE(oom.features.values[size_t(exitColumn)], 1.0);
        workspace::Workspace ws;
        QVERIFY(ws.open(m_ws));
        const pipeline::FeatureCache cache(ws);
        const Result<features::FeatureEvidence> evidence = cache.evidence(oom.key());
        QVERIFY2(evidence, evidence ? "" : qPrintable(evidence.error()));
        QCOMPARE((*evidence)[size_t(exitColumn)].size(), 1);
        // The baseline features (computed after every run was extracted) are stored with the values the
        // analysis used, so that explanations read back what was scored.
        QSqlQuery stored(QSqlDatabase::database(ws.connectionName()));
        for (const pipeline::RunAnalysis& run : result.runs) {
            for (features::Feature feature : features::Baselines::kFeatures) {
                const QString id = features::featureDefinition(feature).id;
                stored.prepare(
                    QStringLiteral("SELECT value FROM features WHERE run_id = ? AND attempt = ? AND name = ?"));
                stored.addBindValue(run.runId);
                stored.addBindValue(run.attempt);
                stored.addBindValue(id);
                QVERIFY(stored.exec() && stored.next());
                QCOMPARE(stored.value(0).toDouble(), run.features.value(feature));
            }
        }

        // Exports.
        const QDir exports(result.exportsDir);
        for (const char* name : { "scores.csv", "contributions.csv", "importance.csv", "model.json" })
            QVERIFY2(exports.exists(QString::fromLatin1(name)), name);
        QFile scores(exports.filePath(QStringLiteral("scores.csv")));
        QVERIFY(scores.open(QIODevice::ReadOnly));
        QVERIFY(
            scores.readLine().startsWith("run_id,attempt,repository,workflow,conclusion,url,score,decision,anomaly"));
        QCOMPARE(scores.readAll().count('\n'), 40);
        QVERIFY(result.modelId > 0);
        // contributions.csv quotes the evidence read back from the workspace.
        QFile contributions(exports.filePath(QStringLiteral("contributions.csv")));
        QVERIFY(contributions.open(QIODevice::ReadOnly));
        const features::LineRef exitLine = (*evidence)[size_t(exitColumn)].first();
        const QByteArray expected = QByteArray::number(oom.runId) + ",1,exit_137,1,";
        const QByteArray evidenceText = (exitLine.entry + QLatin1Char(':') + QString::number(exitLine.line)).toUtf8();
        bool found = false;
        for (const QByteArray& csvLine : contributions.readAll().split('\n')) {
            if (csvLine.startsWith(expected)) {
                QVERIFY2(csvLine.endsWith(evidenceText), csvLine.constData());
                found = true;
            }
        }
        QVERIFY(found);
    }

    void reusesCachedFeaturesUntilTheExtractorChanges()
    {
        pipeline::AnalysisOptions options;
        options.forest.trees = 20;
        Result<pipeline::AnalysisResult> again = pipeline::analyzeWorkspaceNow(m_ws, options);
        QVERIFY2(again.ok(), qPrintable(again.ok() ? QString() : again.error()));
        QCOMPARE(again->featuresReused, 40);
        QCOMPARE(again->featuresComputed, 0);

        // Pretend run 5's features came from an older extractor.
        {
            workspace::Workspace ws;
            QVERIFY(ws.open(m_ws));
            QSqlQuery q(QSqlDatabase::database(ws.connectionName()));
            QVERIFY(q.exec(
                QStringLiteral("UPDATE features SET json = '{\"version\":0}' WHERE run_id = 5 AND name = '_meta'")));
        }
        again = pipeline::analyzeWorkspaceNow(m_ws, options);
        QVERIFY2(again.ok(), qPrintable(again.ok() ? QString() : again.error()));
        QCOMPARE(again->featuresComputed, 1);
        QCOMPARE(again->featuresReused, 39);
        // Baselines are recomputed from the cached material: a successful run still looks typical.
        const int novel = features::featureIndex(QStringLiteral("novel_template_share"));
        for (const pipeline::RunAnalysis& run : again->runs) {
            if (run.conclusion == QLatin1String("success"))
                QVERIFY(run.features.values[size_t(novel)] < 0.2);
        }
    }

    void runsInTheBackgroundWithProgress()
    {
        pipeline::AnalysisOptions options;
        options.featureIds = { QStringLiteral("exit_137"), QStringLiteral("longest_silence_s") };
        QFutureWatcher<Result<pipeline::AnalysisResult>> watcher;
        QSignalSpy finished(&watcher, &QFutureWatcher<Result<pipeline::AnalysisResult>>::finished);
        QSignalSpy progress(&watcher, &QFutureWatcher<Result<pipeline::AnalysisResult>>::progressValueChanged);
        watcher.setFuture(pipeline::analyzeWorkspace(m_ws, options));
        QVERIFY(finished.wait(60000));
        const Result<pipeline::AnalysisResult> result = watcher.result();
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error()));
        QCOMPARE(result->featureIds, options.featureIds);
        QCOMPARE(result->runs.front().contributions.size(), size_t(2));
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().first().toInt(), 1000);
    }

    void errorsNameTheInput_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::addRow("no workspace flag")
            << QStringList { QStringLiteral("analyze") } << 2 << QStringLiteral("--workspace DIR is required");
        QTest::addRow("unknown feature") << QStringList { QStringLiteral("analyze"), QStringLiteral("--workspace"),
            QStringLiteral("x"), QStringLiteral("--features"), QStringLiteral("bogus") }
                                         << 2 << QStringLiteral("unknown feature 'bogus'");
        QTest::addRow("bad contamination") << QStringList { QStringLiteral("analyze"), QStringLiteral("--workspace"),
            QStringLiteral("x"), QStringLiteral("--contamination"), QStringLiteral("0.9") }
                                           << 2 << QStringLiteral("--contamination '0.9'");
    }
    void errorsNameTheInput()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const test::CliRun run = test::runCli(args);
        QCOMPARE(run.exitCode, exitCode);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
    }

    void emptyWorkspaceIsAnError()
    {
        const QString empty = m_tmp.filePath(QStringLiteral("empty"));
        // A folder that is not a workspace is not turned into one.
        const test::CliRun none = test::runCli({ QStringLiteral("analyze"), QStringLiteral("--workspace"), empty });
        QCOMPARE(none.exitCode, 1);
        QVERIFY2(none.err.contains(QLatin1String("is not a workspace")), qPrintable(none.err));
        QVERIFY(!QFileInfo::exists(empty));
        {
            workspace::Workspace ws;
            QVERIFY(ws.open(empty).ok());
        }
        const test::CliRun run = test::runCli({ QStringLiteral("analyze"), QStringLiteral("--workspace"), empty });
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(
            run.err.contains(empty) && run.err.contains(QLatin1String("no downloaded run logs")), qPrintable(run.err));

        // The core says the same as an error Result naming the workspace, in both directions.
        const Result<pipeline::AnalysisResult> analysed = pipeline::analyzeWorkspaceNow(empty, {});
        QVERIFY(!analysed.ok());
        QVERIFY2(analysed.error().contains(empty) && analysed.error().contains(QLatin1String("no downloaded run logs")),
            qPrintable(analysed.error()));
        const Result<pipeline::AnalysisResult> stored = pipeline::loadStoredAnalysisNow(empty);
        QVERIFY(!stored.ok());
        QVERIFY2(stored.error().contains(empty), qPrintable(stored.error()));
        // Without a stored model the latest analysis is empty, not an error.
        const Result<pipeline::AnalysisResult> latest = pipeline::loadLatestAnalysis(empty).result();
        QVERIFY2(latest.ok(), qPrintable(latest.ok() ? QString() : latest.error()));
        QCOMPARE(latest->modelId, qint64(0));
        QVERIFY(latest->runs.empty());
    }

    void storedAnalysisIsTheOneStored_data()
    {
        QTest::addColumn<int>("seeds");
        QTest::addColumn<bool>("trainOnSuccessfulToo");
        QTest::addRow("one forest, every run") << 1 << true;
        QTest::addRow("seed sweep, failed runs only") << 3 << false;
    }
    void storedAnalysisIsTheOneStored()
    {
        QFETCH(int, seeds);
        QFETCH(bool, trainOnSuccessfulToo);
        const QString dir = m_tmp.filePath(QStringLiteral("stored-%1").arg(seeds));
        {
            workspace::Workspace ws;
            QVERIFY(ws.open(dir));
            QVERIFY(ws.upsertRepository(QStringLiteral("octo/app")));
            for (qint64 id = 1; id <= 30; ++id)
                addRun(ws, id, id % 7 == 0 || id % 11 == 0);
        }
        pipeline::AnalysisOptions options;
        options.forest.seed = 11;
        options.forest.trees = 40;
        options.seeds = seeds;
        options.trainOnSuccessfulToo = trainOnSuccessfulToo;
        const Result<pipeline::AnalysisResult> fresh = pipeline::analyzeWorkspaceNow(dir, options);
        QVERIFY2(fresh, fresh ? "" : qPrintable(fresh.error()));
        QCOMPARE(fresh->sweepSeeds.size(), size_t(seeds > 1 ? seeds : 0));
        {
            // Logs downloaded after the analysis are not part of it.
            workspace::Workspace ws;
            QVERIFY(ws.open(dir));
            addRun(ws, 31, true);
        }

        // Read back as stored, by the CLI (Stored) and the GUI (Latest): the same analysis to the last bit.
        const Result<pipeline::AnalysisResult> stored = pipeline::loadStoredAnalysisNow(dir);
        QVERIFY2(stored, stored ? "" : qPrintable(stored.error()));
        compareAnalyses(*fresh, *stored);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(stored->featuresComputed, 0);
        const Result<pipeline::AnalysisResult> latest = pipeline::loadLatestAnalysis(dir).result();
        QVERIFY2(latest, latest ? "" : qPrintable(latest.error()));
        compareAnalyses(*fresh, *latest);
        if (QTest::currentTestFailed())
            return;

        // A model stored before its DIFFI was: the rest is still read as stored.
        {
            workspace::Workspace ws;
            QVERIFY(ws.open(dir));
            QSqlQuery q(QSqlDatabase::database(ws.connectionName()));
            QVERIFY(q.exec(QStringLiteral("UPDATE models SET analysis = NULL")));
        }
        const Result<pipeline::AnalysisResult> older = pipeline::loadStoredAnalysisNow(dir);
        QVERIFY2(older, older ? "" : qPrintable(older.error()));
        QCOMPARE(older->runs.size(), fresh->runs.size());
        QCOMPARE(older->diffi.size(), fresh->diffi.size());
        QCOMPARE(older->sweepSeeds, fresh->sweepSeeds);
        for (size_t i = 0; i < older->runs.size(); ++i) {
            QCOMPARE(older->runs[i].key(), fresh->runs[i].key());
            QVERIFY(same(older->runs[i].pathLength, fresh->runs[i].pathLength));
            QVERIFY(sameVector(older->runs[i].contributions, fresh->runs[i].contributions));
        }

        // A stale cache (a newer extractor): the stored model applied again to features extracted again.
        {
            workspace::Workspace ws;
            QVERIFY(ws.open(dir));
            QSqlQuery q(QSqlDatabase::database(ws.connectionName()));
            QVERIFY(q.exec(
                QStringLiteral("UPDATE features SET json = '{\"version\":0}' WHERE run_id = 5 AND name = '_meta'")));
        }
        const Result<pipeline::AnalysisResult> stale = pipeline::loadStoredAnalysisNow(dir);
        QVERIFY2(stale, stale ? "" : qPrintable(stale.error()));
        QCOMPARE(stale->featuresComputed, 1);
        QCOMPARE(stale->runs.size(), fresh->runs.size());
        for (size_t i = 0; i < stale->runs.size(); ++i) {
            QCOMPARE(stale->runs[i].key(), fresh->runs[i].key());
            QVERIFY(same(stale->runs[i].score, fresh->runs[i].score));
            QCOMPARE(stale->runs[i].flagged, fresh->runs[i].flagged);
        }

        // Cached values that are no longer those the model scored (extracted again since, by an analysis that
        // did not finish): the stored model is applied to them again, not shown with the old scores.
        const pipeline::RunAnalysis& top = fresh->runs.front();
        {
            workspace::Workspace ws;
            QVERIFY(ws.open(dir));
            QSqlQuery q(QSqlDatabase::database(ws.connectionName()));
            q.prepare(QStringLiteral("UPDATE features SET value = 0 WHERE run_id = ? AND name NOT LIKE '\\_%' "
                                     "ESCAPE '\\'"));
            q.addBindValue(top.runId);
            QVERIFY(q.exec());
        }
        const Result<pipeline::AnalysisResult> changed = pipeline::loadStoredAnalysisNow(dir);
        QVERIFY2(changed, changed ? "" : qPrintable(changed.error()));
        const auto again = std::find_if(changed->runs.begin(), changed->runs.end(),
            [&](const pipeline::RunAnalysis& run) { return run.key() == top.key(); });
        QVERIFY(again != changed->runs.end());
        QVERIFY(again->score != top.score);
        QVERIFY(again->seedScores.empty()); // computed again: no sweep
    }

    void cliPrintsTheRanking()
    {
        const test::CliRun run = test::runCli({ QStringLiteral("analyze"), QStringLiteral("--workspace"), m_ws,
            QStringLiteral("--seed"), QStringLiteral("3") });
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(QLatin1String("analyzed 40 runs")), qPrintable(run.out));
        QVERIFY2(run.out.contains(QLatin1String("13-1")), qPrintable(run.out));
    }
};

QTEST_GUILESS_MAIN(TestAnalysis)
#include "tst_analysis.moc"
