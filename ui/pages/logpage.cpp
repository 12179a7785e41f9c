#include "logpage.h"

#include "labeling/labelactions.h"
#include "logview/logview.h"
#include "logview/logviewerwidget.h"

#include <QMenu>
#include <QVBoxLayout>

namespace runlens::ui {

LogPage::LogPage(QWidget* parent)
    : QWidget(parent)
    , m_viewer(new LogViewerWidget(this))
{
    setObjectName(QStringLiteral("LogPage"));
    m_viewer->setObjectName(QStringLiteral("LogViewer"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_viewer);
    m_viewer->view()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_viewer->view(), &QWidget::customContextMenuRequested, this, &LogPage::showContextMenu);
}

LogPage::~LogPage() = default;

void LogPage::setLabelActions(LabelActions* actions)
{
    m_labels = actions;
    // The selected run can be labelled from its log too: number keys while the log has focus.
    m_labels->installShortcuts(m_viewer->view());
}

Status LogPage::openPath(const QString& path)
{
    return m_viewer->openPath(path);
}

void LogPage::showRun(const session::RunRow& row)
{
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
    if (m_labels && !m_labels->runs().isEmpty()) {
        menu->addSeparator();
        QMenu* labels = m_labels->createMenu(menu);
        labels->setTitle(tr("&Label This Run"));
        menu->addMenu(labels);
    }
    menu->popup(view->viewport()->mapToGlobal(pos));
}

} // namespace runlens::ui
