#include "syntheticanalysis.h"

#include "charts/detectorcurve.h"
#include "charts/evaluationchart.h"
#include "charts/evaluationpanel.h"
#include "charts/explanationchart.h"
#include "charts/explanationpanel.h"
#include "charts/importancechart.h"
#include "charts/scorehistogramchart.h"
#include "charts/scoretimelinechart.h"

#include <QAbstractBarSeries>
#include <QAreaSeries>
#include <QBarSet>
#include <QChart>
#include <QComboBox>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPen>
#include <QScatterSeries>
#include <QSet>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

#include <cmath>
#include <numeric>

using namespace runlens;
using namespace runlens::ui;

class TestCharts : public QObject
{
    Q_OBJECT
private slots:
    void histogramCountsEveryRunOnceByGroup();
    void histogramThresholdSeparatesFlaggedRuns();
    void histogramByLabel();
    void timelinePointsAndClick();
    void chartsGroupByTheFinalCause();
    void explanationBarsAreSortedWithSentences();
    void explanationUnits_data();
    void explanationUnits();
    void clickOnBarRequestsEvidence_data();
    void clickOnBarRequestsEvidence();
    void panelTogglesUnitsAndForwardsEvidence();
    void importanceSharesAndOrder();
    void detectorCurveByHand();
    void evaluationLegendHoldsAucAndAp();
    void evaluationCurvesStayDistinct();
    void evaluationPanelShowsTheComparison();
};

void TestCharts::histogramCountsEveryRunOnceByGroup()
{
    const pipeline::AnalysisResult r = test::syntheticAnalysis(12);
    ScoreHistogramChart chart;
    chart.setAnalysis(r, RunGroups {}, 10);
    // Tidy bins (width 0.05 over 0.40..0.73) aligned on the threshold 0.6: 0.40 .. 0.75.
    QCOMPARE(chart.binEdges().size(), size_t(8));
    QCOMPARE(chart.groups(), (QStringList { QStringLiteral("oom-killed"), QStringLiteral("none") }));
    int total = 0, oom = 0;
    for (int c : chart.counts()[0])
        oom += c;
    for (const auto& g : chart.counts())
        total += std::accumulate(g.begin(), g.end(), 0);
    QCOMPARE(total, 12);
    QCOMPARE(oom, 3); // runs 0, 4, 8
    // One area per group plus the threshold line, and the areas' top edge is the stacked count.
    const auto series = chart.chart()->series();
    QCOMPARE(series.size(), 3);
    auto* top = qobject_cast<QAreaSeries*>(series.at(1));
    QVERIFY(top);
    double stackedMax = 0;
    for (const QPointF& p : top->upperSeries()->points())
        stackedMax = std::max(stackedMax, p.y());
    int expectedMax = 0;
    for (size_t b = 0; b < 7; ++b)
        expectedMax = std::max(expectedMax, chart.counts()[0][b] + chart.counts()[1][b]);
    QCOMPARE(stackedMax, double(expectedMax));
    QCOMPARE(chart.figureData().rows.size(), size_t(7));
}

void TestCharts::histogramThresholdSeparatesFlaggedRuns()
{
    const pipeline::AnalysisResult r = test::syntheticAnalysis(12);
    QCOMPARE(r.threshold(), 0.6);
    for (const pipeline::RunAnalysis& run : r.runs)
        QCOMPARE(run.flagged, run.score > r.threshold());
    ScoreHistogramChart chart;
    chart.setAnalysis(r, RunGroups {});
    auto* line = qobject_cast<QLineSeries*>(chart.chart()->series().last());
    QVERIFY(line);
    QCOMPARE(line->at(0).x(), 0.6);
    QCOMPARE(line->at(1).x(), 0.6);
    // The threshold is a bin edge, and its legend mark is its own (a line, not a box like the groups').
    QVERIFY(std::find(chart.binEdges().begin(), chart.binEdges().end(), 0.6) != chart.binEdges().end());
    const QList<QLegendMarker*> markers = chart.chart()->legend()->markers(line);
    QCOMPARE(markers.size(), 1);
    QCOMPARE(markers.first()->shape(), QLegend::MarkerShapeFromSeries);
    QVERIFY(markers.first()->label().startsWith(QStringLiteral("flag threshold 0.600")));
}

