#include "logpage.h"

#include "explain/failurelinespanel.h"
#include "labeling/labelactions.h"
#include "logview/logview.h"
#include "logview/logviewerwidget.h"
#include "session/workspacesession.h"

#include <QFileInfo>

#include <QMenu>
#include <QVBoxLayout>

namespace runlens::ui {

LogPage::LogPage(session::WorkspaceSession* session, QWidget* parent)
    : QWidget(parent)
    , m_viewer(new LogViewerWidget(this))
    , m_labels(new LabelActions(this))
{
    setObjectName(QStringLiteral("LogPage"));
    m_viewer->setObjectName(QStringLiteral("LogViewer"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_viewer);
    m_viewer->view()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_viewer->view(), &QWidget::customContextMenuRequested, this, &LogPage::showContextMenu);
    m_labels->installShortcuts(m_viewer->view());
    m_labels->storeIn(session);
    connect(m_labels, &LabelActions::failed, this, &LogPage::message);
    connect(session, &session::WorkspaceSession::workspaceChanged, this, [this] { m_labels->setRuns({}); });
}

LogPage::~LogPage() = default;

Status LogPage::openPath(const QString& path)
{
    m_labels->setRuns({},
        tr("'%1' was opened from a file, not from the workspace: labels go to runs, so select the run in the "
           "runs table to label it.")
            .arg(QFileInfo(path).fileName()));
    return m_viewer->openPath(path);
}

void LogPage::showRun(const session::RunRow& row)
{
    m_labels->setRuns({ { row.runId, row.attempt } });
    if (row.logPath.isEmpty()) {
        emit message(tr("Run %1 has no downloaded logs (%2).")
                         .arg(row.runId)
                         .arg(row.archiveState.isEmpty() ? tr("no archive") : row.archiveState));
        return;
    }
    if (Status s = m_viewer->openPath(row.logPath); !s)
        emit message(s.error());
}

void LogPage::showContextMenu(const QPoint& pos)
{
    auto* menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    LogView* view = m_viewer->view();
    menu->addAction(tr("&Copy"), QKeySequence::Copy, view, &LogView::copy);
    if (!m_labels->runs().isEmpty()) {
        menu->addSeparator();
        QMenu* labels = m_labels->createMenu(menu);
        labels->setTitle(tr("&Label This Run"));
        menu->addMenu(labels);
    }
    menu->popup(view->viewport()->mapToGlobal(pos));
}

void LogPage::showLines(const QString& entry, const QList<qint64>& lines)
{
    m_viewer->showLines(entry, lines);
    emit revealRequested();
}

void LogPage::followFailureLines(FailureLinesPanel* panel)
{
    connect(panel, &FailureLinesPanel::ranked, m_viewer, &LogViewerWidget::setFailureLines);
    connect(panel, &FailureLinesPanel::lineRequested, this,
        [this](const QString& entry, qint64 line) { showLines(entry, { line }); });
}

} // namespace runlens::ui
