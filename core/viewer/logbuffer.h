#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include "common/result.h"

#include <memory>

class QFile;

namespace runlens::logs {

// The immutable decoded UTF-8 bytes of one log, shared by the view, the indexer and searches (any
// thread). Either a memory-mapped plain UTF-8 file (nothing is copied, so a 1 GB log costs no heap) or
// a decoded in-memory copy (ZIP entries, UTF-16 files).
class LogBuffer
{
public:
    ~LogBuffer();
    LogBuffer(const LogBuffer&) = delete;
    LogBuffer& operator=(const LogBuffer&) = delete;

    static std::shared_ptr<const LogBuffer> fromBytes(QByteArray decoded, QString name);
    // Maps `path` read-only. Fails with "log '<path>': ..." when it cannot be opened or mapped.
    static Result<std::shared_ptr<const LogBuffer>> mapFile(const QString& path);
    // True when `head` (the first bytes of a file) needs TextDecoder: UTF-16 with or without BOM.
    static bool needsDecoding(QByteArrayView head);

    QByteArrayView bytes() const { return m_view; }
    QString name() const { return m_name; }
    bool isMapped() const { return m_file != nullptr; }

private:
    LogBuffer() = default;
    QByteArray m_bytes;
    std::unique_ptr<QFile> m_file;
    QByteArrayView m_view;
    QString m_name;
};

} // namespace runlens::logs
