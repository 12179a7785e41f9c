#pragma once

#include <QDate>
#include <QString>
#include <QStringList>

namespace runlens::ghalogs {

// Which runs of a GHALogs dataset to import. Filters combine (AND); values within one filter OR.
struct GhaLogsImportOptions
{
    QString datasetDir;
    QStringList repositories; // owner/name, case-insensitive; empty = all
    QStringList conclusions; // success, failure, ...; empty = all
    QStringList languages; // from repositories.json.gz, case-insensitive; empty = all
    QDate since; // created on or after (UTC); invalid = no bound
    QDate until; // created on or before (UTC); invalid = no bound
    qint64 limit = -1; // the first N matching records; < 0 = all
    qint64 sample = -1; // a uniform random sample of N matching records; < 0 = all
    quint64 seed = 1; // of the sample: same dataset + seed = same runs
    bool verifyArchives = false; // open every archive (inflates all logs: slow) and mark broken ones corrupt
    int batchSize = 2000; // runs per transaction
};

} // namespace runlens::ghalogs
