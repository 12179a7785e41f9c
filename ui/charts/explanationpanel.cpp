#include "explanationpanel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace runlens::ui {

ExplanationPanel::ExplanationPanel(QWidget* parent)
    : QWidget(parent)
    , m_chart(new ExplanationChart(this))
    , m_units(new QComboBox(this))
{
    m_units->addItem(tr("log2 score (positive = more unusual)"), int(ExplanationChart::Units::Log2Score));
    m_units->addItem(tr("path length (negative = isolated sooner)"), int(ExplanationChart::Units::PathLength));
    m_units->setCurrentIndex(m_units->findData(int(m_chart->units())));
    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Contributions in"), this));
    bar->addWidget(m_units);
    bar->addStretch();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_chart, 1);
    connect(m_units, &QComboBox::currentIndexChanged, this,
        [this] { m_chart->setUnits(ExplanationChart::Units(m_units->currentData().toInt())); });
    connect(m_chart, &ExplanationChart::evidenceRequested, this, &ExplanationPanel::evidenceRequested);
}

ExplanationPanel::~ExplanationPanel() = default;

void ExplanationPanel::setRun(const pipeline::AnalysisResult& result, int runIndex, int topK)
{
    m_chart->setRun(result, runIndex, topK);
}

} // namespace runlens::ui
