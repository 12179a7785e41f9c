#include "runsfiltermodel.h"

#include "runstablemodel.h"

namespace runlens::ui {

RunsFilterModel::RunsFilterModel(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(RunsTableModel::SortRole);
    setDynamicSortFilter(true);
}

RunsFilterModel::~RunsFilterModel() = default;

void RunsFilterModel::setRunsModel(RunsTableModel* model)
{
    m_runs = model;
    setSourceModel(model);
}

void RunsFilterModel::appendRows(QList<session::RunRow> rows)
{
    if (!m_runs)
        return;
    const bool dynamic = dynamicSortFilter();
    setDynamicSortFilter(false); // the new rows go after the others, filtered
    m_runs->appendRows(std::move(rows));
    setDynamicSortFilter(dynamic); // true sorts every row again
}

void RunsFilterModel::setTextFilter(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_text)
        return;
    m_text = trimmed;
    invalidateFilter();
}

void RunsFilterModel::setCategoryFilter(const QString& categoryId)
{
    if (categoryId == m_category)
        return;
    m_category = categoryId;
    invalidateFilter();
}

void RunsFilterModel::setFlaggedOnly(bool flaggedOnly)
{
    if (flaggedOnly == m_flaggedOnly)
        return;
    m_flaggedOnly = flaggedOnly;
    invalidateFilter();
}

void RunsFilterModel::sortByScore()
{
    sort(RunsTableModel::Score, Qt::DescendingOrder);
}

bool RunsFilterModel::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    if (!m_runs || sortRole() != RunsTableModel::SortRole || left.parent().isValid())
        return QSortFilterProxyModel::lessThan(left, right);
    return RunsTableModel::lessThan(
        m_runs->rowAt(left.row()), m_runs->rowAt(right.row()), left.column(), sortCaseSensitivity());
}

bool RunsFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (!m_runs || sourceParent.isValid())
        return true;
    const session::RunRow& row = m_runs->rowAt(sourceRow);
    if (m_flaggedOnly && !row.flagged)
        return false;
    if (!m_category.isEmpty()) {
        if (m_category == QLatin1String("none") ? !row.category.isEmpty() : row.category != m_category)
            return false;
    }
    if (m_text.isEmpty())
        return true;
    const auto has = [this](const QString& field) { return field.contains(m_text, Qt::CaseInsensitive); };
    return has(row.repository) || has(row.workflow) || has(row.branch) || has(row.event) || has(row.conclusion)
        || has(row.label) || has(row.category) || QString::number(row.runNumber) == m_text
        || QString::number(row.runId) == m_text;
}

} // namespace runlens::ui
