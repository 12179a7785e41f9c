#include "reportbuilder.h"

#include "evaluationchart.h"
#include "explanationchart.h"
#include "importancechart.h"
#include "scorehistogramchart.h"
#include "scoretimelinechart.h"

#include "common/version.h"
#include "model/metrics.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

#include <cmath>
#include <memory>

namespace runlens::ui {

QHash<QString, QString> ReportBuilder::runLabels(const QList<workspace::LabelRecord>& labels)
{
    QHash<QString, QString> out;
    QHash<QString, bool> fromUser;
    for (const workspace::LabelRecord& label : labels) { // ordered by id: later = newer
        const QString key = RunGroups::key(label.runId, label.attempt);
        const bool user = label.source == workspace::LabelSource::User;
        if (!out.contains(key) || user || !fromUser.value(key)) {
            out.insert(key, label.label);
            fromUser.insert(key, user || fromUser.value(key));
        }
    }
    return out;
}

QHash<QString, QString> ReportBuilder::labelsOf(const ReportInput& input)
{
    const pipeline::EvaluationResult& e = input.evaluation;
    if (!e.error.isEmpty() || e.runIds.empty())
        return runLabels(input.labels);
    QHash<QString, QString> out;
    for (size_t i = 0; i < e.runIds.size() && i < e.attempts.size(); ++i) {
        const QString category = qsizetype(i) < e.categories.size() ? e.categories.at(qsizetype(i)) : QString();
        out.insert(RunGroups::key(e.runIds[i], e.attempts[i]),
            category.isEmpty() ? (e.labels[i] ? QStringLiteral("memory") : QStringLiteral("normal")) : category);
    }
    return out;
}

ReportEvaluation ReportBuilder::evaluate(const pipeline::EvaluationResult& e)
{
    ReportEvaluation evaluation;
    if (!e.error.isEmpty()) {
        evaluation.note = e.error;
        return evaluation;
    }
    evaluation.labelledRuns = int(e.labels.size());
    for (int label : e.labels)
        evaluation.positives += label != 0;
    if (evaluation.positives == 0 || evaluation.positives == evaluation.labelledRuns) {
        evaluation.note = QStringLiteral("%1 labelled runs, %2 with a memory-failure label: both classes are needed")
                              .arg(evaluation.labelledRuns)
                              .arg(evaluation.positives);
        return evaluation;
    }
    evaluation.k = e.table.k() > 0 ? e.table.k() : evaluation.positives;
    evaluation.rows = e.table.rows();
    for (size_t d = 0; d < e.detectors.size(); ++d) {
        DetectorCurve curve = DetectorCurve::compute(e.detectors[d], e.labels, evaluation.k);
        if (d < evaluation.rows.size()) {
            curve.rocAucInterval = evaluation.rows[d].interval(model::Metric::RocAuc);
            curve.averagePrecisionInterval = evaluation.rows[d].interval(model::Metric::AveragePrecision);
        }
        evaluation.curves.push_back(std::move(curve));
    }
    return evaluation;
}

QString ReportBuilder::markdown(
    const ReportInput& input, const ReportEvaluation& evaluation, const QStringList& figures)
{
    const pipeline::AnalysisResult& r = input.result;
    auto num = [](double v) { return std::isnan(v) ? QStringLiteral("n/a") : QString::number(v, 'f', 3); };
    QString md;
    md += QStringLiteral("# RunLens report\n\n");
    md += QStringLiteral("- Workspace: `%1`\n").arg(QDir(input.workspaceDir).absolutePath());
    md += QStringLiteral("- RunLens %1, %2\n")
              .arg(QLatin1String(kVersion), QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    int flagged = 0;
    for (const pipeline::RunAnalysis& run : r.runs)
        flagged += run.flagged;
    md += QStringLiteral("- Runs analysed: %1, flagged: %2 (score above %3)\n")
              .arg(r.runs.size())
              .arg(flagged)
              .arg(ScoreHistogramChart::thresholdOf(r), 0, 'f', 3);
    md += QStringLiteral("- Model: Isolation Forest, %1 trees, seed %2, %3 features\n\n")
              .arg(r.options.forest.trees)
              .arg(r.options.forest.seed)
              .arg(r.featureIds.size());

    md += QStringLiteral("## Evaluation\n\n");
    if (evaluation.rows.empty()) {
        md += QStringLiteral("No evaluation: %1.\n\n").arg(evaluation.note);
    } else {
        md += QStringLiteral(
            "%1 labelled runs (%2), %3 positives (memory-failure labels); %4 runs without a label left out.\n")
                  .arg(evaluation.labelledRuns)
                  .arg(input.evaluation.labelSource)
                  .arg(evaluation.positives)
                  .arg(input.evaluation.unlabeled);
        const pipeline::EvaluationResult& e = input.evaluation;
        md += QStringLiteral("Precision@k and recall@k use k = %1 and count tied scores by their expected share "
                             "(docs/evaluation.md).\n")
                  .arg(evaluation.k);
        if (const auto& b = e.table.bootstrap())
            md += QStringLiteral("Intervals: %1% stratified bootstrap percentile intervals, %2 resamples, seed %3.\n")
                      .arg(b->level * 100.0, 0, 'g', 4)
                      .arg(b->resamples)
                      .arg(b->seed);
        else
            md += QStringLiteral("Intervals: none (no bootstrap).\n");
        if (!e.seeds.empty())
            md += QStringLiteral("Forest seeds: a sweep of %1 (%2 to %3); this table shows the model's seed %2.\n")
                      .arg(e.seeds.size())
                      .arg(e.seeds.front())
                      .arg(e.seeds.back());
        else
            md += QStringLiteral("Forest seed: %1 (no seed sweep).\n").arg(r.options.forest.seed);
        md += QLatin1Char('\n') + e.table.toMarkdown();
        for (const model::SeedSweepRow& sweep : e.seedSweep) {
            md += QStringLiteral("\n%1 over %2 seeds (mean ± std):").arg(sweep.detector).arg(sweep.seeds);
            for (int m = 0; m < model::kMetricCount; ++m) {
                const model::SeedSpread& spread = sweep.metrics[size_t(m)];
                if (!std::isnan(spread.mean))
                    md += QStringLiteral(" %1 %2 ± %3;")
                              .arg(model::ComparisonTable::metricHeader(model::Metric(m), evaluation.k),
                                  num(spread.mean), num(spread.sd));
            }
        }
        md += QLatin1Char('\n');
        md += QLatin1Char('\n');
    }

    md += QStringLiteral(
        "## Most anomalous runs\n\n| score | run | repository | workflow | why |\n|---:|---|---|---|---|\n");
    ExplanationChart explain;
    for (int i = 0; i < int(std::min<size_t>(10, r.runs.size())); ++i) {
        const pipeline::RunAnalysis& run = r.runs[size_t(i)];
        explain.setRun(r, i, 3);
        md += QStringLiteral("| %1 | %2-%3 | %4 | %5 | %6 |\n")
                  .arg(num(run.score))
                  .arg(run.runId)
                  .arg(run.attempt)
                  .arg(run.repository, run.workflow, explain.sentences().join(QStringLiteral("; ")));
    }
    md += QStringLiteral("\n## Figures\n\n");
    for (const QString& f : figures)
        md += QStringLiteral("- [%1](figures/%1)\n").arg(f);
    return md;
}

Result<QStringList> ReportBuilder::write(const ReportInput& input, const QString& outDir, const FigureOptions& options)
{
    if (!input.result.error.isEmpty())
        return Error { input.result.error };
    const QHash<QString, QString> labels = labelsOf(input);
    RunGroups byCategory;
    RunGroups byLabel { RunGroups::By::Label, labels };

    auto histogram = std::make_unique<ScoreHistogramChart>();
    histogram->setAnalysis(input.result, byCategory);
    auto timeline = std::make_unique<ScoreTimelineChart>();
    timeline->setAnalysis(input.result, labels.isEmpty() ? byCategory : byLabel);
    auto explanation = std::make_unique<ExplanationChart>();
    explanation->setRun(input.result, 0);
    auto importance = std::make_unique<ImportanceChart>();
    importance->setAnalysis(input.result);
    QList<FigureChart*> charts { histogram.get(), timeline.get(), explanation.get(), importance.get() };

    const ReportEvaluation evaluation = evaluate(input.evaluation);
    auto roc = std::make_unique<EvaluationChart>(EvaluationChart::Kind::Roc);
    auto pr = std::make_unique<EvaluationChart>(EvaluationChart::Kind::PrecisionRecall);
    if (!evaluation.curves.empty()) {
        roc->setCurves(evaluation.curves, QStringLiteral("memory-failure label"));
        pr->setCurves(evaluation.curves, QStringLiteral("memory-failure label"));
        charts << roc.get() << pr.get();
    }
    const QString figuresDir = QDir(outDir).filePath(QStringLiteral("figures"));
    Result<QStringList> files = FigureExporter::exportAll(charts, figuresDir,
        FigureExporter::provenance(input.result, input.workspaceDir, byLabel.labelsUsed()), options);
    if (!files)
        return files;
    QStringList names;
    for (const QString& f : std::as_const(*files))
        names << QFileInfo(f).fileName();
    const QString summaryPath = QDir(outDir).filePath(QStringLiteral("summary.md"));
    QSaveFile summary(summaryPath);
    if (!summary.open(QIODevice::WriteOnly))
        return Error { QStringLiteral("file '%1': cannot write: %2").arg(summaryPath, summary.errorString()) };
    summary.write(markdown(input, evaluation, names).toUtf8());
    if (!summary.commit())
        return Error { QStringLiteral("file '%1': cannot write: %2").arg(summaryPath, summary.errorString()) };
    QStringList written = *files;
    written << summaryPath;
    if (!evaluation.rows.empty()) {
        Result<QStringList> table = input.evaluation.table.writeLatex(
            QDir(outDir).filePath(QStringLiteral("evaluation.tex")), input.evaluation.caption());
        if (!table)
            return Error { table.error() };
        written << *table;
    }
    return written;
}

} // namespace runlens::ui
