#include "explanationchart.h"

#include "chartstyle.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QHorizontalStackedBarSeries>
#include <QValueAxis>

#include <cmath>

namespace runlens::ui {

ExplanationChart::ExplanationChart(QWidget* parent)
    : FigureChart(parent)
{
    ChartStyle::apply(chart(), tr("Explanation"));
}

ExplanationChart::~ExplanationChart() = default;

void ExplanationChart::setRun(
    const pipeline::AnalysisResult& result, int runIndex, int topK, const features::FeatureEvidence& evidence)
{
    m_explanation = report::Explanation::of(result, runIndex, topK, evidence);
    rebuild();
}

void ExplanationChart::setUnits(Units units)
{
    if (units == m_units)
        return;
    m_units = units;
    rebuild();
}

double ExplanationChart::shown(const Bar& bar) const
{
    return m_units == Units::PathLength ? bar.contribution : m_explanation.log2Score(bar);
}

void ExplanationChart::rebuild()
{
    QChart* c = chart();
    c->removeAllSeries();
    for (QAbstractAxis* axis : c->axes())
        c->removeAxis(axis), delete axis;
    const bool log2 = m_units == Units::Log2Score;
    const report::Explanation& e = m_explanation;
    c->setTitle(e.isEmpty() ? tr("Explanation")
            : log2
            ? tr("%1: score %2").arg(e.title).arg(e.score, 0, 'f', 3)
            : tr("%1: path length %2 (base %3)").arg(e.title).arg(e.pathLength, 0, 'f', 2).arg(e.baseValue, 0, 'f', 2));

    // Two sets so that the sign has a colour; each category has one non-zero bar.
    auto* raises = new QBarSet(tr("makes the run more unusual"));
    auto* lowers = new QBarSet(tr("makes the run more typical"));
    raises->setColor(ChartStyle::colour(5));
    lowers->setColor(ChartStyle::colour(4));
    raises->setBorderColor(Qt::transparent);
    lowers->setBorderColor(Qt::transparent);
    QStringList categories;
    double extent = 0;
    // Horizontal bar axes grow upwards: add the least important first so the most important is on top.
    for (auto it = e.bars.rbegin(); it != e.bars.rend(); ++it) {
        const double v = shown(*it);
        const bool unusual = log2 ? v > 0 : v < 0;
        *raises << (unusual ? v : 0);
        *lowers << (unusual ? 0 : v);
        categories << it->sentence;
        extent = std::max(extent, std::abs(v));
    }
    auto* series = new QHorizontalStackedBarSeries;
    series->append(raises);
    series->append(lowers);
    series->setBarWidth(0.6);
    c->addSeries(series);
    auto* y = new QBarCategoryAxis;
    y->append(categories);
    ChartStyle::titleAxis(y, tr("Feature (typical = median of all runs)"));
    auto* x = new QValueAxis;
    ChartStyle::titleAxis(x,
        log2 ? tr("Contribution to log2(score) (TreeSHAP)")
             : tr("Contribution to mean path length E(h) (TreeSHAP, edges)"));
    extent = extent > 0 ? extent * 1.1 : 1;
    x->setRange(-extent, extent);
    x->applyNiceNumbers();
    x->setLabelFormat(QStringLiteral("%.2f"));
    c->addAxis(x, Qt::AlignBottom);
    c->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
    c->legend()->setAlignment(Qt::AlignBottom);
    const int count = int(e.bars.size());
    connect(series, &QAbstractBarSeries::clicked, this, [this, count](int index, QBarSet*) {
        activateBar(count - 1 - index); // categories were added in reverse
    });
}

void ExplanationChart::activateBar(int index)
{
    if (index < 0 || size_t(index) >= m_explanation.bars.size())
        return;
    const QList<features::LineRef>& evidence = m_explanation.bars[size_t(index)].evidence;
    if (evidence.isEmpty()) {
        emit evidenceRequested(QString(), {});
        return;
    }
    const QString entry = evidence.first().entry;
    QList<qint64> lines;
    for (const features::LineRef& ref : evidence)
        if (ref.entry == entry)
            lines << ref.line;
    emit evidenceRequested(entry, lines);
}

FigureData ExplanationChart::figureData() const
{
    FigureData data;
    data.header = { QStringLiteral("feature"), QStringLiteral("value"), QStringLiteral("typical"),
        QStringLiteral("contribution_path_length"), QStringLiteral("contribution_log2_score"),
        QStringLiteral("sentence") };
    for (const Bar& bar : m_explanation.bars)
        data.rows.push_back({ bar.featureId, QString::number(bar.value, 'g', 10), QString::number(bar.typical, 'g', 10),
            QString::number(bar.contribution, 'g', 10), QString::number(m_explanation.log2Score(bar), 'g', 10),
            bar.sentence });
    return data;
}

} // namespace runlens::ui
