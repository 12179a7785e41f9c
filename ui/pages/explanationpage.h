#pragma once

#include "pipeline/analysisresult.h"
#include "session/runrow.h"

#include <QWidget>

#include <memory>

class QLabel;
class QStackedLayout;

namespace runlens::session {
class WorkspaceSession;
}

namespace runlens::ui {

class ExplanationPanel;

// The Explanation tab: why the shown run was flagged, per feature, from the session's analysis.
// Without an analysis it says so and offers Analyze (analyzeRequested()).
class ExplanationPage : public QWidget
{
    Q_OBJECT
public:
    explicit ExplanationPage(session::WorkspaceSession* session, QWidget* parent = nullptr);
    ~ExplanationPage() override;

    ExplanationPanel* panel() const { return m_panel; }
    // True while the "no analysis" placeholder shows.
    bool showsPlaceholder() const;
    // Explains the run when the analysis scored it.
    void showRun(const session::RunRow& row);

signals:
    void analyzeRequested();
    void evidenceRequested(const QString& entry, const QList<qint64>& lines);

private:
    session::WorkspaceSession* m_session = nullptr;
    QStackedLayout* m_stack = nullptr;
    QWidget* m_placeholder = nullptr;
    ExplanationPanel* m_panel = nullptr;
};

} // namespace runlens::ui