void TestCharts::histogramByLabel()
{
    const pipeline::AnalysisResult r = test::syntheticAnalysis(4);
    RunGroups groups { RunGroups::By::Label,
        { { RunKey { 1000, 1 }, QStringLiteral("normal") }, { RunKey { 1003, 1 }, QStringLiteral("oom-killed") } } };
    ScoreHistogramChart chart;
    chart.setAnalysis(r, groups);
    QCOMPARE(chart.groups(),
        (QStringList { QStringLiteral("oom-killed"), QStringLiteral("normal"), QStringLiteral("unlabelled") }));
}

void TestCharts::timelinePointsAndClick()
{
    const pipeline::AnalysisResult r = test::syntheticAnalysis(6);
    ScoreTimelineChart chart;
    chart.resize(800, 500);
    chart.setAnalysis(r, RunGroups {});
    QCOMPARE(chart.points().size(), size_t(6));
    for (const auto& p : chart.points()) {
        const auto it
            = std::find_if(r.runs.begin(), r.runs.end(), [&](const auto& run) { return run.runId == p.runId; });
        QCOMPARE(p.y, it->score);
        QCOMPARE(p.createdAt, it->createdAt);
    }
    QSignalSpy selected(&chart, &ScoreTimelineChart::runSelected);
    QSignalSpy hovered(&chart, &ScoreTimelineChart::runHovered);
    // Run 1004 (index 4: oom-killed group) at 2024-01-05.
    QScatterSeries* oom = nullptr;
    for (QAbstractSeries* s : chart.chart()->series())
        if (s->name() == QLatin1String("oom-killed"))
            oom = qobject_cast<QScatterSeries*>(s);
    QVERIFY(oom);
    QCOMPARE(oom->count(), 2); // runs 1000 and 1004
    const auto p1004
        = std::find_if(chart.points().begin(), chart.points().end(), [](const auto& p) { return p.runId == 1004; });
    const QPointF at(p1004->x, 0.52);
    emit oom->clicked(at);
    QCOMPARE(selected.count(), 1);
    QCOMPARE(selected.at(0).at(0).toLongLong(), 1004);
    QCOMPARE(selected.at(0).at(1).toInt(), 1);
    emit oom->hovered(at, true);
    QCOMPARE(hovered.count(), 1);
    QVERIFY(hovered.at(0).at(0).toString().contains(QStringLiteral("run 1004")));
}

// #14.4: the histogram's and the timeline's colours, legends and exported data use the run's final
// failure cause, not the category with the most hits.
void TestCharts::chartsGroupByTheFinalCause()
{
    pipeline::AnalysisResult r = test::syntheticAnalysis(4);
    for (pipeline::RunAnalysis& run : r.runs) {
        run.features.value(features::Feature::MemJvmHeap) = 9; // many JVM heap mentions...
        run.features.value(features::Feature::MemOomKilled) = 1;
        run.features.finalCause = logs::MemoryCategory::OomKilled; // ...but the OOM killer ended every run
    }
    ScoreHistogramChart histogram;
    histogram.setAnalysis(r, RunGroups {});
    QCOMPARE(histogram.groups(), QStringList { QStringLiteral("oom-killed") });
    QCOMPARE(histogram.chart()->series().first()->name(), QStringLiteral("oom-killed"));
    QCOMPARE(histogram.figureData().header.at(2), QStringLiteral("oom-killed"));
    ScoreTimelineChart timeline;
    timeline.setAnalysis(r, RunGroups {});
    for (const FigureData data = timeline.figureData(); const QStringList& row : data.rows)
        QCOMPARE(row.last(), QStringLiteral("oom-killed"));
}

