#include "samplejson.h"

#include "samplerandom.h"
#include "samplerepo.h"
#include "samplerun.h"

#include <QJsonArray>

namespace runlens::sample {

namespace {
// Stable fake ids derived from a number, for fields the corpus does not model.
qint64 derivedId(qint64 base, quint64 salt, qint64 lo, qint64 span)
{
    return lo + qint64(SampleRandom::derive(quint64(base), salt) % quint64(span));
}

QString nodeId(const char* prefix, qint64 id)
{
    return QString::fromLatin1(prefix)
        + QString::fromLatin1(QByteArray::number(id).toBase64(QByteArray::OmitTrailingEquals));
}

QJsonObject actor(const QString& login)
{
    const qint64 id = derivedId(qHash(login), 0x4143, 1000000, 90000000);
    const bool bot = login.endsWith(QLatin1String("[bot]"));
    return { { QStringLiteral("login"), login }, { QStringLiteral("id"), id },
        { QStringLiteral("node_id"), nodeId("MDQ6VXNlcj", id) },
        { QStringLiteral("type"), bot ? QStringLiteral("Bot") : QStringLiteral("User") },
        { QStringLiteral("html_url"), QString(QStringLiteral("https://github.com/") + login) } };
}

QJsonObject repository(const SampleRepo& repo, const QString& apiBase)
{
    const QString url = apiBase + QStringLiteral("/repos/") + repo.fullName();
    return { { QStringLiteral("id"), repo.id }, { QStringLiteral("node_id"), nodeId("R_kgDO", repo.id) },
        { QStringLiteral("name"), repo.name }, { QStringLiteral("full_name"), repo.fullName() },
        { QStringLiteral("private"), false },
        { QStringLiteral("owner"),
            QJsonObject {
                { QStringLiteral("login"), repo.owner }, { QStringLiteral("type"), QStringLiteral("Organization") } } },
        { QStringLiteral("html_url"), QString(QStringLiteral("https://github.com/") + repo.fullName()) },
        { QStringLiteral("url"), url } };
}
} // namespace

QString SampleJson::apiTime(const QDateTime& time)
{
    return time.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ssZ"));
}

QString SampleJson::stepTime(const QDateTime& time)
{
    return time.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.000Z"));
}

QJsonObject SampleJson::run(const SampleRepo& repo, const SampleRun& run, int attempt, const QString& apiBase)
{
    const SampleAttempt& chosen = attempt > 0 && run.attempt(attempt) ? *run.attempt(attempt) : run.latest();
    const QString url = apiBase + QStringLiteral("/repos/%1/actions/runs/%2").arg(repo.fullName()).arg(run.id);
    const qint64 checkSuite = derivedId(run.id, quint64(chosen.number), 20000000000, 9000000000);
    QJsonObject json {
        { QStringLiteral("id"), run.id },
        { QStringLiteral("name"), run.name },
        { QStringLiteral("node_id"), nodeId("WFR_kwLO", run.id) },
        { QStringLiteral("head_branch"), run.headBranch },
        { QStringLiteral("head_sha"), run.headSha },
        { QStringLiteral("path"), run.path },
        { QStringLiteral("display_title"), run.displayTitle },
        { QStringLiteral("run_number"), run.runNumber },
        { QStringLiteral("event"), run.event },
        { QStringLiteral("status"), run.status },
        { QStringLiteral("conclusion"), chosen.conclusion },
        { QStringLiteral("workflow_id"), run.workflowId },
        { QStringLiteral("check_suite_id"), checkSuite },
        { QStringLiteral("check_suite_node_id"), nodeId("CS_kwDO", checkSuite) },
        { QStringLiteral("url"), url },
        { QStringLiteral("html_url"), run.htmlUrl },
        { QStringLiteral("pull_requests"), QJsonArray {} },
        { QStringLiteral("created_at"), apiTime(run.createdAt) },
        { QStringLiteral("updated_at"),
            apiTime(chosen.number == run.runAttempt ? run.updatedAt : chosen.completedAt.addSecs(2)) },
        { QStringLiteral("actor"), actor(run.actor) },
        { QStringLiteral("run_attempt"), chosen.number },
        { QStringLiteral("referenced_workflows"), QJsonArray {} },
        { QStringLiteral("run_started_at"), apiTime(chosen.startedAt) },
        { QStringLiteral("triggering_actor"), actor(run.actor) },
        { QStringLiteral("jobs_url"), QString(url + QStringLiteral("/jobs")) },
        { QStringLiteral("logs_url"), QString(url + QStringLiteral("/logs")) },
        { QStringLiteral("check_suite_url"),
            QString(apiBase + QStringLiteral("/repos/%1/check-suites/%2").arg(repo.fullName()).arg(checkSuite)) },
        { QStringLiteral("artifacts_url"), QString(url + QStringLiteral("/artifacts")) },
        { QStringLiteral("cancel_url"), QString(url + QStringLiteral("/cancel")) },
        { QStringLiteral("rerun_url"), QString(url + QStringLiteral("/rerun")) },
        { QStringLiteral("previous_attempt_url"),
            chosen.number > 1 ? QJsonValue(QString(url + QStringLiteral("/attempts/%1").arg(chosen.number - 1)))
                              : QJsonValue(QJsonValue::Null) },
        { QStringLiteral("workflow_url"),
            QString(
                apiBase + QStringLiteral("/repos/%1/actions/workflows/%2").arg(repo.fullName()).arg(run.workflowId)) },
        { QStringLiteral("head_commit"),
            QJsonObject { { QStringLiteral("id"), run.headSha },
                { QStringLiteral("tree_id"), QString::fromLatin1(SampleRandom(quint64(run.id)).hex(40)) },
                { QStringLiteral("message"), run.displayTitle },
                { QStringLiteral("timestamp"), apiTime(run.createdAt.addSecs(-60)) },
                { QStringLiteral("author"),
                    QJsonObject { { QStringLiteral("name"), run.actor },
                        { QStringLiteral("email"),
                            QString(run.actor + QStringLiteral("@users.noreply.github.com")) } } } } },
        { QStringLiteral("repository"), repository(repo, apiBase) },
        { QStringLiteral("head_repository"), repository(repo, apiBase) },
    };
    return json;
}

QJsonObject SampleJson::job(
    const SampleRepo& repo, const SampleRun& run, int attempt, const SampleJob& job, const QString& apiBase)
{
    QJsonArray steps;
    for (const SampleStep& step : job.steps) {
        steps.append(QJsonObject { { QStringLiteral("name"), step.name }, { QStringLiteral("status"), step.status },
            { QStringLiteral("conclusion"), step.conclusion }, { QStringLiteral("number"), step.number },
            { QStringLiteral("started_at"), stepTime(step.startedAt) },
            { QStringLiteral("completed_at"), stepTime(step.completedAt) } });
    }
    QJsonArray labels;
    for (const QString& label : job.labels)
        labels.append(label);
    const bool selfHosted = job.labels.contains(QStringLiteral("self-hosted"));
    const SampleAttempt* chosen = run.attempt(attempt);
    return {
        { QStringLiteral("id"), job.id },
        { QStringLiteral("run_id"), run.id },
        { QStringLiteral("workflow_name"), run.name },
        { QStringLiteral("head_branch"), run.headBranch },
        { QStringLiteral("run_url"),
            QString(apiBase + QStringLiteral("/repos/%1/actions/runs/%2").arg(repo.fullName()).arg(run.id)) },
        { QStringLiteral("run_attempt"), attempt },
        { QStringLiteral("node_id"), nodeId("CR_kwDO", job.id) },
        { QStringLiteral("head_sha"), run.headSha },
        { QStringLiteral("url"),
            QString(apiBase + QStringLiteral("/repos/%1/actions/jobs/%2").arg(repo.fullName()).arg(job.id)) },
        { QStringLiteral("html_url"), QString(run.htmlUrl + QStringLiteral("/job/%1").arg(job.id)) },
        { QStringLiteral("status"), job.status },
        { QStringLiteral("conclusion"), job.conclusion },
        { QStringLiteral("created_at"), apiTime(chosen ? chosen->startedAt : job.startedAt) },
        { QStringLiteral("started_at"), apiTime(job.startedAt) },
        { QStringLiteral("completed_at"), apiTime(job.completedAt) },
        { QStringLiteral("name"), job.name },
        { QStringLiteral("steps"), steps },
        { QStringLiteral("check_run_url"),
            QString(apiBase + QStringLiteral("/repos/%1/check-runs/%2").arg(repo.fullName()).arg(job.id)) },
        { QStringLiteral("labels"), labels },
        { QStringLiteral("runner_id"), derivedId(job.id, 0x52, 1, 900000) },
        { QStringLiteral("runner_name"), job.runnerName },
        { QStringLiteral("runner_group_id"), selfHosted ? 1 : 0 },
        { QStringLiteral("runner_group_name"),
            selfHosted ? QStringLiteral("Default") : QStringLiteral("GitHub Actions") },
    };
}

} // namespace runlens::sample
