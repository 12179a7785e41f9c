#include "naivekeywordfilter.h"

#include <algorithm>
#include <string_view>

namespace runlens::logs {

const QList<QByteArray>& NaiveKeywordFilter::keywords()
{
    static const QList<QByteArray> list { QByteArrayLiteral("137"), QByteArrayLiteral("killed"),
        QByteArrayLiteral("oom"), QByteArrayLiteral("out of memory"), QByteArrayLiteral("memory limit"),
        QByteArrayLiteral("memoryerror"), QByteArrayLiteral("cannot allocate memory") };
    return list;
}

void NaiveKeywordFilter::feed(QByteArrayView lines)
{
    if (matched() || lines.isEmpty())
        return;
    m_lower.resize(lines.size());
    std::transform(lines.begin(), lines.end(), m_lower.begin(),
        [](char c) { return (c >= 'A' && c <= 'Z') ? char(c + ('a' - 'A')) : c; });
    const std::string_view text(m_lower.constData(), size_t(m_lower.size()));
    size_t best = std::string_view::npos;
    for (const QByteArray& keyword : keywords()) {
        const size_t at = text.substr(0, best == std::string_view::npos ? text.size() : best + keyword.size())
                              .find(std::string_view(keyword.constData(), size_t(keyword.size())));
        if (at != std::string_view::npos && (best == std::string_view::npos || at < best)) {
            best = at;
            m_keyword = keyword;
        }
    }
    if (best == std::string_view::npos) {
        m_linesBefore += std::count(lines.begin(), lines.end(), '\n');
        return;
    }
    const auto lineStart = text.rfind('\n', best);
    const size_t start = lineStart == std::string_view::npos ? 0 : lineStart + 1;
    const auto lineEnd = text.find('\n', best);
    const size_t end = lineEnd == std::string_view::npos ? text.size() : lineEnd;
    m_line = m_linesBefore + std::count(lines.begin(), lines.begin() + qsizetype(start), '\n') + 1;
    m_text = lines.sliced(qsizetype(start), qsizetype(end - start)).toByteArray();
    m_lower.clear();
}

bool NaiveKeywordFilter::matches(QByteArrayView text)
{
    NaiveKeywordFilter filter;
    filter.feed(text);
    return filter.matched();
}

} // namespace runlens::logs