void TestCharts::explanationBarsAreSortedWithSentences()
{
    const pipeline::AnalysisResult r = test::syntheticAnalysis(12);
    ExplanationChart chart;
    chart.setRun(r, 0); // the top run: 1011, the long silence
    QCOMPARE(r.runs[0].runId, 1011);
    QCOMPARE(chart.bars().size(), size_t(3));
    QCOMPARE(chart.bars()[0].featureId, QStringLiteral("longest_silence_s"));
    QCOMPARE(chart.bars()[0].contribution, -3.0);
    QCOMPARE(chart.bars()[0].sentence, QStringLiteral("Longest silence 10 min 12 s, 153x the typical 4 s"));
    QCOMPARE(chart.bars()[1].featureId, QStringLiteral("log_lines"));
    QCOMPARE(chart.bars()[1].sentence, QStringLiteral("Log lines 111 lines, typical 105.5 lines"));
    // Categories are the sentences, most important on top (last in a horizontal bar axis).
    auto* series = qobject_cast<QAbstractBarSeries*>(chart.chart()->series().first());
    QVERIFY(series);
    QCOMPARE(series->barSets().first()->count(), 3);
    chart.setRun(r, 0, 1);
    QCOMPARE(chart.bars().size(), size_t(1));
}

void TestCharts::explanationUnits_data()
{
    QTest::addColumn<int>("units");
    QTest::addColumn<double>("silence");
    QTest::addRow("path length") << int(ExplanationChart::Units::PathLength) << -3.0;
    QTest::addRow("log2 score") << int(ExplanationChart::Units::Log2Score) << 0.3; // -(-3) / c(psi)=10
}

void TestCharts::explanationUnits()
{
    QFETCH(int, units);
    QFETCH(double, silence);
    ExplanationChart chart;
    chart.setRun(test::syntheticAnalysis(12), 0);
    chart.setUnits(ExplanationChart::Units(units));
    QCOMPARE(chart.shown(chart.bars()[0]), silence);
    // The bar drawn for the top feature (last category) holds the same number, in the "unusual" set.
    auto* series = qobject_cast<QAbstractBarSeries*>(chart.chart()->series().first());
    const QBarSet* unusual = series->barSets().at(0);
    QCOMPARE(unusual->at(unusual->count() - 1), silence);
}

void TestCharts::clickOnBarRequestsEvidence_data()
{
    QTest::addColumn<int>("barIndex");
    QTest::addColumn<QString>("entry");
    QTest::addColumn<QList<qint64>>("lines");
    QTest::addRow("silence: first entry's lines") << 0 << QStringLiteral("0_build.txt") << QList<qint64> { 40, 41 };
    QTest::addRow("log lines") << 1 << QStringLiteral("0_build.txt") << QList<qint64> { 111 };
    QTest::addRow("no evidence") << 2 << QString() << QList<qint64> {};
}

void TestCharts::clickOnBarRequestsEvidence()
{
    QFETCH(int, barIndex);
    QFETCH(QString, entry);
    QFETCH(QList<qint64>, lines);
    ExplanationChart chart;
    const pipeline::AnalysisResult r = test::syntheticAnalysis(12);
    chart.setRun(r, 0, 8, test::syntheticEvidence(r, 0));
    QSignalSpy spy(&chart, &ExplanationChart::evidenceRequested);
    // A click as Qt Charts reports it: the category index counts from the bottom.
    auto* series = qobject_cast<QAbstractBarSeries*>(chart.chart()->series().first());
    emit series->clicked(int(chart.bars().size()) - 1 - barIndex, series->barSets().first());
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toString(), entry);
    QCOMPARE(spy.at(0).at(1).value<QList<qint64>>(), lines);
}

