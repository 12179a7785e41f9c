#pragma once

#include <QColor>
#include <QString>

class QChart;
class QAbstractAxis;

namespace runlens::ui {

// The look of every RunLens chart, on screen and in exported figures: a light background, the
// Okabe-Ito palette (safe for colour-blind readers), titled axes. The same whatever the UI theme,
// so that a figure exported from a dark desktop still prints well.
class ChartStyle
{
public:
    // Okabe & Ito (2008): orange, sky blue, bluish green, yellow, blue, vermillion, reddish purple, black.
    static QColor colour(int index);
    static QColor grey();
    // The colour of a memory category id ("oom-killed", ...) or a label, stable across charts.
    static QColor colourOf(const QString& group, int fallbackIndex);

    static void apply(QChart* chart, const QString& title);
    static void titleAxis(QAbstractAxis* axis, const QString& title);
};

} // namespace runlens::ui
