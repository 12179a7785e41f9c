#include "logcolours.h"

#include <QPalette>

namespace runlens::ui {

LogColours LogColours::light()
{
    LogColours c;
    c.base = Qt::white;
    c.text = QColor(0x20, 0x20, 0x20);
    c.gutter = QColor(0xf3, 0xf3, 0xf3);
    c.lineNumber = QColor(0x80, 0x80, 0x80);
    c.timestamp = QColor(0x70, 0x70, 0x90);
    c.selection = QColor(0xc6, 0xdc, 0xf7);
    c.evidence = QColor(0xff, 0xe0, 0x8a);
    c.errorTint = QColor(0xfd, 0xe8, 0xe8);
    c.warningTint = QColor(0xff, 0xf4, 0xd6);
    c.currentTint = QColor(0xff, 0xf8, 0xd0);
    c.currentFrame = QColor(0x35, 0x84, 0xe4);
    c.errorText = QColor(0xc0, 0x1c, 0x28);
    c.warningText = QColor(0x9a, 0x62, 0x00);
    c.commandText = QColor(0x12, 0x48, 0x8b);
    c.debugText = QColor(0x80, 0x50, 0xa0);
    c.dimText = QColor(0xa0, 0xa0, 0xa0);
    c.searchHit = QColor(0xff, 0xd2, 0x4d);
    c.categoryTintAlpha = 80;
    return c;
}

LogColours LogColours::dark()
{
    LogColours c;
    c.base = QColor(0x1e, 0x1f, 0x22);
    c.text = QColor(0xdc, 0xdc, 0xdc);
    c.gutter = QColor(0x2a, 0x2b, 0x2f);
    c.lineNumber = QColor(0x8a, 0x8a, 0x8a);
    c.timestamp = QColor(0x9a, 0x9a, 0xc0);
    c.selection = QColor(0x26, 0x4f, 0x78);
    c.evidence = QColor(0x6b, 0x55, 0x10);
    c.errorTint = QColor(0x4a, 0x1f, 0x22);
    c.warningTint = QColor(0x45, 0x37, 0x14);
    c.currentTint = QColor(0x3a, 0x36, 0x20);
    c.currentFrame = QColor(0x5c, 0x9d, 0xf0);
    c.errorText = QColor(0xff, 0x7b, 0x72);
    c.warningText = QColor(0xe3, 0xb3, 0x41);
    c.commandText = QColor(0x79, 0xb8, 0xff);
    c.debugText = QColor(0xc2, 0x97, 0xe8);
    c.dimText = QColor(0x80, 0x80, 0x80);
    c.searchHit = QColor(0x8a, 0x6d, 0x00);
    c.categoryTintAlpha = 110;
    return c;
}

bool LogColours::isDark(const QPalette& palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

LogColours LogColours::forPalette(const QPalette& palette)
{
    return isDark(palette) ? dark() : light();
}

} // namespace runlens::ui