void TestCharts::panelTogglesUnitsAndForwardsEvidence()
{
    ExplanationPanel panel;
    panel.setToolTip(QStringLiteral("Analyze the workspace to see why a run was flagged."));
    QVERIFY(panel.summaryLabel()->text().startsWith(QStringLiteral("No analysis yet")));
    QVERIFY(panel.hintLabel()->isHidden());
    const pipeline::AnalysisResult r = test::syntheticAnalysis(12);
    panel.setRun(r, 0, 8, test::syntheticEvidence(r, 0));
    // The plain-language summary comes first, the run named by its number as in the runs table; the
    // hint says the bars open log lines; the stale "Analyze first" tooltip is gone.
    QVERIFY2(panel.summaryLabel()->text().startsWith(
                 QStringLiteral("Run #111 was flagged mainly because its longest silence (10 min 12 s) was 153x the "
                                "typical (4 s)")),
        qPrintable(panel.summaryLabel()->text()));
    QVERIFY(!panel.hintLabel()->isHidden());
    QVERIFY(panel.hintLabel()->text().contains(QStringLiteral("log lines")));
    QVERIFY(panel.toolTip().isEmpty());
    QCOMPARE(panel.chart()->units(), ExplanationChart::Units::Log2Score);
    panel.unitsBox()->setCurrentIndex(panel.unitsBox()->findData(int(ExplanationChart::Units::PathLength)));
    QCOMPARE(panel.chart()->units(), ExplanationChart::Units::PathLength);
    QCOMPARE(panel.chart()->shown(panel.chart()->bars()[0]), -3.0);
    QSignalSpy spy(&panel, &ExplanationPanel::evidenceRequested);
    panel.chart()->activateBar(0);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(1).value<QList<qint64>>(), (QList<qint64> { 40, 41 }));
}

void TestCharts::importanceSharesAndOrder()
{
    ImportanceChart chart;
    chart.setAnalysis(test::syntheticAnalysis(3));
    QCOMPARE(chart.rows().size(), size_t(3));
    QCOMPARE(chart.rows()[0].featureId, QStringLiteral("longest_silence_s"));
    QCOMPARE(chart.rows()[1].featureId, QStringLiteral("mem_oom_killed"));
    QCOMPARE(chart.rows()[0].meanAbsShare, 0.5);
    QCOMPARE(chart.rows()[0].diffiShare, 0.5);
    QCOMPARE(chart.rows()[2].diffiShare, 0.25);
    QCOMPARE(chart.figureData().rows.size(), size_t(3));
}

void TestCharts::detectorCurveByHand()
{
    // Scores 0.9 (+), 0.8 (-), 0.8 (+), 0.1 (-): the tie enters as one threshold.
    const model::DetectorScores d { QStringLiteral("d"), { 0.9, 0.8, 0.8, 0.1 }, {} };
    const std::vector<int> labels { 1, 0, 1, 0 };
    const DetectorCurve c = DetectorCurve::compute(d, labels, 2);
    const std::vector<QPointF> roc { { 0, 0 }, { 0, 0.5 }, { 0.5, 1 }, { 1, 1 } };
    QCOMPARE(c.roc, roc);
    const std::vector<QPointF> pr { { 0, 1 }, { 0.5, 1 }, { 1, 2.0 / 3 }, { 1, 0.5 } };
    QCOMPARE(c.pr, pr);
    QCOMPARE(c.rocAuc, 0.875); // (1 + 0.5 * 0.5 ... ) sklearn: 0.875
    QCOMPARE(c.precisionAtK, 0.75); // the tie {-, +} has one place among the top 2: half a positive expected
    QCOMPARE(c.positives, 2);
}

