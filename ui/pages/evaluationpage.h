#pragma once

#include <QWidget>

namespace runlens::session {
class WorkspaceSession;
}

namespace runlens::ui {

class EvaluationPanel;

// The Evaluation tab: the session's evaluation of every detector against the labels, refreshed
// after each analysis and label change; Refresh asks the session for a new one.
class EvaluationPage : public QWidget
{
    Q_OBJECT
public:
    explicit EvaluationPage(session::WorkspaceSession* session, QWidget* parent = nullptr);
    ~EvaluationPage() override;

    EvaluationPanel* panel() const { return m_panel; }

private:
    EvaluationPanel* m_panel = nullptr;
};

} // namespace runlens::ui
