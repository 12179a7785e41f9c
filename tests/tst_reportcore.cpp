#include "syntheticanalysis.h"
#include "testsupport.h"

#include "features/featureextractor.h"
#include "report/detectorcurve.h"
#include "report/explanation.h"
#include "report/featureimportance.h"
#include "report/reportevaluation.h"
#include "report/reportsummary.h"
#include "report/rungroups.h"
#include "report/scorehistogram.h"
#include "taxonomy/runscanner.h"
#include "taxonomy/taxonomy.h"
#include "workspace/labelprecedence.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace runlens;
using namespace runlens::report;

// What reports and charts show, computed in the core without a widget: explanation sentences and the
// summary, the flag threshold and histogram bins, label precedence, the category rule, evaluation
// curves and summary.md.
class TestReportCore : public QObject
{
    Q_OBJECT
private slots:
    void formatValue_data();
    void formatValue();
    void sentence_data();
    void sentence();
    void explanationSummary();
    void explanationOutOfRange();
    void histogramBinsNeverStraddleTheThreshold_data();
    void histogramBinsNeverStraddleTheThreshold();
    void histogramScoreAtThresholdIsBelow();
    void labelPrecedence();
    void categoryIsTheFinalCauseNotTheMostHits();
    void finalCauseOfFeaturesMatchesScan();
    void featureImportanceShares();
    void precisionRecallSteps();
    void evaluationNeedsBothClasses();
    void summaryMarkdown();
};

void TestReportCore::formatValue_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("unit");
    QTest::addColumn<QString>("text");
    QTest::addRow("seconds") << 4.0 << QStringLiteral("s") << QStringLiteral("4 s");
    QTest::addRow("fraction of a second") << 0.25 << QStringLiteral("s") << QStringLiteral("0.3 s");
    QTest::addRow("minutes") << 612.0 << QStringLiteral("s") << QStringLiteral("10 min 12 s");
    QTest::addRow("an hour") << 3600.0 << QStringLiteral("s") << QStringLiteral("1 h 0 min");
    QTest::addRow("hours") << 3 * 3600.0 + 25 * 60 + 10 << QStringLiteral("s") << QStringLiteral("3 h 25 min");
    QTest::addRow("ratio") << 3.5 << QStringLiteral("ratio") << QStringLiteral("3.5x");
    QTest::addRow("bytes") << 3.0 * 1024 * 1024 << QStringLiteral("bytes") << QStringLiteral("3.0 MiB");
    QTest::addRow("yes") << 1.0 << QStringLiteral("0/1") << QStringLiteral("yes");
    QTest::addRow("count") << 2.0 << QStringLiteral("count") << QStringLiteral("2");
    QTest::addRow("lines") << 105.5 << QStringLiteral("lines") << QStringLiteral("105.5 lines");
}

void TestReportCore::formatValue()
{
    QFETCH(double, value);
    QFETCH(QString, unit);
    QFETCH(QString, text);
    QCOMPARE(Explanation::formatValue(value, unit), text);
}

void TestReportCore::sentence_data()
{
    QTest::addColumn<int>("feature");
    QTest::addColumn<double>("value");
    QTest::addColumn<double>("typical");
    QTest::addColumn<QString>("sentence");
    using features::Feature;
    QTest::addRow("seconds, far above") << int(Feature::LongestSilenceSeconds) << 612.0 << 4.0
                                        << QStringLiteral("Longest silence 10 min 12 s, 153x the typical 4 s");
    QTest::addRow("duration of an hour") << int(Feature::DurationSeconds) << 3600.0 << 1028.0
                                         << QStringLiteral("Run duration 1 h 0 min, 3.5x the typical 17 min 8 s");
    QTest::addRow("close to typical") << int(Feature::LogLines) << 111.0 << 105.5
                                      << QStringLiteral("Log lines 111 lines, typical 105.5 lines");
    QTest::addRow("bytes") << int(Feature::LogBytes) << 3.0 * 1024 * 1024 << 2048.0
                           << QStringLiteral("Log size 3.0 MiB, 1536x the typical 2.0 KiB");
    QTest::addRow("typical zero") << int(Feature::MemOomKilled) << 2.0 << 0.0
                                  << QStringLiteral("OOM-killed hits 2, typical 0");
    QTest::addRow("ratio feature") << int(Feature::DurationVsSuccessMedian) << 3.5 << 1.0
                                   << QStringLiteral("Duration / typical 3.5x the typical");
}

