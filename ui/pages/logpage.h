#pragma once

#include "common/result.h"
#include "session/runrow.h"

#include <QWidget>

namespace runlens::session {
class WorkspaceSession;
}

namespace runlens::ui {

class FailureLinesPanel;
class LabelActions;
class LogViewerWidget;

// The Log tab: the log viewer showing the selected run's archive or a file opened with File > Open
// Log. Number keys and the context menu label exactly the workspace run whose log is shown (through the
// session); in a log opened from a file they label nothing and message() says why.
class LogPage : public QWidget
{
    Q_OBJECT
public:
    explicit LogPage(session::WorkspaceSession* session, QWidget* parent = nullptr);
    ~LogPage() override;

    LogViewerWidget* viewer() const { return m_viewer; }
    LabelActions* labelActions() const { return m_labels; }
    // Opens a log file, extracted run folder or run ZIP; the error names the file.
    Status openPath(const QString& path);
    // The run's downloaded archive, or message() saying why there is none.
    void showRun(const session::RunRow& row);
    // Shows `lines` of `entry` (evidence, a failure line) and asks to be brought forward.
    void showLines(const QString& entry, const QList<qint64>& lines);
    // Follows a "Why it failed" panel: the log opens at its top line, a click shows that line.
    void followFailureLines(FailureLinesPanel* panel);

signals:
    void message(const QString& text);
    void revealRequested();

private:
    void showContextMenu(const QPoint& pos);

    LogViewerWidget* m_viewer = nullptr;
    LabelActions* m_labels = nullptr;
};

} // namespace runlens::ui
