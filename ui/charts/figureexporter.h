#pragma once

#include "common/result.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace runlens::pipeline {
struct AnalysisResult;
}

namespace runlens::ui {

class FigureChart;

// Size of an exported figure: pixels of the PNG (and the page of the PDF at `dpi`).
struct FigureOptions
{
    int widthPx = 2100; // 7 in at 300 dpi: a full text width
    int heightPx = 1350;
    int dpi = 300;
};

// Writes charts as publication figures: PNG (raster at the chosen size and DPI), SVG (QSvgGenerator,
// text kept as text) and PDF (QPdfWriter, vector). The format comes from the suffix. The chart is laid
// out at widthPx x heightPx / (dpi / 96) logical pixels and scaled, so fonts keep their printed size.
class FigureExporter
{
public:
    static QStringList formats() { return { QStringLiteral("png"), QStringLiteral("svg"), QStringLiteral("pdf") }; }

    // Errors name the path ("figure 'x.png': cannot write: ...", "... unknown format 'bmp'").
    static Status exportFigure(FigureChart& chart, const QString& path, const FigureOptions& options = {});
    // One PDF, one page per chart.
    static Status exportPdfBook(
        const QList<FigureChart*>& charts, const QString& path, const FigureOptions& options = {});

    // Every chart to `dir` as <name>.png, .svg, .pdf, its data as <name>.csv and a JSON sidecar <name>.json
    // (`provenance` plus the figure's name, title and files), and all of them in figures.pdf.
    // Returns the files written.
    static Result<QStringList> exportAll(const QList<FigureChart*>& charts, const QString& dir,
        const QJsonObject& provenance, const FigureOptions& options = {});

    // Workspace, model parameters, seed, features, labels used, RunLens version, date.
    static QJsonObject provenance(
        const pipeline::AnalysisResult& result, const QString& workspaceDir, const QStringList& labelsUsed);
};

} // namespace runlens::ui
