#include "samplegenerator.h"

#include "ecosystemprofile.h"
#include "failureoutput.h"
#include "samplerandom.h"

#include <algorithm>
#include <map>
#include <numeric>

namespace runlens::sample {

namespace {
constexpr std::array kOwners = { "acme-labs", "northwind-dev", "fabrikam-oss", "contoso-research", "tailspin-io" };
constexpr std::array kActors
    = { "mhartley", "priya-dev", "jkowalski", "lwang", "sofia-r", "dependabot[bot]", "tmorgan" };
constexpr std::array kTitles = {
    "Fix flaky cache invalidation",
    "Bump dependencies",
    "Add retry to upload client",
    "Refactor config loader",
    "Speed up index rebuild",
    "Handle empty input in parser",
    "Update CI matrix",
    "Add streaming export",
    "Reduce allocations in hot path",
    "Document release process",
    "Merge pull request from feature branch",
    "Support larger batch sizes",
    "Drop deprecated API",
    "Improve error messages",
    "Nightly build",
};
constexpr std::array kBranches = { "feature/streaming-export", "fix/parser-empty-input", "perf/batch-size",
    "dependabot/npm_and_yarn/lodash-4.17.21", "chore/ci-matrix", "feat/retry-upload" };

QString latin(const char* s)
{
    return QString::fromLatin1(s);
}

template <size_t N> QString pickLatin(SampleRandom& random, const std::array<const char*, N>& items)
{
    return latin(items[size_t(random.range(0, qint64(N) - 1))]);
}

QString conclusionOf(SampleCategory category)
{
    switch (category) {
    case SampleCategory::Success:
        return QStringLiteral("success");
    case SampleCategory::Timeout:
        return QStringLiteral("timed_out");
    case SampleCategory::Cancelled:
        return QStringLiteral("cancelled");
    default:
        return QStringLiteral("failure");
    }
}

// Typical wall time of a step in seconds.
std::pair<int, int> durationRange(StepKind kind)
{
    switch (kind) {
    case StepKind::SetUpJob:
        return { 1, 4 };
    case StepKind::Checkout:
        return { 1, 5 };
    case StepKind::SetupTool:
        return { 2, 25 };
    case StepKind::Cache:
        return { 1, 20 };
    case StepKind::Install:
        return { 8, 150 };
    case StepKind::Lint:
        return { 4, 70 };
    case StepKind::Build:
        return { 20, 540 };
    case StepKind::Test:
        return { 30, 900 };
    case StepKind::Diagnose:
        return { 1, 3 };
    case StepKind::Post:
    case StepKind::CompleteJob:
        return { 0, 2 };
    }
    return { 1, 2 };
}

// The separate run stream of each run, so that runs do not shift when others change.
quint64 runSeed(quint64 seed, const SampleRun& run, int indexInRepo)
{
    return SampleRandom::derive(seed, quint64(run.repoIndex), quint64(indexInRepo), 0x52554e);
}
} // namespace

SampleGenerator::SampleGenerator(SampleOptions options)
    : m_options(std::move(options))
{
}

SampleCorpus SampleCorpus::generate(const SampleOptions& options)
{
    return SampleGenerator(options).generate();
}

SampleCorpus SampleGenerator::generate()
{
    SampleCorpus corpus;
    corpus.m_options = m_options;
    SampleRandom random(m_options.seed);
    makeRepos(corpus, random);
    makeRuns(corpus, random);
    if (m_options.coverEveryCategory)
        coverCategories(corpus);
    makeAttempts(corpus, random);
    return corpus;
}

void SampleGenerator::makeRepos(SampleCorpus& corpus, SampleRandom& random) const
{
    const int count = std::max(0, m_options.repoCount);
    qint64 workflowId = 60000000 + random.range(0, 9000000);
    for (int i = 0; i < count; ++i) {
        const EcosystemProfile& profile = EcosystemProfile::of(Ecosystem(i % kEcosystemCount));
        SampleRepo repo;
        repo.ecosystem = profile.ecosystem;
        repo.owner = pickLatin(random, kOwners);
        repo.name = profile.repoName;
        if (i >= kEcosystemCount)
            repo.name += QLatin1Char('-') + QString::number(i / kEcosystemCount + 1);
        repo.id = 300000000 + random.range(0, 600000000);
        repo.defaultBranch = random.chance(0.8) ? QStringLiteral("main") : QStringLiteral("master");

        SampleWorkflow ci;
        ci.id = (workflowId += random.range(1, 50000));
        ci.name = QStringLiteral("CI");
        ci.path = QStringLiteral(".github/workflows/ci.yml");
        ci.matrix = profile.matrix;
        repo.workflows.push_back(ci);

        SampleWorkflow nightly;
        nightly.id = (workflowId += random.range(1, 50000));
        nightly.name = QStringLiteral("Nightly");
        nightly.path = QStringLiteral(".github/workflows/nightly.yml");
        nightly.scheduled = true;
        repo.workflows.push_back(nightly);
        corpus.m_repos.push_back(std::move(repo));
    }
}

SampleCategory SampleGenerator::drawCategory(const SampleRepo& repo, SampleRandom& random) const
{
    const EcosystemProfile& profile = EcosystemProfile::of(repo.ecosystem);
    std::array<double, kSampleCategoryCount> weights = m_options.mix.weights;
    for (SampleCategory category : allCategories()) {
        if (!profile.supports(category))
            weights[size_t(category)] = 0;
    }
    const int index = random.weighted(weights);
    return index < 0 ? SampleCategory::Success : SampleCategory(index);
}

void SampleGenerator::makeRuns(SampleCorpus& corpus, SampleRandom& random) const
{
    const qint64 spanSecs = qint64(std::max(1, m_options.spanDays)) * 86400;
    const QDateTime start = m_options.now.addSecs(-spanSecs);
    const QDateTime retention = m_options.now.addDays(-m_options.retentionDays);
    std::vector<std::pair<SampleRun, int>> runs; // run, index within its repository
    for (int r = 0; r < int(corpus.m_repos.size()); ++r) {
        const SampleRepo& repo = corpus.m_repos[size_t(r)];
        for (int i = 0; i < m_options.runsPerRepo; ++i) {
            SampleRun run;
            run.repoIndex = r;
            run.workflowIndex = random.chance(0.15) ? 1 : 0;
            const SampleWorkflow& workflow = repo.workflows[size_t(run.workflowIndex)];
            run.workflowId = workflow.id;
            run.name = workflow.name;
            run.path = workflow.path;
            run.createdAt = start.addSecs(random.range(0, spanSecs - 1));
            if (workflow.scheduled) {
                run.event = QStringLiteral("schedule");
                run.headBranch = repo.defaultBranch;
                run.displayTitle = workflow.name;
                run.actor = latin(kActors[0]);
            } else if (random.chance(0.55)) {
                run.event = QStringLiteral("push");
                run.headBranch = random.chance(0.7) ? repo.defaultBranch : pickLatin(random, kBranches);
                run.displayTitle = pickLatin(random, kTitles);
                run.actor = pickLatin(random, kActors);
            } else {
                run.event = QStringLiteral("pull_request");
                run.headBranch = pickLatin(random, kBranches);
                run.displayTitle = pickLatin(random, kTitles);
                run.actor = pickLatin(random, kActors);
            }
            run.headSha = QString::fromLatin1(random.hex(40));
            run.expired = run.createdAt < retention && random.chance(m_options.mix.expiredRateWhenOld);

            // Categories of the attempts; jobs and times come later, once coverage is settled.
            SampleAttempt first;
            first.number = 1;
            first.category = drawCategory(repo, random);
            run.attempts.push_back(first);
            while (run.attempts.back().category != SampleCategory::Success && run.attempts.size() < 3
                && random.chance(run.attempts.size() == 1 ? m_options.mix.rerunRate : 0.3)) {
                SampleAttempt next;
                next.number = int(run.attempts.size()) + 1;
                next.category = random.chance(0.7) ? SampleCategory::Success : drawCategory(repo, random);
                run.attempts.push_back(next);
            }
            for (SampleAttempt& attempt : run.attempts)
                attempt.hardNegative = !attempt.isTaxonomy() && random.chance(m_options.mix.hardNegativeRate);
            runs.emplace_back(std::move(run), i);
        }
    }
    // Ids and run numbers grow with time, as on GitHub.
    std::stable_sort(
        runs.begin(), runs.end(), [](const auto& a, const auto& b) { return a.first.createdAt < b.first.createdAt; });
    qint64 runId = 7000000000 + random.range(0, 900000000);
    std::map<qint64, int> runNumbers;
    for (auto& [run, indexInRepo] : runs) {
        run.id = (runId += random.range(2000, 400000));
        auto [it, inserted] = runNumbers.try_emplace(run.workflowId, int(random.range(40, 1500)));
        run.runNumber = ++it->second;
        const SampleRepo& repo = corpus.m_repos[size_t(run.repoIndex)];
        run.htmlUrl = QStringLiteral("https://github.com/%1/actions/runs/%2").arg(repo.fullName()).arg(run.id);
        // Stash the per-run stream seed in the first attempt until makeAttempts() uses it.
        run.attempts.front().logSeed = runSeed(m_options.seed, run, indexInRepo);
        corpus.m_runs.push_back(std::move(run));
    }
}

void SampleGenerator::coverCategories(SampleCorpus& corpus) const
{
    std::array<int, kSampleCategoryCount> counts {};
    bool anyHardNegative = false;
    bool anyRerun = false;
    for (const SampleRun& run : corpus.m_runs) {
        if (run.expired)
            continue;
        anyRerun = anyRerun || run.attempts.size() > 1;
        for (const SampleAttempt& attempt : run.attempts) {
            ++counts[size_t(attempt.category)];
            anyHardNegative = anyHardNegative || attempt.hardNegative;
        }
    }
    const auto spare = [&](const SampleRun& run) {
        return !run.expired && run.attempts.size() == 1 && run.attempts[0].category == SampleCategory::Success
            && !run.attempts[0].hardNegative;
    };
    const int n = int(corpus.m_runs.size());
    // The rarest categories first (gpu-oom fits only Python repositories), so that the generic
    // ones do not use up the few runs that could hold them.
    std::array<SampleCategory, kSampleCategoryCount> order = allCategories();
    const auto fits = [&](SampleCategory category) {
        return std::count_if(corpus.m_repos.begin(), corpus.m_repos.end(),
            [&](const SampleRepo& repo) { return EcosystemProfile::of(repo.ecosystem).supports(category); });
    };
    std::stable_sort(order.begin(), order.end(), [&](SampleCategory a, SampleCategory b) { return fits(a) < fits(b); });
    for (SampleCategory category : order) {
        if (category == SampleCategory::Success || counts[size_t(category)] > 0 || m_options.mix.weight(category) <= 0)
            continue;
        // Start at a category-dependent offset so that the covered runs spread over time.
        for (int k = 0; k < n; ++k) {
            SampleRun& run = corpus.m_runs[size_t((k + int(category) * 7) % n)];
            if (spare(run)
                && EcosystemProfile::of(corpus.m_repos[size_t(run.repoIndex)].ecosystem).supports(category)) {
                run.attempts[0].category = category;
                ++counts[size_t(category)];
                break;
            }
        }
    }
    if (!anyHardNegative && m_options.mix.hardNegativeRate > 0) {
        for (SampleRun& run : corpus.m_runs) {
            if (spare(run)) {
                run.attempts[0].hardNegative = true;
                break;
            }
        }
    }
    if (!anyRerun && m_options.mix.rerunRate > 0) {
        for (SampleRun& run : corpus.m_runs) {
            if (!run.expired && run.attempts.size() == 1 && run.attempts[0].category == SampleCategory::Infra) {
                SampleAttempt next;
                next.number = 2;
                run.attempts.push_back(next);
                break;
            }
        }
    }
}

void SampleGenerator::makeAttempts(SampleCorpus& corpus, SampleRandom& random) const
{
    qint64 jobId = 19000000000 + random.range(0, 900000000);
    const QDateTime modernFrom(QDate(2025, 3, 1), QTime(0, 0), Qt::UTC);
    for (SampleRun& run : corpus.m_runs) {
        const SampleRepo& repo = corpus.m_repos[size_t(run.repoIndex)];
        const SampleWorkflow& workflow = repo.workflows[size_t(run.workflowIndex)];
        SampleRandom stream(run.attempts.front().logSeed);
        QDateTime attemptStart = run.createdAt.addSecs(stream.range(2, 40));
        for (SampleAttempt& attempt : run.attempts) {
            if (attempt.number > 1)
                attemptStart
                    = run.attempts[size_t(attempt.number - 2)].completedAt.addSecs(stream.range(120, 6 * 3600));
            attempt.startedAt = attemptStart;
            attempt.conclusion = conclusionOf(attempt.category);
            attempt.variant = int(stream.range(0, FailureOutput::variantCount(attempt.category, repo.ecosystem) - 1));
            // A checkout failure stops before any tool could print the harmless memory words.
            if (FailureOutput::failingStep(attempt.category, repo.ecosystem, attempt.variant) == StepKind::Checkout)
                attempt.hardNegative = false;
            attempt.modernArchive = stream.chance(attemptStart >= modernFrom ? 0.6 : 0.04);
            attempt.logSeed = SampleRandom::derive(m_options.seed, quint64(run.id), quint64(attempt.number));
            const int jobCount = workflow.matrix.isEmpty() ? 1 : int(workflow.matrix.size());
            const int failingJob = int(stream.range(0, jobCount - 1));
            attempt.jobs.clear();
            QDateTime completed = attemptStart;
            for (int j = 0; j < jobCount; ++j) {
                const bool failing = j == failingJob && attempt.category != SampleCategory::Success;
                SampleJob job
                    = makeJob(repo, workflow, attempt, j, failing, attemptStart.addSecs(stream.range(1, 15)), stream);
                job.id = (jobId += stream.range(1, 60));
                completed = std::max(completed, job.completedAt);
                attempt.jobs.push_back(std::move(job));
            }
            attempt.completedAt = completed;
        }
        run.runAttempt = int(run.attempts.size());
        run.conclusion = run.latest().conclusion;
        run.runStartedAt = run.latest().startedAt;
        run.updatedAt = run.latest().completedAt.addSecs(stream.range(1, 5));
    }
}

} // namespace runlens::sample

