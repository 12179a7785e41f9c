#include "logs/ziparchive.h"

#include "common/logging.h"

#include <QFile>
#include <QFileInfo>

#include <quazip.h>
#include <quazipfile.h>
#include <quazipfileinfo.h>
#include <unzip.h>

namespace runlens::logs {

namespace {

bool isSymlink(const QuaZipFileInfo64& info)
{
    const quint32 mode = info.externalAttr >> 16;
    return (mode & 0170000u) == 0120000u || info.isSymbolicLink();
}

QString sizeText(qint64 bytes)
{
    return QString::number(bytes);
}

} // namespace

QString ZipArchive::describe() const
{
    return QStringLiteral("archive '%1'").arg(m_path);
}

QString ZipArchive::unsafeNameReason(const QString& name)
{
    if (name.isEmpty())
        return QStringLiteral("has an empty name");
    if (name.contains(QChar(0)))
        return QStringLiteral("has a NUL character in its name");
    if (name.size() >= 2 && name.at(1) == QLatin1Char(':') && name.at(0).isLetter() && name.at(0).unicode() < 128)
        return QStringLiteral("names a drive letter (absolute path)");
    if (name.startsWith(QLatin1Char('/')) || name.startsWith(QLatin1Char('\\')))
        return QStringLiteral("is an absolute path");
    qsizetype start = 0;
    while (start <= name.size()) {
        qsizetype end = start;
        while (end < name.size() && name.at(end) != QLatin1Char('/') && name.at(end) != QLatin1Char('\\'))
            ++end;
        if (QStringView(name).sliced(start, end - start) == QLatin1String(".."))
            return QStringLiteral("escapes the archive");
        start = end + 1;
    }
    return {};
}

Result<ZipArchive> ZipArchive::open(const QString& path, const ArchiveLimits& limits)
{
    ZipArchive archive;
    archive.m_path = path;
    archive.m_limits = limits;
    const QString what = archive.describe();
    const QFileInfo fileInfo(path);
    if (!fileInfo.exists())
        return makeError(what + QStringLiteral(": does not exist"));
    if (!fileInfo.isFile())
        return makeError(what + QStringLiteral(": is not a file"));

    QuaZip zip(path);
    if (!zip.open(QuaZip::mdUnzip)) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return makeError(what + QStringLiteral(": cannot be read: ") + file.errorString());
        const QByteArray head = file.read(22);
        if (head.isEmpty())
            return makeError(what + QStringLiteral(": is empty, not a ZIP archive"));
        // minizip refuses an archive that is nothing but an end-of-central-directory record with zero
        // entries; that is a valid, empty archive.
        if (head.size() == 22 && head.startsWith("PK\x05\x06") && head.mid(4, 18) == QByteArray(18, '\0')
            && file.size() == 22)
            return archive;
        if (head.startsWith("PK"))
            return makeError(what + QStringLiteral(": is truncated or corrupt (no readable central directory)"));
        return makeError(what + QStringLiteral(": is not a ZIP archive"));
    }
    const qint64 declaredCount = zip.getEntriesCount();
    if (declaredCount > limits.maxEntries)
        return makeError(what
            + QStringLiteral(": has %1 entries, more than the limit of %2").arg(declaredCount).arg(limits.maxEntries));