void TestCharts::evaluationLegendHoldsAucAndAp()
{
    const std::vector<int> labels { 1, 0, 1, 0 };
    const std::vector<DetectorCurve> curves { DetectorCurve::compute(
        { QStringLiteral("IF"), { 0.9, 0.8, 0.8, 0.1 }, {} }, labels, 2) };
    EvaluationChart roc(EvaluationChart::Kind::Roc);
    roc.setCurves(curves, QStringLiteral("memory"));
    // The chance diagonal comes first: drawn beneath, it never hides a detector.
    QCOMPARE(roc.chart()->series().first()->name(), QStringLiteral("chance"));
    QCOMPARE(roc.chart()->series().at(1)->name(), QStringLiteral("IF (AUC 0.875)"));
    QCOMPARE(qobject_cast<QLineSeries*>(roc.chart()->series().at(1))->count(), 4);
    EvaluationChart pr(EvaluationChart::Kind::PrecisionRecall);
    pr.setCurves(curves, QStringLiteral("memory"));
    QVERIFY(pr.chart()->series().first()->name().startsWith(QStringLiteral("IF (AP ")));
    QCOMPARE(pr.figureName(), QStringLiteral("precision-recall"));
}

// Detectors whose curves coincide stay visible: each has its own dash pattern and marker shape, its
// legend entry shows the line (with its dashes), and the markers add no second legend entry.
void TestCharts::evaluationCurvesStayDistinct()
{
    const std::vector<int> labels { 1, 0, 1, 0 };
    std::vector<DetectorCurve> curves;
    for (const char* name : { "a", "b", "c", "d", "e" }) // identical scores: identical curves
        curves.push_back(DetectorCurve::compute({ QString::fromLatin1(name), { 0.9, 0.8, 0.8, 0.1 }, {} }, labels, 2));
    EvaluationChart roc(EvaluationChart::Kind::Roc);
    roc.setCurves(curves, QStringLiteral("memory"));
    roc.resize(800, 500);
    roc.show();
    QVERIFY(QTest::qWaitForWindowExposed(&roc));
    QCOMPARE(roc.chart()->legend()->markerShape(), QLegend::MarkerShapeFromSeries);
    QSet<QString> dashes;
    QSet<int> shapes;
    int visibleEntries = 0;
    for (QAbstractSeries* series : roc.chart()->series()) {
        for (const QLegendMarker* marker : roc.chart()->legend()->markers(series))
            visibleEntries += marker->isVisible() ? 1 : 0;
        if (series->name() == QLatin1String("chance"))
            continue;
        if (auto* scatter = qobject_cast<QScatterSeries*>(series)) {
            QVERIFY(scatter->count() > 0);
            shapes.insert(int(scatter->markerShape()));
        } else if (auto* line = qobject_cast<QLineSeries*>(series)) {
            const QPen pen = line->pen();
            QString key = QString::number(int(pen.style()));
            for (const qreal d : pen.dashPattern())
                key += QLatin1Char(',') + QString::number(d);
            dashes.insert(pen.style() == Qt::SolidLine ? QStringLiteral("solid") : key);
        }
    }
    QCOMPARE(dashes.size(), 5);
    QCOMPARE(shapes.size(), 5);
    QCOMPARE(visibleEntries, 6); // five detectors and chance
}

