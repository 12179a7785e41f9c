#pragma once

#include "charts/rungroups.h"

#include <QList>
#include <QWidget>

class QComboBox;
class QPushButton;
class QStackedLayout;

namespace runlens::session {
class WorkspaceSession;
}

namespace runlens::ui {

class FigureChart;
class ImportanceChart;
class ScoreHistogramChart;
class ScoreTimelineChart;

// The Charts tab: score distribution, score over time and feature importance of the session's
// analysis, coloured by memory category or by label (labels follow the session's label changes).
// Without an analysis it says so and offers Analyze (analyzeRequested()).
class ChartsPage : public QWidget
{
    Q_OBJECT
public:
    explicit ChartsPage(session::WorkspaceSession* session, QWidget* parent = nullptr);
    ~ChartsPage() override;

    ScoreHistogramChart* histogram() const { return m_histogram; }
    ScoreTimelineChart* timeline() const { return m_timeline; }
    ImportanceChart* importance() const { return m_importance; }
    QComboBox* groupsBox() const { return m_groups; }
    QPushButton* exportButton() const { return m_export; }
    bool showsPlaceholder() const;
    QList<FigureChart*> charts() const;
    // How the charts colour runs now (and the labels their figures name).
    const RunGroups& runGroups() const { return m_runGroups; }

signals:
    void analyzeRequested();
    void exportRequested();
    void runSelected(qint64 runId, int attempt);

private:
    void updateCharts();

    session::WorkspaceSession* m_session = nullptr;
    QStackedLayout* m_stack = nullptr;
    QWidget* m_placeholder = nullptr;
    QWidget* m_chartsPane = nullptr;
    ScoreHistogramChart* m_histogram = nullptr;
    ScoreTimelineChart* m_timeline = nullptr;
    ImportanceChart* m_importance = nullptr;
    QComboBox* m_groups = nullptr;
    QPushButton* m_export = nullptr;
    RunGroups m_runGroups;
};

} // namespace runlens::ui
