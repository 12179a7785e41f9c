#pragma once

#include "figurechart.h"
#include "rungroups.h"

namespace runlens::ui {

// Histogram of anomaly scores, stacked by memory category or label, with the model's threshold
// (score above which a run is flagged) as a vertical line.
class ScoreHistogramChart : public FigureChart
{
    Q_OBJECT
public:
    explicit ScoreHistogramChart(QWidget* parent = nullptr);
    ~ScoreHistogramChart() override;

    void setAnalysis(const pipeline::AnalysisResult& result, const RunGroups& groups, int bins = 20);

    QString figureName() const override { return QStringLiteral("score-histogram"); }
    FigureData figureData() const override;

    // What is drawn: bin edges (bins + 1), the groups and their counts per bin, the threshold.
    const std::vector<double>& binEdges() const { return m_edges; }
    const QStringList& groups() const { return m_groups; }
    const std::vector<std::vector<int>>& counts() const { return m_counts; } // [group][bin]
    double threshold() const { return m_threshold; }

    // Score above which scikit-learn's decision_function is negative (the run is flagged).
    static double thresholdOf(const pipeline::AnalysisResult& result);

private:
    std::vector<double> m_edges;
    QStringList m_groups;
    std::vector<std::vector<int>> m_counts;
    double m_threshold = 0;
};

} // namespace runlens::ui
