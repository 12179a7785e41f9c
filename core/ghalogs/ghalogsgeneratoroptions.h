#pragma once

#include <QString>

namespace runlens::ghalogs {

// A GHALogs-shaped dataset to write: same file layout and record shape as the real one, log text from
// the sample corpus' generator, and chosen faults so that importers can be tested at any size.
struct GhaLogsGeneratorOptions
{
    QString outDir;
    qint64 runs = 100;
    quint64 seed = 1;
    int runsPerRepository = 50;
    int maxJobLines = 400; // longest job log; keeps archives small
    // Distinct log archives written; further runs get a hard link to one of them (same bytes, no disk).
    // <= 0: one archive per run.
    qint64 distinctArchives = 0;
    bool zip = false; // github_run_logs.zip (ZIP64, members stored) instead of logs/
    qint64 archiveErrors = 0; // records with logs_archive.error
    qint64 missingArchives = 0; // records whose archive is not in the dataset
    qint64 hostileArchives = 0; // archives with an entry escaping the archive ("../")
    qint64 duplicates = 0; // records repeated at the end of runs.json.gz
    qint64 malformed = 0; // lines that are not JSON
};

// What the generator wrote.
struct GhaLogsGeneratorSummary
{
    qint64 records = 0; // lines of runs.json.gz, duplicates and malformed included
    qint64 archives = 0; // archive files or ZIP members written
    qint64 archiveBytes = 0; // compressed, distinct archives
    qint64 logBytes = 0; // uncompressed log text of the distinct archives
    qint64 repositories = 0;
};

} // namespace runlens::ghalogs
