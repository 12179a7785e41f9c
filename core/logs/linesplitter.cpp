#include "logs/linesplitter.h"

#include <utility>

namespace runlens::logs {

LineSplitter::LineSplitter(Callback callback)
    : m_callback(std::move(callback))
{
}

bool LineSplitter::emitLine(QByteArrayView line, qint64 offset)
{
    if (!line.isEmpty() && line.back() == '\r')
        line.chop(1);
    if (!m_callback(line, offset, ++m_lineNumber))
        m_stopped = true;
    return !m_stopped;
}

bool LineSplitter::feed(QByteArrayView chunk)
{
    if (m_stopped)
        return false;
    const char* const begin = chunk.data();
    const qsizetype size = chunk.size();
    const qint64 chunkOffset = m_offset;
    m_offset += size;
    qsizetype pos = 0;
    while (pos < size) {
        const char* nl = static_cast<const char*>(std::memchr(begin + pos, '\n', size_t(size - pos)));
        if (!nl) {
            if (m_carry.isEmpty())
                m_carryOffset = chunkOffset + pos;
            m_carry.append(begin + pos, size - pos);
            return true;
        }
        const qsizetype end = qsizetype(nl - begin);
        if (!m_carry.isEmpty()) {
            m_carry.append(begin + pos, end - pos);
            const bool go = emitLine(QByteArrayView(m_carry), m_carryOffset);
            m_carry.resize(0); // keeps the capacity for the next long line
            if (!go)
                return false;
        } else if (!emitLine(QByteArrayView(begin + pos, end - pos), chunkOffset + pos)) {
            return false;
        }
        pos = end + 1;
    }
    return true;
}

bool LineSplitter::finish()
{
    if (m_stopped)
        return false;
    if (m_carry.isEmpty())
        return true;
    const bool go = emitLine(QByteArrayView(m_carry), m_carryOffset);
    m_carry.clear();
    return go;
}

} // namespace runlens::logs
