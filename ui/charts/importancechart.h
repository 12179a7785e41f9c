#pragma once

#include "figurechart.h"

#include "pipeline/analysisresult.h"

namespace runlens::ui {

// Global feature importance: mean |TreeSHAP contribution| and DIFFI side by side, each normalised to a
// share of its total so that the two methods can be compared on one axis.
class ImportanceChart : public FigureChart
{
    Q_OBJECT
public:
    explicit ImportanceChart(QWidget* parent = nullptr);
    ~ImportanceChart() override;

    void setAnalysis(const pipeline::AnalysisResult& result, int topK = 12);

    QString figureName() const override { return QStringLiteral("importance"); }
    FigureData figureData() const override;

    struct Row
    {
        QString featureId;
        QString name;
        double meanAbs = 0; // path-length units
        double diffi = 0;
        double meanAbsShare = 0;
        double diffiShare = 0;
    };
    const std::vector<Row>& rows() const { return m_rows; } // by mean |contribution|, largest first

private:
    std::vector<Row> m_rows;
};

} // namespace runlens::ui
