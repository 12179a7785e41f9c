#include "reportbuilder.h"

#include "evaluationchart.h"
#include "explanationchart.h"
#include "importancechart.h"
#include "scorehistogramchart.h"
#include "scoretimelinechart.h"

#include "common/version.h"
#include "logs/memorycategory.h"
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

bool ReportBuilder::isMemoryLabel(const QString& label)
{
    if (label == QLatin1String("memory"))
        return true;
    for (const logs::CategoryInfo& info : logs::allCategories())
        if (info.id == label)
            return info.memory;
    return false;
}

ReportEvaluation ReportBuilder::evaluate(const ReportInput& input)
{
    ReportEvaluation evaluation;
    const QHash<QString, QString> labels = runLabels(input.labels);
    model::DetectorScores forest { QStringLiteral("Isolation Forest"), {}, {} };
    model::DetectorScores rules { QStringLiteral("Taxonomy rules"), {}, {} };
    std::vector<int> truth;
    for (const pipeline::RunAnalysis& run : input.result.runs) {
        const auto it = labels.constFind(RunGroups::key(run.runId, run.attempt));
        if (it == labels.constEnd())
            continue;
        truth.push_back(isMemoryLabel(*it) ? 1 : 0);
        forest.scores.push_back(run.score);
        forest.flags.push_back(run.flagged ? 1 : 0);
        double hits = 0;
        for (int f = int(features::Feature::MemOomKilled); f <= int(features::Feature::MemGpuOom); ++f)
            hits += run.features.values[size_t(f)];
        rules.scores.push_back(hits);
        rules.flags.push_back(hits > 0 ? 1 : 0);
    }
    evaluation.labelledRuns = int(truth.size());
    for (int t : truth)
        evaluation.positives += t;
    if (evaluation.positives == 0 || evaluation.positives == evaluation.labelledRuns)
        return evaluation;
    for (const model::DetectorScores& detector : { forest, rules }) {
        evaluation.curves.push_back(DetectorCurve::compute(detector, truth, input.precisionK));
        Result<model::ThresholdMetrics> m = model::Metrics::fromFlags(detector.flags, truth);
        evaluation.atFlags.push_back(m ? *m : model::ThresholdMetrics {});
    }
    return evaluation;
}

QString ReportBuilder::markdown(const ReportInput& input, const ReportEvaluation& evaluation, const QStringList& figures)
{
    const pipeline::AnalysisResult& r = input.result;
    auto num = [](double v) { return std::isnan(v) ? QStringLiteral("n/a") : QString::number(v, 'f', 3); };
    QString md;
    md += QStringLiteral("# RunLens report\n\n");
    md += QStringLiteral("- Workspace: `%1`\n").arg(QDir(input.workspaceDir).absolutePath());
    md += QStringLiteral("- RunLens %1, %2\n").arg(QLatin1String(kVersion), QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
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
    if (evaluation.curves.empty()) {
        md += QStringLiteral("Not enough labels: %1 labelled runs, %2 with a memory-failure label (both classes are needed).\n\n")
                  .arg(evaluation.labelledRuns)
                  .arg(evaluation.positives);
    } else {
        md += QStringLiteral("%1 labelled runs, %2 positives (memory-failure labels).\n\n")
                  .arg(evaluation.labelledRuns)
                  .arg(evaluation.positives);
        md += QStringLiteral("| detector | ROC AUC | average precision | precision@%1 | precision (flags) | recall (flags) | F1 (flags) |\n")
                  .arg(evaluation.curves.front().k);
        md += QStringLiteral("|---|---:|---:|---:|---:|---:|---:|\n");
        for (size_t i = 0; i < evaluation.curves.size(); ++i) {
            const DetectorCurve& c = evaluation.curves[i];
            const model::ThresholdMetrics& m = evaluation.atFlags[i];
            md += QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 | %7 |\n")
                      .arg(c.name, num(c.rocAuc), num(c.averagePrecision), num(c.precisionAtK), num(m.precision),
                           num(m.recall), num(m.f1));
        }
        md += QLatin1Char('\n');
    }

    md += QStringLiteral("## Most anomalous runs\n\n| score | run | repository | workflow | why |\n|---:|---|---|---|---|\n");
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
    const QHash<QString, QString> labels = runLabels(input.labels);
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

    const ReportEvaluation evaluation = evaluate(input);
    auto roc = std::make_unique<EvaluationChart>(EvaluationChart::Kind::Roc);
    auto pr = std::make_unique<EvaluationChart>(EvaluationChart::Kind::PrecisionRecall);
    if (!evaluation.curves.empty()) {
        roc->setCurves(evaluation.curves, QStringLiteral("memory-failure label"));
        pr->setCurves(evaluation.curves, QStringLiteral("memory-failure label"));
        charts << roc.get() << pr.get();
    }
    QStringList labelsUsed;
    for (const QString& l : labels)
        if (!labelsUsed.contains(l))
            labelsUsed << l;
    labelsUsed.sort();
    const QString figuresDir = QDir(outDir).filePath(QStringLiteral("figures"));
    Result<QStringList> files = FigureExporter::exportAll(
        charts, figuresDir, FigureExporter::provenance(input.result, input.workspaceDir, labelsUsed), options);
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
