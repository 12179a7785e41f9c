#include "fakecorpusdata.h"

#include "sample/samplecorpus.h"

#include <QJsonArray>
#include <QJsonObject>

namespace runlens::sample {

namespace {
QString isoSeconds(const QDateTime& time)
{
    return time.toUTC().toString(Qt::ISODate);
}

QJsonValue isoOrNull(const QDateTime& time)
{
    return time.isValid() ? QJsonValue(isoSeconds(time)) : QJsonValue();
}

QJsonValue stringOrNull(const QString& text)
{
    return text.isEmpty() ? QJsonValue() : QJsonValue(text);
}

QJsonObject jobJson(const SampleRun& run, const SampleAttempt& attempt, const SampleJob& job)
{
    QJsonArray steps;
    for (const SampleStep& step : job.steps)
        steps.append(QJsonObject {
            { QStringLiteral("name"), step.name },
            { QStringLiteral("number"), step.number },
            { QStringLiteral("status"), step.status },
            { QStringLiteral("conclusion"), stringOrNull(step.conclusion) },
            { QStringLiteral("started_at"), isoOrNull(step.startedAt) },
            { QStringLiteral("completed_at"), isoOrNull(step.completedAt) },
        });
    return QJsonObject {
        { QStringLiteral("id"), job.id },
        { QStringLiteral("run_id"), run.id },
        { QStringLiteral("run_attempt"), attempt.number },
        { QStringLiteral("head_branch"), run.headBranch },
        { QStringLiteral("head_sha"), run.headSha },
        { QStringLiteral("workflow_name"), run.name },
        { QStringLiteral("name"), job.name },
        { QStringLiteral("status"), job.status },
        { QStringLiteral("conclusion"), stringOrNull(job.conclusion) },
        { QStringLiteral("created_at"), isoOrNull(job.startedAt) },
        { QStringLiteral("started_at"), isoOrNull(job.startedAt) },
        { QStringLiteral("completed_at"), isoOrNull(job.completedAt) },
        { QStringLiteral("steps"), steps },
        { QStringLiteral("labels"), QJsonArray::fromStringList(job.labels) },
        { QStringLiteral("runner_name"), job.runnerName },
        { QStringLiteral("runner_group_name"), QStringLiteral("GitHub Actions") },
    };
}

QJsonObject runJson(const SampleRun& run, const SampleAttempt& attempt)
{
    return QJsonObject {
        { QStringLiteral("name"), run.name },
        { QStringLiteral("node_id"), QStringLiteral("WFR_sample%1").arg(run.id) },
        { QStringLiteral("head_sha"), run.headSha },
        { QStringLiteral("path"), run.path },
        { QStringLiteral("display_title"), run.displayTitle },
        { QStringLiteral("run_number"), run.runNumber },
        { QStringLiteral("check_suite_id"), run.id * 3 + attempt.number },
        { QStringLiteral("updated_at"),
            isoOrNull(attempt.completedAt.isValid() ? attempt.completedAt : run.updatedAt) },
        { QStringLiteral("run_started_at"),
            isoOrNull(attempt.startedAt.isValid() ? attempt.startedAt : run.runStartedAt) },
        { QStringLiteral("actor"), QJsonObject { { QStringLiteral("login"), run.actor } } },
        { QStringLiteral("triggering_actor"), QJsonObject { { QStringLiteral("login"), run.actor } } },
        { QStringLiteral("html_url"),
            attempt.number == run.runAttempt
                ? run.htmlUrl
                : run.htmlUrl + QStringLiteral("/attempts/") + QString::number(attempt.number) },
    };
}

// The job-level log of job `jobIndex`: the jobIndex-th top-level entry of the rendered attempt
// (the log writer emits each job's "N_<job>.txt" before its folder).
QByteArray jobLog(const SampleCorpus& corpus, const SampleRun& run, int attempt, int jobIndex)
{
    const Result<RenderedAttempt> rendered = corpus.render(run, attempt);
    if (!rendered)
        return {};
    int top = 0;
    for (const RenderedEntry& entry : rendered->entries) {
        if (entry.name.contains(QLatin1Char('/')))
            continue;
        if (top++ == jobIndex)
            return entry.data;
    }
    return {};
}
} // namespace

FakeGitHubData FakeCorpusData::build(const SampleOptions& options)
{
    return build(std::make_shared<const SampleCorpus>(SampleCorpus::generate(options)));
}

FakeGitHubData FakeCorpusData::build(std::shared_ptr<const SampleCorpus> corpus)
{
    FakeGitHubData data;
    for (const SampleRepo& repo : corpus->repos())
        data.repos.append(FakeRepo { repo.owner, repo.name, repo.id, true });
    for (const SampleRun& run : corpus->runs()) {
        const SampleRepo& repo = corpus->repoOf(run);
        for (const SampleAttempt& attempt : run.attempts) {
            FakeRun fake;
            fake.json = runJson(run, attempt);
            fake.id = run.id;
            fake.attempt = attempt.number;
            fake.repoId = repo.id;
            fake.createdAt = run.createdAt.toUTC();
            fake.status = attempt.number == run.runAttempt ? run.status : QStringLiteral("completed");
            fake.conclusion = attempt.conclusion;
            fake.branch = run.headBranch;
            fake.event = run.event;
            fake.workflowId = run.workflowId;
            fake.logsExpired = run.expired;
            const qint64 runId = run.id;
            const int number = attempt.number;
            for (size_t j = 0; j < attempt.jobs.size(); ++j) {
                FakeJob job;
                job.json = jobJson(run, attempt, attempt.jobs[j]);
                job.logText = [corpus, runId, number, j] {
                    const SampleRun* found = corpus->findRun(runId);
                    return found ? jobLog(*corpus, *found, number, int(j)) : QByteArray();
                };
                fake.jobs.append(std::move(job));
            }
            fake.logZip = [corpus, runId, number] {
                const SampleRun* found = corpus->findRun(runId);
                if (!found)
                    return QByteArray();
                Result<QByteArray> zip = corpus->archive(*found, number);
                return zip ? *zip : QByteArray();
            };
            data.runs.append(std::move(fake));
        }
    }
    return data;
}

} // namespace runlens::sample
