#pragma once

#include "figurechart.h"

#include "report/featureimportance.h"

namespace runlens::ui {

// Global feature importance: draws a report::FeatureImportance, mean |TreeSHAP contribution| and DIFFI
// side by side, each normalised to a share of its total so that the two methods compare on one axis.
class ImportanceChart : public FigureChart
{
    Q_OBJECT
public:
    explicit ImportanceChart(QWidget* parent = nullptr);
    ~ImportanceChart() override;

    void setAnalysis(const pipeline::AnalysisResult& result, int topK = 12);

    QString figureName() const override { return QStringLiteral("importance"); }
    FigureData figureData() const override;

    using Row = report::FeatureImportance::Row;
    const std::vector<Row>& rows() const { return m_importance.rows; } // by mean |contribution|, largest first

private:
    report::FeatureImportance m_importance;
};

} // namespace runlens::ui
