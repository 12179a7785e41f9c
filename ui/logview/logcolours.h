#pragma once

#include <QColor>

class QPalette;

namespace runlens::ui {

// The log view's colours: a light and a dark set, picked by the widget palette's lightness so the
// view follows the system (or the View > Theme choice). Tints stay pale on light and deep on dark
// so that text keeps its contrast on either.
struct LogColours
{
    QColor base;
    QColor text;
    QColor gutter;
    QColor lineNumber;
    QColor timestamp;
    QColor selection;
    QColor evidence;
    QColor errorTint;
    QColor warningTint;
    QColor currentTint;
    QColor currentFrame;
    QColor errorText;
    QColor warningText;
    QColor commandText;
    QColor debugText;
    QColor dimText; // ##[endgroup], folded-group ellipsis
    QColor searchHit;
    int categoryTintAlpha = 80;

    static LogColours light();
    static LogColours dark();
    // dark() when the palette's window colour is dark, else light().
    static LogColours forPalette(const QPalette& palette);
    static bool isDark(const QPalette& palette);
};

} // namespace runlens::ui
