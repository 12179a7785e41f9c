#pragma once

#include "pipeline/evaluation.h"
#include "report/detectorcurve.h"

#include <QString>

#include <vector>

namespace runlens::report {

// The evaluation part of a report and of the Evaluation tab: labelled runs only; positive = a
// memory-failure label.
struct ReportEvaluation
{
    QString note; // why there is no table, when there is none
    int labelledRuns = 0;
    int positives = 0;
    int k = 0;
    std::vector<DetectorCurve> curves; // one per detector; empty without both classes
    std::vector<model::ComparisonRow> rows; // the evaluation's comparison table

    // Curves and table rows of every detector of an evaluation.
    static ReportEvaluation of(const pipeline::EvaluationResult& evaluation);
    // The same, or for an evaluation that could not run no table and its error as the note.
    static ReportEvaluation of(const Result<pipeline::EvaluationResult>& evaluation);
};

} // namespace runlens::report
