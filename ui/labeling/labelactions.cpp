#include "labelactions.h"

#include "session/workspacesession.h"
#include "workspace/labelio.h"
#include "workspace/workspace.h"

#include <QAction>
#include <QMenu>
#include <QWidget>

namespace runlens::ui {

LabelActions::LabelActions(QObject* parent)
    : QObject(parent)
{
    const QStringList& labels = workspace::LabelIo::knownLabels();
    for (qsizetype i = 0; i < labels.size(); ++i) {
        const QString label = labels.at(i);
        auto* action = new QAction(label, this);
        action->setData(label);
        // 1..9, 0 for the first ten labels, Ctrl+1.. for the rest: every label has a key.
        const int digit = i % 10 == 9 ? Qt::Key_0 : Qt::Key_1 + int(i % 10);
        action->setShortcut(QKeySequence(i < 10 ? digit : int(Qt::CTRL) | digit));
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        action->setEnabled(false);
        connect(action, &QAction::triggered, this, [this, label] {
            if (m_runs.isEmpty() && !m_whyNone.isEmpty())
                emit failed(m_whyNone);
            else if (Status s = apply(label); !s)
                emit failed(s.error());
        });
        m_actions << action;
    }
    m_remove = new QAction(tr("Remove labels"), this);
    m_remove->setShortcut(QKeySequence(Qt::Key_Backspace));
    m_remove->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_remove->setEnabled(false);
    connect(m_remove, &QAction::triggered, this, [this] {
        if (Status s = clearLabels(); !s)
            emit failed(s.error());
    });
}

LabelActions::~LabelActions() = default;

void LabelActions::storeIn(session::WorkspaceSession* session)
{
    connect(
        this, &LabelActions::labelRequested, session, [this, session](const QList<RunKey>& runs, const QString& label) {
            if (Status s = session->setLabel(runs, label); !s)
                emit failed(s.error());
        });
    connect(this, &LabelActions::removeRequested, session, [this, session](const QList<RunKey>& runs) {
        if (Status s = session->removeLabels(runs); !s)
            emit failed(s.error());
    });
}

void LabelActions::setRuns(const QList<RunKey>& runs, const QString& whyNone)
{
    m_runs = runs;
    m_whyNone = runs.isEmpty() ? whyNone : QString();
    for (QAction* action : std::as_const(m_actions))
        action->setEnabled(!runs.isEmpty() || !m_whyNone.isEmpty());
    m_remove->setEnabled(!runs.isEmpty());
}

QAction* LabelActions::actionFor(const QString& label) const
{
    for (QAction* action : m_actions)
        if (action->data().toString() == label)
            return action;
    return nullptr;
}

QMenu* LabelActions::createMenu(QWidget* parent) const
{
    auto* menu = new QMenu(tr("&Label"), parent);
    menu->addActions(m_actions);
    menu->addSeparator();
    menu->addAction(m_remove);
    return menu;
}

void LabelActions::installShortcuts(QWidget* widget) const
{
    widget->addActions(m_actions);
    widget->addAction(m_remove);
}

Status LabelActions::apply(const QString& label)
{
    if (m_runs.isEmpty())
        return {};
    emit labelRequested(m_runs, label);
    if (!m_workspace)
        return {};
    for (const RunKey& run : std::as_const(m_runs)) {
        Result<qint64> id
            = m_workspace->addLabel({ 0, run.runId, run.attempt, label, workspace::LabelSource::User, {} });
        if (!id)
            return Error { QStringLiteral("run %1 attempt %2: %3").arg(run.runId).arg(run.attempt).arg(id.error()) };
    }
    emit labelsChanged();
    return {};
}

Status LabelActions::clearLabels()
{
    if (m_runs.isEmpty())
        return {};
    emit removeRequested(m_runs);
    if (!m_workspace)
        return {};
    for (const RunKey& run : std::as_const(m_runs)) {
        Result<QList<workspace::LabelRecord>> labels = m_workspace->labels(run.runId);
        if (!labels)
            return Error { QStringLiteral("run %1: %2").arg(run.runId).arg(labels.error()) };
        for (const workspace::LabelRecord& label : std::as_const(*labels)) {
            if (label.attempt != run.attempt)
                continue;
            if (Status s = m_workspace->removeLabel(label.id); !s)
                return Error { QStringLiteral("run %1 attempt %2: %3").arg(run.runId).arg(run.attempt).arg(s.error()) };
        }
    }
    emit labelsChanged();
    return {};
}

} // namespace runlens::ui
