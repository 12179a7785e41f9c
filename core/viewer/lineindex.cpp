#include "viewer/lineindex.h"

#include "logs/logline.h"

#include <algorithm>
#include <cstring>

namespace runlens::logs {

namespace {
constexpr QByteArrayView kBom("\xEF\xBB\xBF");
constexpr qsizetype kTimestampLength = 28; // 2024-01-28T19:27:24.9408212Z
} // namespace

quint8 lineFlags(QByteArrayView raw)
{
    quint8 flags = 0;
    if (raw.startsWith(kBom))
        raw = raw.sliced(kBom.size());
    if (raw.size() >= kTimestampLength && raw[4] == '-' && raw[10] == 'T'
        && parseTimestamp(raw.first(std::min<qsizetype>(raw.size(), kTimestampLength + 1)))) {
        flags |= LineHasTimestamp;
        raw = raw.sliced(std::min<qsizetype>(raw.size(), kTimestampLength + 1));
    }
    if (raw.size() < 3 || raw[0] != '#' || raw[1] != '#' || raw[2] != '[')
        return flags;
    if (raw.startsWith("##[group]"))
        flags |= LineGroupStart;
    else if (raw.startsWith("##[endgroup]"))
        flags |= LineGroupEnd;
    else if (raw.startsWith("##[error]"))
        flags |= LineError;
    else if (raw.startsWith("##[warning]"))
        flags |= LineWarning;
    return flags;
}

LineIndexChunk LineIndexScanner::scan(QByteArrayView data, qint64 upTo, bool atEnd)
{
    LineIndexChunk chunk;
    upTo = std::min<qint64>(upTo, data.size());
    const char* const begin = data.data();
    // A typical CI log line is 60-120 bytes.
    chunk.ends.reserve(size_t(std::max<qint64>(0, upTo - m_pos) / 64 + 1));
    chunk.flags.reserve(chunk.ends.capacity());
    while (m_pos < upTo) {
        const char* nl = static_cast<const char*>(std::memchr(begin + m_pos, '\n', size_t(upTo - m_pos)));
        if (!nl) {
            m_pos = upTo;
            break;
        }
        const qint64 end = qint64(nl - begin);
        chunk.ends.push_back(quint64(end + 1));
        chunk.flags.push_back(lineFlags(QByteArrayView(begin + m_lineStart, end - m_lineStart)));
        m_lineStart = end + 1;
        m_pos = end + 1;
    }
    if (atEnd && upTo == data.size() && m_lineStart < upTo) {
        chunk.ends.push_back(quint64(upTo));
        chunk.flags.push_back(lineFlags(QByteArrayView(begin + m_lineStart, upTo - m_lineStart)));
        m_lineStart = upTo;
    }
    return chunk;
}

void LineIndex::append(const LineIndexChunk& chunk)
{
    m_ends.insert(m_ends.end(), chunk.ends.begin(), chunk.ends.end());
    m_flags.insert(m_flags.end(), chunk.flags.begin(), chunk.flags.end());
}

void LineIndex::clear()
{
    m_ends = {};
    m_flags = {};
}

void LineIndex::squeeze()
{
    m_ends.shrink_to_fit();
    m_flags.shrink_to_fit();
}

QByteArrayView LineIndex::line(QByteArrayView data, LineNumber line) const
{
    if (!line.isIn(lineCount()))
        return {};
    const qint64 start = lineStart(line).get();
    qint64 end = std::min<qint64>(lineEndWithEol(line).get(), data.size());
    if (end > start && data[end - 1] == '\n')
        --end;
    if (end > start && data[end - 1] == '\r')
        --end;
    return data.sliced(start, end - start);
}

quint64 LineIndex::memoryBytes() const
{
    return quint64(m_ends.capacity() * sizeof(quint64) + m_flags.capacity());
}

LineNumber LineIndex::lineAtOffset(OffsetInFile offset) const
{
    if (m_ends.empty())
        return LineNumber();
    const auto it = std::upper_bound(m_ends.begin(), m_ends.end(), quint64(std::max<qint64>(0, offset.get())));
    return LineNumber(std::min<qint64>(qint64(it - m_ends.begin()) + 1, lineCount().get()));
}

} // namespace runlens::logs