void TestReportCore::sentence()
{
    QFETCH(int, feature);
    QFETCH(double, value);
    QFETCH(double, typical);
    QFETCH(QString, sentence);
    QCOMPARE(Explanation::sentence(features::featureDefinition(features::Feature(feature)), value, typical), sentence);
}

void TestReportCore::explanationSummary()
{
    const pipeline::AnalysisResult r = test::syntheticAnalysis(12);
    // The top run: 1011 (#111), flagged for its long silence; its OOM hits lowered nothing.
    const Explanation top = Explanation::of(r, 0);
    QCOMPARE(top.runId, 1011);
    QCOMPARE(top.title, QStringLiteral("Run #111 (owner/repo, attempt 1)"));
    QCOMPARE(top.summary,
        QStringLiteral("Run #111 was flagged mainly because its longest silence (10 min 12 s) was 153x the typical "
                       "(4 s). Score 0.730, threshold 0.600."));
    QCOMPARE(top.bars.size(), size_t(3));
    QCOMPARE(top.log2Score(top.bars[0]), 0.3);

    // A run below the threshold says so, and still names what made it most unusual.
    const auto low = std::find_if(r.runs.begin(), r.runs.end(), [](const auto& run) { return run.runId == 1000; });
    const Explanation quiet = Explanation::of(r, int(low - r.runs.begin()));
    QVERIFY2(quiet.summary.startsWith(QStringLiteral("Run #100 was not flagged (score 0.400, threshold 0.600); what "
                                                     "made it most unusual: its OOM-killed hits (2)")),
        qPrintable(quiet.summary));

    // Without a run number the run id names the run.
    pipeline::AnalysisResult noNumber = r;
    noNumber.runs[0].runNumber = 0;
    QVERIFY(Explanation::of(noNumber, 0).summary.startsWith(QStringLiteral("Run 1011 was flagged")));
}

void TestReportCore::explanationOutOfRange()
{
    const pipeline::AnalysisResult r = test::syntheticAnalysis(3);
    QVERIFY(Explanation::of(r, -1).isEmpty());
    QVERIFY(Explanation::of(r, 3).isEmpty());
    QVERIFY(Explanation::of(r, 3).summary.isEmpty());
}

void TestReportCore::histogramBinsNeverStraddleTheThreshold_data()
{
    QTest::addColumn<double>("threshold");
    QTest::addColumn<int>("bins");
    QTest::addColumn<quint32>("seed");
    QTest::addRow("synthetic threshold") << 0.6 << 20 << 1u;
    QTest::addRow("untidy threshold") << 0.5731234 << 20 << 2u;
    QTest::addRow("few bins") << 0.4812 << 3 << 3u;
    QTest::addRow("one bin") << 0.52 << 1 << 4u;
    QTest::addRow("many bins") << 0.6123 << 57 << 5u;
}

