#pragma once

#include "jobrecord.h"
#include "logarchiverecord.h"
#include "runrecord.h"

#include <QList>
#include <QString>

namespace runlens::workspace {

// One run of the GHALogs dataset as the workspace keeps it: the run, the jobs and steps of its
// `log_insights`, and where its log archive is (never copied): `archive` is the tar.gz file, or the
// dataset's github_run_logs.zip with `archiveMember` naming the tar.gz inside it.
struct GhaLogsRunRecord
{
    RunRecord run;
    QList<JobRecord> jobs;
    LogArchiveRecord log; // path: what readers open (LogSource::open), state and reason
    QString recordId; // the dataset's `_id`
    QString datasetDir;
    QString archive; // absolute
    QString archiveMember; // empty for the logs/ form
    QString archiveError; // `logs_archive.error`
    qint64 totalLogsSize = -1;
};

// One record of repositories.json.gz.
struct GhaLogsRepositoryRecord
{
    QString fullName;
    QString language;
    QByteArray json; // the record as read, for fields RunLens does not model
};

} // namespace runlens::workspace
