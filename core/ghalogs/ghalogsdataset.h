#pragma once

#include "common/result.h"
#include "workspace/logarchiverecord.h"

#include <QString>

#include <memory>

namespace runlens::logs {
class ZipMemberIndex;
}

namespace runlens::ghalogs {

// Where a run's log archive is, resolved against the dataset folder.
struct GhaLogsArchiveRef
{
    QString path; // what LogSource::open() reads: the tar.gz, or "<zip>!/<member>"
    QString archive; // the tar.gz file or the big ZIP (absolute)
    QString member; // inside the big ZIP; empty for the logs/ form
    qint64 bytes = 0; // compressed size of the tar.gz
    workspace::ArchiveState state = workspace::ArchiveState::Missing;
    QString reason; // why missing
};

// A GHALogs dataset folder: runs.json.gz, optionally repositories.json.gz, and the log archives
// either unpacked under logs/ or inside github_run_logs.zip (ZIP64). Records' archive paths
// (`/data/logs/<Owner>/<Repo>/<wf>_<hash4>/<run>-<attempt>.tar.gz`) resolve from their `logs/` part.
class GhaLogsDataset
{
public:
    enum class LogsForm { None, Folder, Zip };

    static Result<GhaLogsDataset> open(const QString& dir);

    QString dir() const { return m_dir; }
    QString runsFile() const { return m_runsFile; }
    QString repositoriesFile() const { return m_repositoriesFile; } // empty when absent
    LogsForm logsForm() const { return m_form; }
    QString logsFormName() const;

    // The archive of a record whose logs_archive.path is `recordPath`. Never leaves the dataset folder.
    GhaLogsArchiveRef resolve(const QString& recordPath) const;

    // The part of a record path from its `logs/` component on ("logs/O/R/wf_1a2b/7-1.tar.gz"), or an
    // empty string when the path has none or is unsafe.
    static QString relativeArchivePath(const QString& recordPath);

private:
    QString m_dir;
    QString m_runsFile;
    QString m_repositoriesFile;
    LogsForm m_form = LogsForm::None;
    QString m_zipPath;
    std::shared_ptr<const logs::ZipMemberIndex> m_zip;
};

} // namespace runlens::ghalogs
