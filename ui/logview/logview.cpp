#include "logview/logview.h"

#include "logs/logline.h"
#include "logview/ansitext.h"
#include "taxonomy/memorycategory.h"
#include "viewer/logdocument.h"
#include "viewer/logsearch.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>

#include <algorithm>

namespace runlens::ui {

using logs::LineError;
using logs::LineGroupStart;
using logs::LineWarning;

namespace {

// Longer lines are cut when painted (the whole line is still searched and copied).
constexpr qsizetype kMaxPaintedBytes = 16 * 1024;
constexpr int kFoldBoxWidth = 14;
constexpr int kCategoryBarWidth = 5;
constexpr QByteArrayView kBom("\xEF\xBB\xBF");

QByteArrayView withoutBom(QByteArrayView raw)
{
    return raw.startsWith(kBom) ? raw.sliced(kBom.size()) : raw;
}

QString relativeTime(qint64 ticks)
{
    const bool negative = ticks < 0;
    qint64 ms = (negative ? -ticks : ticks) / (logs::kTicksPerSecond / 1000);
    const qint64 h = ms / 3'600'000;
    ms %= 3'600'000;
    return QStringLiteral("%1%2:%3:%4.%5")
        .arg(negative ? QLatin1Char('-') : QLatin1Char('+'))
        .arg(h, 2, 10, QLatin1Char('0'))
        .arg(ms / 60'000, 2, 10, QLatin1Char('0'))
        .arg((ms / 1000) % 60, 2, 10, QLatin1Char('0'))
        .arg(ms % 1000, 3, 10, QLatin1Char('0'));
}

} // namespace

LogView::LogView(QWidget* parent)
    : QAbstractScrollArea(parent)
{
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    font.setStyleHint(QFont::Monospace);
    setFont(font);
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setAutoFillBackground(true);
    viewport()->setBackgroundRole(QPalette::Base);
    applyColours();
    verticalScrollBar()->setSingleStep(1);
    horizontalScrollBar()->setSingleStep(20);
}

LogView::~LogView() = default;

void LogView::applyColours()
{
    m_colours = LogColours::forPalette(palette());
    QPalette pal = viewport()->palette();
    pal.setColor(QPalette::Base, m_colours.base);
    pal.setColor(QPalette::Text, m_colours.text);
    viewport()->setPalette(pal);
    viewport()->update();
}

void LogView::changeEvent(QEvent* event)
{
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyColours();
}

void LogView::setDocument(logs::LogDocument* document)
{
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    if (m_document) {
        connect(m_document, &logs::LogDocument::reset, this, &LogView::documentReset);
        connect(m_document, &logs::LogDocument::linesAdded, this, &LogView::linesAdded);
        connect(m_document, &logs::LogDocument::memoryHitsReady, viewport(), qOverload<>(&QWidget::update));
    }
    documentReset();
}

void LogView::documentReset()
{
    m_folded.clear();
    m_highlighted.clear();
    m_current = 0;
    m_anchor = 0;
    m_pendingLine = 0;
    m_maxTextWidth = 0;
    verticalScrollBar()->setValue(0);
    horizontalScrollBar()->setValue(0);
    updateScrollBars();
    viewport()->update();
}

void LogView::linesAdded()
{
    updateScrollBars();
    if (m_pendingLine > 0 && m_document && m_pendingLine <= m_document->lineCount().get()) {
        const qint64 line = std::exchange(m_pendingLine, 0);
        setCurrentLine(line);
    } else if (m_pendingLine > 0 && m_document && m_document->isIndexed()) {
        const qint64 line = std::exchange(m_pendingLine, 0);
        setCurrentLine(std::min(line, m_document->lineCount().get()));
    }
    viewport()->update();
}

void LogView::setTimestampMode(TimestampMode mode)
{
    m_timestampMode = mode;
    viewport()->update();
}

void LogView::setMatcher(std::shared_ptr<const logs::LineMatcher> matcher)
{
    m_matcher = std::move(matcher);
    viewport()->update();
}

void LogView::setHighlightedLines(const QList<qint64>& lines)
{
    m_highlighted = lines;
    std::sort(m_highlighted.begin(), m_highlighted.end());
    viewport()->update();
}

int LogView::lineHeight() const
{
    return fontMetrics().height();
}

int LogView::gutterWidth() const
{
    const qint64 count = m_document ? std::max<qint64>(m_document->lineCount().get(), 999) : 999;
    return kFoldBoxWidth + fontMetrics().horizontalAdvance(QString::number(count)) + 10;
}

int LogView::timestampWidth() const
{
    if (!m_document || m_document->startTicks() < 0 || m_timestampMode == TimestampMode::Hidden)
        return 0;
    const QString sample = m_timestampMode == TimestampMode::Absolute ? QStringLiteral("2024-01-28T19:27:24.9408212Z")
                                                                      : QStringLiteral("+00:00:00.000");
    return fontMetrics().horizontalAdvance(sample) + 12;
}

int LogView::textLeft() const
{
    return gutterWidth() + timestampWidth() + kCategoryBarWidth + 4;
}

void LogView::setLineFilter(std::optional<QList<qint64>> lines)
{
    m_filter = std::move(lines);
    updateScrollBars();
    if (m_current > 0)
        ensureVisible(m_current);
    viewport()->update();
}

qint64 LogView::rowCount() const
{
    if (!m_document)
        return 0;
    if (m_filter) // lines the index has not reached yet are not shown yet
        return std::upper_bound(m_filter->begin(), m_filter->end(), m_document->lineCount().get()) - m_filter->begin();
    qint64 hidden = 0;
    for (const auto& [first, last] : m_folded)
        hidden += last - first;
    return m_document->lineCount().get() - hidden;
}

qint64 LogView::lineForRow(qint64 row) const
{
    if (m_filter)
        return m_filter->isEmpty() ? 0 : m_filter->at(std::clamp<qint64>(row, 0, m_filter->size() - 1));
    qint64 line = row + 1;
    for (const auto& [first, last] : m_folded) {
        if (first < line)
            line += last - first;
        else
            break;
    }
    return line;
}

qint64 LogView::rowForLine(qint64 line) const
{
    if (m_filter) // a hidden line maps to the next shown one
        return std::min<qint64>(std::lower_bound(m_filter->begin(), m_filter->end(), line) - m_filter->begin(),
            std::max<qint64>(0, m_filter->size() - 1));
    qint64 row = line - 1;
    for (const auto& [first, last] : m_folded) {
        if (last < line) {
            row -= last - first;
        } else {
            if (first < line)
                row -= line - first;
            break;
        }
    }
    return row;
}

int LogView::visibleRowCount() const
{
    if (m_wrap && !m_paintedRows.empty()) { // the lines painted whole last time
        const auto whole = std::count_if(m_paintedRows.begin(), m_paintedRows.end(),
            [this](const auto& painted) { return painted.second < viewport()->height(); });
        return std::max(1, int(whole));
    }
    return std::max(1, viewport()->height() / lineHeight());
}

void LogView::setWrapLines(bool wrap)
{
    if (wrap == m_wrap)
        return;
    m_wrap = wrap;
    m_paintedRows.clear();
    horizontalScrollBar()->setValue(0);
    setHorizontalScrollBarPolicy(wrap ? Qt::ScrollBarAlwaysOff : Qt::ScrollBarAsNeeded);
    updateScrollBars();
    viewport()->update();
    Q_EMIT wrapLinesChanged(wrap);
}

qint64 LogView::firstVisibleLine() const
{
    return rowCount() > 0 ? lineForRow(verticalScrollBar()->value()) : 0;
}

void LogView::updateScrollBars()
{
    const qint64 rows = rowCount();
    const int page = visibleRowCount();
    verticalScrollBar()->setPageStep(page);
    // Wrapped lines have their own heights: the last line may come to the top.
    verticalScrollBar()->setRange(
        0, int(std::clamp<qint64>(rows - (m_wrap ? 1 : page), 0, std::numeric_limits<int>::max())));
    const int textArea = viewport()->width() - textLeft();
    horizontalScrollBar()->setPageStep(std::max(1, textArea));
    horizontalScrollBar()->setRange(0, m_wrap ? 0 : std::max(0, m_maxTextWidth - textArea + 20));
}

void LogView::resizeEvent(QResizeEvent* event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
}

QRect LogView::lineRect(qint64 line) const
{
    if (!m_document || line < 1 || line > m_document->lineCount().get())
        return {};
    const auto folded = std::find_if(m_folded.begin(), m_folded.end(),
        [line](const auto& range) { return range.first < line && line <= range.second; });
    if (m_filter ? !std::binary_search(m_filter->begin(), m_filter->end(), line) : folded != m_folded.end())
        return {};
    if (m_wrap) { // where it was painted last
        int top = 0;
        for (const auto& [painted, bottom] : m_paintedRows) {
            if (painted == line)
                return QRect(0, top, viewport()->width(), bottom - top + 1);
            top = bottom + 1;
        }
        return {};
    }
    const qint64 row = rowForLine(line) - verticalScrollBar()->value();
    if (row < 0 || row * lineHeight() >= viewport()->height())
        return {};
    return QRect(0, int(row) * lineHeight(), viewport()->width(), lineHeight());
}

QString LogView::timestampText(qint64 line) const
{
    const logs::LogLine parsed = logs::parseLine(withoutBom(m_document->line(logs::LineNumber(line))));
    if (!parsed.hasTimestamp)
        return {};
    if (m_timestampMode == TimestampMode::Absolute)
        return logs::formatTimestamp(parsed.timestampTicks);
    return relativeTime(parsed.timestampTicks - m_document->startTicks());
}

void LogView::paintEvent(QPaintEvent*)
{
    QPainter painter(viewport());
    if (!m_document)
        return;
    const QFontMetrics fm = fontMetrics();
    const int height = lineHeight();
    const int gutter = gutterWidth();
    const int tsWidth = timestampWidth();
    const int left = textLeft();
    const int hscroll = horizontalScrollBar()->value();
    const qint64 rows = rowCount();
    const qint64 firstRow = verticalScrollBar()->value();
    const auto [selFirst, selLast] = selection();
    QFont bold = font();
    bold.setBold(true);
    int maxWidth = m_maxTextWidth;

    painter.fillRect(QRect(0, 0, gutter, viewport()->height()), m_colours.gutter);
    // Wrapped lines break at whole characters of the (fixed-width) font.
    const int charWidth = std::max(1, fm.horizontalAdvance(QLatin1Char('M')));
    const int wrapWidth = m_wrap ? std::max(charWidth, (viewport()->width() - left - 4) / charWidth * charWidth)
                                 : std::numeric_limits<int>::max();
    // Where the unwrapped text offset `p` (pixels) lands: its row within the line and its x.
    const auto place = [&](int p) { return std::pair { p / wrapWidth, left - hscroll + p % wrapWidth }; };
    m_paintedRows.clear();
    int y = 0;
    for (qint64 row = firstRow; row < rows && y < viewport()->height(); ++row) {
        const qint64 line = lineForRow(row);
        const quint8 flags = m_document->index().flags(logs::LineNumber(line));
        const QByteArrayView raw = withoutBom(m_document->line(logs::LineNumber(line)));
        const logs::LogLine parsed = logs::parseLine(raw.first(std::min(raw.size(), kMaxPaintedBytes)));
        const int category = m_document->memoryCategoryAt(logs::LineNumber(line));
        const QColor categoryColour
            = category >= 0 ? QColor(logs::categoryInfo(logs::MemoryCategory(category)).colour) : QColor();

        // Text: marker style, then the ANSI spans.
        QColor defaultColour = m_colours.text;
        bool lineBold = false;
        QString prefix;
        switch (parsed.marker) {
        case logs::Marker::Error:
            defaultColour = m_colours.errorText;
            lineBold = true;
            prefix = QStringLiteral("Error: ");
            break;
        case logs::Marker::Warning:
            defaultColour = m_colours.warningText;
            lineBold = true;
            prefix = QStringLiteral("Warning: ");
            break;
        case logs::Marker::Notice:
            prefix = QStringLiteral("Notice: ");
            break;
        case logs::Marker::Group:
            lineBold = true;
            break;
        case logs::Marker::Command:
            defaultColour = m_colours.commandText;
            break;
        case logs::Marker::Debug:
            defaultColour = m_colours.debugText;
            break;
        case logs::Marker::EndGroup:
            defaultColour = m_colours.dimText;
            break;
        default:
            break;
        }
        // Lines saved without timestamps still carry their markers; parseLine reads them only after one.
        QByteArrayView display = parsed.display;
        if (!parsed.hasTimestamp && parsed.marker == logs::Marker::Plain) {
            static constexpr std::pair<const char*, logs::Marker> markers[] = { { "##[error]", logs::Marker::Error },
                { "##[warning]", logs::Marker::Warning }, { "##[group]", logs::Marker::Group } };
            for (const auto& [text, marker] : markers) {
                if (display.startsWith(text)) {
                    display = display.sliced(qsizetype(qstrlen(text)));
                    defaultColour = marker == logs::Marker::Error ? m_colours.errorText
                        : marker == logs::Marker::Warning         ? m_colours.warningText
                                                                  : defaultColour;
                    lineBold = true;
                    break;
                }
            }
        }
        const QList<AnsiSpan> spans = parseAnsi(display);
        QString plain = prefix;
        for (const AnsiSpan& span : spans)
            plain += span.text;
        const int textWidth = QFontMetrics(lineBold ? bold : font()).horizontalAdvance(plain);
        const int sublines = m_wrap ? std::max(1, (textWidth + wrapWidth - 1) / wrapWidth) : 1;
        const QRect rect(0, y, viewport()->width(), sublines * height);
        m_paintedRows.push_back({ line, rect.bottom() });

        // Background: selection, evidence, current line, then error/warning/memory tints.
        // The current line alone is not a selection: it gets a frame, so its own tint stays visible.
        QColor background;
        if (line >= selFirst && line <= selLast && selFirst > 0 && selFirst != selLast)
            background = m_colours.selection;
        else if (std::binary_search(m_highlighted.begin(), m_highlighted.end(), line))
            background = m_colours.evidence;
        else if (categoryColour.isValid())
            background = QColor(
                categoryColour.red(), categoryColour.green(), categoryColour.blue(), m_colours.categoryTintAlpha);
        else if (flags & LineError)
            background = m_colours.errorTint;
        else if (flags & LineWarning)
            background = m_colours.warningTint;
        else if (line == m_current)
            background = m_colours.currentTint;
        if (background.isValid())
            painter.fillRect(rect.adjusted(gutter, 0, 0, 0), background);
        if (line == m_current) {
            painter.setPen(m_colours.currentFrame);
            painter.setBrush(Qt::NoBrush);
            painter.drawRect(rect.adjusted(gutter, 0, -1, -1));
        }

        // Gutter: fold box and line number.
        painter.setPen(m_colours.lineNumber);
        painter.setFont(font());
        painter.drawText(QRect(kFoldBoxWidth, y, gutter - kFoldBoxWidth - 6, height), Qt::AlignRight | Qt::AlignVCenter,
            QString::number(line));
        if (flags & LineGroupStart) {
            painter.drawText(QRect(2, y, kFoldBoxWidth, height), Qt::AlignCenter,
                isFolded(line) ? QStringLiteral("\u25B8") : QStringLiteral("\u25BE"));
        }
        if (tsWidth > 0) {
            painter.setPen(m_colours.timestamp);
            painter.drawText(
                QRect(gutter + 6, y, tsWidth, height), Qt::AlignLeft | Qt::AlignVCenter, timestampText(line));
        }
        if (categoryColour.isValid())
            painter.fillRect(QRect(gutter + tsWidth, y, kCategoryBarWidth, rect.height()), categoryColour);

        painter.setClipRect(QRect(left, y, viewport()->width() - left, rect.height()));
        // Fills the pixels [p0, p1) of the unwrapped text, row by row.
        const auto fillRange = [&](int p0, int p1, const QColor& colour) {
            while (p0 < p1) {
                const int end = m_wrap ? std::min(p1, (p0 / wrapWidth + 1) * wrapWidth) : p1;
                const auto [sub, x0] = place(p0);
                painter.fillRect(QRect(x0, y + sub * height, end - p0, height), colour);
                p0 = end;
            }
        };
        // Draws `text` from the unwrapped offset `p`, broken at the wrap width; returns the offset after it.
        const auto drawText = [&](int p, const QString& text, const QFont& textFont, const QColor& fill) {
            const QFontMetrics metrics(textFont);
            painter.setFont(textFont);
            qsizetype from = 0;
            while (from < text.size()) {
                qsizetype count = text.size() - from;
                if (m_wrap) { // what fits in the rest of this row
                    count = std::clamp<qsizetype>((wrapWidth - p % wrapWidth) / charWidth, 1, count);
                    if (text.at(from + count - 1).isHighSurrogate() && from + count < text.size())
                        ++count;
                }
                const QString piece = text.mid(from, count);
                const int width = metrics.horizontalAdvance(piece);
                const auto [sub, x] = place(p);
                if (fill.isValid())
                    painter.fillRect(QRect(x, y + sub * height, width, height), fill);
                if (x < viewport()->width() && x + width > left)
                    painter.drawText(x, y + sub * height + fm.ascent(), piece);
                p += width;
                from += count;
            }
            return p;
        };
        if (m_matcher) {
            painter.setPen(Qt::NoPen);
            for (const auto& [start, length] : m_matcher->matchRanges(plain)) {
                const int p0 = fm.horizontalAdvance(plain.left(start));
                fillRange(p0, p0 + fm.horizontalAdvance(plain.mid(start, length)), m_colours.searchHit);
            }
        }
        int p = 0;
        if (!prefix.isEmpty()) {
            painter.setPen(defaultColour);
            p = drawText(p, prefix, bold, QColor());
        }
        for (const AnsiSpan& span : spans) {
            painter.setPen(span.foreground.isValid() ? span.foreground : defaultColour);
            p = drawText(p, span.text, span.bold || lineBold ? bold : font(), span.background);
        }
        if (!m_wrap)
            maxWidth = std::max(maxWidth, p);
        if (line == m_pendingLine || (flags & LineGroupStart && isFolded(line))) {
            painter.setPen(m_colours.dimText);
            const auto [sub, x] = place(p);
            painter.drawText(x + 8, y + sub * height + fm.ascent(), QStringLiteral("\u2026"));
        }
        painter.setClipping(false);
        y += rect.height();
    }
    if (maxWidth != m_maxTextWidth) {
        m_maxTextWidth = maxWidth;
        QMetaObject::invokeMethod(this, &LogView::updateScrollBars, Qt::QueuedConnection);
    }
}

void LogView::ensureVisible(qint64 line)
{
    const qint64 row = rowForLine(line);
    const qint64 first = verticalScrollBar()->value();
    const int page = visibleRowCount();
    if (row < first)
        verticalScrollBar()->setValue(int(row));
    else if (row >= first + page)
        verticalScrollBar()->setValue(int(row - page + 1));
}

void LogView::setCurrentLine(qint64 line)
{
    if (!m_document || line < 1)
        return;
    if (line > m_document->lineCount().get()) {
        if (!m_document->isIndexed()) {
            m_pendingLine = line; // shown when the index gets there
            return;
        }
        line = m_document->lineCount().get();
        if (line < 1)
            return;
    }
    for (auto it = m_folded.begin(); it != m_folded.end();) {
        if (it->first < line && line <= it->second)
            it = m_folded.erase(it);
        else
            ++it;
    }
    updateScrollBars();
    m_current = line;
    m_anchor = line;
    const qint64 row = rowForLine(line);
    const qint64 first = verticalScrollBar()->value();
    const int page = visibleRowCount();
    if (row < first || row >= first + page) // a jump: put the line a third down the screen
        verticalScrollBar()->setValue(int(std::max<qint64>(0, row - page / 3)));
    viewport()->update();
    Q_EMIT currentLineChanged(line);
}

void LogView::moveCurrent(qint64 line, bool extendSelection)
{
    if (!m_document || m_document->lineCount().get() == 0)
        return;
    line = std::clamp<qint64>(line, 1, m_document->lineCount().get());
    m_current = line;
    if (!extendSelection)
        m_anchor = line;
    ensureVisible(line);
    viewport()->update();
    Q_EMIT currentLineChanged(line);
}

void LogView::setSelection(qint64 first, qint64 last)
{
    m_anchor = first;
    m_current = last;
    viewport()->update();
}

std::pair<qint64, qint64> LogView::selection() const
{
    if (m_anchor <= 0 || m_current <= 0)
        return { 0, 0 };
    return { std::min(m_anchor, m_current), std::max(m_anchor, m_current) };
}

QString LogView::lineText(qint64 line, bool withTimestamp) const
{
    QByteArray scratch;
    QByteArrayView raw = withoutBom(m_document->line(logs::LineNumber(line)));
    if (!withTimestamp) {
        const logs::LogLine parsed = logs::parseLine(raw, scratch);
        if (parsed.hasTimestamp)
            raw = raw.sliced(std::min<qsizetype>(raw.size(), 29));
    }
    return QString::fromUtf8(logs::stripAnsi(raw, scratch));
}

QString LogView::selectedText(bool withTimestamps) const
{
    const auto [first, last] = selection();
    if (!m_document || first == 0)
        return {};
    QStringList lines;
    for (qint64 line = first; line <= last; ++line) {
        const auto folded = m_folded.find(line);
        lines.append(lineText(line, withTimestamps));
        if (folded != m_folded.end() && folded->second <= last) {
            for (qint64 inner = line + 1; inner <= folded->second; ++inner)
                lines.append(lineText(inner, withTimestamps));
            line = folded->second;
        }
    }
    return lines.join(QLatin1Char('\n'));
}

void LogView::copy() const
{
    const QString text = selectedText(m_copyWithTimestamps);
    if (!text.isEmpty())
        QApplication::clipboard()->setText(text);
}

void LogView::setFolded(qint64 groupLine, bool folded)
{
    if (!m_document)
        return;
    const auto& groups = m_document->groups();
    const auto group
        = std::find_if(groups.begin(), groups.end(), [groupLine](const auto& g) { return g.first.get() == groupLine; });
    if (group == groups.end() || group->last <= group->first)
        return;
    const qint64 top = lineForRow(verticalScrollBar()->value());
    if (folded)
        m_folded[group->first.get()] = group->last.get();
    else
        m_folded.erase(group->first.get());
    updateScrollBars();
    verticalScrollBar()->setValue(int(rowForLine(top)));
    viewport()->update();
}

void LogView::unfoldAll()
{
    m_folded.clear();
    updateScrollBars();
    viewport()->update();
}

qint64 LogView::lineAt(const QPoint& pos) const
{
    if (m_wrap) {
        for (const auto& [painted, bottom] : m_paintedRows) {
            if (pos.y() <= bottom)
                return painted;
        }
        return 0;
    }
    const qint64 row = verticalScrollBar()->value() + pos.y() / lineHeight();
    if (row < 0 || row >= rowCount())
        return 0;
    return lineForRow(row);
}

void LogView::keyPressEvent(QKeyEvent* event)
{
    if (event->matches(QKeySequence::Copy)) {
        copy();
        return;
    }
    if (event->matches(QKeySequence::SelectAll) && m_document) {
        setSelection(1, m_document->lineCount().get());
        return;
    }
    const bool shift = event->modifiers() & Qt::ShiftModifier;
    const qint64 row = rowForLine(std::max<qint64>(1, m_current));
    const auto toRow = [&](qint64 r) {
        moveCurrent(lineForRow(std::clamp<qint64>(r, 0, std::max<qint64>(0, rowCount() - 1))), shift);
    };
    switch (event->key()) {
    case Qt::Key_Down:
        toRow(row + 1);
        return;
    case Qt::Key_Up:
        toRow(row - 1);
        return;
    case Qt::Key_PageDown:
        toRow(row + visibleRowCount());
        return;
    case Qt::Key_PageUp:
        toRow(row - visibleRowCount());
        return;
    case Qt::Key_Home:
        toRow(0);
        return;
    case Qt::Key_End:
        toRow(rowCount() - 1);
        return;
    case Qt::Key_Left:
    case Qt::Key_Right:
        if (m_document && m_current > 0 && (m_document->index().flags(logs::LineNumber(m_current)) & LineGroupStart)) {
            setFolded(m_current, event->key() == Qt::Key_Left);
            return;
        }
        break;
    default:
        break;
    }
    QAbstractScrollArea::keyPressEvent(event);
}

void LogView::mousePressEvent(QMouseEvent* event)
{
    const qint64 line = lineAt(event->position().toPoint());
    if (line <= 0 || event->button() != Qt::LeftButton)
        return;
    if (event->position().x() < kFoldBoxWidth + 2
        && (m_document->index().flags(logs::LineNumber(line)) & LineGroupStart)) {
        setFolded(line, !isFolded(line));
        return;
    }
    moveCurrent(line, event->modifiers() & Qt::ShiftModifier);
}

void LogView::mouseMoveEvent(QMouseEvent* event)
{
    if (!(event->buttons() & Qt::LeftButton))
        return;
    const qint64 line = lineAt(event->position().toPoint());
    if (line > 0)
        moveCurrent(line, true);
}

void LogView::mouseDoubleClickEvent(QMouseEvent* event)
{
    const qint64 line = lineAt(event->position().toPoint());
    if (line <= 0)
        return;
    if (m_document->index().flags(logs::LineNumber(line)) & LineGroupStart)
        setFolded(line, !isFolded(line));
    Q_EMIT lineActivated(line);
}

} // namespace runlens::ui
