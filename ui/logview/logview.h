#pragma once

#include "logview/logcolours.h"
#include "logview/timestampmode.h"

#include <QAbstractScrollArea>
#include <QList>
#include <QPointer>

#include "viewer/logdocument.h"

#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace runlens::logs {
class LineMatcher;
}

namespace runlens::ui {

// A virtualized view of a LogDocument: paints only the visible lines, reading each from the document's
// buffer by its index entry. Line numbers, timestamps (absolute, relative to the job start, hidden),
// ANSI colours, ##[group] folding, ##[error]/##[warning] styles, memory-category highlights, search
// matches, evidence lines, and a line selection that Ctrl+C copies with or without timestamps.
class LogView : public QAbstractScrollArea
{
    Q_OBJECT
public:
    explicit LogView(QWidget* parent = nullptr);
    ~LogView() override;

    void setDocument(logs::LogDocument* document);
    logs::LogDocument* document() const { return m_document; }

    void setTimestampMode(TimestampMode mode);
    TimestampMode timestampMode() const { return m_timestampMode; }
    void setCopyWithTimestamps(bool with) { m_copyWithTimestamps = with; }
    // Long lines continue on the next rows instead of scrolling sideways.
    void setWrapLines(bool wrap);
    bool wrapLines() const { return m_wrap; }
    bool copyWithTimestamps() const { return m_copyWithTimestamps; }
    // Search matches are highlighted in the text; nullptr clears.
    void setMatcher(std::shared_ptr<const logs::LineMatcher> matcher);
    // Evidence lines (showLines()): painted with a marker until replaced.
    void setHighlightedLines(const QList<qint64>& lines);
    const QList<qint64>& highlightedLines() const { return m_highlighted; }

    // Makes `line` current and scrolls it into view (unfolding its group). A line not indexed yet is
    // remembered and shown as soon as the index reaches it.
    void setCurrentLine(qint64 line);
    qint64 currentLine() const { return m_current; }
    qint64 firstVisibleLine() const;
    int visibleRowCount() const;

    // Selected lines (inclusive, in line order); an empty selection is {0, 0}.
    void setSelection(qint64 first, qint64 last);
    std::pair<qint64, qint64> selection() const;
    QString selectedText(bool withTimestamps) const;
    void copy() const;

    // Folding of ##[group] sections, by the group's first line.
    void setFolded(qint64 groupLine, bool folded);
    bool isFolded(qint64 groupLine) const { return m_folded.count(groupLine) > 0; }
    void unfoldAll();
    // A line filter ("new lines only"): only `lines` (1-based, ascending) are shown, each under its own
    // number; std::nullopt shows every line again. Folding is set aside while a filter is on.
    void setLineFilter(std::optional<QList<qint64>> lines);
    bool hasLineFilter() const { return m_filter.has_value(); }
    qint64 rowCount() const;
    qint64 lineForRow(qint64 row) const;
    qint64 rowForLine(qint64 line) const;

    // The line's rectangle in viewport coordinates (empty when not visible) and where its text starts.
    QRect lineRect(qint64 line) const;
    int textLeft() const;

Q_SIGNALS:
    void currentLineChanged(qint64 line);
    void wrapLinesChanged(bool wrap);
    void lineActivated(qint64 line); // double-click

protected:
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;

private:
    void documentReset();
    void linesAdded();
    void updateScrollBars();
    void moveCurrent(qint64 line, bool extendSelection);
    void ensureVisible(qint64 line);
    qint64 lineAt(const QPoint& pos) const;
    int lineHeight() const;
    int gutterWidth() const;
    int timestampWidth() const;
    QString timestampText(qint64 line) const;
    QString lineText(qint64 line, bool withTimestamp) const;

    void applyColours();

    LogColours m_colours;
    QPointer<logs::LogDocument> m_document;
    TimestampMode m_timestampMode = TimestampMode::Relative;
    bool m_copyWithTimestamps = false;
    std::shared_ptr<const logs::LineMatcher> m_matcher;
    QList<qint64> m_highlighted;
    std::map<qint64, qint64> m_folded; // group first line -> last line
    std::optional<QList<qint64>> m_filter; // shown lines, ascending
    qint64 m_current = 0;
    qint64 m_anchor = 0;
    qint64 m_pendingLine = 0;
    int m_maxTextWidth = 0;
    bool m_wrap = false;
    std::vector<std::pair<qint64, int>> m_paintedRows; // wrapping: line and bottom y of each painted line
};

} // namespace runlens::ui
