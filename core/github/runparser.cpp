#include "runparser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace runlens::github {

namespace {
QDateTime time(const QJsonValue& v)
{
    if (!v.isString())
        return {};
    QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    return t.isValid() ? t.toUTC() : QDateTime {};
}

Result<QJsonObject> parseObject(const QByteArray& json, const QString& what)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return makeError(
            QStringLiteral("%1: not a JSON object (%2 at offset %3)").arg(what, error.errorString()).arg(error.offset));
    return doc.object();
}
} // namespace

workspace::RunRecord RunParser::runFromObject(const QJsonObject& o, const QString& repository)
{
    workspace::RunRecord r;
    r.runId = o.value(QLatin1String("id")).toInteger();
    r.attempt = std::max(1, o.value(QLatin1String("run_attempt")).toInt(1));
    const QString full = o.value(QLatin1String("repository")).toObject().value(QLatin1String("full_name")).toString();
    r.repository = full.isEmpty() ? repository : full;
    r.workflowId = o.value(QLatin1String("workflow_id")).toInteger();
    r.workflowName = o.value(QLatin1String("name")).toString();
    r.workflowPath = o.value(QLatin1String("path")).toString();
    r.runNumber = o.value(QLatin1String("run_number")).toInteger();
    r.event = o.value(QLatin1String("event")).toString();
    r.branch = o.value(QLatin1String("head_branch")).toString();
    r.headSha = o.value(QLatin1String("head_sha")).toString();
    r.actor = o.value(QLatin1String("actor")).toObject().value(QLatin1String("login")).toString();
    r.status = o.value(QLatin1String("status")).toString();
    r.conclusion = o.value(QLatin1String("conclusion")).toString();
    r.createdAt = time(o.value(QLatin1String("created_at")));
    r.startedAt = time(o.value(QLatin1String("run_started_at")));
    r.updatedAt = time(o.value(QLatin1String("updated_at")));
    r.htmlUrl = o.value(QLatin1String("html_url")).toString();
    r.logsUrl = o.value(QLatin1String("logs_url")).toString();
    return r;
}

Result<RunsPage> RunParser::parseRuns(const QByteArray& json, const QString& repository, const QString& what)
{
    Result<QJsonObject> object = parseObject(json, what);
    if (!object)
        return makeError(object.error());
    if (!object->value(QLatin1String("workflow_runs")).isArray())
        return makeError(QStringLiteral("%1: no workflow_runs array").arg(what));
    RunsPage page;
    page.totalCount = object->value(QLatin1String("total_count")).toInteger();
    const QJsonArray runs = object->value(QLatin1String("workflow_runs")).toArray();
    for (const QJsonValue& value : runs) {
        workspace::RunRecord r = runFromObject(value.toObject(), repository);
        if (r.runId <= 0)
            return makeError(QStringLiteral("%1: a run without an id").arg(what));
        page.runs.append(r);
    }
    return page;
}

Result<workspace::RunRecord> RunParser::parseRun(const QByteArray& json, const QString& repository, const QString& what)
{
    Result<QJsonObject> object = parseObject(json, what);
    if (!object)
        return makeError(object.error());
    const QJsonObject wrapped { { QStringLiteral("total_count"), 1 },
        { QStringLiteral("workflow_runs"), QJsonArray { *object } } };
    Result<RunsPage> page = parseRuns(QJsonDocument(wrapped).toJson(QJsonDocument::Compact), repository, what);
    if (!page)
        return makeError(page.error());
    return page->runs.constFirst();
}

Result<JobsPage> RunParser::parseJobs(const QByteArray& json, qint64 runId, int attempt, const QString& what)
{
    Result<QJsonObject> object = parseObject(json, what);
    if (!object)
        return makeError(object.error());
    if (!object->value(QLatin1String("jobs")).isArray())
        return makeError(QStringLiteral("%1: no jobs array").arg(what));
    JobsPage page;
    page.totalCount = object->value(QLatin1String("total_count")).toInteger();
    const QJsonArray jobs = object->value(QLatin1String("jobs")).toArray();
    for (const QJsonValue& value : jobs) {
        const QJsonObject o = value.toObject();
        workspace::JobRecord job;
        job.jobId = o.value(QLatin1String("id")).toInteger();
        if (job.jobId <= 0)
            return makeError(QStringLiteral("%1: a job without an id").arg(what));
        job.runId = runId;
        job.attempt = attempt;
        job.name = o.value(QLatin1String("name")).toString();
        job.status = o.value(QLatin1String("status")).toString();
        job.conclusion = o.value(QLatin1String("conclusion")).toString();
        job.startedAt = time(o.value(QLatin1String("started_at")));
        job.completedAt = time(o.value(QLatin1String("completed_at")));
        job.runnerName = o.value(QLatin1String("runner_name")).toString();
        const QJsonArray labels = o.value(QLatin1String("labels")).toArray();
        for (const QJsonValue& l : labels)
            job.runnerLabels.append(l.toString());
        const QJsonArray steps = o.value(QLatin1String("steps")).toArray();
        for (const QJsonValue& sv : steps) {
            const QJsonObject s = sv.toObject();
            job.steps.append({ s.value(QLatin1String("number")).toInt(), s.value(QLatin1String("name")).toString(),
                s.value(QLatin1String("status")).toString(), s.value(QLatin1String("conclusion")).toString(),
                time(s.value(QLatin1String("started_at"))), time(s.value(QLatin1String("completed_at"))) });
        }
        page.jobs.append(job);
    }
    return page;
}

} // namespace runlens::github
