#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QtGlobal>

#include <cstring>
#include <functional>

namespace runlens::logs {

// Splits a decoded UTF-8 stream, fed in chunks of any size, into lines. A partial line at the end of a
// chunk is carried over (its bytes are copied once), so a single 64 MiB line costs linear time.
// Lines end at '\n'; a '\r' before it is dropped; a last line without '\n' is emitted by finish().
// Empty input gives no line; "a\n" gives one line.
class LineSplitter
{
public:
    // `line` excludes the EOL; `byteOffset` is the offset of its first byte in the whole stream;
    // `lineNumber` is 1-based. Return false to stop: feed()/finish() then return false too.
    using Callback = std::function<bool(QByteArrayView line, qint64 byteOffset, qint64 lineNumber)>;

    explicit LineSplitter(Callback callback);

    bool feed(QByteArrayView chunk);
    bool finish();

    qint64 linesEmitted() const { return m_lineNumber; }
    qint64 bytesSeen() const { return m_offset; }

private:
    bool emitLine(QByteArrayView line, qint64 offset);

    Callback m_callback;
    QByteArray m_carry;
    qint64 m_carryOffset = 0;
    qint64 m_offset = 0;
    qint64 m_lineNumber = 0;
    bool m_stopped = false;
};

// Whole-buffer splitting without std::function, for scanners that hold a complete entry: calls
// `f(QByteArrayView line, qint64 byteOffset, qint64 lineNumber) -> bool` per line; false stops.
// Returns false when stopped early.
template <typename F> bool forEachRawLine(QByteArrayView buffer, F&& f)
{
    const char* const begin = buffer.data();
    const qsizetype size = buffer.size();
    qsizetype pos = 0;
    qint64 number = 0;
    while (pos < size) {
        const char* nl = static_cast<const char*>(std::memchr(begin + pos, '\n', size_t(size - pos)));
        const qsizetype end = nl ? qsizetype(nl - begin) : size;
        qsizetype lineEnd = end;
        if (lineEnd > pos && begin[lineEnd - 1] == '\r')
            --lineEnd;
        if (!f(QByteArrayView(begin + pos, lineEnd - pos), qint64(pos), ++number))
            return false;
        pos = end + 1;
    }
    return true;
}

} // namespace runlens::logs
