#pragma once

#include "figurechart.h"
#include "rungroups.h"

#include "report/scorehistogram.h"

namespace runlens::ui {

// Histogram of anomaly scores, stacked by memory category or label, with the model's threshold
// (score above which a run is flagged) as a dashed vertical line with its own legend entry. Draws a
// report::ScoreHistogram: bins aligned on the threshold, so no bar straddles it.
class ScoreHistogramChart : public FigureChart
{
    Q_OBJECT
public:
    explicit ScoreHistogramChart(QWidget* parent = nullptr);
    ~ScoreHistogramChart() override;

    void setAnalysis(const pipeline::AnalysisResult& result, const RunGroups& groups, int bins = 20);

    QString figureName() const override { return QStringLiteral("score-histogram"); }
    FigureData figureData() const override;

    // What is drawn (report::ScoreHistogram): bin edges, the groups and their counts per bin, the threshold.
    const report::ScoreHistogram& histogram() const { return m_histogram; }
    const std::vector<double>& binEdges() const { return m_histogram.edges; }
    const QStringList& groups() const { return m_histogram.groups; }
    const std::vector<std::vector<int>>& counts() const { return m_histogram.counts; } // [group][bin]
    double threshold() const { return m_histogram.threshold; }

private:
    report::ScoreHistogram m_histogram;
};

} // namespace runlens::ui
