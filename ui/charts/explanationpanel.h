#pragma once

#include "explanationchart.h"

#include <QWidget>

class QComboBox;

namespace runlens::ui {

// One run's explanation as the GUI shows it: a units toggle (log2 score / path length) above the
// ExplanationChart. Forwards the chart's evidenceRequested().
class ExplanationPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ExplanationPanel(QWidget* parent = nullptr);
    ~ExplanationPanel() override;

    void setRun(const pipeline::AnalysisResult& result, int runIndex, int topK = 8);
    ExplanationChart* chart() const { return m_chart; }
    QComboBox* unitsBox() const { return m_units; }

signals:
    void evidenceRequested(const QString& entry, const QList<qint64>& lines);

private:
    ExplanationChart* m_chart = nullptr;
    QComboBox* m_units = nullptr;
};

} // namespace runlens::ui
