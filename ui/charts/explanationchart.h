#pragma once

#include "figurechart.h"

#include "features/runfeatures.h"
#include "pipeline/analysisresult.h"

namespace runlens::ui {

// Why one run scored as it did: the signed TreeSHAP contributions of its top features as sorted bars,
// each labelled with a sentence ("Longest silence 612 s, typical 4 s"; typical = median over the
// analysed runs). Units: path length (the model's own: negative = isolated sooner = more unusual) or
// log2 score (contribution / -c(psi): positive = raises the score). Clicking a bar emits
// evidenceRequested() with the feature's evidence lines.
class ExplanationChart : public FigureChart
{
    Q_OBJECT
public:
    enum class Units { PathLength, Log2Score };

    explicit ExplanationChart(QWidget* parent = nullptr);
    ~ExplanationChart() override;

    // `runIndex` indexes result.runs. Top `topK` features by |contribution|.
    void setRun(const pipeline::AnalysisResult& result, int runIndex, int topK = 8);
    void setUnits(Units units);
    Units units() const { return m_units; }

    QString figureName() const override { return QStringLiteral("explanation"); }
    FigureData figureData() const override;

    struct Bar
    {
        QString featureId;
        QString sentence;
        double value = 0; // the run's feature value
        double typical = 0; // median over the analysed runs
        double contribution = 0; // path-length units
        QList<features::LineRef> evidence;
    };
    // Most important first.
    const std::vector<Bar>& bars() const { return m_bars; }
    double shown(const Bar& bar) const; // the contribution in the current units
    QStringList sentences() const;

    // "Longest silence 612 s, typical 4 s".
    static QString sentence(const features::FeatureDefinition& def, double value, double typical);
    static QString formatValue(double value, const QString& unit);

public slots:
    // As if bar `index` (0 = most important) was clicked.
    void activateBar(int index);

signals:
    void evidenceRequested(const QString& entry, const QList<qint64>& lines);

private:
    void rebuild();

    std::vector<Bar> m_bars;
    Units m_units = Units::Log2Score;
    double m_cMaxSamples = 1;
    double m_baseValue = 0;
    double m_pathLength = 0;
    double m_score = 0;
    QString m_runTitle;
};

} // namespace runlens::ui