void TestReportCore::histogramBinsNeverStraddleTheThreshold()
{
    QFETCH(double, threshold);
    QFETCH(int, bins);
    QFETCH(quint32, seed);
    pipeline::AnalysisResult r = test::syntheticAnalysis(40);
    r.offset = -threshold;
    QRandomGenerator random(seed);
    for (pipeline::RunAnalysis& run : r.runs) {
        run.score = 0.35 + 0.4 * random.generateDouble();
        run.flagged = run.score > r.threshold();
    }
    r.runs[0].score = threshold; // exactly at the threshold: not flagged
    r.runs[0].flagged = false;
    const ScoreHistogram h = ScoreHistogram::compute(r, RunGroups {}, bins);
    QVERIFY(h.bins() >= 1);
    QVERIFY(std::find(h.edges.begin(), h.edges.end(), threshold) != h.edges.end());
    QVERIFY(std::is_sorted(h.edges.begin(), h.edges.end()));
    std::vector<int> flagged(size_t(h.bins()), 0), unflagged(size_t(h.bins()), 0);
    int total = 0;
    for (const pipeline::RunAnalysis& run : r.runs) {
        const int bin = h.binOf(run.score);
        QVERIFY(bin >= 0 && bin < h.bins());
        QVERIFY2(run.score >= h.edges[size_t(bin)] - 1e-12 && run.score <= h.edges[size_t(bin) + 1] + 1e-12,
            qPrintable(QString::number(run.score)));
        (run.flagged ? flagged : unflagged)[size_t(bin)]++;
    }
    for (int b = 0; b < h.bins(); ++b) {
        QVERIFY2(flagged[size_t(b)] == 0 || unflagged[size_t(b)] == 0, qPrintable(QStringLiteral("bin %1").arg(b)));
        for (const auto& group : h.counts)
            total += group[size_t(b)];
    }
    QCOMPARE(total, int(r.runs.size()));
}

void TestReportCore::histogramScoreAtThresholdIsBelow()
{
    pipeline::AnalysisResult r = test::syntheticAnalysis(12);
    const ScoreHistogram h = ScoreHistogram::compute(r, RunGroups {}, 10);
    QCOMPARE(h.width, 0.05);
    const auto at = std::find(h.edges.begin(), h.edges.end(), 0.6);
    QVERIFY(at != h.edges.end());
    const int edge = int(at - h.edges.begin());
    QCOMPARE(h.binOf(0.6), edge - 1); // (0.55, 0.6]: not flagged
    QCOMPARE(h.binOf(std::nextafter(0.6, 1.0)), edge); // (0.6, 0.65]: flagged
}

void TestReportCore::labelPrecedence()
{
    using workspace::LabelRecord;
    using workspace::LabelSource;
    const QList<LabelRecord> labels {
        { 1, 10, 1, QStringLiteral("memory"), LabelSource::MemoryLogs, {} },
        { 2, 10, 1, QStringLiteral("oom-killed"), LabelSource::Sample, {} },
        { 3, 10, 1, QStringLiteral("normal"), LabelSource::User, {} },
        { 4, 10, 1, QStringLiteral("flaky"), LabelSource::User, {} }, // newer user label wins
        { 5, 10, 1, QStringLiteral("jvm-heap"), LabelSource::Sample, {} }, // newer, but below a user label
        { 6, 11, 1, QStringLiteral("jvm-heap"), LabelSource::Sample, {} },
        { 7, 11, 1, QStringLiteral("memory"), LabelSource::MemoryLogs, {} }, // newer, but below the sample
        { 8, 11, 2, QStringLiteral("memory"), LabelSource::MemoryLogs, {} }, // another attempt: its own run
    };
    const QList<LabelRecord> effective = workspace::LabelPrecedence::effective(labels);
    QCOMPARE(effective.size(), 3);
    QCOMPARE(effective[0].label, QStringLiteral("flaky"));
    QCOMPARE(effective[1].label, QStringLiteral("jvm-heap"));
    QCOMPARE(effective[2].label, QStringLiteral("memory"));
    const QHash<RunKey, QString> byKey = RunGroups::labelsOf(labels);
    QCOMPARE(byKey.value(RunKey { 10, 1 }), QStringLiteral("flaky"));
    QCOMPARE(byKey.value(RunKey { 11, 1 }), QStringLiteral("jvm-heap"));
    QCOMPARE(byKey.value(RunKey { 11, 2 }), QStringLiteral("memory"));
}

