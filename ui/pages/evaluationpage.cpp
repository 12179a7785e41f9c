#include "evaluationpage.h"

#include "charts/evaluationpanel.h"
#include "session/workspacesession.h"

#include <QVBoxLayout>

namespace runlens::ui {

EvaluationPage::EvaluationPage(session::WorkspaceSession* session, QWidget* parent)
    : QWidget(parent)
    , m_panel(new EvaluationPanel(this))
{
    setObjectName(QStringLiteral("EvaluationPage"));
    m_panel->setObjectName(QStringLiteral("EvaluationPanel"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_panel);
    connect(m_panel, &EvaluationPanel::refreshRequested, session, &session::WorkspaceSession::evaluate);
    connect(session, &session::WorkspaceSession::workspaceChanged, this,
        [this] { m_panel->clear(tr("Analyze the workspace and label some runs to compare the detectors.")); });
    connect(session, &session::WorkspaceSession::evaluationStarted, this,
        [this] { m_panel->setNote(tr("Evaluating the detectors against the labels...")); });
    connect(session, &session::WorkspaceSession::evaluationReady, m_panel, &EvaluationPanel::setEvaluation);
    connect(session, &session::WorkspaceSession::evaluationFailed, this,
        [this](const QString& message) { m_panel->clear(tr("No evaluation: %1.").arg(message)); });
}

EvaluationPage::~EvaluationPage() = default;

} // namespace runlens::ui
