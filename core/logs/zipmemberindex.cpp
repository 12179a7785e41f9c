#include "logs/zipmemberindex.h"

#include "logs/ziparchive.h"

#include <QDateTime>
#include <QFileInfo>
#include <QMutex>
#include <QMutexLocker>

#include <quazip.h>
#include <quazipfile.h>
#include <quazipfileinfo.h>
#include <unzip.h>

#include <map>
#include <tuple>

namespace runlens::logs {

namespace {

// Owns the QuaZip the member device reads from; the holder base is constructed before, and destroyed
// after, the QuaZipFile that points at it.
struct ZipHolder
{
    std::unique_ptr<QuaZip> zip;
};

class OwningZipFile : private ZipHolder, public QuaZipFile
{
public:
    explicit OwningZipFile(std::unique_ptr<QuaZip> zip)
        : ZipHolder { std::move(zip) }
        , QuaZipFile(ZipHolder::zip.get())
    {
    }
    ~OwningZipFile() override { close(); }
    OwningZipFile(const OwningZipFile&) = delete;
    OwningZipFile& operator=(const OwningZipFile&) = delete;
};

struct CacheKey
{
    QString path;
    qint64 size = 0;
    qint64 modified = 0;
    bool operator<(const CacheKey& o) const
    {
        return std::tie(path, size, modified) < std::tie(o.path, o.size, o.modified);
    }
};

} // namespace

Result<std::shared_ptr<const ZipMemberIndex>> ZipMemberIndex::of(const QString& zipPath)
{
    const QFileInfo info(zipPath);
    const QString what = QStringLiteral("archive '%1'").arg(zipPath);
    if (!info.isFile())
        return makeError(what + QStringLiteral(": does not exist or is not a file"));
    const CacheKey key { info.absoluteFilePath(), info.size(), info.lastModified().toMSecsSinceEpoch() };
    static QMutex mutex;
    static std::map<CacheKey, std::shared_ptr<const ZipMemberIndex>> cache;
    QMutexLocker lock(&mutex);
    if (auto it = cache.find(key); it != cache.end())
        return it->second;

    auto index = std::make_shared<ZipMemberIndex>();
    index->m_path = zipPath;
    QuaZip zip(zipPath);
    if (!zip.open(QuaZip::mdUnzip))
        return makeError(what + QStringLiteral(": is not a readable ZIP archive (error %1)").arg(zip.getZipError()));
    index->m_members.reserve(qsizetype(qMax(0, zip.getEntriesCount())));
    QuaZipFileInfo64 file;
    for (bool more = zip.goToFirstFile(); more; more = zip.goToNextFile()) {
        if (!zip.getCurrentFileInfo(&file))
            return makeError(
                what + QStringLiteral(": has a corrupt central directory (error %1)").arg(zip.getZipError()));
        if (file.name.endsWith(QLatin1Char('/')) || !ZipArchive::unsafeNameReason(file.name).isEmpty())
            continue; // directories; unsafe names are never looked up
        unz64_file_pos pos {};
        if (unzGetFilePos64(zip.getUnzFile(), &pos) != UNZ_OK)
            return makeError(what + QStringLiteral(": member '%1' has no readable position").arg(file.name));
        index->m_members.insert(file.name,
            { quint64(pos.pos_in_zip_directory), quint64(pos.num_of_file), qint64(file.uncompressedSize),
                qint64(file.compressedSize) });
    }
    if (zip.getZipError() != 0)
        return makeError(what + QStringLiteral(": has a corrupt central directory (error %1)").arg(zip.getZipError()));
    // One big ZIP per dataset: keep only the newest index per path.
    std::erase_if(cache, [&](const auto& entry) { return entry.first.path == key.path; });
    cache.emplace(key, index);
    return std::shared_ptr<const ZipMemberIndex>(std::move(index));
}

const ZipMemberIndex::Member* ZipMemberIndex::find(const QString& name) const
{
    const auto it = m_members.constFind(name);
    return it == m_members.cend() ? nullptr : &it.value();
}

QString ZipMemberIndex::describe(const QString& name) const
{
    return QStringLiteral("archive '%1': member '%2'").arg(m_path, name);
}

Result<std::unique_ptr<QIODevice>> ZipMemberIndex::openMember(const QString& name) const
{
    const Member* member = find(name);
    if (!member)
        return makeError(describe(name) + QStringLiteral(" does not exist"));
    auto zip = std::make_unique<QuaZip>(m_path);
    if (!zip->open(QuaZip::mdUnzip))
        return makeError(
            describe(name) + QStringLiteral(": the ZIP cannot be reopened (error %1)").arg(zip->getZipError()));
    unz64_file_pos pos { member->directoryOffset, member->number };
    if (!zip->goToFirstFile() || unzGoToFilePos64(zip->getUnzFile(), &pos) != UNZ_OK
        || zip->getCurrentFileName() != name)
        return makeError(describe(name) + QStringLiteral(" is gone: the ZIP changed since it was indexed"));
    auto file = std::make_unique<OwningZipFile>(std::move(zip));
    if (!file->open(QIODevice::ReadOnly))
        return makeError(describe(name) + QStringLiteral(" cannot be read (error %1)").arg(file->getZipError()));
    return std::unique_ptr<QIODevice>(std::move(file));
}

} // namespace runlens::logs
