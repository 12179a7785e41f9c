#pragma once

#include "common/result.h"
#include "workspace/jobrecord.h"
#include "workspace/runrecord.h"

#include <QByteArray>
#include <QList>

class QJsonObject;

namespace runlens::github {

struct RunsPage
{
    qint64 totalCount = 0;
    QList<workspace::RunRecord> runs;
};

struct JobsPage
{
    qint64 totalCount = 0;
    QList<workspace::JobRecord> jobs;
};

// JSON of GitHub's list endpoints into value records. Errors name `what` (the URL).
class RunParser
{
public:
    static Result<RunsPage> parseRuns(const QByteArray& json, const QString& repository, const QString& what);
    // One run object (GET .../runs/{id} or .../runs/{id}/attempts/{n}).
    static Result<workspace::RunRecord> parseRun(
        const QByteArray& json, const QString& repository, const QString& what);
    // One run object already parsed (also GHALogs' `metadata`); runId is 0 when the object has no id.
    static workspace::RunRecord runFromObject(const QJsonObject& o, const QString& repository);
    static Result<JobsPage> parseJobs(const QByteArray& json, qint64 runId, int attempt, const QString& what);
};

} // namespace runlens::github
