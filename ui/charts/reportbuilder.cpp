#include "reportbuilder.h"

#include "evaluationchart.h"
#include "explanationchart.h"
#include "importancechart.h"
#include "scorehistogramchart.h"
#include "scoretimelinechart.h"

#include "report/reportsummary.h"
#include "rungroups.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

#include <memory>

namespace runlens::ui {

QHash<RunKey, QString> ReportBuilder::runLabels(const QList<workspace::LabelRecord>& labels)
{
    return RunGroups::labelsOf(labels);
}

ReportEvaluation ReportBuilder::evaluate(const pipeline::EvaluationResult& evaluation)
{
    return ReportEvaluation::of(evaluation);
}

Result<QStringList> ReportBuilder::write(const ReportInput& input, const QString& outDir, const FigureOptions& options)
{
    const QHash<RunKey, QString> labels = report::ReportSummary::labelsOf(input);
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

    const ReportEvaluation evaluation = ReportEvaluation::of(input.evaluation);
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
    summary.write(report::ReportSummary::markdown(input, evaluation, names).toUtf8());
    if (!summary.commit())
        return Error { QStringLiteral("file '%1': cannot write: %2").arg(summaryPath, summary.errorString()) };
    QStringList written = *files;
    written << summaryPath;
    if (!evaluation.rows.empty()) { // rows come only from an evaluation that ran
        Result<QStringList> table = input.evaluation->table.writeLatex(
            QDir(outDir).filePath(QStringLiteral("evaluation.tex")), input.evaluation->caption());
        if (!table)
            return Error { table.error() };
        written << *table;
    }
    return written;
}

} // namespace runlens::ui
