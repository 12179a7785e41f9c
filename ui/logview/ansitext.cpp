#include "logview/ansitext.h"

#include <QByteArrayList>

namespace runlens::ui {

QColor ansiColour(int index)
{
    // Readable on a white background (darker than xterm's defaults for yellow and white).
    static const QColor palette[16] = {
        QColor(0x00, 0x00, 0x00),
        QColor(0xc0, 0x1c, 0x28),
        QColor(0x26, 0xa2, 0x69),
        QColor(0xa2, 0x73, 0x4c),
        QColor(0x12, 0x48, 0x8b),
        QColor(0xa3, 0x47, 0xba),
        QColor(0x2a, 0xa1, 0xb3),
        QColor(0x80, 0x80, 0x80),
        QColor(0x5e, 0x5c, 0x64),
        QColor(0xf6, 0x61, 0x51),
        QColor(0x33, 0xc0, 0x7a),
        QColor(0xc0, 0x9c, 0x00),
        QColor(0x2a, 0x7b, 0xde),
        QColor(0xc0, 0x61, 0xcb),
        QColor(0x33, 0xc7, 0xde),
        QColor(0x40, 0x40, 0x40),
    };
    return palette[qBound(0, index, 15)];
}

namespace {

QColor xterm256(int n)
{
    if (n < 16)
        return ansiColour(n);
    if (n < 232) {
        n -= 16;
        const auto level = [](int v) { return v == 0 ? 0 : 55 + v * 40; };
        return QColor(level(n / 36), level((n / 6) % 6), level(n % 6));
    }
    const int grey = 8 + (n - 232) * 10;
    return QColor(grey, grey, grey);
}

void applySgr(QByteArrayView params, AnsiSpan& style)
{
    QList<int> codes;
    for (const QByteArray& part : params.toByteArray().split(';'))
        codes.append(part.isEmpty() ? 0 : part.toInt());
    if (codes.isEmpty())
        codes.append(0);
    for (qsizetype i = 0; i < codes.size(); ++i) {
        const int c = codes[i];
        if (c == 0) {
            style.foreground = QColor();
            style.background = QColor();
            style.bold = false;
        } else if (c == 1) {
            style.bold = true;
        } else if (c == 22) {
            style.bold = false;
        } else if (c >= 30 && c <= 37) {
            style.foreground = ansiColour(c - 30);
        } else if (c >= 90 && c <= 97) {
            style.foreground = ansiColour(c - 90 + 8);
        } else if (c == 39) {
            style.foreground = QColor();
        } else if (c >= 40 && c <= 47) {
            style.background = ansiColour(c - 40);
        } else if (c >= 100 && c <= 107) {
            style.background = ansiColour(c - 100 + 8);
        } else if (c == 49) {
            style.background = QColor();
        } else if ((c == 38 || c == 48) && i + 2 < codes.size() && codes[i + 1] == 5) {
            (c == 38 ? style.foreground : style.background) = xterm256(codes[i + 2]);
            i += 2;
        } else if ((c == 38 || c == 48) && i + 4 < codes.size() && codes[i + 1] == 2) {
            (c == 38 ? style.foreground : style.background) = QColor(codes[i + 2], codes[i + 3], codes[i + 4]);
            i += 4;
        }
    }
}

} // namespace

QList<AnsiSpan> parseAnsi(QByteArrayView text)
{
    QList<AnsiSpan> spans;
    AnsiSpan style;
    qsizetype runStart = 0;
    const auto flush = [&](qsizetype end) {
        if (end > runStart) {
            AnsiSpan span = style;
            span.text = QString::fromUtf8(text.sliced(runStart, end - runStart));
            spans.append(std::move(span));
        }
    };
    qsizetype i = 0;
    while (i < text.size()) {
        if (text[i] != '\x1b') {
            ++i;
            continue;
        }
        flush(i);
        qsizetype j = i + 1;
        if (j < text.size() && text[j] == '[') {
            ++j;
            const qsizetype paramsStart = j;
            while (j < text.size() && (uchar(text[j]) < 0x40 || uchar(text[j]) > 0x7e))
                ++j;
            if (j < text.size() && text[j] == 'm')
                applySgr(text.sliced(paramsStart, j - paramsStart), style);
            i = std::min(j + 1, text.size());
        } else if (j < text.size() && text[j] == ']') { // OSC, ends at BEL or ESC backslash
            while (j < text.size() && text[j] != '\a'
                && !(text[j] == '\x1b' && j + 1 < text.size() && text[j + 1] == '\\'))
                ++j;
            i = std::min(j + (j < text.size() && text[j] == '\x1b' ? 2 : 1), text.size());
        } else {
            i = std::min(j + 1, text.size());
        }
        runStart = i;
    }
    flush(text.size());
    return spans;
}

} // namespace runlens::ui
