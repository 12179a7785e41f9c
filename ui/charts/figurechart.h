#pragma once

#include "common/csvtable.h"

#include <QChartView>

namespace runlens::ui {

// The data behind a figure, written beside it as CSV.
struct FigureData
{
    QStringList header;
    std::vector<QStringList> rows;

    QString toCsv() const;
};

// A chart that can be exported as a figure: a stable file name and the data it shows.
class FigureChart : public QChartView
{
    Q_OBJECT
public:
    explicit FigureChart(QWidget* parent = nullptr);
    ~FigureChart() override;

    virtual QString figureName() const = 0; // file base name, e.g. "score-histogram"
    virtual FigureData figureData() const = 0;
    // Readable title of the figure (the chart title).
    QString figureTitle() const;
};

} // namespace runlens::ui
