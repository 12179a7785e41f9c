#pragma once

#include "detectorcurve.h"
#include "figureexporter.h"
#include "rungroups.h"

#include "pipeline/analysisresult.h"
#include "workspace/labelrecord.h"

#include <QList>

namespace runlens::ui {

// What a report is made of: one analysis and the workspace's labels.
struct ReportInput {
    QString workspaceDir;
    pipeline::AnalysisResult result;
    QList<workspace::LabelRecord> labels;
    int precisionK = 10;
};

// The evaluation part of a report: labelled runs only; positive = a memory-failure label.
struct ReportEvaluation {
    int labelledRuns = 0;
    int positives = 0;
    std::vector<DetectorCurve> curves; // empty without both classes among the labelled runs
    std::vector<model::ThresholdMetrics> atFlags; // per curve: the detector's own flags
};

// Builds every figure of the GUI from values and writes them, their data, sidecars and summary.md.
// Needs a QApplication (Qt Charts are widgets); works offscreen.
class ReportBuilder {
public:
    // One label per run: the newest "user" label, else the newest of any source.
    static QHash<QString, QString> runLabels(const QList<workspace::LabelRecord>& labels);
    // Labels that count as positives: the taxonomy's memory categories and the seed's "memory".
    static bool isMemoryLabel(const QString& label);
    // Isolation Forest (score) and taxonomy rules (memory hits in the features) on the labelled runs.
    static ReportEvaluation evaluate(const ReportInput& input);

    // Writes <out>/figures/* (see FigureExporter::exportAll) and <out>/summary.md; returns the files.
    static Result<QStringList> write(const ReportInput& input, const QString& outDir, const FigureOptions& options = {});

    static QString markdown(const ReportInput& input, const ReportEvaluation& evaluation, const QStringList& figures);
};

} // namespace runlens::ui
