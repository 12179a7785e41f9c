#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QString>

#include <memory>

struct archive;

namespace runlens::ghalogs {

// Reads a gzipped (or plain) JSON Lines file line by line, inflating as it goes with libarchive, so
// that a file of many gigabytes is read in constant memory.
class GzipLineReader
{
public:
    GzipLineReader();
    ~GzipLineReader();
    GzipLineReader(const GzipLineReader&) = delete;
    GzipLineReader& operator=(const GzipLineReader&) = delete;

    Status open(const QString& path);
    // The next line without its '\n' in `line`; false at the end or on an error (see status()).
    bool next(QByteArray* line);
    // Success unless reading failed ("'runs.json.gz': truncated gzip input"), like a stream's state.
    Status status() const { return m_error.isEmpty() ? Status() : makeError(m_error); }
    qint64 lineNumber() const { return m_lineNumber; }
    // Bytes read from the file so far (compressed), for progress.
    qint64 compressedBytes() const;

private:
    bool fill();

    QString m_path;
    archive* m_archive = nullptr;
    QByteArray m_buffer;
    qsizetype m_pos = 0;
    bool m_eof = false;
    QString m_error;
    qint64 m_lineNumber = 0;
};

} // namespace runlens::ghalogs
