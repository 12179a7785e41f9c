#include "figurechart.h"

#include <QChart>

namespace runlens::ui {

QString FigureData::toCsv() const
{
    auto line = [](const QStringList& fields) -> QString {
        QStringList out;
        for (const QString& f : fields)
            out << CsvTable::quote(f);
        return out.join(QLatin1Char(',')) + QLatin1Char('\n');
    };
    QString text = line(header);
    for (const QStringList& row : rows)
        text += line(row);
    return text;
}

// QChartView(parent) builds a default chart that a later setChart() releases without deleting it (a
// leak per chart): the view gets its one chart here, owned by the view.
FigureChart::FigureChart(QWidget* parent)
    : QChartView(new QChart, parent)
{
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(320, 240);
}

FigureChart::~FigureChart() = default;

QString FigureChart::figureTitle() const
{
    return chart() ? chart()->title() : QString();
}

} // namespace runlens::ui
