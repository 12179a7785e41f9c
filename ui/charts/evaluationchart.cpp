#include "evaluationchart.h"

#include "chartstyle.h"

#include <QChart>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPen>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace runlens::ui {

namespace {

constexpr qsizetype kMarkersPerCurve = 8;

struct DetectorStyle
{
    QColor colour;
    QList<qreal> dashes; // in pen widths; empty: solid
    QScatterSeries::MarkerShape marker;
};

DetectorStyle detectorStyle(size_t i)
{
    static const QList<QList<qreal>> dashes { {}, { 6, 3 }, { 1, 2 }, { 6, 2, 1, 2 }, { 9, 2, 1, 2, 1, 2 } };
    static const QScatterSeries::MarkerShape markers[] = { QScatterSeries::MarkerShapeCircle,
        QScatterSeries::MarkerShapeRectangle, QScatterSeries::MarkerShapeTriangle,
        QScatterSeries::MarkerShapeRotatedRectangle, QScatterSeries::MarkerShapeStar };
    const int n = int(i % 5);
    return { ChartStyle::colour(n == 3 ? 7 : n * 2 % 7), // skip yellow, poor on white
        dashes[n], markers[n] };
}

} // namespace

EvaluationChart::EvaluationChart(Kind kind, QWidget* parent)
    : FigureChart(parent)
    , m_kind(kind)
{
    ChartStyle::apply(chart(), kind == Kind::Roc ? tr("ROC curves") : tr("Precision-recall curves"));
}

EvaluationChart::~EvaluationChart() = default;

QString EvaluationChart::figureName() const
{
    return m_kind == Kind::Roc ? QStringLiteral("roc") : QStringLiteral("precision-recall");
}

