#pragma once

#include "github/collectprogress.h"

#include <QAbstractTableModel>

namespace runlens::ui {

// The failures of a collection as they happen: repository, run, attempt, reason.
class CollectFailuresModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Repository, Run, Attempt, Reason, ColumnCount };
    enum Role {
        RunIdRole = Qt::UserRole + 1, // qint64; 0 when the failure is not about one run
        AttemptRole,
    };

    explicit CollectFailuresModel(QObject* parent = nullptr);

    void append(const github::CollectFailure& failure);
    void clear();
    const QList<github::CollectFailure>& failures() const { return m_failures; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<github::CollectFailure> m_failures;
};

} // namespace runlens::ui
