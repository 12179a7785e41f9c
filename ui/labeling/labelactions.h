#pragma once

#include "common/runkey.h"

#include "common/result.h"
#include "common/runkey.h"

#include <QObject>
#include <QStringList>

class QAction;
class QMenu;
class QWidget;

namespace runlens::session {
class WorkspaceSession;
}

namespace runlens::workspace {
class Workspace;
}

namespace runlens::ui {

// Labeling of selected runs for any view: one checkable-free QAction per label of
// LabelIo::knownLabels() (number keys 1..9, 0 for the first ten, Ctrl+1.. for the rest), a "Remove labels" action, and
// a menu holding them. Set the selection with setRuns(); triggering an action emits labelRequested() and, when a
// workspace is set, stores the label (source "user") for every selected run and emits labelsChanged(). Errors are
// reported with failed() naming the run.
class LabelActions : public QObject
{
    Q_OBJECT
public:
    explicit LabelActions(QObject* parent = nullptr);
    ~LabelActions() override;

    // Labels go through `session` (undoable, rows updated in place); errors come back as failed().
    void storeIn(session::WorkspaceSession* session);
    // Not owned; the workspace must be used on this object's thread. nullptr = only emit.
    void setWorkspace(workspace::Workspace* ws) { m_workspace = ws; }
    // The runs the actions label. With none and `whyNone` set, the label keys stay live and say why
    // nothing can be labelled (failed(whyNone)), e.g. in a log opened from a file.
    void setRuns(const QList<RunKey>& runs, const QString& whyNone = {});
    const QList<RunKey>& runs() const { return m_runs; }

    const QList<QAction*>& labelActions() const { return m_actions; }
    QAction* removeAction() const { return m_remove; }
    QAction* actionFor(const QString& label) const;
    // A menu with every action; owned by `parent`.
    QMenu* createMenu(QWidget* parent) const;
    // Adds the actions to `widget` so their shortcuts work while it has focus (e.g. a runs table).
    void installShortcuts(QWidget* widget) const;

    // Labels `runs` now (what the actions do).
    Status apply(const QString& label);
    Status clearLabels();

signals:
    void labelRequested(const QList<runlens::RunKey>& runs, const QString& label);
    void removeRequested(const QList<runlens::RunKey>& runs);
    void labelsChanged();
    void failed(const QString& message);

private:
    workspace::Workspace* m_workspace = nullptr;
    QList<RunKey> m_runs;
    QString m_whyNone;
    QList<QAction*> m_actions;
    QAction* m_remove = nullptr;
};

} // namespace runlens::ui
