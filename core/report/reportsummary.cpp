#include "reportsummary.h"

#include "report/explanation.h"
#include "report/rungroups.h"

#include "common/version.h"

#include <QDateTime>
#include <QDir>

#include <algorithm>
#include <cmath>

namespace runlens::report {

QHash<QString, QString> ReportSummary::labelsOf(const ReportInput& input)
{
    const pipeline::EvaluationResult& e = input.evaluation;
    if (!e.error.isEmpty() || e.runIds.empty())
        return RunGroups::labelsOf(input.labels);
    QHash<QString, QString> out;
    for (size_t i = 0; i < e.runIds.size() && i < e.attempts.size(); ++i) {
        const QString category = qsizetype(i) < e.categories.size() ? e.categories.at(qsizetype(i)) : QString();
        out.insert(RunGroups::key(e.runIds[i], e.attempts[i]),
            category.isEmpty() ? (e.labels[i] ? QStringLiteral("memory") : QStringLiteral("normal")) : category);
    }
    return out;
}

QString ReportSummary::markdown(
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
              .arg(r.threshold(), 0, 'f', 3);
    md += QStringLiteral("- Model: Isolation Forest, %1 trees, seed %2, %3 features (%4)\n\n")
              .arg(r.options.forest.trees)
              .arg(r.options.forest.seed)
              .arg(r.featureIds.size())
              .arg(input.reanalyzed ? QStringLiteral("trained for this report")
                                    : QStringLiteral("the workspace's stored analysis, model %1").arg(r.modelId));

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

    md += QStringLiteral("## Most anomalous runs\n\n| score | run | repository | workflow | category | why |\n"
                         "|---:|---|---|---|---|---|\n");
    for (int i = 0; i < int(std::min<size_t>(10, r.runs.size())); ++i) {
        const pipeline::RunAnalysis& run = r.runs[size_t(i)];
        const Explanation explanation = Explanation::of(r, i, 3);
        md += QStringLiteral("| %1 | %2-%3 | %4 | %5 | %6 | %7 |\n")
                  .arg(num(run.score))
                  .arg(run.runId)
                  .arg(run.attempt)
                  .arg(run.repository, run.workflow, RunGroups::categoryOf(run),
                      explanation.sentences().join(QStringLiteral("; ")));
    }
    md += QStringLiteral("\n## Figures\n\n");
    for (const QString& f : figures)
        md += QStringLiteral("- [%1](figures/%1)\n").arg(f);
    return md;
}

} // namespace runlens::report
