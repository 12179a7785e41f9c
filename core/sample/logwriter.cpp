#include "logwriter.h"

#include "ecosystemprofile.h"
#include "failureoutput.h"
#include "samplerandom.h"
#include "steplines.h"
#include "tooloutput.h"

#include <algorithm>

namespace runlens::sample {

namespace {
constexpr qint64 kTicksPerSecond = 10000000; // log timestamps have 100 ns resolution
const QByteArray kBom("\xef\xbb\xbf");

qint64 ticks(const QDateTime& time)
{
    return time.toSecsSinceEpoch() * kTicksPerSecond;
}

// "2024-01-28T19:27:24.9408212Z " without QDateTime's per-call cost: the date part is cached.
class Stamper
{
public:
    void append(QByteArray& out, qint64 t)
    {
        const qint64 second = t / kTicksPerSecond;
        if (second != m_second) {
            m_second = second;
            m_prefix = QDateTime::fromSecsSinceEpoch(second, Qt::UTC).toString(Qt::ISODate).toLatin1();
            m_prefix.chop(1); // the trailing Z
            m_prefix.append('.');
        }
        out.append(m_prefix);
        char digits[9];
        qint64 fraction = t % kTicksPerSecond;
        for (int i = 6; i >= 0; --i) {
            digits[i] = char('0' + fraction % 10);
            fraction /= 10;
        }
        digits[7] = 'Z';
        digits[8] = ' ';
        out.append(digits, 9);
    }

private:
    qint64 m_second = -1;
    QByteArray m_prefix;
};

// How many lines a job's log gets: mostly short, a long tail up to `maxLines`.
int targetLines(SampleRandom& random, int maxLines)
{
    const double r = random.uniform();
    int lines;
    if (r < 0.75)
        lines = int(random.range(100, 1200));
    else if (r < 0.96)
        lines = int(random.range(1200, 5000));
    else if (r < 0.995)
        lines = int(random.range(5000, 30000));
    else
        lines = int(random.range(30000, 200000));
    return std::min(lines, std::max(100, maxLines));
}

QByteArray runnerVersion(const QDateTime& when)
{
    // Roughly one runner minor release a month since 2.311 in December 2023.
    const QDate date = when.date();
    const int months = (date.year() - 2023) * 12 + date.month() - 12;
    return "2." + QByteArray::number(311 + std::max(0, months)) + ".0";
}
} // namespace

struct LogWriter::JobText
{
    struct StepText
    {
        const SampleStep* step = nullptr;
        QByteArray data; // with BOM, as the per-step entry
        int firstJobLine = 0; // 1-based line of the step's first line in the job file
        std::vector<std::pair<int, QByteArray>> evidence; // line within the step file, text
    };
    QByteArray jobData;
    std::vector<StepText> steps;
};

LogWriter::LogWriter(const SampleRepo& repo, const SampleRun& run, const SampleAttempt& attempt, int maxJobLines)
    : m_repo(repo)
    , m_run(run)
    , m_attempt(attempt)
    , m_maxJobLines(maxJobLines)
{
}

QString LogWriter::entryName(const QString& name)
{
    QString out = name;
    out.remove(QLatin1Char('/'));
    out.remove(QLatin1Char(':'));
    return out;
}

void LogWriter::writeSetUpJob(const SampleJob& job, SampleRandom& random, StepLines& lines) const
{
    const EcosystemProfile& profile = EcosystemProfile::of(m_repo.ecosystem);
    lines.add("Current runner version: '" + runnerVersion(job.startedAt) + "'", 0.1);
    if (job.labels.contains(QStringLiteral("self-hosted"))) {
        lines.add("Runner name: '" + job.runnerName.toLatin1() + "'", 0.01);
        lines.add("Runner group name: 'Default'", 0.01);
        lines.add("Machine name: '" + job.runnerName.toLatin1() + "'", 0.01);
    } else {
        const bool jammy = job.labels.value(0).contains(QStringLiteral("22.04"));
        const QByteArray build = job.startedAt.toString(QStringLiteral("yyyyMMdd")).toLatin1();
        lines.add("##[group]Operating System", 0.01);
        lines.add("Ubuntu", 0.01);
        lines.add(jammy ? "22.04.5" : "24.04.1", 0.01);
        lines.add("LTS", 0.01);
        lines.endGroup();
        lines.add("##[group]Runner Image", 0.01);
        lines.add(jammy ? "Image: ubuntu-22.04" : "Image: ubuntu-24.04", 0.01);
        lines.add("Version: " + build + ".1.0", 0.01);
        const QByteArray image = jammy ? "ubuntu22" : "ubuntu24";
        lines.add("Included Software: https://github.com/actions/runner-images/blob/" + image + '/' + build
                + ".1/images/ubuntu/Ubuntu" + (jammy ? "2204" : "2404") + "-Readme.md",
            0.01);
        lines.add(
            "Image Release: https://github.com/actions/runner-images/releases/tag/" + image + "%2F" + build + ".1",
            0.01);
        lines.endGroup();
        lines.add("##[group]Runner Image Provisioner", 0.01);
        lines.add("2.0." + QByteArray::number(random.range(380, 440)) + ".1", 0.01);
        lines.endGroup();
    }
    lines.add("##[group]GITHUB_TOKEN Permissions", 0.01);
    lines.add("Contents: read", 0.01);
    lines.add("Metadata: read", 0.01);
    lines.endGroup();
    lines.add("Secret source: Actions", 0.01);
    lines.add("Prepare workflow directory", 0.01);
    lines.add("Prepare all required actions", 1);
    lines.add("Getting action download info", 0.2);
    std::vector<QByteArray> actions = { "actions/checkout@v4" };
    if (!profile.setupAction.isEmpty())
        actions.push_back(profile.setupAction);
    actions.push_back(profile.cacheAction);
    for (const QByteArray& action : actions)
        lines.add("Download action repository '" + action + "' (SHA:" + random.hex(40) + ')', 1);
    lines.add("Complete job name: " + job.name.toUtf8(), 0.2);
}

void LogWriter::writePost(const SampleStep& step, const SampleJob& job, SampleRandom& random, StepLines& lines) const
{
    Q_UNUSED(job);
    lines.add("Post job cleanup.", 0.3);
    if (step.name.contains(QStringLiteral("heckout"))) {
        lines.add("[command]/usr/bin/git version");
        lines.add("git version 2.47.1");
        lines.add("[command]/usr/bin/git config --local --name-only --get-regexp core\\.sshCommand");
        lines.add("[command]/usr/bin/git config --local --name-only --get-regexp "
                  "http\\.https\\:\\/\\/github\\.com\\/\\.extraheader");
        lines.add("http.https://github.com/.extraheader");
        lines.add("[command]/usr/bin/git config --local --unset-all http.https://github.com/.extraheader");
    } else if (step.name.contains(EcosystemProfile::of(m_repo.ecosystem).cacheStep)) {
        if (random.chance(0.6))
            lines.add("Cache hit occurred on the primary key Linux-" + ecosystemId(m_repo.ecosystem).toLatin1() + '-'
                + random.hex(64) + ", not saving cache.");
        else
            lines.add(
                "Cache saved with key: Linux-" + ecosystemId(m_repo.ecosystem).toLatin1() + '-' + random.hex(64), 5);
    }
}

QByteArray LogWriter::systemLog(const SampleJob& job) const
{
    // The service's own lines: millisecond precision padded with zeros, before the job starts.
    QByteArray out;
    const QByteArray ref = m_run.event == QLatin1String("pull_request")
        ? QByteArray("refs/pull/" + QByteArray::number(m_run.runNumber % 300 + 1) + "/merge")
        : QByteArray("refs/heads/" + m_run.headBranch.toUtf8());
    const std::vector<QByteArray> texts = {
        "Requested labels: " + job.labels.join(QStringLiteral(", ")).toUtf8(),
        "Job defined at: " + m_repo.fullName().toUtf8() + '/' + m_run.path.toUtf8() + '@' + ref,
        "Waiting for a runner to pick up this job...",
        "Job is about to start running on the runner: " + job.runnerName.toUtf8()
            + (job.labels.contains(QStringLiteral("self-hosted")) ? " (repository)" : " (hosted)"),
    };
    const QDateTime base = job.startedAt.addSecs(-3);
    for (size_t i = 0; i < texts.size(); ++i) {
        out += base.addMSecs(qint64(i) * 731).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz")).toLatin1() + "0000Z "
            + texts[i];
        out += '\n';
    }
    return out;
}

LogWriter::JobText LogWriter::writeJob(const SampleJob& job, int jobIndex) const
{
    SampleRandom random(SampleRandom::derive(m_attempt.logSeed, quint64(jobIndex), 0x4a4f42));
    const EcosystemProfile& profile = EcosystemProfile::of(m_repo.ecosystem);
    const int target = targetLines(random, m_maxJobLines);
    const int budget = std::max(20, target - 150);
    const int testFiller = std::max(10, budget * 7 / 10);
    const int buildFiller = std::max(5, budget * 2 / 10);
    const int installFiller = std::max(3, budget / 10 / (m_repo.ecosystem == Ecosystem::Python ? 2 : 1));

    ToolOutput::Context context;
    context.owner = m_repo.owner.toUtf8();
    context.repo = m_repo.name.toUtf8();
    context.sha = m_run.headSha.toLatin1();
    context.ref = m_run.event == QLatin1String("pull_request")
        ? QByteArray("refs/remotes/pull/" + QByteArray::number(m_run.runNumber % 300 + 1) + "/merge")
        : QByteArray("refs/heads/" + m_run.headBranch.toUtf8());
    const QString entry = job.name.section(QLatin1Char('('), 1).section(QLatin1Char(')'), 0, 0);
    context.version = entry.section(QLatin1Char(','), 1).trimmed().toUtf8();
    context.hardNegative = m_attempt.hardNegative && jobIndex == 0;

    FailureOutput::Context failure;
    failure.jobName = job.name.toUtf8();
    failure.runnerName = job.runnerName.toUtf8();
    failure.workDir = "/home/runner/work/" + context.repo + '/' + context.repo;
    failure.timeoutMinutes = int((job.startedAt.secsTo(job.completedAt) + 30) / 60);

    const StepKind failingKind = job.failing
        ? FailureOutput::failingStep(m_attempt.category, m_repo.ecosystem, m_attempt.variant)
        : StepKind::CompleteJob;

    JobText text;
    text.jobData = kBom;
    Stamper stamper;
    qint64 cursor = 0;
    int jobLine = 0;
    const std::vector<SampleStep>& steps = job.steps;
    for (size_t s = 0; s < steps.size(); ++s) {
        const SampleStep& step = steps[s];
        if (!step.hasLog())
            continue;
        StepLines lines;
        context.stepName = step.name.toUtf8();
        const bool failingHere = job.failing && step.kind == failingKind && step.conclusion != QLatin1String("success");
        const auto filler
            = [&](int full) { return failingHere ? std::max(3, int(full * (0.3 + 0.6 * random.uniform()))) : full; };
        switch (step.kind) {
        case StepKind::SetUpJob:
            writeSetUpJob(job, random, lines);
            break;
        case StepKind::Post:
        case StepKind::CompleteJob:
            if (step.kind == StepKind::Post)
                writePost(step, job, random, lines);
            else {
                lines.add("Cleaning up orphan processes", 0.5);
                if (m_repo.ecosystem == Ecosystem::Gradle && random.chance(0.5))
                    lines.add(
                        "Terminate orphan process: pid (" + QByteArray::number(random.range(2000, 9000)) + ") (java)");
            }
            break;
        case StepKind::Diagnose:
            ToolOutput::write(m_repo.ecosystem, step.kind, context, 0, true, random, lines);
            FailureOutput::writeDiagnostics(m_attempt.category, m_repo.ecosystem, m_attempt.variant, random, lines);
            break;
        default: {
            const int full = step.kind == StepKind::Test ? testFiller
                                                         : (step.kind == StepKind::Build ? buildFiller : installFiller);
            ToolOutput::write(m_repo.ecosystem, step.kind, context, filler(full), !failingHere, random, lines);
            break;
        }
        }
        if (failingHere) {
            FailureOutput::write(m_attempt.category, m_repo.ecosystem, m_attempt.variant, failure, random, lines);
            // After the decisive line the rest (stack traces, summaries) is printed at once.
            bool after = false;
            for (auto& line : lines.lines()) {
                if (after)
                    line.weight = std::min(line.weight, 0.02);
                after = after || line.evidence;
            }
        }
        Q_UNUSED(profile);

        // Spread the lines over the step's time window; leave room when the next step starts in
        // the same second this one ends.
        const qint64 lo = std::max(ticks(step.startedAt) + random.range(0, kTicksPerSecond / 5), cursor + 1);
        // Lines may run into the second after completed_at (the API truncates); when the next step
        // starts in that second, take only half of what is left of it.
        const qint64 lastSecond = ticks(step.completedAt);
        qint64 hi = lastSecond + kTicksPerSecond - 1;
        const bool crowded = s + 1 < steps.size() && steps[s + 1].startedAt == step.completedAt;
        if (crowded)
            hi = std::max(lo, lastSecond) + (hi - std::max(lo, lastSecond)) / 2;
        hi = std::max(hi, lo + 1);
        double total = 0;
        for (const auto& line : lines.lines())
            total += line.weight;
        total = std::max(total, 1e-9);

        JobText::StepText stepText;
        stepText.step = &step;
        stepText.data = kBom;
        stepText.firstJobLine = jobLine + 1;
        double cumulative = 0;
        int stepLine = 0;
        const bool midBom = s > 0 && random.chance(0.03);
        for (const auto& line : lines.lines()) {
            cumulative += line.weight;
            QByteArray row;
            if (line.stamped) {
                const qint64 t = std::min(hi, lo + qint64(double(hi - lo) * (cumulative / total)));
                cursor = std::max(cursor, t);
                stamper.append(row, cursor);
            }
            row += line.text;
            row += '\n';
            ++stepLine;
            ++jobLine;
            if (stepLine == 1 && midBom)
                text.jobData += kBom;
            text.jobData += row;
            stepText.data += row;
            if (line.evidence)
                stepText.evidence.emplace_back(stepLine, line.text);
        }
        text.steps.push_back(std::move(stepText));
    }
    return text;
}

RenderedAttempt LogWriter::render() const
{
    RenderedAttempt rendered;
    for (size_t j = 0; j < m_attempt.jobs.size(); ++j) {
        const SampleJob& job = m_attempt.jobs[j];
        const JobText text = writeJob(job, int(j));
        const QString jobName = entryName(job.name);
        const QString top = QString::number(m_attempt.modernArchive ? 0 : int(j)) + QLatin1Char('_') + jobName
            + QStringLiteral(".txt");
        rendered.entries.push_back({ top, text.jobData });
        rendered.entries.push_back({ jobName + QStringLiteral("/system.txt"), systemLog(job) });
        for (const auto& step : text.steps) {
            const QString stepEntry = jobName + QLatin1Char('/') + QString::number(step.step->number) + QLatin1Char('_')
                + entryName(step.step->name) + QStringLiteral(".txt");
            if (!m_attempt.modernArchive)
                rendered.entries.push_back({ stepEntry, step.data });
            for (const auto& [line, evidenceText] : step.evidence)
                rendered.evidence.push_back({ top, step.firstJobLine + line - 1, QString::fromUtf8(evidenceText) });
        }
        if (!m_attempt.modernArchive) {
            for (const auto& step : text.steps) {
                for (const auto& [line, evidenceText] : step.evidence) {
                    rendered.evidence.push_back({ jobName + QLatin1Char('/') + QString::number(step.step->number)
                            + QLatin1Char('_') + entryName(step.step->name) + QStringLiteral(".txt"),
                        line, QString::fromUtf8(evidenceText) });
                }
            }
        }
    }
    return rendered;
}

} // namespace runlens::sample
