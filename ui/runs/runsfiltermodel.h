#pragma once

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
