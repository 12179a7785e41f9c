#include "scorehistogramchart.h"

#include "chartstyle.h"

#include <QAreaSeries>
#include <QChart>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPen>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace runlens::ui {

ScoreHistogramChart::ScoreHistogramChart(QWidget* parent)
    : FigureChart(parent)
{
    ChartStyle::apply(chart(), tr("Anomaly score distribution"));
}

ScoreHistogramChart::~ScoreHistogramChart() = default;

void ScoreHistogramChart::setAnalysis(const pipeline::AnalysisResult& result, const RunGroups& groups, int bins)
{
    QChart* c = chart();
    c->removeAllSeries();
    for (QAbstractAxis* axis : c->axes())
        c->removeAxis(axis), delete axis;

    m_histogram = report::ScoreHistogram::compute(result, groups, bins);
    const std::vector<double>& edges = m_histogram.edges;
    const double lo = edges.front(), hi = edges.back();
    bins = m_histogram.bins();

    auto* x = new QValueAxis;
    auto* y = new QValueAxis;
    ChartStyle::titleAxis(x, tr("Anomaly score (2^(-E(h)/c), higher = more unusual)"));
    ChartStyle::titleAxis(y, tr("Runs (count)"));
    x->setRange(lo, hi);
    x->setLabelFormat(QStringLiteral("%.3f"));
    // Ticks on bin edges, anchored at the threshold; at most about a dozen labels.
    x->setTickType(QValueAxis::TicksDynamic);
    x->setTickAnchor(m_histogram.threshold);
    x->setTickInterval(m_histogram.width * std::max(1, (bins + 11) / 12));
    c->addAxis(x, Qt::AlignBottom);
    c->addAxis(y, Qt::AlignLeft);

    std::vector<int> below(size_t(bins), 0);
    int top = 1;
    const QStringList& names = m_histogram.groups;
    for (qsizetype g = 0; g < names.size(); ++g) {
        auto* lower = new QLineSeries;
        auto* upper = new QLineSeries;
        for (int b = 0; b < bins; ++b) {
            const int base = below[size_t(b)];
            const int stacked = base + m_histogram.counts[size_t(g)][size_t(b)];
            lower->append(edges[size_t(b)], base);
            lower->append(edges[size_t(b) + 1], base);
            upper->append(edges[size_t(b)], stacked);
            upper->append(edges[size_t(b) + 1], stacked);
            below[size_t(b)] = stacked;
            top = std::max(top, stacked);
        }
        auto* area = new QAreaSeries(upper, lower);
        upper->setParent(area);
        lower->setParent(area);
        area->setName(names.at(g));
        const QColor colour = ChartStyle::colourOf(names.at(g), int(g));
        area->setColor(colour);
        area->setBorderColor(colour.darker(130));
        c->addSeries(area);
        area->attachAxis(x);
        area->attachAxis(y);
    }
    y->setRange(0, top * 1.1);
    y->setLabelFormat(QStringLiteral("%d"));
    y->applyNiceNumbers();

    auto* line = new QLineSeries;
    line->setName(tr("flag threshold %1 (flagged: above)").arg(m_histogram.threshold, 0, 'f', 3));
    line->append(m_histogram.threshold, 0);
    line->append(m_histogram.threshold, y->max());
    QPen pen(Qt::black);
    pen.setWidthF(1.5);
    pen.setStyle(Qt::DashLine);
    line->setPen(pen);
    c->addSeries(line);
    line->attachAxis(x);
    line->attachAxis(y);
    // Its own mark in the legend: a dashed segment, not a filled box like the groups'.
    for (QLegendMarker* marker : c->legend()->markers(line))
        marker->setShape(QLegend::MarkerShapeFromSeries);
    c->legend()->setAlignment(Qt::AlignRight);
}

FigureData ScoreHistogramChart::figureData() const
{
    const report::ScoreHistogram& h = m_histogram;
    FigureData data;
    data.header << QStringLiteral("bin_low") << QStringLiteral("bin_high") << h.groups << QStringLiteral("threshold");
    for (size_t b = 0; b + 1 < h.edges.size(); ++b) {
        QStringList row { QString::number(h.edges[b], 'g', 10), QString::number(h.edges[b + 1], 'g', 10) };
        for (const auto& counts : h.counts)
            row << QString::number(counts[b]);
        row << QString::number(h.threshold, 'g', 10);
        data.rows.push_back(row);
    }
    return data;
}

} // namespace runlens::ui
