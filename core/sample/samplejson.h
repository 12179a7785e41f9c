#pragma once

#include <QJsonObject>
#include <QString>

namespace runlens::sample {

struct SampleRepo;
struct SampleRun;
struct SampleJob;

// The GitHub REST API's JSON for the corpus' runs and jobs, as `GET .../actions/runs` and
// `GET .../runs/{id}/jobs` return them: job times in whole seconds, step times `.000Z`. URLs
// point at `apiBase` (e.g. "http://127.0.0.1:8080" for the fake server).
class SampleJson
{
public:
    // The run as of `attempt` (0: the latest), i.e. what `/runs/{id}/attempts/{n}` returns.
    static QJsonObject run(const SampleRepo& repo, const SampleRun& run, int attempt = 0,
        const QString& apiBase = QStringLiteral("https://api.github.com"));
    static QJsonObject job(const SampleRepo& repo, const SampleRun& run, int attempt, const SampleJob& job,
        const QString& apiBase = QStringLiteral("https://api.github.com"));
    static QString apiTime(const QDateTime& time); // 2025-02-22T01:09:14Z
    static QString stepTime(const QDateTime& time); // 2025-02-22T01:09:14.000Z
};

} // namespace runlens::sample
