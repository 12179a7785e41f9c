#include "explanationpanel.h"

#include <QComboBox>
#include <QFont>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace runlens::ui {

ExplanationPanel::ExplanationPanel(QWidget* parent)
    : QWidget(parent)
    , m_chart(new ExplanationChart(this))
    , m_units(new QComboBox(this))
    , m_summary(new QLabel(this))
    , m_hint(new QLabel(this))
{
    m_summary->setObjectName(QStringLiteral("ExplanationSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bigger = m_summary->font();
    bigger.setPointSizeF(bigger.pointSizeF() * 1.15);
    m_summary->setFont(bigger);
    m_summary->setText(
        tr("No analysis yet: analyze the workspace (Analyze > Analyze...) to see why a run was flagged."));
    m_hint->setObjectName(QStringLiteral("ExplanationHint"));
    m_hint->setText(tr("Click a bar to open the log lines behind it."));
    m_hint->setEnabled(false); // greyed: a hint, not content
    m_hint->hide();
    m_units->addItem(tr("log2 score (positive = more unusual)"), int(ExplanationChart::Units::Log2Score));
    m_units->addItem(tr("path length (negative = isolated sooner)"), int(ExplanationChart::Units::PathLength));
    m_units->setCurrentIndex(m_units->findData(int(m_chart->units())));
    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Contributions in"), this));
    bar->addWidget(m_units);
    bar->addStretch();
    bar->addWidget(m_hint);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addLayout(bar);
    layout->addWidget(m_chart, 1);
    connect(m_units, &QComboBox::currentIndexChanged, this,
        [this] { m_chart->setUnits(ExplanationChart::Units(m_units->currentData().toInt())); });
    connect(m_chart, &ExplanationChart::evidenceRequested, this, &ExplanationPanel::evidenceRequested);
}

ExplanationPanel::~ExplanationPanel() = default;

void ExplanationPanel::setRun(
    const pipeline::AnalysisResult& result, int runIndex, int topK, const features::FeatureEvidence& evidence)
{
    m_chart->setRun(result, runIndex, topK, evidence);
    const report::Explanation& e = m_chart->explanation();
    m_summary->setText(e.isEmpty() ? tr("This run has no explanation in the current analysis.") : e.summary);
    m_hint->setVisible(!e.isEmpty());
    setToolTip(QString()); // the window's "Analyze the workspace first" no longer applies
}

} // namespace runlens::ui