// #14.4: a run with more hits of one category (jvm-heap) but another final cause (oom-killed) is
// oom-killed in the groups of every chart, legend and export, as in `scan`.
void TestReportCore::categoryIsTheFinalCauseNotTheMostHits()
{
    pipeline::AnalysisResult r = test::syntheticAnalysis(4);
    pipeline::RunAnalysis& run = r.runs[0];
    run.features.value(features::Feature::MemJvmHeap) = 9;
    run.features.value(features::Feature::MemOomKilled) = 1;
    run.features.finalCause = logs::MemoryCategory::OomKilled;
    QCOMPARE(RunGroups::categoryOf(run), QStringLiteral("oom-killed"));
    QCOMPARE(RunGroups {}.groupOf(run), QStringLiteral("oom-killed"));
    run.features.finalCause.reset();
    QCOMPARE(RunGroups::categoryOf(run), QStringLiteral("none"));
    run.features.finalCause = logs::MemoryCategory::OomKilled;
    const ScoreHistogram h = ScoreHistogram::compute(r, RunGroups {}, 5);
    QVERIFY(h.groups.contains(QStringLiteral("oom-killed")));
    QVERIFY(!h.groups.contains(QStringLiteral("jvm-heap")));
    ReportInput input;
    input.result = r;
    const QString md = ReportSummary::markdown(input, {}, {});
    QVERIFY2(md.contains(QStringLiteral("| owner/repo | CI | oom-killed |")), qPrintable(md));
    QVERIFY(!md.contains(QStringLiteral("jvm-heap")));
}

// The features name the same final cause as `scan` does: the rule is one piece of code (logs::FinalCandidates).
void TestReportCore::finalCauseOfFeaturesMatchesScan()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QByteArray jvm = "Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space\n";
    QByteArray log;
    for (int i = 0; i < 5; ++i)
        log += "2024-01-01T00:00:0" + QByteArray::number(i) + ".0000000Z " + jvm;
    log += "2024-01-01T00:00:06.0000000Z Retrying with a smaller heap\n"
           "2024-01-01T00:00:07.0000000Z /home/runner/work/_temp/x.sh: line 3:  4242 Killed   make -j8\n"
           "2024-01-01T00:00:08.0000000Z ##[error]Process completed with exit code 137.\n"
           "2024-01-01T00:00:09.0000000Z Post job cleanup: java.lang.OutOfMemoryError was reported above\n";
    const QString zip = dir.filePath(QStringLiteral("run.zip"));
    QVERIFY(test::writeZip(zip, { { QStringLiteral("0_build.txt"), log } }));

    Result<logs::RunScanner> scanner = logs::RunScanner::create();
    QVERIFY(scanner);
    const logs::RunScan scan = scanner->scan({ QStringLiteral("run"), zip, logs::RunSource::Kind::Zip });
    QVERIFY2(scan.ok(), qPrintable(scan.ok() ? QString() : scan.error()));
    const logs::RunScanResult& scanned = *scan;
    QCOMPARE(scanned.finalCategory, std::optional(logs::MemoryCategory::OomKilled));

    Result<std::shared_ptr<const logs::Taxonomy>> taxonomy = logs::Taxonomy::create();
    QVERIFY(taxonomy);
    const features::FeatureExtractor extractor(*taxonomy);
    const Result<features::RunFeatures> extracted = extractor.extract({ QStringLiteral("run"), {}, {}, false, zip });
    QVERIFY2(extracted, extracted ? "" : qPrintable(extracted.error()));
    const features::RunFeatures& f = *extracted;
    QVERIFY(f.value(features::Feature::MemJvmHeap) > f.value(features::Feature::MemOomKilled));
    QCOMPARE(f.finalCause, scanned.finalCategory);

    pipeline::RunAnalysis run;
    run.features = f;
    QCOMPARE(RunGroups::categoryOf(run), QStringLiteral("oom-killed"));
}

