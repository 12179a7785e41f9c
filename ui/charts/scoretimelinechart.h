#pragma once

#include "figurechart.h"
#include "rungroups.h"

#include <QDateTime>

namespace runlens::ui {

// Anomaly score over time: one point per run at its creation time, coloured by category or label.
// Hovering a point shows the run as a tool tip; clicking it emits runSelected().
class ScoreTimelineChart : public FigureChart
{
    Q_OBJECT
public:
    explicit ScoreTimelineChart(QWidget* parent = nullptr);
    ~ScoreTimelineChart() override;

    void setAnalysis(const pipeline::AnalysisResult& result, const RunGroups& groups);

    QString figureName() const override { return QStringLiteral("score-timeline"); }
    FigureData figureData() const override;

    struct Point
    {
        qint64 runId = 0;
        int attempt = 1;
        QString group;
        QString description; // repository, workflow, run, score
        QDateTime createdAt; // UTC
        double x = 0; // plotted: createdAt's UTC wall-clock time in local msecs (what the axis prints)
        double y = 0; // score
    };
    const std::vector<Point>& points() const { return m_points; }

    // The run nearest to a chart-value position of series `group`, or nullptr.
    const Point* pointAt(const QString& group, const QPointF& value) const;

signals:
    void runSelected(qint64 runId, int attempt);
    void runHovered(const QString& description); // empty when the pointer leaves

private:
    std::vector<Point> m_points;
};

} // namespace runlens::ui
