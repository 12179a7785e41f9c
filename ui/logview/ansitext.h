#pragma once

#include <QByteArrayView>
#include <QColor>
#include <QList>
#include <QString>

namespace runlens::ui {

// A run of text with one SGR style.
struct AnsiSpan
{
    QString text;
    QColor foreground; // invalid: the view's default
    QColor background; // invalid: none
    bool bold = false;
};

// Splits text holding ANSI escapes into styled spans. SGR 0 (reset), 1 (bold), 22, 30-37, 39, 40-47, 49,
// 90-97, 100-107, 38;5;n / 48;5;n and 38;2;r;g;b are rendered; other escape sequences are dropped.
QList<AnsiSpan> parseAnsi(QByteArrayView text);
// The 16 colours of the basic and bright palettes (0-7 basic, 8-15 bright).
QColor ansiColour(int index);

} // namespace runlens::ui
