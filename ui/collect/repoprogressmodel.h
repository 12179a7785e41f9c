#pragma once

#include "github/collectprogress.h"

#include <QAbstractTableModel>

namespace runlens::ui {

// One row per repository of a collection: name, a progress bar (ProgressBarDelegate), counts.
class RepoProgressModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Repository, Progress, Runs, Jobs, Logs, Failed, ColumnCount };
    enum Role {
        WorkDoneRole = Qt::UserRole + 1, // int, on every column
        WorkTotalRole, // int; 0 while unknown (listing)
        DoneRole, // bool
    };

    explicit RepoProgressModel(QObject* parent = nullptr);

    // Rows keep their place when the repositories are the same; otherwise the model resets.
    void setRepositories(const QList<github::RepoProgress>& repositories);
    const QList<github::RepoProgress>& repositories() const { return m_rows; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<github::RepoProgress> m_rows;
};

} // namespace runlens::ui