void TestReportCore::featureImportanceShares()
{
    pipeline::AnalysisResult r = test::syntheticAnalysis(3);
    r.diffi[2] = std::nan(""); // no tree split on it: counts as 0
    const FeatureImportance importance = FeatureImportance::of(r);
    QCOMPARE(importance.rows.size(), size_t(3));
    QCOMPARE(importance.rows[0].featureId, QStringLiteral("longest_silence_s"));
    QCOMPARE(importance.rows[0].meanAbsShare, 0.5);
    QCOMPARE(importance.rows[0].diffiShare, 2.0 / 3);
    QCOMPARE(importance.rows[1].diffi, 0.0);
    QCOMPARE(FeatureImportance::of(r, 0).rows.size(), size_t(1));
}

void TestReportCore::precisionRecallSteps()
{
    // Scores 0.9 (+), 0.8 (-), 0.8 (+), 0.1 (-): the tie enters as one threshold.
    const model::DetectorScores d { QStringLiteral("d"), { 0.9, 0.8, 0.8, 0.1 }, {} };
    const std::vector<int> labels { 1, 0, 1, 0 };
    const DetectorCurve c = DetectorCurve::compute(d, labels, 2);
    const std::vector<QPointF> pr { { 0, 1 }, { 0.5, 1 }, { 1, 2.0 / 3 }, { 1, 0.5 } };
    QCOMPARE(c.pr, pr);
    // Steps: (0,1) -> (0,1) -> (0.5,1) -> (0.5, 2/3) -> (1, 2/3); the last point adds only a negative.
    const std::vector<QPointF> steps { { 0, 1 }, { 0, 1 }, { 0.5, 1 }, { 0.5, 2.0 / 3 }, { 1, 2.0 / 3 } };
    QCOMPARE(c.prSteps(), steps);
}

void TestReportCore::evaluationNeedsBothClasses()
{
    pipeline::EvaluationResult e;
    e.runIds = { 1, 2 };
    e.attempts = { 1, 1 };
    e.labels = { 1, 1 };
    const ReportEvaluation one = ReportEvaluation::of(e);
    QVERIFY(one.curves.empty());
    QVERIFY(one.note.contains(QStringLiteral("both classes")));
    const Result<pipeline::EvaluationResult> failed = makeError(QStringLiteral("no labels"));
    QCOMPARE(ReportEvaluation::of(failed).note, QStringLiteral("no labels"));
    QVERIFY(ReportEvaluation::of(failed).rows.empty());
}

void TestReportCore::summaryMarkdown()
{
    ReportInput input;
    input.workspaceDir = QStringLiteral("/tmp/ws");
    input.result = test::syntheticAnalysis(12);
    input.result.modelId = 7;
    const QString stored = ReportSummary::markdown(input, {}, { QStringLiteral("roc.png") });
    QVERIFY(stored.contains(QStringLiteral("- Runs analysed: 12, flagged: 5 (score above 0.600)")));
    QVERIFY(stored.contains(QStringLiteral("the workspace's stored analysis, model 7")));
    QVERIFY(stored.contains(QStringLiteral("Longest silence 10 min 12 s, 153x the typical 4 s")));
    QVERIFY(stored.contains(QStringLiteral("- [roc.png](figures/roc.png)")));
    input.reanalyzed = true;
    QVERIFY(ReportSummary::markdown(input, {}, {}).contains(QStringLiteral("trained for this report")));

    // The labels of the figures: the evaluation's, else the workspace's by precedence.
    input.labels = { { 1, 1000, 1, QStringLiteral("normal"), workspace::LabelSource::Sample, {} } };
    QCOMPARE(ReportSummary::labelsOf(input).value(RunKey { 1000, 1 }), QStringLiteral("normal"));
    pipeline::EvaluationResult evaluation;
    evaluation.runIds = { 1000 };
    evaluation.attempts = { 1 };
    evaluation.labels = { 1 };
    evaluation.categories = { QString() };
    input.evaluation = evaluation;
    QCOMPARE(ReportSummary::labelsOf(input).value(RunKey { 1000, 1 }), QStringLiteral("memory"));
}

QTEST_GUILESS_MAIN(TestReportCore)
#include "tst_reportcore.moc"
