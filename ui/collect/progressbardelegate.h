#pragma once

#include <QStyledItemDelegate>

namespace runlens::ui {

// Paints a cell as a progress bar from two roles of its index, the work done and the total (0: an
// empty bar), with the cell's display text on it.
class ProgressBarDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    ProgressBarDelegate(int doneRole, int totalRole, QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;

private:
    int m_doneRole;
    int m_totalRole;
};

} // namespace runlens::ui
