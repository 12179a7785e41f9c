#pragma once

#include <QStyledItemDelegate>

namespace runlens::ui {

// Draws the anomaly score (0..1, RunsTableModel::SortRole) as a horizontal bar with the number on
// it; flagged runs get the accent colour. Painting only, no per-row widgets.
class ScoreBarDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit ScoreBarDelegate(QObject* parent = nullptr);
    ~ScoreBarDelegate() override;

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

} // namespace runlens::ui
