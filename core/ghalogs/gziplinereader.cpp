#include "ghalogs/gziplinereader.h"

#include <archive.h>
#include <archive_entry.h>

namespace runlens::ghalogs {

namespace {
constexpr qsizetype kBlock = qsizetype(1) << 20;
} // namespace

GzipLineReader::GzipLineReader() = default;

GzipLineReader::~GzipLineReader()
{
    if (m_archive)
        archive_read_free(m_archive);
}

Status GzipLineReader::open(const QString& path)
{
    m_path = path;
    m_archive = archive_read_new();
    archive_read_support_filter_gzip(m_archive);
    archive_read_support_format_raw(m_archive);
    archive_read_support_format_empty(m_archive);
    const QByteArray native = path.toLocal8Bit();
    archive_entry* entry = nullptr;
    if (archive_read_open_filename(m_archive, native.constData(), size_t(kBlock)) != ARCHIVE_OK)
        return makeError(
            QStringLiteral("'%1': cannot be read: %2").arg(path, QString::fromUtf8(archive_error_string(m_archive))));
    const int r = archive_read_next_header(m_archive, &entry);
    if (r == ARCHIVE_EOF)
        m_eof = true;
    else if (r < ARCHIVE_WARN)
        return makeError(
            QStringLiteral("'%1': cannot be read: %2").arg(path, QString::fromUtf8(archive_error_string(m_archive))));
    return {};
}

qint64 GzipLineReader::compressedBytes() const
{
    return m_archive ? qint64(archive_filter_bytes(m_archive, -1)) : 0;
}

bool GzipLineReader::fill()
{
    if (m_eof || !m_error.isEmpty())
        return false;
    m_buffer.remove(0, m_pos);
    m_pos = 0;
    const qsizetype old = m_buffer.size();
    m_buffer.resize(old + kBlock);
    const la_ssize_t n = archive_read_data(m_archive, m_buffer.data() + old, size_t(kBlock));
    if (n < 0) {
        m_buffer.resize(old);
        m_error = QStringLiteral("'%1': is corrupt or truncated after line %2: %3")
                      .arg(m_path)
                      .arg(m_lineNumber)
                      .arg(QString::fromUtf8(archive_error_string(m_archive)));
        return false;
    }
    m_buffer.resize(old + qsizetype(n));
    if (n == 0)
        m_eof = true;
    return n > 0;
}

bool GzipLineReader::next(QByteArray* line)
{
    for (;;) {
        const qsizetype newline = m_buffer.indexOf('\n', m_pos);
        if (newline >= 0) {
            *line = m_buffer.sliced(m_pos, newline - m_pos);
            m_pos = newline + 1;
            ++m_lineNumber;
            return true;
        }
        if (!fill()) {
            if (!m_error.isEmpty() || m_pos >= m_buffer.size())
                return false;
            *line = m_buffer.sliced(m_pos); // last line without '\n'
            m_pos = m_buffer.size();
            ++m_lineNumber;
            return true;
        }
    }
}

} // namespace runlens::ghalogs
