// The Evaluation tab's statistics: bootstrap intervals in the table and the legends, the paired comparison
// of two detectors, the seed sweep in the note, and Export as LaTeX + CSV.
#include "charts/evaluationchart.h"
#include "charts/evaluationpanel.h"

#include "model/detectorcomparison.h"

#include <QAbstractSeries>
#include <QChart>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace runlens;
using runlens::ui::EvaluationChart;
using runlens::ui::EvaluationPanel;

namespace {
pipeline::EvaluationResult evaluationWithStatistics()
{
    pipeline::EvaluationResult result;
    result.labelSource = QStringLiteral("workspace labels");
    for (int i = 0; i < 30; ++i) {
        result.runIds.push_back(i + 1);
        result.attempts.push_back(1);
        result.labels.push_back(i % 3 == 0 ? 1 : 0);
        result.categories << (i % 3 == 0 ? QStringLiteral("oom-killed") : QStringLiteral("normal"));
    }
    model::DetectorScores keywords { QStringLiteral("naive keywords"), {}, {} };
    model::DetectorScores forest { QStringLiteral("isolation forest"), {}, {} };
    for (int i = 0; i < 30; ++i) {
        const bool positive = result.labels[size_t(i)] != 0;
        keywords.scores.push_back(i % 2);
        keywords.flags.push_back(i % 2);
        forest.scores.push_back((positive ? 0.6 : 0.3) + 0.01 * (i % 7));
    }
    result.detectors = { keywords, forest };
    const model::BootstrapOptions bootstrap { 200, 0.95, 3 };
    result.table = model::ComparisonTable::build(result.detectors, result.labels, 10, bootstrap).value();
    result.comparisons = { model::DetectorComparison::compare(keywords, forest, result.labels, bootstrap).value() };
    result.recallPerCategory = { {}, {} };
    result.seeds = { 0, 1, 2 };
    model::SeedSweepRow sweep;
    sweep.detector = QStringLiteral("isolation forest");
    sweep.seeds = 3;
    sweep.metrics[size_t(model::Metric::RocAuc)] = { 0.95, 0.01 };
    sweep.metrics[size_t(model::Metric::AveragePrecision)] = { 0.9, 0.02 };
    result.seedSweep = { sweep };
    return result;
}
} // namespace

class TestEvaluationPanel : public QObject
{
    Q_OBJECT
private slots:
    void intervalsInTableAndLegends()
    {
        EvaluationPanel panel;
        const pipeline::EvaluationResult result = evaluationWithStatistics();
        panel.setEvaluation(result);
        const QTableWidget* t = panel.comparisonTable();
        QCOMPARE(t->rowCount(), 2);
        const model::Interval& auc = result.table.rows()[1].interval(model::Metric::RocAuc);
        QVERIFY(auc.valid());
        QVERIFY2(
            t->item(1, 1)->text().contains(QStringLiteral("[%1, %2]").arg(auc.low, 0, 'f', 3).arg(auc.high, 0, 'f', 3)),
            qPrintable(t->item(1, 1)->text()));
        QCOMPARE(t->item(1, 1)->data(Qt::UserRole).toDouble(), result.table.rows()[1].rocAuc);
        QCOMPARE(t->item(1, 5)->text(), QStringLiteral("n/a")); // no flags, no interval
        for (const EvaluationChart* chart : { panel.rocChart(), panel.precisionRecallChart() }) {
            QStringList names; // the detectors' curves (the chance diagonal is drawn beneath them, unnamed here)
            for (const QAbstractSeries* series : chart->chart()->series()) {
                if (!series->name().isEmpty() && series->name() != QLatin1String("chance"))
                    names << series->name();
            }
            QVERIFY2(names.join(QLatin1Char('|')).contains(QStringLiteral("isolation forest (")),
                qPrintable(names.join(QLatin1Char('|'))));
            QVERIFY2(names.first().contains(QLatin1Char('[')), qPrintable(names.first()));
        }
        const QString note = panel.noteLabel()->text();
        QVERIFY2(note.contains(QStringLiteral("95% stratified bootstrap intervals (200 resamples, seed 3)")),
            qPrintable(note));
        QVERIFY2(
            note.contains(QStringLiteral("isolation forest over 3 seeds: ROC AUC 0.950 ± 0.010")), qPrintable(note));
    }

