#pragma once

#include "backoffpolicy.h"

#include <QDate>
#include <QStringList>
#include <QUrl>

namespace runlens::github {

// What to collect and how. The token is passed separately and never stored.
struct CollectOptions
{
    QUrl apiUrl = QUrl(QStringLiteral("https://api.github.com"));
    QStringList repositories; // owner/name
    QString status; // failure | success | ... ; empty or "all": no filter
    QString branch;
    QString event;
    QString workflow; // file name (ci.yml) or id: workflows endpoint; otherwise matched against the name
    QDate since; // created on or after (UTC day)
    QDate until; // created on or before
    int maxRuns = 0; // per repository; 0: no limit
    bool listOnly = false; // store the listed runs, fetch no jobs and no logs
    // List nothing: fetch the jobs and logs that runs already in the workspace still need (a resume
    // without a new listing, or logs marked for download again).
    bool fetchOnly = false;
    bool previousAttempts = true; // also collect the earlier attempts of re-run runs (/attempts/{n})
    int concurrency = 4;
    BackoffPolicy backoff;
    int rateLimitThreshold = 20;
    int secondaryLimitWaitMs = 60000;
    int resetMarginMs = 1000;
    int maxDownloadAttempts = 3; // downloads whose ZIP fails verification are fetched again this often
    int searchCap = 1000; // GitHub returns at most this many results per filtered search
    QDate earliest = QDate(2018, 1, 1); // lower bound when a capped search must be split without --since
};

} // namespace runlens::github