void EvaluationChart::setCurves(const std::vector<DetectorCurve>& curves, const QString& positiveClass)
{
    m_curves = curves;
    QChart* c = chart();
    c->removeAllSeries();
    for (QAbstractAxis* axis : c->axes())
        c->removeAxis(axis), delete axis;
    const bool roc = m_kind == Kind::Roc;
    c->setTitle(roc ? tr("ROC curves (positive: %1)").arg(positiveClass)
                    : tr("Precision-recall curves (positive: %1)").arg(positiveClass));
    auto* x = new QValueAxis;
    auto* y = new QValueAxis;
    ChartStyle::titleAxis(x, roc ? tr("False positive rate") : tr("Recall"));
    ChartStyle::titleAxis(y, roc ? tr("True positive rate") : tr("Precision"));
    x->setRange(0, 1);
    y->setRange(0, 1);
    x->setTickCount(6);
    y->setTickCount(6);
    x->setLabelFormat(QStringLiteral("%.1f"));
    y->setLabelFormat(QStringLiteral("%.1f"));
    c->addAxis(x, Qt::AlignBottom);
    c->addAxis(y, Qt::AlignLeft);

    if (roc) { // added first, so drawn beneath every detector
        auto* chance = new QLineSeries;
        chance->setName(tr("chance"));
        chance->append(0, 0);
        chance->append(1, 1);
        QPen pen(ChartStyle::grey());
        pen.setWidthF(1);
        pen.setStyle(Qt::DotLine);
        chance->setPen(pen);
        c->addSeries(chance);
        chance->attachAxis(x);
        chance->attachAxis(y);
    }

    // A series without a legend entry: the line's entry stands for its markers and whiskers.
    auto addUnlisted = [c, x, y](QAbstractSeries* series) {
        c->addSeries(series);
        series->attachAxis(x);
        series->attachAxis(y);
        for (QLegendMarker* marker : c->legend()->markers(series))
            marker->setVisible(false);
    };
    // The detector's own flags: a hollow marker with whiskers for the bootstrap intervals of recall (both
    // charts) and precision (PR chart); the ROC chart's false positive rate has no interval in the table.
    auto addOperatingPoint = [&](const DetectorCurve::OperatingPoint& point, const DetectorStyle& style) {
        const QPointF at
            = roc ? QPointF(point.falsePositiveRate, point.recall) : QPointF(point.recall, point.precision);
        auto whisker = [&](const model::Interval& interval, bool vertical, const QString& objectName) {
            if (!interval.valid())
                return;
            auto* line = new QLineSeries;
            line->setObjectName(objectName);
            line->append(vertical ? QPointF(at.x(), interval.low) : QPointF(interval.low, at.y()));
            line->append(vertical ? QPointF(at.x(), interval.high) : QPointF(interval.high, at.y()));
            QPen pen(style.colour);
            pen.setWidthF(1.5);
            line->setPen(pen);
            addUnlisted(line);
        };
        whisker(point.recallInterval, roc, QStringLiteral("whisker-recall"));
        if (!roc)
            whisker(point.precisionInterval, true, QStringLiteral("whisker-precision"));
        auto* marker = new QScatterSeries;
        marker->setObjectName(QStringLiteral("operating-point"));
        marker->setMarkerShape(style.marker);
        marker->setMarkerSize(12);
        marker->setColor(Qt::white);
        marker->setPen(QPen(style.colour, 2));
        marker->append(at);
        addUnlisted(marker);
    };

    auto number = [](double v) { return std::isnan(v) ? QStringLiteral("n/a") : QString::number(v, 'f', 3); };
    // "0.912 [0.870, 0.951]" with a bootstrap interval, else the value alone.
    auto withInterval = [&number](double v, const model::Interval& i) {
        return i.valid() ? QStringLiteral("%1 [%2, %3]").arg(number(v), number(i.low), number(i.high)) : number(v);
    };
    for (size_t i = 0; i < m_curves.size(); ++i) {
        const DetectorCurve& curve = m_curves[i];
        auto* series = new QLineSeries;
        series->setName(roc
                ? tr("%1 (AUC %2)").arg(curve.name, withInterval(curve.rocAuc, curve.rocAucInterval))
                : tr("%1 (AP %2)")
                      .arg(curve.name, withInterval(curve.averagePrecision, curve.averagePrecisionInterval)));
        if (roc) {
            for (const QPointF& p : curve.roc)
                series->append(p);
        } else {
            for (const QPointF& p : curve.prSteps())
                series->append(p);
        }
        // Curves that coincide stay apart: each detector has its own colour, dash pattern and marker.
        const DetectorStyle style = detectorStyle(i);
        QPen pen(style.colour);
        pen.setWidthF(2);
        pen.setCapStyle(Qt::FlatCap);
        if (style.dashes.isEmpty())
            pen.setStyle(Qt::SolidLine);
        else
            pen.setDashPattern(style.dashes);
        series->setPen(pen);
        c->addSeries(series);
        series->attachAxis(x);
        series->attachAxis(y);
        auto* markers = new QScatterSeries; // a few markers along the curve, on top of the line
        markers->setName(series->name());
        markers->setMarkerShape(style.marker);
        markers->setMarkerSize(9);
        markers->setColor(style.colour);
        markers->setBorderColor(style.colour);
        const QList<QPointF> points = series->points();
        const qsizetype step = std::max<qsizetype>(1, points.size() / kMarkersPerCurve);
        // Staggered per detector, so markers of coinciding curves do not cover each other.
        for (qsizetype j = std::min<qsizetype>(qsizetype(i) * step / 4, points.size() - 1); j < points.size();
             j += step)
            markers->append(points[j]);
        addUnlisted(markers);
        if (curve.atFlags)
            addOperatingPoint(*curve.atFlags, style);
    }
    // At the right: four detectors with their AUC/AP do not fit in one line below the plot. Legend
    // entries show each line's colour and dash pattern.
    c->legend()->setAlignment(Qt::AlignRight);
    c->legend()->setMarkerShape(QLegend::MarkerShapeFromSeries);
}

FigureData EvaluationChart::figureData() const
{
    FigureData data;
    const bool roc = m_kind == Kind::Roc;
    data.header = { QStringLiteral("detector"), roc ? QStringLiteral("fpr") : QStringLiteral("recall"),
        roc ? QStringLiteral("tpr") : QStringLiteral("precision") };
    for (const DetectorCurve& curve : m_curves)
        for (const QPointF& p : roc ? curve.roc : curve.pr)
            data.rows.push_back({ curve.name, QString::number(p.x(), 'g', 10), QString::number(p.y(), 'g', 10) });
    return data;
}

} // namespace runlens::ui
