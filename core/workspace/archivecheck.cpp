#include "archivecheck.h"

#include "logs/ziparchive.h"

#include <QCryptographicHash>
#include <QFile>

namespace runlens::workspace {

Result<ArchiveCheck> verifyZip(const QString& path, const logs::ArchiveLimits& limits)
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
    // The same checks as every later read (names, links, encryption, methods, bombs, entry counts), so
    // that nothing is stored which scanning would refuse; then every entry is inflated to check its CRC.
    Result<logs::ZipArchive> zip = logs::ZipArchive::open(path, limits);
    if (!zip)
        return makeError(zip.error());
    for (int i = 0; i < zip->entries().size(); ++i) {
        if (Status s = zip->readRaw(i, [](QByteArrayView) { return true; }); !s)
            return makeError(s.error());
        ++check.entries;
    }
    return check;
}

} // namespace runlens::workspace
