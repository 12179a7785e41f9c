#include "collectfailuresmodel.h"

namespace runlens::ui {

CollectFailuresModel::CollectFailuresModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void CollectFailuresModel::append(const github::CollectFailure& failure)
{
    const int row = int(m_failures.size());
    beginInsertRows({}, row, row);
    m_failures.append(failure);
    endInsertRows();
}

void CollectFailuresModel::clear()
{
    if (m_failures.isEmpty())
        return;
    beginResetModel();
    m_failures.clear();
    endResetModel();
}

int CollectFailuresModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_failures.size());
}

int CollectFailuresModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CollectFailuresModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const github::CollectFailure& f = m_failures.at(index.row());
    switch (role) {
    case RunIdRole:
        return f.runId;
    case AttemptRole:
        return f.attempt;
    case Qt::ToolTipRole:
        return f.runId != 0 ? tr("%1\nDouble-click to show the run.").arg(f.describe()) : f.describe();
    case Qt::DisplayRole:
        switch (index.column()) {
        case Repository:
            return f.repository.isEmpty() ? tr("(workspace)") : f.repository;
        case Run:
            return f.runId != 0 ? QString::number(f.runId) : QString();
        case Attempt:
            return f.runId != 0 ? QString::number(f.attempt) : QString();
        case Reason:
            return f.reason;
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant CollectFailuresModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Repository:
        return tr("Repository");
    case Run:
        return tr("Run");
    case Attempt:
        return tr("Attempt");
    case Reason:
        return tr("Reason");
    default:
        return {};
    }
}

} // namespace runlens::ui
