#include "progressbardelegate.h"

#include <QApplication>
#include <QPainter>
#include <QStyle>
#include <QStyleOptionProgressBar>

#include <algorithm>

namespace runlens::ui {

ProgressBarDelegate::ProgressBarDelegate(int doneRole, int totalRole, QObject* parent)
    : QStyledItemDelegate(parent)
    , m_doneRole(doneRole)
    , m_totalRole(totalRole)
{
}

void ProgressBarDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const int total = index.data(m_totalRole).toInt();
    const int done = index.data(m_doneRole).toInt();
    QStyleOptionProgressBar bar;
    bar.initFrom(option.widget);
    bar.rect = option.rect.adjusted(2, 2, -2, -2);
    bar.state = option.state | QStyle::State_Horizontal;
    bar.minimum = 0;
    bar.maximum = std::max(1, total);
    bar.progress = std::clamp(done, 0, bar.maximum);
    bar.text = index.data(Qt::DisplayRole).toString();
    bar.textVisible = true;
    bar.textAlignment = Qt::AlignCenter;
    QStyle* style = option.widget ? option.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ProgressBar, &bar, painter, option.widget);
}

} // namespace runlens::ui
