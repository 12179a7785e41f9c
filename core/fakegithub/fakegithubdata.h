#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>

namespace runlens::sample {

// The data the fake GitHub server serves. Plain values; the server copies them once at start
// and never changes them (issues it creates live in the server, not here).

struct FakeRepo
{
    QString owner;
    QString name;
    qint64 id = 0;
    bool issuesEnabled = true;

    QString fullName() const { return owner + QLatin1Char('/') + name; }
};

struct FakeJob
{
    // id, run_id, run_attempt, name, status, conclusion, started_at, completed_at, steps[], labels,
    // runner_name, ... exactly as the jobs API returns them; the server fills in url fields.
    QJsonObject json;
    QByteArray log; // plain-text job log served by /actions/jobs/{id}/logs
    // When set, builds the log lazily instead of `log` (server thread; must not touch shared mutable state).
    std::function<QByteArray()> logText;

    qint64 id() const;
};

struct FakeRun
{
    // Every field of the runs API; the server overwrites url, jobs_url, logs_url and
    // run_attempt with values that point at itself.
    QJsonObject json;
    qint64 id = 0;
    int attempt = 1;
    qint64 repoId = 0;
    QDateTime createdAt; // UTC
    QString status; // queued, in_progress, completed, ...
    QString conclusion; // failure, success, cancelled, ... (empty while not completed)
    QString branch;
    QString event;
    qint64 workflowId = 0;
    QList<FakeJob> jobs; // the jobs of this attempt
    bool logsExpired = false; // logs endpoints answer 410
    // Lazily builds the log archive. Called on the server thread: must not touch shared mutable state.
    std::function<QByteArray()> logZip;
};

struct FakeGitHubData
{
    QList<FakeRepo> repos;
    QList<FakeRun> runs; // every attempt of every run, in any order
};

} // namespace runlens::sample
