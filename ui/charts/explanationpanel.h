#pragma once

#include "explanationchart.h"

#include <QWidget>

class QComboBox;
class QLabel;

namespace runlens::ui {

// One run's explanation as the GUI shows it: the plain-language summary of report::Explanation first,
// a hint that the bars open their log lines, a units toggle (log2 score / path length), then the
// ExplanationChart. Forwards the chart's evidenceRequested(). Until a run is shown it says that the
// workspace needs an analysis; once one is, its "Analyze first" tooltip goes.
class ExplanationPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ExplanationPanel(QWidget* parent = nullptr);
    ~ExplanationPanel() override;

    // See ExplanationChart::setRun().
    void setRun(const pipeline::AnalysisResult& result, int runIndex, int topK = 8,
        const features::FeatureEvidence& evidence = {});
    ExplanationChart* chart() const { return m_chart; }
    QComboBox* unitsBox() const { return m_units; }
    QLabel* summaryLabel() const { return m_summary; }
    QLabel* hintLabel() const { return m_hint; }

signals:
    void evidenceRequested(const QString& entry, const QList<qint64>& lines);

private:
    ExplanationChart* m_chart = nullptr;
    QComboBox* m_units = nullptr;
    QLabel* m_summary = nullptr;
    QLabel* m_hint = nullptr;
};

} // namespace runlens::ui
