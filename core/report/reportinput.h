#pragma once

#include "common/result.h"
#include "pipeline/analysisresult.h"
#include "pipeline/evaluation.h"
#include "workspace/labelrecord.h"

#include <QList>
#include <QString>

namespace runlens::report {

// What a report is made of: one analysis, the workspace's labels and the evaluation of every detector
// against labels (pipeline::evaluateWorkspaceNow()).
struct ReportInput
{
    QString workspaceDir;
    pipeline::AnalysisResult result;
    QList<workspace::LabelRecord> labels; // used for colouring when the evaluation has no labels
    // The evaluation, or why there is none (no labels, one class only); the report is made either way.
    Result<pipeline::EvaluationResult> evaluation = Error { QStringLiteral("not evaluated") };
    bool reanalyzed = false; // the analysis was trained for this report, not the workspace's stored one
};

} // namespace runlens::report