    qint64 total = 0;
    int position = 0;
    QuaZipFileInfo64 info;
    for (bool more = zip.goToFirstFile(); more; more = zip.goToNextFile(), ++position) {
        if (position >= limits.maxEntries)
            return makeError(what + QStringLiteral(": has more than the limit of %1 entries").arg(limits.maxEntries));
        if (!zip.getCurrentFileInfo(&info))
            return makeError(
                what + QStringLiteral(": has a corrupt central directory (error %1)").arg(zip.getZipError()));
        const QString& name = info.name;
        const QString entryWhat = what + QStringLiteral(": entry '%1'").arg(name);
        if (const QString reason = unsafeNameReason(name); !reason.isEmpty())
            return makeError(entryWhat + QLatin1Char(' ') + reason);
        if (isSymlink(info))
            return makeError(entryWhat + QStringLiteral(" is a symbolic link"));
        if (name.endsWith(QLatin1Char('/')) || name.endsWith(QLatin1Char('\\')))
            continue; // directory record
        if (info.isEncrypted())
            return makeError(entryWhat + QStringLiteral(" is encrypted"));
        if (info.method != 0 && info.method != 8)
            return makeError(entryWhat + QStringLiteral(" uses unsupported compression method %1").arg(info.method));
        const auto usize = qint64(info.uncompressedSize);
        const auto csize = qint64(info.compressedSize);
        if (usize < 0 || csize < 0 || usize > limits.maxEntryBytes)
            return makeError(entryWhat
                + QStringLiteral(" declares %1 bytes, more than the per-entry limit of %2 bytes")
                      .arg(sizeText(qint64(info.uncompressedSize)), sizeText(limits.maxEntryBytes)));
        total += usize;
        if (total > limits.maxTotalBytes)
            return makeError(what
                + QStringLiteral(": declares more than the limit of %1 bytes uncompressed in total "
                                 "(zip bomb?)")
                      .arg(sizeText(limits.maxTotalBytes)));
        if (usize >= limits.ratioMinBytes && usize > 0
            && (csize == 0 || double(usize) > limits.maxRatio * double(csize)))
            return makeError(entryWhat
                + QStringLiteral(" has a compression ratio of %1, more than the limit of %2 (zip bomb?)")
                      .arg(csize ? QString::number(double(usize) / double(csize), 'f', 0) : QStringLiteral("infinity"))
                      .arg(limits.maxRatio));
        unz64_file_pos pos {};
        if (unzGetFilePos64(zip.getUnzFile(), &pos) != UNZ_OK)
            return makeError(entryWhat + QStringLiteral(" has no readable position in the central directory"));
        LogEntry entry = classifyEntryName(name);
        entry.size = usize;
        entry.compressedSize = csize;
        archive.m_entries.append(std::move(entry));
        archive.m_positions.append({ quint64(pos.pos_in_zip_directory), quint64(pos.num_of_file) });
    }
    if (zip.getZipError() != 0)
        return makeError(what + QStringLiteral(": has a corrupt central directory (error %1)").arg(zip.getZipError()));
    return archive;
}

Status ZipArchive::readRaw(int index, const std::function<bool(QByteArrayView raw)>& f, qsizetype chunkSize) const
{
    const QString what = describe();
    if (index < 0 || index >= m_entries.size())
        return makeError(what + QStringLiteral(": no entry number %1").arg(index));
    const LogEntry& entry = m_entries.at(index);
    const QString entryWhat = what + QStringLiteral(": entry '%1'").arg(entry.name);
    QuaZip zip(m_path);
    if (!zip.open(QuaZip::mdUnzip))
        return makeError(what + QStringLiteral(": cannot be reopened (error %1)").arg(zip.getZipError()));
    // goToFirstFile() makes QuaZip consider a file current; the jump then moves minizip straight to the entry.
    const unz64_file_pos pos { m_positions.at(index).directoryOffset, m_positions.at(index).number };
    const bool found = zip.goToFirstFile() && unzGoToFilePos64(zip.getUnzFile(), &pos) == UNZ_OK;
    if (!found || zip.getCurrentFileName() != entry.name)
        return makeError(entryWhat + QStringLiteral(" is gone: the archive changed since it was opened"));

    QuaZipFile file(&zip);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(entryWhat + QStringLiteral(" cannot be read (error %1)").arg(file.getZipError()));
    const qint64 limit = qMin(entry.size, m_limits.maxEntryBytes);
    QByteArray buffer(qMax<qsizetype>(chunkSize, 4096), Qt::Uninitialized);
    qint64 seen = 0;
    for (;;) {
        const qint64 n = file.read(buffer.data(), buffer.size());
        if (n < 0) {
            const int error = file.getZipError();
            return makeError(entryWhat + QStringLiteral(" is corrupt or truncated (read error %1)").arg(error));
        }
        if (n == 0)
            break;
        seen += n;
        if (seen > limit)
            return makeError(
                entryWhat + QStringLiteral(" inflates beyond its declared %1 bytes (zip bomb?)").arg(entry.size));
        if (!f(QByteArrayView(buffer.constData(), n))) {
            file.close();
            return {};
        }
    }
    file.close();
    const int error = file.getZipError();
    if (error == UNZ_CRCERROR)
        return makeError(entryWhat + QStringLiteral(" fails its CRC check (corrupt data)"));
    if (error != 0)
        return makeError(entryWhat + QStringLiteral(" is corrupt (error %1)").arg(error));
    if (seen != entry.size)
        return makeError(entryWhat + QStringLiteral(" is truncated (%1 of %2 bytes)").arg(seen).arg(entry.size));
    return {};
}

} // namespace runlens::logs
