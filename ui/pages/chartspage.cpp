#include "chartspage.h"

#include "analyzeplaceholder.h"

#include "charts/importancechart.h"
#include "charts/reportbuilder.h"
#include "charts/scorehistogramchart.h"
#include "charts/scoretimelinechart.h"
#include "session/workspacesession.h"
#include "workspace/workspace.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QPushButton>
#include <QStackedLayout>
#include <QTabWidget>
#include <QVBoxLayout>

namespace runlens::ui {

ChartsPage::ChartsPage(session::WorkspaceSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("ChartsPage"));
    m_chartsPane = new QWidget(this);
    m_histogram = new ScoreHistogramChart(m_chartsPane);
    m_timeline = new ScoreTimelineChart(m_chartsPane);
    m_importance = new ImportanceChart(m_chartsPane);
    connect(m_timeline, &ScoreTimelineChart::runSelected, this, &ChartsPage::runSelected);
    m_groups = new QComboBox(m_chartsPane);
    m_groups->setObjectName(QStringLiteral("ChartGroups"));
    m_groups->addItem(tr("Colour by memory category"), int(RunGroups::By::Category));
    m_groups->addItem(tr("Colour by label"), int(RunGroups::By::Label));
    connect(m_groups, &QComboBox::currentIndexChanged, this, &ChartsPage::updateCharts);
    m_export = new QPushButton(tr("Export all figures..."), m_chartsPane);
    connect(m_export, &QPushButton::clicked, this, &ChartsPage::exportRequested);
    // One chart at a time, at the tab's full width: side by side, axis labels and legends did not fit.
    auto* charts = new QTabWidget(m_chartsPane);
    charts->setObjectName(QStringLiteral("ChartTabs"));
    charts->setDocumentMode(true);
    charts->addTab(m_histogram, tr("Score distribution"));
    charts->addTab(m_timeline, tr("Score over time"));
    charts->addTab(m_importance, tr("Feature importance"));
    auto* layout = new QVBoxLayout(m_chartsPane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(charts, 1);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_groups);
    buttons->addStretch(1);
    buttons->addWidget(m_export);
    layout->addLayout(buttons);

    m_placeholder = createAnalyzePlaceholder(
        tr("No analysis yet: analyze the workspace to chart its scores."), this, [this] { emit analyzeRequested(); });
    m_stack = new QStackedLayout(this);
    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(m_chartsPane);

    connect(session, &session::WorkspaceSession::analysisChanged, this,
        [this](const std::shared_ptr<const pipeline::AnalysisResult>& analysis) {
            m_stack->setCurrentWidget(analysis ? m_chartsPane : m_placeholder);
            if (analysis)
                m_importance->setAnalysis(*analysis);
            updateCharts();
        });
    connect(session, &session::WorkspaceSession::labelsChanged, this, &ChartsPage::updateCharts);
}

ChartsPage::~ChartsPage() = default;

bool ChartsPage::showsPlaceholder() const
{
    return m_stack->currentWidget() == m_placeholder;
}

QList<FigureChart*> ChartsPage::charts() const
{
    return { m_histogram, m_timeline, m_importance };
}

void ChartsPage::updateCharts()
{
    const auto analysis = m_session->analysis();
    if (!analysis)
        return;
    m_runGroups = {};
    if (m_groups->currentData().toInt() == int(RunGroups::By::Label) && m_session->workspace()) {
        m_runGroups.by = RunGroups::By::Label;
        if (const auto labels = m_session->workspace()->labels(); labels)
            m_runGroups.labels = ReportBuilder::runLabels(*labels);
    }
    m_histogram->setAnalysis(*analysis, m_runGroups);
    m_timeline->setAnalysis(*analysis, m_runGroups);
}

} // namespace runlens::ui
