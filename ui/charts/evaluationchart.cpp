#include "evaluationchart.h"

#include "chartstyle.h"

#include <QChart>
#include <QLineSeries>
#include <QPen>
#include <QValueAxis>

#include <cmath>

namespace runlens::ui {

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
        QPen pen(ChartStyle::colour(int(i) == 3 ? 7 : int(i) * 2 % 7)); // skip yellow, poor on white
        pen.setWidthF(2);
        pen.setCapStyle(Qt::FlatCap);
        pen.setStyle(i % 3 == 1 ? Qt::DashLine : i % 3 == 2 ? Qt::DotLine : Qt::SolidLine);
        series->setPen(pen);
        c->addSeries(series);
        series->attachAxis(x);
        series->attachAxis(y);
    }
    if (roc) {
        auto* chance = new QLineSeries;
        chance->setName(tr("chance"));
        chance->append(0, 0);
        chance->append(1, 1);
        QPen pen(ChartStyle::grey());
        pen.setStyle(Qt::DotLine);
        chance->setPen(pen);
        c->addSeries(chance);
        chance->attachAxis(x);
        chance->attachAxis(y);
    }
    // At the right: four detectors with their AUC/AP do not fit in one line below the plot.
    c->legend()->setAlignment(Qt::AlignRight);
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
