#pragma once

#include "detectorcurve.h"
#include "figureexporter.h"
#include "rungroups.h"

#include "pipeline/analysisresult.h"
#include "pipeline/evaluation.h"
#include "workspace/labelrecord.h"

#include <QList>

namespace runlens::ui {

// What a report is made of: one analysis, the workspace's labels and the evaluation of every detector
// against labels (pipeline::evaluateWorkspaceNow()).
struct ReportInput
{
    QString workspaceDir;
    pipeline::AnalysisResult result;
    QList<workspace::LabelRecord> labels; // used for colouring when the evaluation has no labels
    pipeline::EvaluationResult evaluation;
};

// The evaluation part of a report: labelled runs only; positive = a memory-failure label.
struct ReportEvaluation
{
    QString note; // why there is no table, when there is none
    int labelledRuns = 0;
    int positives = 0;
    int k = 0;
    std::vector<DetectorCurve> curves; // one per detector; empty without both classes
    std::vector<model::ComparisonRow> rows; // the evaluation's comparison table
};

// Builds every figure of the GUI from values and writes them, their data, sidecars and summary.md.
// Needs a QApplication (Qt Charts are widgets); works offscreen.
class ReportBuilder
{
public:
    // One label per run: the newest "user" label, else the newest of any source.
    static QHash<RunKey, QString> runLabels(const QList<workspace::LabelRecord>& labels);
    // The labels the evaluation used (run -> label), else runLabels(input.labels).
    static QHash<RunKey, QString> labelsOf(const ReportInput& input);
    // Curves and table rows of every detector of an evaluation (the report's and the GUI's Evaluation tab).
    static ReportEvaluation evaluate(const pipeline::EvaluationResult& evaluation);

    // Writes <out>/figures/* (see FigureExporter::exportAll) and <out>/summary.md; returns the files.
    static Result<QStringList> write(
        const ReportInput& input, const QString& outDir, const FigureOptions& options = {});

    static QString markdown(const ReportInput& input, const ReportEvaluation& evaluation, const QStringList& figures);
};

} // namespace runlens::ui
