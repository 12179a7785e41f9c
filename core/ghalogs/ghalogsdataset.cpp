#include "ghalogs/ghalogsdataset.h"

#include "logs/logsource.h"
#include "logs/ziparchive.h"
#include "logs/zipmemberindex.h"

#include <QDir>
#include <QFileInfo>

namespace runlens::ghalogs {

Result<GhaLogsDataset> GhaLogsDataset::open(const QString& dir)
{
    GhaLogsDataset dataset;
    const QFileInfo info(dir);
    if (!info.isDir())
        return makeError(QStringLiteral("dataset '%1': is not a folder").arg(dir));
    dataset.m_dir = QDir::cleanPath(info.absoluteFilePath());
    const QDir root(dataset.m_dir);
    for (const QString& name : { QStringLiteral("runs.json.gz"), QStringLiteral("runs.json") }) {
        if (QFileInfo(root.filePath(name)).isFile()) {
            dataset.m_runsFile = root.filePath(name);
            break;
        }
    }
    if (dataset.m_runsFile.isEmpty())
        return makeError(QStringLiteral("dataset '%1': has no runs.json.gz").arg(dir));
    for (const QString& name : { QStringLiteral("repositories.json.gz"), QStringLiteral("repositories.json") }) {
        if (QFileInfo(root.filePath(name)).isFile()) {
            dataset.m_repositoriesFile = root.filePath(name);
            break;
        }
    }
    if (QFileInfo(root.filePath(QStringLiteral("logs"))).isDir()) {
        dataset.m_form = LogsForm::Folder;
    } else if (const QString zip = root.filePath(QStringLiteral("github_run_logs.zip")); QFileInfo(zip).isFile()) {
        auto index = logs::ZipMemberIndex::of(zip);
        if (!index)
            return makeError(QStringLiteral("dataset '%1': ").arg(dir) + index.error());
        dataset.m_form = LogsForm::Zip;
        dataset.m_zipPath = zip;
        dataset.m_zip = std::move(index).value();
    }
    return dataset;
}

QString GhaLogsDataset::logsFormName() const
{
    switch (m_form) {
    case LogsForm::Folder:
        return QStringLiteral("logs/");
    case LogsForm::Zip:
        return QStringLiteral("github_run_logs.zip");
    case LogsForm::None:
        break;
    }
    return QStringLiteral("no logs");
}

QString GhaLogsDataset::relativeArchivePath(const QString& recordPath)
{
    QString path = recordPath;
    path.replace(QLatin1Char('\\'), QLatin1Char('/'));
    qsizetype at = path.startsWith(QLatin1String("logs/")) ? 0 : path.indexOf(QLatin1String("/logs/"));
    if (at < 0)
        return {};
    if (at > 0 || path.at(0) == QLatin1Char('/'))
        ++at;
    const QString relative = path.sliced(at);
    if (!logs::ZipArchive::unsafeNameReason(relative).isEmpty() || relative.endsWith(QLatin1Char('/')))
        return {};
    return relative;
}

GhaLogsArchiveRef GhaLogsDataset::resolve(const QString& recordPath) const
{
    GhaLogsArchiveRef ref;
    const QString relative = relativeArchivePath(recordPath);
    if (relative.isEmpty()) {
        ref.state = workspace::ArchiveState::Corrupt;
        ref.reason = QStringLiteral("archive path '%1' has no safe logs/ part").arg(recordPath);
        return ref;
    }
    switch (m_form) {
    case LogsForm::None:
        ref.reason = QStringLiteral("the dataset has neither logs/ nor github_run_logs.zip");
        return ref;
    case LogsForm::Folder: {
        const QString file = m_dir + QLatin1Char('/') + relative;
        const QFileInfo info(file);
        if (info.isSymLink() || !info.isFile()) {
            ref.reason = info.isSymLink() ? QStringLiteral("%1 is a symbolic link").arg(relative)
                                          : QStringLiteral("no archive at %1").arg(relative);
            return ref;
        }
        ref.path = ref.archive = file;
        ref.bytes = info.size();
        ref.state = workspace::ArchiveState::Downloaded;
        return ref;
    }
    case LogsForm::Zip:
        break;
    }
    // The ZIP's members may keep the record's leading folders ("data/logs/...") or start at logs/.
    QString withPrefix = recordPath;
    while (withPrefix.startsWith(QLatin1Char('/')))
        withPrefix.remove(0, 1);
    for (const QString& member : { relative, withPrefix }) {
        if (const auto* found = m_zip->find(member)) {
            ref.archive = m_zipPath;
            ref.member = member;
            ref.path = logs::LogSource::memberPath(m_zipPath, member);
            ref.bytes = found->size;
            ref.state = workspace::ArchiveState::Downloaded;
            return ref;
        }
    }
    ref.reason = QStringLiteral("no member %1 in github_run_logs.zip").arg(relative);
    return ref;
}

} // namespace runlens::ghalogs
