#include "scorehistogramchart.h"

#include "chartstyle.h"

#include <QAreaSeries>
#include <QChart>
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

double ScoreHistogramChart::thresholdOf(const pipeline::AnalysisResult& result)
{
    // decision = score_samples - offset = -score - offset < 0  <=>  score > -offset.
    return -result.offset;
}

void ScoreHistogramChart::setAnalysis(const pipeline::AnalysisResult& result, const RunGroups& groups, int bins)
{
    QChart* c = chart();
    c->removeAllSeries();
    for (QAbstractAxis* axis : c->axes())
        c->removeAxis(axis), delete axis;

    bins = std::max(bins, 1);
    m_threshold = thresholdOf(result);
    double lo = m_threshold, hi = m_threshold;
    for (const pipeline::RunAnalysis& run : result.runs) {
        lo = std::min(lo, run.score);
        hi = std::max(hi, run.score);
    }
    // Round the range out to tidy edges.
    lo = std::floor(lo * 20) / 20;
    hi = std::ceil(hi * 20) / 20;
    if (hi <= lo)
        hi = lo + 0.05;
    const double width = (hi - lo) / bins;
    m_edges.assign(size_t(bins) + 1, 0);
    for (int i = 0; i <= bins; ++i)
        m_edges[size_t(i)] = lo + i * width;

    m_groups = groups.groupsOf(result.runs);
    m_counts.assign(size_t(m_groups.size()), std::vector<int>(size_t(bins), 0));
    for (const pipeline::RunAnalysis& run : result.runs) {
        const int bin = std::clamp(int((run.score - lo) / width), 0, bins - 1);
        m_counts[size_t(m_groups.indexOf(groups.groupOf(run)))][size_t(bin)]++;
    }

    auto* x = new QValueAxis;
    auto* y = new QValueAxis;
    ChartStyle::titleAxis(x, tr("Anomaly score (2^(-E(h)/c), higher = more unusual)"));
    ChartStyle::titleAxis(y, tr("Runs (count)"));
    x->setRange(lo, hi);
    x->setLabelFormat(QStringLiteral("%.2f"));
    x->setTickCount(std::min(int(std::lround((hi - lo) / 0.05)) + 1, 15)); // every 0.05: edges are multiples of it
    c->addAxis(x, Qt::AlignBottom);
    c->addAxis(y, Qt::AlignLeft);

    std::vector<int> below(size_t(bins), 0);
    int top = 1;
    for (qsizetype g = 0; g < m_groups.size(); ++g) {
        auto* lower = new QLineSeries;
        auto* upper = new QLineSeries;
        for (int b = 0; b < bins; ++b) {
            const int base = below[size_t(b)];
            const int stacked = base + m_counts[size_t(g)][size_t(b)];
            lower->append(m_edges[size_t(b)], base);
            lower->append(m_edges[size_t(b) + 1], base);
            upper->append(m_edges[size_t(b)], stacked);
            upper->append(m_edges[size_t(b) + 1], stacked);
            below[size_t(b)] = stacked;
            top = std::max(top, stacked);
        }
        auto* area = new QAreaSeries(upper, lower);
        upper->setParent(area);
        lower->setParent(area);
        area->setName(m_groups.at(g));
        const QColor colour = ChartStyle::colourOf(m_groups.at(g), int(g));
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
    line->setName(tr("threshold %1").arg(m_threshold, 0, 'f', 3));
    line->append(m_threshold, 0);
    line->append(m_threshold, y->max());
    QPen pen(Qt::black);
    pen.setWidthF(1.5);
    pen.setStyle(Qt::DashLine);
    line->setPen(pen);
    c->addSeries(line);
    line->attachAxis(x);
    line->attachAxis(y);
    c->legend()->setAlignment(Qt::AlignRight);
}

FigureData ScoreHistogramChart::figureData() const
{
    FigureData data;
    data.header << QStringLiteral("bin_low") << QStringLiteral("bin_high") << m_groups << QStringLiteral("threshold");
    for (size_t b = 0; b + 1 < m_edges.size(); ++b) {
        QStringList row { QString::number(m_edges[b], 'g', 10), QString::number(m_edges[b + 1], 'g', 10) };
        for (const auto& counts : m_counts)
            row << QString::number(counts[b]);
        row << QString::number(m_threshold, 'g', 10);
        data.rows.push_back(row);
    }
    return data;
}

} // namespace runlens::ui
