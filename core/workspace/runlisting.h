#pragma once

#include "common/runkey.h"

#include <QDateTime>
#include <QString>

namespace runlens::workspace {

// One run attempt as the runs table lists it: the columns of a RunRecord it shows, with the state of
// the run's log archive. Read by RunListStore without building a list.
struct RunListing
{
    qint64 runId = 0;
    int attempt = 1;
    qint64 repositoryId = 0; // RepositoryRecord::id
    QString workflow; // the workflow's name, else its file path (RunRecord::workflowLabel())
    qint64 runNumber = 0;
    QString event;
    QString branch;
    QString conclusion; // the conclusion, else the status (a run that has not concluded)
    QDateTime createdAt;
    QDateTime startedAt;
    QDateTime updatedAt;
    QString htmlUrl;
    QString archiveState; // nameOf(ArchiveState), empty without an archive
    qint64 archiveBytes = -1; // a downloaded archive's size, else -1
    QString archivePath; // a downloaded archive's stored path (Workspace::absolutePath()), else empty

    RunKey key() const { return { runId, attempt }; }
};

} // namespace runlens::workspace
