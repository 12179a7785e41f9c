#include "repoprogressmodel.h"

#include <QLocale>

#include <algorithm>

namespace runlens::ui {

RepoProgressModel::RepoProgressModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void RepoProgressModel::setRepositories(const QList<github::RepoProgress>& repositories)
{
    const bool sameRows = std::equal(m_rows.cbegin(), m_rows.cend(), repositories.cbegin(), repositories.cend(),
        [](const github::RepoProgress& a, const github::RepoProgress& b) { return a.repository == b.repository; });
    if (!sameRows) {
        beginResetModel();
        m_rows = repositories;
        endResetModel();
        return;
    }
    m_rows = repositories;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

int RepoProgressModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RepoProgressModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RepoProgressModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const github::RepoProgress& r = m_rows.at(index.row());
    const QLocale locale;
    switch (role) {
    case WorkDoneRole: // a finished repository reads full, even with nothing to fetch
        return r.done ? std::max(1, r.workDone()) : r.workDone();
    case WorkTotalRole:
        return r.done ? std::max(1, r.workTotal()) : r.workTotal();
    case DoneRole:
        return r.done;
    case Qt::TextAlignmentRole:
        return index.column() >= Runs ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    case Qt::ToolTipRole:
        return tr("%1: %2 runs listed; jobs %3 fetched, %4 pending; logs %5 downloaded (%6), %7 expired, "
                  "%8 missing, %9 failed, %10 pending; %11 failures")
            .arg(r.repository)
            .arg(r.runsListed)
            .arg(r.jobsFetched)
            .arg(r.jobsPending)
            .arg(r.logsDownloaded)
            .arg(locale.formattedDataSize(r.bytes, 1, QLocale::DataSizeTraditionalFormat))
            .arg(r.logsExpired)
            .arg(r.logsMissing)
            .arg(r.logsFailed)
            .arg(r.logsPending)
            .arg(r.failures);
    case Qt::DisplayRole:
        switch (index.column()) {
        case Repository:
            return r.repository;
        case Progress:
            if (r.done)
                return tr("done");
            return r.workTotal() > 0 ? tr("%1 / %2").arg(r.workDone()).arg(r.workTotal()) : tr("listing");
        case Runs:
            return locale.toString(r.runsListed);
        case Jobs:
            return locale.toString(r.jobsFetched);
        case Logs:
            return locale.toString(r.logsDownloaded);
        case Failed:
            return locale.toString(r.failures);
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant RepoProgressModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case Repository:
            return tr("Repository");
        case Progress:
            return tr("Progress");
        case Runs:
            return tr("Runs");
        case Jobs:
            return tr("Jobs");
        case Logs:
            return tr("Logs");
        case Failed:
            return tr("Failed");
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Progress:
            return tr("Steps done of steps known: a run's jobs and its log archive are one step each");
        case Runs:
            return tr("Run attempts listed");
        case Jobs:
            return tr("Runs whose jobs were fetched");
        case Logs:
            return tr("Log archives downloaded");
        case Failed:
            return tr("Failures (listed below with their reasons)");
        default:
            return {};
        }
    }
    return {};
}

} // namespace runlens::ui
