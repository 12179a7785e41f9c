#include "scorebardelegate.h"

#include "runstablemodel.h"

#include <QApplication>
#include <QPainter>

#include <algorithm>

namespace runlens::ui {

ScoreBarDelegate::ScoreBarDelegate(QObject* parent)
    : QStyledItemDelegate(parent)
{
}

ScoreBarDelegate::~ScoreBarDelegate() = default;

void ScoreBarDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    if (!index.data(RunsTableModel::ScoredRole).toBool()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    QStyle* style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

    const double score = std::clamp(index.data(RunsTableModel::SortRole).toDouble(), 0.0, 1.0);
    const bool flagged = index.data(RunsTableModel::FlaggedRole).toBool();
    const QRect area = opt.rect.adjusted(2, 3, -2, -3);
    QRect bar = area;
    bar.setWidth(int(area.width() * score));
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, false);
    // Okabe-Ito vermillion for flagged runs, sky blue otherwise.
    QColor fill = flagged ? QColor(0xD5, 0x5E, 0x00) : QColor(0x56, 0xB4, 0xE9);
    fill.setAlpha(170);
    painter->fillRect(bar, fill);
    painter->setPen(opt.palette.color(opt.state & QStyle::State_Selected ? QPalette::HighlightedText : QPalette::Text));
    painter->drawText(area.adjusted(4, 0, -4, 0), Qt::AlignRight | Qt::AlignVCenter, text);
    painter->restore();
}

} // namespace runlens::ui
