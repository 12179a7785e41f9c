#pragma once

#include "common/result.h"
#include "workspace/ghalogsrunrecord.h"

#include <QByteArrayView>
#include <QString>

namespace runlens::ghalogs {

// One JSON Lines record of the GHALogs dataset into workspace values. Errors name `what`
// ("'runs.json.gz' line 12").
class GhaLogsRecordParser
{
public:
    // A record of runs.json.gz: `metadata` (GitHub's workflow-run object) becomes the run,
    // `log_insights[]` its jobs (one per job log file) and steps, `logs_archive` the archive
    // reference (path or error, resolved later against the dataset folder).
    // Errors name `file` and `lineNumber` (the message is built only on error: millions of lines).
    static Result<workspace::GhaLogsRunRecord> parseRun(QByteArrayView line, const QString& file, qint64 lineNumber);
    // A record of repositories.json.gz.
    static Result<workspace::GhaLogsRepositoryRecord> parseRepository(QByteArrayView line, const QString& what);
    // "2023-09-21 17:21:41.391000" (log_insights) or ISO 8601, as UTC; invalid when neither.
    static QDateTime parseTime(QStringView text);
};

} // namespace runlens::ghalogs