// The Evaluation tab presents an EvaluationResult: curves of every detector, the comparison table with
// the numbers ComparisonTable computed, recall per category, and a note when one class is missing.
void TestCharts::evaluationPanelShowsTheComparison()
{
    pipeline::EvaluationResult result;
    result.labelSource = QStringLiteral("workspace labels");
    result.runIds = { 1, 2, 3, 4, 5 };
    result.attempts = { 1, 1, 1, 1, 1 };
    result.labels = { 1, 0, 1, 0, 0 };
    result.categories = { QStringLiteral("oom-killed"), QStringLiteral("normal"), QStringLiteral("jvm-heap"),
        QStringLiteral("normal"), QStringLiteral("test-failure") };
    result.unlabeled = 7;
    result.detectors = { { QStringLiteral("naive keywords"), { 1, 1, 0, 1, 0 }, { 1, 1, 0, 1, 0 } },
        { QStringLiteral("isolation forest"), { 0.9, 0.3, 0.7, 0.4, 0.2 }, {} } };
    const auto table = model::ComparisonTable::build(result.detectors, result.labels, 2);
    QVERIFY(table.ok());
    result.table = *table;
    result.recallPerCategory
        = { { { QStringLiteral("oom-killed"), 1, 1, 1.0 }, { QStringLiteral("jvm-heap"), 1, 0, 0.0 } },
              { { QStringLiteral("oom-killed"), 1, 1, 1.0 }, { QStringLiteral("jvm-heap"), 1, 1, 1.0 } } };

    EvaluationPanel panel;
    QVERIFY(!panel.hasCurves());
    panel.setEvaluation(result);
    QVERIFY(panel.hasCurves());
    for (const EvaluationChart* chart : { panel.rocChart(), panel.precisionRecallChart() }) {
        QStringList names;
        for (const QAbstractSeries* series : chart->chart()->series())
            names << series->name();
        const QString all = names.join(QLatin1Char('|'));
        QVERIFY2(all.contains(QStringLiteral("naive keywords (")) && all.contains(QStringLiteral("isolation forest (")),
            qPrintable(all));
    }
    QVERIFY(panel.noteLabel()->text().contains(
        QStringLiteral("5 labelled runs (workspace labels), 2 with a memory-failure label; 7 runs")));

    const QTableWidget* t = panel.comparisonTable();
    QCOMPARE(t->rowCount(), 2);
    QCOMPARE(t->horizontalHeaderItem(3)->text(), QStringLiteral("P@2"));
    QVERIFY(t->horizontalHeaderItem(3)->toolTip().contains(QStringLiteral("2 highest-scored")));
    for (int r = 0; r < 2; ++r) {
        const model::ComparisonRow& expected = table->rows()[size_t(r)];
        QCOMPARE(t->item(r, 0)->text(), expected.detector);
        QCOMPARE(t->item(r, 1)->data(Qt::UserRole).toDouble(), expected.rocAuc);
        QCOMPARE(t->item(r, 2)->data(Qt::UserRole).toDouble(), expected.averagePrecision);
        QCOMPARE(t->item(r, 3)->data(Qt::UserRole).toDouble(), expected.precisionAtK);
        QCOMPARE(t->item(r, 4)->data(Qt::UserRole).toDouble(), expected.recallAtK);
    }
    QCOMPARE(t->item(1, 1)->text(), QStringLiteral("1.000")); // the forest ranks both positives first
    QCOMPARE(
        t->item(0, 5)->text(), QString::number(table->rows()[0].atFlags->precision, 'f', 3)); // keywords have flags
    QCOMPARE(t->item(1, 5)->text(), QStringLiteral("n/a")); // the forest here has none

    const QTableWidget* c = panel.categoryTable();
    QCOMPARE(c->rowCount(), 2);
    QCOMPARE(c->item(0, 0)->text(), QStringLiteral("oom-killed"));
    QCOMPARE(c->item(1, 1)->text(), QStringLiteral("1"));
    QCOMPARE(c->item(1, 2)->text(), QStringLiteral("0.000")); // keywords missed the JVM heap failure
    QCOMPARE(c->item(1, 3)->text(), QStringLiteral("1.000"));

    // One class only: no curves, and the note says why.
    result.labels = { 0, 0, 0, 0, 0 };
    panel.setEvaluation(result);
    QVERIFY(!panel.hasCurves());
    QCOMPARE(panel.comparisonTable()->rowCount(), 0);
    QVERIFY2(panel.noteLabel()->text().contains(QStringLiteral("both classes are needed")),
        qPrintable(panel.noteLabel()->text()));
}

QTEST_MAIN(TestCharts)
#include "tst_charts.moc"
