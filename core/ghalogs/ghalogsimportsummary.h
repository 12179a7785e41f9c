#pragma once

#include <QString>
#include <QStringList>

namespace runlens::ghalogs {

// What an import did; every record read is counted in exactly one of the first group.
struct GhaLogsImportSummary
{
    qint64 records = 0; // lines of runs.json.gz read
    qint64 malformed = 0; // not a valid record
    qint64 filteredOut = 0; // did not match the options (or not sampled, or past the limit)
    qint64 duplicates = 0; // a (run id, attempt) seen earlier in this dataset
    qint64 alreadyImported = 0; // in the workspace from an earlier import
    qint64 imported = 0; // stored now

    // Of the imported runs: their archives.
    qint64 archivesPresent = 0;
    qint64 archivesMissing = 0; // no file / no ZIP member
    qint64 archiveErrors = 0; // logs_archive.error in the record
    qint64 archivesCorrupt = 0; // unsafe path, or refused by --verify

    qint64 repositories = 0; // records of repositories.json.gz stored
    QString logsForm; // "logs/", "github_run_logs.zip" or "no logs"
    bool cancelled = false;
    double seconds = 0;
    // One line per malformed record, duplicate and archive problem (the first kMaxProblems).
    QStringList problems;
    qint64 problemsLeftOut = 0;
    static constexpr int kMaxProblems = 1000;
};

// Progress while importing: records read, runs stored, compressed bytes read of runs.json.gz.
struct GhaLogsImportProgress
{
    qint64 records = 0;
    qint64 imported = 0;
    qint64 bytesRead = 0;
    qint64 bytesTotal = 0;
};

} // namespace runlens::ghalogs
