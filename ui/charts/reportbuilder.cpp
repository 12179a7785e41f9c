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

QHash<RunKey, QString> ReportBuilder::runLabels(const QList<workspace::LabelRecord>& labels)
{
    QHash<RunKey, QString> out;
    QHash<RunKey, bool> fromUser;
    for (const workspace::LabelRecord& label : labels) { // ordered by id: later = newer
        const RunKey key = label.key();
        const bool user = label.source == workspace::LabelSource::User;
        if (!out.contains(key) || user || !fromUser.value(key)) {
            out.insert(key, label.label);
            fromUser.insert(key, user || fromUser.value(key));
        }
    }
    return out;
}

QHash<RunKey, QString> ReportBuilder::labelsOf(const ReportInput& input)
{
    const pipeline::EvaluationResult& e = input.evaluation;
    if (!e.error.isEmpty() || e.runIds.empty())
        return runLabels(input.labels);
    QHash<RunKey, QString> out;
    for (size_t i = 0; i < e.runIds.size() && i < e.attempts.size(); ++i) {
        const QString category = qsizetype(i) < e.categories.size() ? e.categories.at(qsizetype(i)) : QString();
        out.insert(RunKey { e.runIds[i], e.attempts[i] },
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
    for (const model::DetectorScores& detector : e.detectors)
        evaluation.curves.push_back(DetectorCurve::compute(detector, e.labels, evaluation.k));
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
            "%1 labelled runs (%2), %3 positives (memory-failure labels); %4 runs without a label left out.\n\n")
                  .arg(evaluation.labelledRuns)
                  .arg(input.evaluation.labelSource)
                  .arg(evaluation.positives)
                  .arg(input.evaluation.unlabeled);
        md += QStringLiteral("| detector | ROC AUC | average precision | precision@%1 | recall@%1 | precision (flags) "
                             "| recall (flags) | F1 (flags) |\n")
                  .arg(evaluation.k);
        md += QStringLiteral("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (const model::ComparisonRow& row : evaluation.rows) {
            const QString none = QStringLiteral("-");
            md += QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 | %7 | %8 |\n")
                      .arg(row.detector, num(row.rocAuc), num(row.averagePrecision), num(row.precisionAtK),
                          num(row.recallAtK), row.atFlags ? num(row.atFlags->precision) : none,
                          row.atFlags ? num(row.atFlags->recall) : none, row.atFlags ? num(row.atFlags->f1) : none);
        }
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
    const QHash<RunKey, QString> labels = labelsOf(input);
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
    return written;
}

} // namespace runlens::ui