    // The operating point at the detector's own flags carries whiskers at the table's bootstrap intervals: recall
    // (vertical on ROC, horizontal on PR) and precision (vertical on PR), in the curve's colour, out of the legend.
    void whiskersAtTheIntervals()
    {
        pipeline::EvaluationResult result = evaluationWithStatistics();
        const model::ComparisonRow& keywords = result.table.rows()[0]; // the only detector with flags
        const model::Interval& recall = keywords.interval(model::Metric::Recall);
        const model::Interval& precision = keywords.interval(model::Metric::Precision);
        QVERIFY(recall.valid() && precision.valid());
        QVERIFY(recall.low < recall.high && precision.low < precision.high);
        EvaluationPanel panel;
        panel.setEvaluation(result);
        auto whiskers = [](const EvaluationChart* chart) {
            QMap<QString, QLineSeries*> found;
            for (QAbstractSeries* series : chart->chart()->series()) {
                if (series->objectName().startsWith(QLatin1String("whisker-"))) {
                    found.insert(series->objectName(), qobject_cast<QLineSeries*>(series));
                    for (const QLegendMarker* marker : chart->chart()->legend()->markers(series))
                        [&] { QVERIFY(!marker->isVisible()); }();
                }
            }
            return found;
        };
        const double fpr = double(keywords.atFlags->falsePositives)
            / double(keywords.atFlags->falsePositives + keywords.atFlags->trueNegatives);
        const auto roc = whiskers(panel.rocChart());
        QCOMPARE(roc.keys(), QStringList { QStringLiteral("whisker-recall") });
        QCOMPARE(roc.value(QStringLiteral("whisker-recall"))->points(),
            (QList<QPointF> { { fpr, recall.low }, { fpr, recall.high } }));
        const QColor colour = qobject_cast<QLineSeries*>(panel.rocChart()->chart()->series().at(1))->pen().color();
        QCOMPARE(roc.value(QStringLiteral("whisker-recall"))->pen().color(), colour);
        const auto pr = whiskers(panel.precisionRecallChart());
        QCOMPARE(pr.size(), 2);
        const double r = keywords.atFlags->recall, p = keywords.atFlags->precision;
        QCOMPARE(pr.value(QStringLiteral("whisker-recall"))->points(),
            (QList<QPointF> { { recall.low, p }, { recall.high, p } }));
        QCOMPARE(pr.value(QStringLiteral("whisker-precision"))->points(),
            (QList<QPointF> { { r, precision.low }, { r, precision.high } }));

        // Without bootstrap intervals: no whiskers.
        result.table = model::ComparisonTable::build(result.detectors, result.labels, 10).value();
        panel.setEvaluation(result);
        QVERIFY(whiskers(panel.rocChart()).isEmpty());
        QVERIFY(whiskers(panel.precisionRecallChart()).isEmpty());
    }

    void pairedComparison()
    {
        EvaluationPanel panel;
        const pipeline::EvaluationResult result = evaluationWithStatistics();
        panel.setEvaluation(result);
        QCOMPARE(panel.compareA()->count(), 2);
        panel.compareA()->setCurrentIndex(panel.compareA()->findText(QStringLiteral("isolation forest")));
        panel.compareB()->setCurrentIndex(panel.compareB()->findText(QStringLiteral("naive keywords")));
        const model::PairedComparison c
            = result.comparison(QStringLiteral("isolation forest"), QStringLiteral("naive keywords")).value();
        const QString text = panel.comparisonLabel()->text();
        QVERIFY2(text.contains(QStringLiteral("ROC AUC difference %1").arg(c.rocAuc.difference, 0, 'f', 3)),
            qPrintable(text));
        QVERIFY(c.rocAuc.difference > 0); // mirrored from the stored (keywords, forest) pair
        QVERIFY2(text.contains(QStringLiteral("(DeLong)")) && text.contains(QStringLiteral("(paired bootstrap)")),
            qPrintable(text));
        panel.compareB()->setCurrentIndex(panel.compareB()->findText(QStringLiteral("isolation forest")));
        QVERIFY(panel.comparisonLabel()->text().contains(QStringLiteral("two different detectors")));
    }

    void exportsLatexAndCsv()
    {
        QTemporaryDir dir;
        EvaluationPanel panel;
        QVERIFY(!panel.exportTable(dir.filePath(QStringLiteral("t.tex"))).ok()); // nothing yet
        const pipeline::EvaluationResult result = evaluationWithStatistics();
        panel.setEvaluation(result);
        const Result<QStringList> written = panel.exportTable(dir.filePath(QStringLiteral("tables/eval.tex")));
        QVERIFY2(written.ok(), written.ok() ? "" : qPrintable(written.error()));
        QFile tex(dir.filePath(QStringLiteral("tables/eval.tex")));
        QVERIFY(tex.open(QIODevice::ReadOnly));
        const QByteArray latex = tex.readAll();
        QVERIFY(latex.contains("\\toprule") && latex.contains("\\textbf{"));
        QFile csv(dir.filePath(QStringLiteral("tables/eval.csv")));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(csv.readAll()), result.table.toCsv());
    }
};

QTEST_MAIN(TestEvaluationPanel)
#include "tst_evaluationpanel.moc"
