#pragma once

#include "session/runrow.h"

#include <QList>
#include <QSortFilterProxyModel>

namespace runlens::ui {

class RunsTableModel;

// Filters and sorts a RunsTableModel: a case-insensitive text filter over repository, workflow,
// branch, event, conclusion, label and run number; a memory category filter (taxonomy id; empty = all,
// "none" = runs without a category); flagged-only. Sorts by RunsTableModel::SortRole.
class RunsFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit RunsFilterModel(QObject* parent = nullptr);
    ~RunsFilterModel() override;

    void setRunsModel(RunsTableModel* model);
    RunsTableModel* runsModel() const { return m_runs; }
    // Appends `rows` to the runs model and sorts them in with one sort of all rows (layoutChanged:
    // the selection stays on its runs, the scroll position on its row). Inserted one by one where each
    // sorts, a batch of new rows among old ones cost the proxy a rebuild of its whole mapping per place.
    void appendRows(QList<session::RunRow> rows);

    void setTextFilter(const QString& text);
    QString textFilter() const { return m_text; }
    void setCategoryFilter(const QString& categoryId);
    QString categoryFilter() const { return m_category; }
    void setFlaggedOnly(bool flaggedOnly);
    bool flaggedOnly() const { return m_flaggedOnly; }

    // Sorts by anomaly score, most anomalous first (what the table shows after an analysis).
    void sortByScore();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    // Compares the rows' values (RunsTableModel::lessThan), not a QVariant per comparison.
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    RunsTableModel* m_runs = nullptr;
    QString m_text;
    QString m_category;
    bool m_flaggedOnly = false;
};

} // namespace runlens::ui
