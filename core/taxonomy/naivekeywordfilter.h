#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace runlens::logs {

// The old pipeline's memory filter (shared/anchors/seed_filter.py), reproduced exactly: a file matches when
// its lower-cased text contains any of the keywords as a substring. Works on raw bytes like the Python,
// which reads UTF-8 with errors ignored (so UTF-16 files match only where their bytes do).
// Feed a file's text in whole-line pieces; keywords never contain a newline, so none is split.
class NaiveKeywordFilter
{
public:
    static const QList<QByteArray>& keywords();

    void feed(QByteArrayView lines);
    bool matched() const { return m_line > 0; }
    qint64 line() const { return m_line; } // 1-based line of the first match, 0 when none
    QByteArray keyword() const { return m_keyword; }
    QByteArray lineText() const { return m_text; }

    // One-shot convenience: does `text` match?
    static bool matches(QByteArrayView text);

private:
    QByteArray m_lower;
    qint64 m_linesBefore = 0;
    qint64 m_line = 0;
    QByteArray m_keyword;
    QByteArray m_text;
};

} // namespace runlens::logs
