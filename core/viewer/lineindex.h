#pragma once

#include "logs/linetypes.h"

#include <QByteArrayView>
#include <QtGlobal>

#include <vector>

namespace runlens::logs {

// What the indexer notes about a line, packed in one byte per line.
enum LineFlag : quint8 {
    LineHasTimestamp = 0x01,
    LineGroupStart = 0x02, // ##[group]
    LineGroupEnd = 0x04, // ##[endgroup]
    LineError = 0x08, // ##[error]
    LineWarning = 0x10, // ##[warning]
};

// Lines found in one piece of a stream: line-end offsets (offset just past the '\n', or the stream size
// for a last line without one) and one flags byte per line. A value handed from the indexing thread to
// the owner of the LineIndex.
struct LineIndexChunk
{
    std::vector<quint64> ends;
    std::vector<quint8> flags;
};

// Incremental scanner: feed it the whole (immutable) buffer piece by piece; it remembers where the
// current line started, so a 64 MiB line is scanned once, not once per piece.
class LineIndexScanner
{
public:
    // Scans data[position(), upTo) and returns the lines that end inside it. With `atEnd`, a trailing
    // line without '\n' is returned too.
    LineIndexChunk scan(QByteArrayView data, qint64 upTo, bool atEnd);
    qint64 position() const { return m_pos; }

private:
    qint64 m_lineStart = 0;
    qint64 m_pos = 0;
};

// The flags of one raw line (EOL excluded).
quint8 lineFlags(QByteArrayView raw);

// Byte offsets of every line of a decoded UTF-8 stream: 8 bytes (line end) + 1 byte (flags) per line.
// Lines follow LineSplitter's rules: they end at '\n'; a '\r' before it is not part of the line; a last
// line without '\n' counts; empty input has no lines. Line numbers are 1-based.
class LineIndex
{
public:
    void append(const LineIndexChunk& chunk);
    void clear();
    // Drops spare capacity (after the last append), so memoryBytes() is 9 bytes per line.
    void squeeze();
    LinesCount lineCount() const { return LinesCount(qint64(m_ends.size())); }
    // Offset of the line's first byte.
    OffsetInFile lineStart(LineNumber line) const
    {
        return OffsetInFile(line.get() <= 1 ? 0 : qint64(m_ends[size_t(line.get() - 2)]));
    }
    // Offset just past the line including its EOL.
    OffsetInFile lineEndWithEol(LineNumber line) const { return OffsetInFile(qint64(m_ends[size_t(line.get() - 1)])); }
    quint8 flags(LineNumber line) const { return m_flags[size_t(line.get() - 1)]; }
    // The line's bytes in `data` without '\n' / "\r\n"; empty for a line that is not indexed.
    QByteArrayView line(QByteArrayView data, LineNumber line) const;
    // Bytes covered by indexed lines.
    OffsetInFile indexedBytes() const { return OffsetInFile(m_ends.empty() ? 0 : qint64(m_ends.back())); }
    // Heap bytes held by the index (capacity, not size).
    quint64 memoryBytes() const;
    // The line holding byte `offset` (clamped to the indexed lines); no line (0) when empty.
    LineNumber lineAtOffset(OffsetInFile offset) const;

private:
    std::vector<quint64> m_ends;
    std::vector<quint8> m_flags;
};

} // namespace runlens::logs
