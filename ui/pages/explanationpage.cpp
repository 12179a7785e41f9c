#include "explanationpage.h"

#include "analyzeplaceholder.h"

#include "charts/explanationpanel.h"
#include "session/workspacesession.h"

#include <QStackedLayout>

namespace runlens::ui {

namespace {
constexpr int kTopFeatures = 8; // bars of the explanation chart
}

ExplanationPage::ExplanationPage(session::WorkspaceSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("ExplanationPage"));
    m_panel = new ExplanationPanel(this);
    m_panel->setObjectName(QStringLiteral("ExplanationPanel"));
    connect(m_panel, &ExplanationPanel::evidenceRequested, this, &ExplanationPage::evidenceRequested);
    m_placeholder = createAnalyzePlaceholder(tr("No analysis yet: analyze the workspace to see why a run was flagged."),
        this, [this] { emit analyzeRequested(); });
    m_stack = new QStackedLayout(this);
    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(m_panel);
    connect(session, &session::WorkspaceSession::analysisChanged, this,
        [this](const std::shared_ptr<const pipeline::AnalysisResult>& analysis) {
            m_stack->setCurrentWidget(analysis ? static_cast<QWidget*>(m_panel) : m_placeholder);
        });
}

ExplanationPage::~ExplanationPage() = default;

bool ExplanationPage::showsPlaceholder() const
{
    return m_stack->currentWidget() == m_placeholder;
}

void ExplanationPage::showRun(const session::RunRow& row)
{
    const auto analysis = m_session->analysis();
    if (!analysis)
        return;
    for (size_t i = 0; i < analysis->runs.size(); ++i) {
        if (analysis->runs[i].runId == row.runId && analysis->runs[i].attempt == row.attempt) {
            // The evidence lines are read from the workspace for this run only; without them the bars
            // still explain, they just open no lines.
            const Result<features::FeatureEvidence> evidence = m_session->evidenceOf(analysis->runs[i].key());
            m_panel->setRun(*analysis, int(i), kTopFeatures, evidence ? *evidence : features::FeatureEvidence {});
            return;
        }
    }
}

} // namespace runlens::ui
