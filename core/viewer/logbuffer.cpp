#include "viewer/logbuffer.h"

#include <QFile>
#include <QFileInfo>

namespace runlens::logs {

LogBuffer::~LogBuffer() = default;

std::shared_ptr<const LogBuffer> LogBuffer::fromBytes(QByteArray decoded, QString name)
{
    std::shared_ptr<LogBuffer> buffer(new LogBuffer);
    buffer->m_bytes = std::move(decoded);
    buffer->m_view = QByteArrayView(buffer->m_bytes);
    buffer->m_name = std::move(name);
    return buffer;
}

Result<std::shared_ptr<const LogBuffer>> LogBuffer::mapFile(const QString& path)
{
    std::shared_ptr<LogBuffer> buffer(new LogBuffer);
    buffer->m_name = QFileInfo(path).fileName();
    auto file = std::make_unique<QFile>(path);
    if (!file->open(QIODevice::ReadOnly))
        return Error { QStringLiteral("log '%1': %2").arg(path, file->errorString()) };
    const qint64 size = file->size();
    if (size > 0) {
        uchar* data = file->map(0, size);
        if (!data)
            return Error { QStringLiteral("log '%1': cannot map the file: %2").arg(path, file->errorString()) };
        buffer->m_view = QByteArrayView(reinterpret_cast<const char*>(data), qsizetype(size));
    }
    buffer->m_file = std::move(file);
    return std::shared_ptr<const LogBuffer>(std::move(buffer));
}

bool LogBuffer::needsDecoding(QByteArrayView head)
{
    if (head.startsWith("\xFF\xFE") || head.startsWith("\xFE\xFF"))
        return true;
    // UTF-16 without BOM: ASCII text with every other byte NUL.
    return head.size() >= 4
        && ((head[1] == '\0' && head[3] == '\0' && head[0] != '\0')
            || (head[0] == '\0' && head[2] == '\0' && head[1] != '\0'));
}

} // namespace runlens::logs
