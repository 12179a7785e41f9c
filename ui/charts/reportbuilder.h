#pragma once

#include "figureexporter.h"

#include "report/reportevaluation.h"
#include "report/reportinput.h"
#include "workspace/labelrecord.h"

#include <QHash>
#include <QList>

namespace runlens::ui {

// The report's values are computed in the core (report/); these names keep the UI's spelling.
using report::ReportEvaluation;
using report::ReportInput;

// Draws every figure of the GUI from a report::ReportInput and writes them, their data, sidecars and the
// core's summary.md. Needs a QApplication (Qt Charts are widgets); works offscreen.
class ReportBuilder
{
public:
    // One label per run (workspace::LabelPrecedence), keyed by run.
    static QHash<RunKey, QString> runLabels(const QList<workspace::LabelRecord>& labels);
    // Curves and table rows of every detector of an evaluation (report::ReportEvaluation::of()).
    static ReportEvaluation evaluate(const pipeline::EvaluationResult& evaluation);

    // Writes <out>/figures/* (see FigureExporter::exportAll) and <out>/summary.md; returns the files.
    static Result<QStringList> write(
        const ReportInput& input, const QString& outDir, const FigureOptions& options = {});
};

} // namespace runlens::ui
