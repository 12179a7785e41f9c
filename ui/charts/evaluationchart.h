#pragma once

#include "detectorcurve.h"
#include "figurechart.h"

namespace runlens::ui {

// ROC or precision-recall curves of each detector, with ROC AUC / average precision in the legend.
class EvaluationChart : public FigureChart
{
    Q_OBJECT
public:
    enum class Kind { Roc, PrecisionRecall };

    explicit EvaluationChart(Kind kind, QWidget* parent = nullptr);
    ~EvaluationChart() override;

    void setCurves(const std::vector<DetectorCurve>& curves, const QString& positiveClass);
    const std::vector<DetectorCurve>& curves() const { return m_curves; }
    Kind kind() const { return m_kind; }

    QString figureName() const override;
    FigureData figureData() const override;

private:
    Kind m_kind;
    std::vector<DetectorCurve> m_curves;
};

} // namespace runlens::ui
