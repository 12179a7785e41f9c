#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QString>

struct archive;

namespace runlens::ghalogs {

// Writes a gzipped tar (a run's log archive as GHALogs stores it) or, in Gzip mode, one gzipped
// file (runs.json.gz), with libarchive. For the dataset generator and tests.
class TarGzWriter
{
public:
    enum class Mode { Tar, Gzip };
    TarGzWriter();
    ~TarGzWriter();
    TarGzWriter(const TarGzWriter&) = delete;
    TarGzWriter& operator=(const TarGzWriter&) = delete;

    // Into a file, or into memory (see bytes()) when `path` is empty.
    Status open(const QString& path, Mode mode);
    Status addDirectory(const QString& name);
    // In Gzip mode call once with the whole content (name unused), or use beginStream()/write().
    Status addFile(const QString& name, const QByteArray& data);
    Status beginStream(); // Gzip mode: content of unknown size follows through write()
    Status write(QByteArrayView data);
    Status close();
    // The archive written into memory, after close().
    QByteArray bytes() const { return m_memory; }

private:
    Status fail(const QString& doing);

    QString m_path;
    archive* m_archive = nullptr;
    QByteArray m_memory;
    size_t m_used = 0;
};

} // namespace runlens::ghalogs
