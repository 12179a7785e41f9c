#pragma once

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

namespace runlens::github {

// One repository's share of a collection. Work is counted in steps: a run's jobs and its log archive.
struct RepoProgress
{
    QString repository; // owner/name
    int runsListed = 0;
    int jobsPending = 0;
    int jobsFetched = 0;
    int logsPending = 0;
    int logsDownloaded = 0;
    int logsExpired = 0;
    int logsMissing = 0;
    int logsFailed = 0;
    qint64 bytes = 0;
    int failures = 0; // failures naming this repository (listing, jobs, logs)
    bool done = false; // nothing left to fetch for it in this collection

    int logsDone() const { return logsDownloaded + logsExpired + logsMissing + logsFailed; }
    int workDone() const { return jobsFetched + logsDone(); }
    // A run whose jobs are pending will usually need its log archive too.
    int workTotal() const { return workDone() + 2 * jobsPending + logsPending; }
};

// A snapshot of a collection, emitted as it goes. The overall counts are the sums over `repositories`.
struct CollectProgress
{
    int runsListed = 0; // unique run attempts listed in this collection
    int jobsPending = 0; // runs whose jobs are still to fetch
    int jobsFetched = 0;
    int logsPending = 0; // archives still to download
    int logsDownloaded = 0;
    int logsExpired = 0;
    int logsMissing = 0;
    int logsFailed = 0;
    qint64 bytes = 0; // of archives downloaded and verified
    qint64 bytesReceived = 0; // every byte of log downloads so far, those under way included
    int requests = 0;
    int rateRemaining = -1; // -1: unknown
    int rateLimit = -1;
    QDateTime rateReset;
    QDateTime pausedUntil; // valid while waiting for a rate limit
    QString pauseReason;
    qint64 etaSeconds = -1; // -1: unknown
    bool fetching = false; // listing is over; jobs and logs are being fetched
    bool paused = false; // paused by pause(): no new requests; inFlight ones finish
    int inFlight = 0; // requests on the wire
    int failures = 0; // failures so far (failureAdded() names each)
    QList<RepoProgress> repositories; // in the order of CollectOptions::repositories

    int logsDone() const { return logsDownloaded + logsExpired + logsMissing + logsFailed; }
    int workDone() const { return jobsFetched + logsDone(); }
    int workTotal() const { return workDone() + 2 * jobsPending + logsPending; }
};

// One thing that failed for good, naming the run.
struct CollectFailure
{
    QString repository;
    qint64 runId = 0; // 0: not about one run (e.g. a listing)
    int attempt = 0;
    QString reason;

    QString describe() const
    {
        if (runId == 0)
            return QStringLiteral("%1: %2").arg(repository, reason);
        return QStringLiteral("%1 run %2 attempt %3: %4").arg(repository).arg(runId).arg(attempt).arg(reason);
    }
};

struct CollectSummary
{
    bool canceled = false;
    int runsListed = 0;
    int jobsFetched = 0;
    int logsDownloaded = 0;
    int logsExpired = 0;
    int logsMissing = 0;
    int logsNeedToken = 0; // not attempted: downloads need a token
    qint64 bytes = 0;
    int requests = 0;
    qint64 elapsedMs = 0;
    QList<CollectFailure> failures;
    QStringList notes; // recovered leftovers, split searches, etc.
};

} // namespace runlens::github

Q_DECLARE_METATYPE(runlens::github::CollectProgress)
Q_DECLARE_METATYPE(runlens::github::CollectFailure)
Q_DECLARE_METATYPE(runlens::github::CollectSummary)
