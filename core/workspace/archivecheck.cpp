#include "archivecheck.h"

#include <QCryptographicHash>
#include <QFile>

#include <quazip.h>
#include <quazipfile.h>

namespace runlens::workspace {

Result<ArchiveCheck> verifyZip(const QString& path)
{
    ArchiveCheck check;
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return makeError(QStringLiteral("archive '%1': cannot open: %2").arg(path, file.errorString()));
        QCryptographicHash hash(QCryptographicHash::Sha256);
        if (!hash.addData(&file))
            return makeError(QStringLiteral("archive '%1': cannot read").arg(path));
        check.bytes = file.size();
        check.sha256 = QString::fromLatin1(hash.result().toHex());
    }
    QuaZip zip(path);
    if (!zip.open(QuaZip::mdUnzip))
        return makeError(
            QStringLiteral("archive '%1': not a readable ZIP (error %2)").arg(path).arg(zip.getZipError()));
    QByteArray buffer(64 * 1024, Qt::Uninitialized);
    for (bool more = zip.goToFirstFile(); more; more = zip.goToNextFile()) {
        const QString name = zip.getCurrentFileName();
        QuaZipFile entry(&zip);
        if (!entry.open(QIODevice::ReadOnly))
            return makeError(QStringLiteral("archive '%1': cannot open entry '%2' (error %3)")
                                 .arg(path, name)
                                 .arg(entry.getZipError()));
        while (true) {
            const qint64 n = entry.read(buffer.data(), buffer.size());
            if (n < 0)
                return makeError(QStringLiteral("archive '%1': entry '%2' is unreadable").arg(path, name));
            if (n == 0)
                break;
        }
        entry.close();
        if (entry.getZipError() != UNZ_OK)
            return makeError(QStringLiteral("archive '%1': entry '%2' fails its CRC check (error %3)")
                                 .arg(path, name)
                                 .arg(entry.getZipError()));
        ++check.entries;
    }
    if (zip.getZipError() != UNZ_OK)
        return makeError(
            QStringLiteral("archive '%1': broken central directory (error %2)").arg(path).arg(zip.getZipError()));
    zip.close();
    return check;
}

} // namespace runlens::workspace
