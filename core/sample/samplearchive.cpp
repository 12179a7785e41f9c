#include "samplearchive.h"

#include <QBuffer>

#include <quazip.h>
#include <quazipfile.h>
#include <quazipnewinfo.h>

namespace runlens::sample {

Result<QByteArray> SampleArchive::zip(const RenderedAttempt& attempt, const QDateTime& stamp)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    QuaZip zip(&buffer);
    zip.setUtf8Enabled(true);
    if (!zip.open(QuaZip::mdCreate))
        return makeError(QStringLiteral("sample archive: cannot create ZIP (error %1)").arg(zip.getZipError()));
    for (const RenderedEntry& entry : attempt.entries) {
        QuaZipNewInfo info(entry.name);
        info.dateTime = stamp.toUTC();
        info.externalAttr = 0644u << 16;
        QuaZipFile file(&zip);
        if (!file.open(QIODevice::WriteOnly, info, nullptr, 0, Z_DEFLATED, Z_DEFAULT_COMPRESSION))
            return makeError(QStringLiteral("sample archive: cannot add entry '%1' (error %2)")
                                 .arg(entry.name)
                                 .arg(file.getZipError()));
        if (file.write(entry.data) != entry.data.size()) {
            file.close();
            return makeError(QStringLiteral("sample archive: cannot write entry '%1'").arg(entry.name));
        }
        file.close();
        if (file.getZipError() != UNZ_OK)
            return makeError(QStringLiteral("sample archive: cannot finish entry '%1' (error %2)")
                                 .arg(entry.name)
                                 .arg(file.getZipError()));
    }
    zip.close();
    if (zip.getZipError() != 0)
        return makeError(QStringLiteral("sample archive: cannot finish ZIP (error %1)").arg(zip.getZipError()));
    return bytes;
}

} // namespace runlens::sample
