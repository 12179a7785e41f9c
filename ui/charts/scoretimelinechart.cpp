#include "scoretimelinechart.h"

#include "chartstyle.h"

#include <QChart>
#include <QDateTimeAxis>
#include <QScatterSeries>
#include <QToolTip>
#include <QValueAxis>

#include <limits>

namespace runlens::ui {

ScoreTimelineChart::ScoreTimelineChart(QWidget* parent)
    : FigureChart(parent)
{
    ChartStyle::apply(chart(), tr("Anomaly score over time"));
}

ScoreTimelineChart::~ScoreTimelineChart() = default;

void ScoreTimelineChart::setAnalysis(const pipeline::AnalysisResult& result, const RunGroups& groups)
{
    QChart* c = chart();
    c->removeAllSeries();
    for (QAbstractAxis* axis : c->axes())
        c->removeAxis(axis), delete axis;
    m_points.clear();

    double minX = std::numeric_limits<double>::max(), maxX = std::numeric_limits<double>::lowest();
    double maxY = 0;
    for (const pipeline::RunAnalysis& run : result.runs) {
        if (!run.createdAt.isValid())
            continue;
        Point p;
        p.runId = run.runId;
        p.attempt = run.attempt;
        p.group = groups.groupOf(run);
        p.createdAt = run.createdAt.toUTC();
        // QDateTimeAxis prints local time: plot the UTC wall-clock time as if it were local.
        p.x = double(QDateTime(p.createdAt.date(), p.createdAt.time(), Qt::LocalTime).toMSecsSinceEpoch());
        p.y = run.score;
        p.description = tr("%1 · %2 · run %3 (attempt %4) · %5 · score %6")
                            .arg(run.repository, run.workflow)
                            .arg(run.runId)
                            .arg(run.attempt)
                            .arg(p.group)
                            .arg(run.score, 0, 'f', 3);
        minX = std::min(minX, p.x);
        maxX = std::max(maxX, p.x);
        maxY = std::max(maxY, p.y);
        m_points.push_back(p);
    }

    auto* x = new QDateTimeAxis;
    auto* y = new QValueAxis;
    x->setFormat(QStringLiteral("yyyy-MM-dd"));
    ChartStyle::titleAxis(x, tr("Run created (UTC)"));
    ChartStyle::titleAxis(y, tr("Anomaly score"));
    if (!m_points.empty()) {
        const double pad = std::max((maxX - minX) * 0.02, 3600e3);
        x->setRange(
            QDateTime::fromMSecsSinceEpoch(qint64(minX - pad)), QDateTime::fromMSecsSinceEpoch(qint64(maxX + pad)));
    }
    y->setRange(0.3, std::max(0.8, maxY + 0.05));
    y->applyNiceNumbers();
    y->setLabelFormat(QStringLiteral("%.2f"));
    c->addAxis(x, Qt::AlignBottom);
    c->addAxis(y, Qt::AlignLeft);

    const QStringList names = groups.groupsOf(result.runs);
    for (qsizetype g = 0; g < names.size(); ++g) {
        auto* series = new QScatterSeries;
        series->setName(names.at(g));
        series->setMarkerSize(7);
        series->setColor(ChartStyle::colourOf(names.at(g), int(g)));
        series->setBorderColor(Qt::transparent);
        for (const Point& p : m_points)
            if (p.group == names.at(g))
                series->append(p.x, p.y);
        c->addSeries(series);
        series->attachAxis(x);
        series->attachAxis(y);
        const QString group = names.at(g);
        connect(series, &QScatterSeries::clicked, this, [this, group](const QPointF& value) {
            if (const Point* p = pointAt(group, value))
                emit runSelected(p->runId, p->attempt);
        });
        connect(series, &QScatterSeries::hovered, this, [this, group](const QPointF& value, bool state) {
            const Point* p = state ? pointAt(group, value) : nullptr;
            const QString text = p ? p->description : QString();
            if (isVisible()) {
                if (text.isEmpty())
                    QToolTip::hideText();
                else
                    QToolTip::showText(QCursor::pos(), text, this);
            }
            emit runHovered(text);
        });
    }
    c->legend()->setAlignment(Qt::AlignRight);
}

const ScoreTimelineChart::Point* ScoreTimelineChart::pointAt(const QString& group, const QPointF& value) const
{
    const Point* best = nullptr;
    double bestDistance = std::numeric_limits<double>::max();
    // Distances in plot pixels, so that milliseconds and scores weigh alike.
    const QPointF target
        = chart()->series().isEmpty() ? value : chart()->mapToPosition(value, chart()->series().first());
    for (const Point& p : m_points) {
        if (p.group != group)
            continue;
        const QPointF at = chart()->series().isEmpty()
            ? QPointF(p.x, p.y)
            : chart()->mapToPosition(QPointF(p.x, p.y), chart()->series().first());
        const double d = QLineF(at, target).length();
        if (d < bestDistance) {
            bestDistance = d;
            best = &p;
        }
    }
    return best;
}

FigureData ScoreTimelineChart::figureData() const
{
    FigureData data;
    data.header = { QStringLiteral("run_id"), QStringLiteral("attempt"), QStringLiteral("created_at"),
        QStringLiteral("score"), QStringLiteral("group") };
    for (const Point& p : m_points)
        data.rows.push_back({ QString::number(p.runId), QString::number(p.attempt), p.createdAt.toString(Qt::ISODate),
            QString::number(p.y, 'g', 10), p.group });
    return data;
}

} // namespace runlens::ui
