#include "fakedatabuilder.h"

#include <QBuffer>
#include <QJsonArray>
#include <QRandomGenerator>

#include <quazip.h>
#include <quazipfile.h>
#include <quazipnewinfo.h>

namespace runlens::sample {

namespace {
const char* const kRepoNames[] = { "engine", "webapp", "toolkit", "compiler", "parser", "mobile", "server", "cli" };
const char* const kJobNames[] = { "build", "test", "lint", "package" };

QString isoSeconds(const QDateTime& time)
{
    return time.toUTC().toString(Qt::ISODate);
}

// Step times: whole seconds written with ".000Z", as the jobs API does.
QString isoStepTime(const QDateTime& time)
{
    return time.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.000Z"));
}

// "2024-01-28T19:27:24.9408212Z text" (seven fractional digits, as the runner writes them).
QByteArray logLine(const QDateTime& time, int tick, const QString& text)
{
    return (time.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz"))
        + QStringLiteral("%1Z ").arg(tick % 10000, 4, 10, QLatin1Char('0')) + text + QLatin1Char('\n'))
        .toUtf8();
}

struct Step
{
    QString name;
    int number;
};

FakeJob makeJob(QRandomGenerator& rng, qint64 jobId, qint64 runId, const QString& name, const QDateTime& start,
    bool fails, int exitCode)
{
    const QList<Step> steps { { QStringLiteral("Set up job"), 1 }, { QStringLiteral("Run actions/checkout@v4"), 2 },
        { QStringLiteral("Run ./ci/%1.sh").arg(name), 3 }, { QStringLiteral("Post Run actions/checkout@v4"), 6 },
        { QStringLiteral("Complete job"), 7 } };
    QJsonArray stepsJson;
    QByteArray log;
    QDateTime at = start;
    int tick = 0;
    for (const Step& step : steps) {
        const QDateTime stepStart = at;
        const bool failingStep = fails && step.number == 3;
        log += logLine(at, ++tick, QStringLiteral("##[group]") + step.name);
        const int lines = step.number == 3 ? 6 + int(rng.bounded(10)) : 2;
        for (int i = 0; i < lines; ++i) {
            at = at.addMSecs(200 + rng.bounded(3000));
            log += logLine(at, ++tick, QStringLiteral("%1: synthetic output line %2").arg(name).arg(i + 1));
        }
        if (failingStep) {
            if (exitCode == 137)
                log += logLine(at, ++tick, QStringLiteral("Killed: process used too much memory"));
            log += logLine(at, ++tick, QStringLiteral("##[error]Process completed with exit code %1.").arg(exitCode));
        }
        log += logLine(at, ++tick, QStringLiteral("##[endgroup]"));
        const bool skipped = fails && step.number > 3 && step.number < 7;
        stepsJson.append(QJsonObject {
            { QStringLiteral("name"), step.name },
            { QStringLiteral("number"), step.number },
            { QStringLiteral("status"), QStringLiteral("completed") },
            { QStringLiteral("conclusion"),
                failingStep ? QStringLiteral("failure")
                            : (skipped ? QStringLiteral("skipped") : QStringLiteral("success")) },
            { QStringLiteral("started_at"), isoStepTime(stepStart) },
            { QStringLiteral("completed_at"), isoStepTime(at) },
        });
    }
    FakeJob job;
    job.log = log;
    job.json = QJsonObject {
        { QStringLiteral("id"), jobId },
        { QStringLiteral("run_id"), runId },
        { QStringLiteral("name"), name },
        { QStringLiteral("status"), QStringLiteral("completed") },
        { QStringLiteral("conclusion"), fails ? QStringLiteral("failure") : QStringLiteral("success") },
        { QStringLiteral("started_at"), isoSeconds(start) },
        { QStringLiteral("completed_at"), isoSeconds(at.addSecs(1)) },
        { QStringLiteral("steps"), stepsJson },
        { QStringLiteral("labels"), QJsonArray { QStringLiteral("ubuntu-latest") } },
        { QStringLiteral("runner_name"), QStringLiteral("GitHub Actions %1").arg(rng.bounded(1, 1000)) },
        { QStringLiteral("runner_group_name"), QStringLiteral("GitHub Actions") },
    };
    return job;
}
} // namespace

QByteArray FakeDataBuilder::zipLogs(const QList<FakeJob>& jobs)
{
    QBuffer buffer;
    QuaZip zip(&buffer);
    if (!zip.open(QuaZip::mdCreate))
        return {};
    const auto add = [&zip](const QString& name, const QByteArray& data) {
        QuaZipFile file(&zip);
        if (file.open(QIODevice::WriteOnly, QuaZipNewInfo(name))) {
            file.write(data);
            file.close();
        }
    };
    int index = 0;
    for (const FakeJob& job : jobs) {
        const QString name = job.json.value(QStringLiteral("name")).toString();
        add(QStringLiteral("%1_%2.txt").arg(index++).arg(name), job.log);
        // Per-step files, split at the group markers, named by the jobs API step numbers.
        const QJsonArray steps = job.json.value(QStringLiteral("steps")).toArray();
        const QList<QByteArray> parts = job.log.split('\n');
        int step = -1;
        QByteArray current;
        const auto flush = [&] {
            if (step >= 0 && step < steps.size()) {
                const QJsonObject s = steps[step].toObject();
                add(QStringLiteral("%1/%2_%3.txt")
                        .arg(name)
                        .arg(s.value(QStringLiteral("number")).toInt())
                        .arg(s.value(QStringLiteral("name"))
                                 .toString()
                                 .remove(QLatin1Char('/'))
                                 .remove(QLatin1Char(':'))),
                    current);
            }
            current.clear();
        };
        for (const QByteArray& line : parts) {
            if (line.contains("##[group]")) {
                flush();
                ++step;
            }
            if (!line.isEmpty())
                current += line + '\n';
        }
        flush();
    }
    zip.close();
    return buffer.data();
}

FakeGitHubData FakeDataBuilder::build(const FakeDataSpec& spec)
{
    QRandomGenerator rng(quint32(spec.seed ^ (spec.seed >> 32)));
    FakeGitHubData data;
    qint64 nextRunId = 7000000001;
    qint64 nextJobId = 20000000001;
    const qint64 spanSecs = qint64(spec.spanDays) * 86400;
    for (int r = 0; r < spec.repos; ++r) {
        FakeRepo repo;
        repo.owner = spec.owner;
        repo.name = QString::fromLatin1(kRepoNames[r % std::size(kRepoNames)])
            + (r >= int(std::size(kRepoNames)) ? QString::number(r / std::size(kRepoNames)) : QString());
        repo.id = 600000000 + r;
        repo.issuesEnabled = r != spec.issuesDisabledRepo;
        data.repos.append(repo);
        const qint64 workflows[] = { 80000000 + r * 10, 80000000 + r * 10 + 1 };
        for (int i = 0; i < spec.runsPerRepo; ++i) {
            const qint64 runId = nextRunId++;
            const QDateTime created = spec.start.addSecs(spanSecs * i / qMax(1, spec.runsPerRepo) + rng.bounded(600));
            const double roll = rng.generateDouble();
            const QString conclusion = roll < spec.failureRatio ? QStringLiteral("failure")
                : roll < spec.failureRatio + 0.03               ? QStringLiteral("cancelled")
                                                                : QStringLiteral("success");
            const bool rerun = rng.generateDouble() < spec.rerunRatio;
            const bool expired = rng.generateDouble() < spec.expiredRatio;
            const int workflow = rng.bounded(4) == 0 ? 1 : 0;
            const QString branch
                = rng.bounded(3) == 0 ? QStringLiteral("feature/x%1").arg(rng.bounded(5)) : QStringLiteral("main");
            const QString event = workflow == 1
                ? QStringLiteral("schedule")
                : (branch == QLatin1String("main") ? QStringLiteral("push") : QStringLiteral("pull_request"));
            const int attempts = rerun ? 2 : 1;
            for (int attempt = 1; attempt <= attempts; ++attempt) {
                FakeRun run;
                run.id = runId;
                run.attempt = attempt;
                run.repoId = repo.id;
                run.createdAt = created;
                run.status = QStringLiteral("completed");
                run.conclusion = attempt < attempts ? QStringLiteral("failure") : conclusion;
                run.branch = branch;
                run.event = event;
                run.workflowId = workflows[workflow];
                run.logsExpired = expired;
                const bool fails = run.conclusion == QLatin1String("failure");
                const int exitCode = rng.bounded(3) == 0 ? 137 : 1;
                const QDateTime started = created.addSecs(attempt * 600);
                for (int j = 0; j < spec.jobsPerRun; ++j) {
                    const QString jobName = QString::fromLatin1(kJobNames[j % std::size(kJobNames)]);
                    run.jobs.append(makeJob(
                        rng, nextJobId++, runId, jobName, started, fails && j == spec.jobsPerRun - 1, exitCode));
                }
                const QString path = workflow == 1 ? QStringLiteral(".github/workflows/nightly.yml")
                                                   : QStringLiteral(".github/workflows/ci.yml");
                run.json = QJsonObject {
                    { QStringLiteral("name"), workflow == 1 ? QStringLiteral("Nightly") : QStringLiteral("CI") },
                    { QStringLiteral("node_id"), QStringLiteral("WFR_fake%1").arg(runId) },
                    { QStringLiteral("head_sha"),
                        QString(QString::number(rng.generate64(), 16).rightJustified(16, QLatin1Char('0'))
                            + QString::number(rng.generate64(), 16).rightJustified(16, QLatin1Char('0'))) },
                    { QStringLiteral("path"), path },
                    { QStringLiteral("display_title"), QStringLiteral("Synthetic change %1").arg(i + 1) },
                    { QStringLiteral("run_number"), i + 1 },
                    { QStringLiteral("check_suite_id"), runId * 3 },
                    { QStringLiteral("updated_at"), started.addSecs(900).toString(Qt::ISODate) },
                    { QStringLiteral("run_started_at"), started.toString(Qt::ISODate) },
                    { QStringLiteral("actor"),
                        QJsonObject { { QStringLiteral("login"), QStringLiteral("sample-dev") } } },
                    { QStringLiteral("html_url"),
                        QStringLiteral("https://github.com/%1/actions/runs/%2").arg(repo.fullName()).arg(runId) },
                };
                const QList<FakeJob> jobs = run.jobs;
                run.logZip = [jobs] { return FakeDataBuilder::zipLogs(jobs); };
                data.runs.append(std::move(run));
            }
        }
    }
    return data;
}

} // namespace runlens::sample
