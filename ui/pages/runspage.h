#pragma once

#include "session/runrow.h"

#include <QList>
#include <QWidget>

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
class QTableView;

namespace runlens::session {
class WorkspaceSession;
}

namespace runlens::ui {

class LabelActions;
class RunActions;
class RunsFilterModel;
class RunsTableModel;

// The runs table with its filter bar and the sample-data banner. Follows the session: rows as they
// load (an open shows the first screen at once and adds the rest in batches, sorted in), scores when an analysis
// arrives (sorted by score, the most anomalous run selected). The selection drives the run and label actions;
// currentRunChanged() names the one run whose log and explanation the other pages show.
class RunsPage : public QWidget
{
    Q_OBJECT
public:
    explicit RunsPage(session::WorkspaceSession* session, QWidget* parent = nullptr);
    ~RunsPage() override;

    QTableView* view() const { return m_view; }
    RunsTableModel* model() const { return m_model; }
    RunsFilterModel* proxy() const { return m_proxy; }
    RunActions* runActions() const { return m_runActions; }
    LabelActions* labelActions() const { return m_labelActions; }
    // Edit > Undo Label (Ctrl+Z): the session's last label change taken back.
    QAction* undoLabelAction() const { return m_undoLabel; }
    QLineEdit* filterEdit() const { return m_filterEdit; }
    QCheckBox* flaggedOnlyBox() const { return m_flaggedOnly; }
    QLabel* banner() const { return m_banner; }
    // Shown while another process holds the workspace (session::WorkspaceSession::isReadOnly()).
    QLabel* readOnlyBanner() const { return m_readOnlyBanner; }

    // Selects and shows the run (when listed and not filtered out).
    void selectRun(qint64 runId, int attempt);
    QList<session::RunRow> selectedRows() const;
    // Run actions and labels for the selection (owned by `parent`).
    QMenu* createContextMenu(QWidget* parent) const;
    // "N runs" or "M of N runs".
    QString countText() const;
    // Column widths the user set; restored widths are never refitted.
    QByteArray saveHeader() const;
    void restoreHeader(const QByteArray& state);

signals:
    void currentRunChanged(const runlens::session::RunRow& row);
    void countChanged(const QString& text);

private:
    QWidget* createFilterBar();
    void addRows(const QList<session::RunRow>& rows, bool first);
    void setRows(const QList<session::RunRow>& rows);
    void showRows(const QList<session::RunRow>& rows);
    void showAnalysis();
    void selectionChanged();
    void selectProxyRow(int row);

    session::WorkspaceSession* m_session = nullptr;
    QTableView* m_view = nullptr;
    RunsTableModel* m_model = nullptr;
    RunsFilterModel* m_proxy = nullptr;
    QLineEdit* m_filterEdit = nullptr;
    QComboBox* m_categoryBox = nullptr;
    QCheckBox* m_flaggedOnly = nullptr;
    QLabel* m_banner = nullptr;
    QLabel* m_readOnlyBanner = nullptr;
    RunActions* m_runActions = nullptr;
    LabelActions* m_labelActions = nullptr;
    QAction* m_undoLabel = nullptr;
    bool m_selectTopWhenLoaded = false; // an analysis arrived before the rows it scores
    bool m_columnsFitted = false; // fitted once, or restored from the settings: never again
    bool m_arriving = false; // the rows of an open are shown as they arrive
};

} // namespace runlens::ui
