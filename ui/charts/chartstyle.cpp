#include "chartstyle.h"

#include "taxonomy/memorycategory.h"

#include <QAbstractAxis>
#include <QChart>
#include <QFont>

namespace runlens::ui {

QColor ChartStyle::colour(int index)
{
    static const QColor palette[]
        = { QColor(0xE6, 0x9F, 0x00), QColor(0x56, 0xB4, 0xE9), QColor(0x00, 0x9E, 0x73), QColor(0xF0, 0xE4, 0x42),
              QColor(0x00, 0x72, 0xB2), QColor(0xD5, 0x5E, 0x00), QColor(0xCC, 0x79, 0xA7), QColor(0x00, 0x00, 0x00) };
    const int n = int(std::size(palette));
    return palette[((index % n) + n) % n];
}

QColor ChartStyle::grey()
{
    return QColor(0x99, 0x99, 0x99);
}

QColor ChartStyle::colourOf(const QString& group, int fallbackIndex)
{
    if (group == QLatin1String("normal") || group == QLatin1String("none") || group == QLatin1String("unlabelled"))
        return QColor(0xBB, 0xBB, 0xBB);
    if (group == QLatin1String("other failure"))
        return QColor(0x66, 0x66, 0x66);
    for (const logs::CategoryInfo& info : logs::allCategories()) {
        if (info.id == group && QColor::isValidColorName(info.colour))
            return QColor::fromString(info.colour);
    }
    return colour(fallbackIndex);
}

void ChartStyle::apply(QChart* chart, const QString& title)
{
    chart->setTheme(QChart::ChartThemeLight);
    chart->setBackgroundBrush(Qt::white);
    chart->setBackgroundRoundness(0);
    chart->setAnimationOptions(QChart::NoAnimation);
    QFont titleFont = chart->titleFont();
    titleFont.setPointSizeF(11);
    titleFont.setBold(true);
    chart->setTitleFont(titleFont);
    chart->setTitle(title);
    chart->setMargins(QMargins(6, 6, 6, 6));
}

void ChartStyle::titleAxis(QAbstractAxis* axis, const QString& title)
{
    axis->setTitleText(title);
    QFont font = axis->titleFont();
    font.setPointSizeF(9);
    font.setBold(false);
    axis->setTitleFont(font);
    QFont labels = axis->labelsFont();
    labels.setPointSizeF(8);
    axis->setLabelsFont(labels);
    axis->setLabelsColor(Qt::black);
    axis->setTitleBrush(Qt::black);
    axis->setGridLineColor(QColor(0xE0, 0xE0, 0xE0));
}

} // namespace runlens::ui
