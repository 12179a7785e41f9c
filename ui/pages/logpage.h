#pragma once

#include "common/result.h"
#include "session/runrow.h"

#include <QWidget>

namespace runlens::ui {

class LabelActions;
class LogViewerWidget;

// The Log tab: the log viewer showing the selected run's archive or a file opened with File > Open
// Log. With label actions set, number keys and the context menu label the run shown.
class LogPage : public QWidget
{
    Q_OBJECT
public:
    explicit LogPage(QWidget* parent = nullptr);
    ~LogPage() override;

    LogViewerWidget* viewer() const { return m_viewer; }
    void setLabelActions(LabelActions* actions);
    // Opens a log file, extracted run folder or run ZIP; the error names the file.
    Status openPath(const QString& path);
    // The run's downloaded archive, or message() saying why there is none.
    void showRun(const session::RunRow& row);

signals:
    void message(const QString& text);

private:
    void showContextMenu(const QPoint& pos);

    LogViewerWidget* m_viewer = nullptr;
    LabelActions* m_labels = nullptr;
};

} // namespace runlens::ui
