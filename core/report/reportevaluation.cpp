#include "reportevaluation.h"

namespace runlens::report {

ReportEvaluation ReportEvaluation::of(const pipeline::EvaluationResult& e)
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

} // namespace runlens::report
