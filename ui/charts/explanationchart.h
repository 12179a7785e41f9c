#pragma once

#include "figurechart.h"

#include "report/explanation.h"

namespace runlens::ui {

// Why one run scored as it did: draws a report::Explanation, the signed TreeSHAP contributions of its top
// features as sorted bars, each labelled with its sentence ("Longest silence 10 min 12 s, 153x the
// typical 4 s"; typical = median over the analysed runs). Units: path length (the model's own: negative = isolated
// sooner = more unusual) or log2 score (contribution / -c(psi): positive = raises the score). Clicking a bar emits
// evidenceRequested() with the feature's evidence lines.
class ExplanationChart : public FigureChart
{
    Q_OBJECT
public:
    enum class Units { PathLength, Log2Score };

    explicit ExplanationChart(QWidget* parent = nullptr);
    ~ExplanationChart() override;

    // `runIndex` indexes result.runs. Top `topK` features by |contribution|; a click on a bar asks for its
    // lines in `evidence` (the run's, read from the workspace).
    void setRun(const pipeline::AnalysisResult& result, int runIndex, int topK = 8,
        const features::FeatureEvidence& evidence = {});
    void setUnits(Units units);
    Units units() const { return m_units; }

    QString figureName() const override { return QStringLiteral("explanation"); }
    FigureData figureData() const override;

    using Bar = report::Explanation::Bar;
    const report::Explanation& explanation() const { return m_explanation; }
    // Most important first.
    const std::vector<Bar>& bars() const { return m_explanation.bars; }
    double shown(const Bar& bar) const; // the contribution in the current units
    QStringList sentences() const { return m_explanation.sentences(); }

public slots:
    // As if bar `index` (0 = most important) was clicked.
    void activateBar(int index);

signals:
    void evidenceRequested(const QString& entry, const QList<qint64>& lines);

private:
    void rebuild();

    report::Explanation m_explanation;
    Units m_units = Units::Log2Score;
};

} // namespace runlens::ui
