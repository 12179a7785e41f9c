#include "reportevaluation.h"

namespace runlens::report {

ReportEvaluation ReportEvaluation::of(const Result<pipeline::EvaluationResult>& e)
{
    if (e)
        return of(*e);
    ReportEvaluation evaluation;
    evaluation.note = e.error();
    return evaluation;
}

ReportEvaluation ReportEvaluation::of(const pipeline::EvaluationResult& e)
{
    ReportEvaluation evaluation;
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
            if (const std::optional<model::ThresholdMetrics>& flags = evaluation.rows[d].atFlags) {
                const long long negatives = flags->falsePositives + flags->trueNegatives;
                curve.atFlags
                    = DetectorCurve::OperatingPoint { negatives ? double(flags->falsePositives) / double(negatives) : 0,
                          flags->recall, flags->precision, evaluation.rows[d].interval(model::Metric::Recall),
                          evaluation.rows[d].interval(model::Metric::Precision) };
            }
        }
        evaluation.curves.push_back(std::move(curve));
    }
    return evaluation;
}

} // namespace runlens::report