namespace runlens::sample {

SampleJob SampleGenerator::makeJob(const SampleRepo& repo, const SampleWorkflow& workflow, const SampleAttempt& attempt,
    int jobIndex, bool failing, QDateTime start, SampleRandom& random) const
{
    const EcosystemProfile& profile = EcosystemProfile::of(repo.ecosystem);
    SampleJob job;
    job.failing = failing;
    job.startedAt = start;
    QString version;
    if (workflow.matrix.isEmpty()) {
        job.name = profile.nightlyJob;
        job.labels = profile.nightlyLabels;
    } else {
        const QString entry = workflow.matrix[jobIndex];
        job.name = profile.jobName + QStringLiteral(" (") + entry + QLatin1Char(')');
        job.labels = { entry.section(QLatin1Char(','), 0, 0).trimmed() };
        version = entry.section(QLatin1Char(','), 1).trimmed();
    }
    job.runnerName = job.labels.contains(QStringLiteral("self-hosted"))
        ? QStringLiteral("gpu-runner-%1").arg(random.range(1, 4), 2, 10, QLatin1Char('0'))
        : QStringLiteral("GitHub Actions %1").arg(1000000000 + random.range(0, 999999));

    // Main steps, then post steps in reverse order of the actions they clean up after.
    std::vector<SampleStep> steps;
    const auto add = [&](StepKind kind, QString name) {
        SampleStep step;
        step.kind = kind;
        step.name = std::move(name);
        steps.push_back(std::move(step));
    };
    const QString checkout
        = profile.namedCheckout ? QStringLiteral("Checkout") : QStringLiteral("Run actions/checkout@v4");
    const QString setup = version.isEmpty() || profile.setupAction.isEmpty()
        ? profile.setupStep
        : profile.setupStep + QLatin1Char(' ') + version;
    add(StepKind::SetUpJob, QStringLiteral("Set up job"));
    add(StepKind::Checkout, checkout);
    add(StepKind::SetupTool, setup);
    add(StepKind::Cache, profile.cacheStep);
    add(StepKind::Install,
        repo.ecosystem == Ecosystem::Cpp ? QStringLiteral("Configure") : QStringLiteral("Install dependencies"));
    add(StepKind::Lint, QStringLiteral("Lint"));
    add(StepKind::Build, QStringLiteral("Build"));
    add(StepKind::Test, repo.ecosystem == Ecosystem::Python ? QStringLiteral("Run tests") : QStringLiteral("Test"));
    add(StepKind::Diagnose, QStringLiteral("Collect diagnostics"));
    const int mainCount = int(steps.size());
    add(StepKind::Post, QStringLiteral("Post ") + profile.cacheStep);
    if (!profile.setupAction.isEmpty())
        add(StepKind::Post, QStringLiteral("Post ") + setup);
    add(StepKind::Post, QStringLiteral("Post ") + checkout);
    add(StepKind::CompleteJob, QStringLiteral("Complete job"));

    int number = 0;
    for (int i = 0; i < int(steps.size()); ++i) {
        // Post steps keep the numbers of the (unlisted) hooks before them: they skip.
        number += i == mainCount ? int(random.range(4, 12)) : (i > mainCount ? int(random.range(1, 2)) : 1);
        steps[size_t(i)].number = number;
    }

    const StepKind failingKind = failing ? FailureOutput::failingStep(attempt.category, repo.ecosystem, attempt.variant)
                                         : StepKind::CompleteJob;
    const bool interrupted
        = attempt.category == SampleCategory::Timeout || attempt.category == SampleCategory::Cancelled;
    const bool vanished = failing && FailureOutput::runnerVanishes(attempt.category, attempt.variant);
    const int timeoutMinutes = random.chance(0.5) ? 30 : 60;
    bool failed = false;
    QDateTime clock = start;
    for (SampleStep& step : steps) {
        const auto [lo, hi] = durationRange(step.kind);
        qint64 duration = random.range(lo, hi);
        step.startedAt = clock;
        if (failed && (step.kind != StepKind::Diagnose && step.kind < StepKind::Post)) {
            step.conclusion = QStringLiteral("skipped");
        } else if (failed && vanished) {
            step.conclusion = QStringLiteral("skipped");
        } else if (step.kind == StepKind::Diagnose && (!failed || interrupted)) {
            step.conclusion = QStringLiteral("skipped");
        } else if (failing && !failed && step.kind == failingKind) {
            failed = true;
            if (attempt.category == SampleCategory::Timeout)
                duration = std::max<qint64>(60, qint64(timeoutMinutes) * 60 - start.secsTo(clock));
            else if (attempt.isTaxonomy())
                duration = duration * random.range(15, 30) / 10; // memory pressure slows everything down
            else if (attempt.category == SampleCategory::Cancelled)
                duration = std::max<qint64>(1, duration / 2);
            step.conclusion = interrupted ? QStringLiteral("cancelled") : QStringLiteral("failure");
        } else {
            step.conclusion = QStringLiteral("success");
        }
        if (step.conclusion == QLatin1String("skipped"))
            duration = 0;
        clock = clock.addSecs(duration);
        step.completedAt = clock;
    }
    job.steps = std::move(steps);
    job.completedAt = clock;
    job.conclusion = failing ? attempt.conclusion : QStringLiteral("success");
    return job;
}

} // namespace runlens::sample
