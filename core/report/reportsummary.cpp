#include "reportsummary.h"

#include "report/explanation.h"
#include "report/rungroups.h"

#include "common/version.h"

#include <QDateTime>
#include <QDir>

#include <algorithm>
#include <cmath>

namespace runlens::report {

QHash<RunKey, QString> ReportSummary::labelsOf(const ReportInput& input)
{
    if (!input.evaluation || input.evaluation->runIds.empty())
        return RunGroups::labelsOf(input.labels);
    const pipeline::EvaluationResult& e = *input.evaluation;
    QHash<RunKey, QString> out;
    for (size_t i = 0; i < e.runIds.size() && i < e.attempts.size(); ++i) {
        const QString category = qsizetype(i) < e.categories.size() ? e.categories.at(qsizetype(i)) : QString();
        out.insert(RunKey { e.runIds[i], e.attempts[i] },
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
                  .arg(input.evaluation->labelSource)
                  .arg(evaluation.positives)
                  .arg(input.evaluation->unlabeled);
        const pipeline::EvaluationResult& e = *input.evaluation;
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
