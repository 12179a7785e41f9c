#include "ghalogs/targzwriter.h"

#include <archive.h>
#include <archive_entry.h>

namespace runlens::ghalogs {

TarGzWriter::TarGzWriter() = default;

TarGzWriter::~TarGzWriter()
{
    if (m_archive)
        archive_write_free(m_archive);
}

Status TarGzWriter::fail(const QString& doing)
{
    const char* text = m_archive ? archive_error_string(m_archive) : nullptr;
    return makeError(QStringLiteral("'%1': cannot %2: %3")
                         .arg(m_path.isEmpty() ? QStringLiteral("(memory)") : m_path, doing,
                             text ? QString::fromUtf8(text) : QStringLiteral("unknown error")));
}

Status TarGzWriter::open(const QString& path, Mode mode)
{
    m_path = path;
    m_archive = archive_write_new();
    archive_write_add_filter_gzip(m_archive);
    if (mode == Mode::Tar)
        archive_write_set_format_pax_restricted(m_archive);
    else
        archive_write_set_format_raw(m_archive);
    archive_write_set_bytes_in_last_block(m_archive, 1);
    int r = ARCHIVE_OK;
    if (path.isEmpty()) {
        m_memory.resize(qsizetype(64) << 20);
        r = archive_write_open_memory(m_archive, m_memory.data(), size_t(m_memory.size()), &m_used);
    } else {
        r = archive_write_open_filename(m_archive, path.toLocal8Bit().constData());
    }
    return r == ARCHIVE_OK ? Status {} : fail(QStringLiteral("create"));
}

Status TarGzWriter::addDirectory(const QString& name)
{
    archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname_utf8(entry, name.toUtf8().constData());
    archive_entry_set_filetype(entry, AE_IFDIR);
    archive_entry_set_perm(entry, 0755);
    const int r = archive_write_header(m_archive, entry);
    archive_entry_free(entry);
    return r == ARCHIVE_OK ? Status {} : fail(QStringLiteral("add '%1'").arg(name));
}

Status TarGzWriter::addFile(const QString& name, const QByteArray& data)
{
    archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname_utf8(entry, name.toUtf8().constData());
    archive_entry_set_filetype(entry, AE_IFREG);
    archive_entry_set_perm(entry, 0644);
    archive_entry_set_size(entry, data.size());
    const int r = archive_write_header(m_archive, entry);
    archive_entry_free(entry);
    if (r != ARCHIVE_OK)
        return fail(QStringLiteral("add '%1'").arg(name));
    return write(data);
}

Status TarGzWriter::beginStream()
{
    archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname(entry, "data");
    archive_entry_set_filetype(entry, AE_IFREG);
    archive_entry_set_perm(entry, 0644);
    const int r = archive_write_header(m_archive, entry);
    archive_entry_free(entry);
    return r == ARCHIVE_OK ? Status {} : fail(QStringLiteral("start"));
}

Status TarGzWriter::write(QByteArrayView data)
{
    qsizetype done = 0;
    while (done < data.size()) {
        const la_ssize_t n = archive_write_data(m_archive, data.data() + done, size_t(data.size() - done));
        if (n <= 0)
            return fail(QStringLiteral("write"));
        done += qsizetype(n);
    }
    return {};
}

Status TarGzWriter::close()
{
    if (!m_archive)
        return {};
    const int r = archive_write_close(m_archive);
    archive_write_free(m_archive);
    m_archive = nullptr;
    if (r != ARCHIVE_OK)
        return makeError(QStringLiteral("'%1': cannot finish writing").arg(m_path));
    if (m_path.isEmpty())
        m_memory.resize(qsizetype(m_used));
    return {};
}

} // namespace runlens::ghalogs
