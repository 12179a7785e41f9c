#include "importancechart.h"

#include "chartstyle.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QHorizontalBarSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace runlens::ui {

ImportanceChart::ImportanceChart(QWidget* parent)
    : FigureChart(parent)
{
    ChartStyle::apply(chart(), tr("Global feature importance"));
}

ImportanceChart::~ImportanceChart() = default;

void ImportanceChart::setAnalysis(const pipeline::AnalysisResult& result, int topK)
{
    m_importance = report::FeatureImportance::of(result, topK);
    const std::vector<Row>& rows = m_importance.rows;

    QChart* c = chart();
    c->removeAllSeries();
    for (QAbstractAxis* axis : c->axes())
        c->removeAxis(axis), delete axis;
    auto* shap = new QBarSet(tr("mean |TreeSHAP contribution|"));
    auto* diffi = new QBarSet(tr("DIFFI"));
    shap->setColor(ChartStyle::colour(0));
    diffi->setColor(ChartStyle::colour(4));
    shap->setBorderColor(Qt::transparent);
    diffi->setBorderColor(Qt::transparent);
    QStringList names;
    double top = 0;
    for (auto it = rows.rbegin(); it != rows.rend(); ++it) {
        *shap << it->meanAbsShare;
        *diffi << it->diffiShare;
        names << it->name;
        top = std::max({ top, it->meanAbsShare, it->diffiShare });
    }
    auto* series = new QHorizontalBarSeries;
    series->append(shap);
    series->append(diffi);
    c->addSeries(series);
    auto* y = new QBarCategoryAxis;
    y->append(names);
    ChartStyle::titleAxis(y, tr("Feature"));
    auto* x = new QValueAxis;
    ChartStyle::titleAxis(x, tr("Share of total importance (each method sums to 1)"));
    x->setRange(0, top > 0 ? top * 1.1 : 1);
    x->applyNiceNumbers();
    x->setLabelFormat(QStringLiteral("%.2f"));
    c->addAxis(x, Qt::AlignBottom);
    c->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
    c->legend()->setAlignment(Qt::AlignBottom);
}

FigureData ImportanceChart::figureData() const
{
    FigureData data;
    data.header = { QStringLiteral("feature"), QStringLiteral("mean_abs_contribution"), QStringLiteral("diffi"),
        QStringLiteral("mean_abs_share"), QStringLiteral("diffi_share") };
    for (const Row& r : m_importance.rows)
        data.rows.push_back({ r.featureId, QString::number(r.meanAbs, 'g', 10), QString::number(r.diffi, 'g', 10),
            QString::number(r.meanAbsShare, 'g', 10), QString::number(r.diffiShare, 'g', 10) });
    return data;
}

} // namespace runlens::ui
