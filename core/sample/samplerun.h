#pragma once

#include "samplecategory.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <vector>

namespace runlens::sample {

// What a step does; drives the text the log writer produces for it.
enum class StepKind { SetUpJob, Checkout, SetupTool, Cache, Install, Lint, Build, Test, Diagnose, Post, CompleteJob };

// A step as the jobs API reports it. Times are whole seconds (`.000Z`).
struct SampleStep
{
    QString name;
    int number = 0; // jobs-API number; post steps skip numbers
    StepKind kind = StepKind::Build;
    QString status = QStringLiteral("completed");
    QString conclusion; // success, failure, skipped, cancelled
    QDateTime startedAt;
    QDateTime completedAt;
    bool hasLog() const { return conclusion != QLatin1String("skipped"); }
};

struct SampleJob
{
    qint64 id = 0;
    QString name; // "test (ubuntu-latest, 20)"
    QString status = QStringLiteral("completed");
    QString conclusion;
    QDateTime startedAt; // whole seconds
    QDateTime completedAt;
    QString runnerName; // "GitHub Actions 1000001234"
    QStringList labels; // ["ubuntu-latest"]
    std::vector<SampleStep> steps;
    // The job this attempt's category comes from; its failing step carries the failure text.
    bool failing = false;
};

// One attempt of a run: its own jobs, logs and ground truth.
struct SampleAttempt
{
    int number = 1;
    QString conclusion; // success, failure, cancelled, timed_out
    QDateTime startedAt;
    QDateTime completedAt;
    SampleCategory category = SampleCategory::Success;
    int variant = 0; // which flavour of the category's text (0..n, fixed per attempt)
    bool hardNegative = false; // mentions memory words harmlessly
    bool modernArchive = false; // 2025 shape: 0_<job>.txt + <job>/system.txt only
    quint64 logSeed = 0; // seeds the lazily generated log text
    std::vector<SampleJob> jobs;
    bool isMemory() const { return isMemoryCategory(category); }
    bool isTaxonomy() const { return isTaxonomyCategory(category); }
};

// A workflow run with every field the GitHub runs API lists; the fields describe the latest attempt.
struct SampleRun
{
    qint64 id = 0;
    int repoIndex = 0;
    int workflowIndex = 0;
    qint64 workflowId = 0;
    QString name; // workflow name
    QString displayTitle; // commit message or PR title
    QString path; // .github/workflows/ci.yml
    QString headBranch;
    QString headSha;
    QString event; // push, pull_request, schedule
    QString status = QStringLiteral("completed");
    QString conclusion;
    int runNumber = 0;
    int runAttempt = 1;
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime runStartedAt;
    QString htmlUrl;
    QString actor;
    bool expired = false; // logs past retention: the server answers 410
    std::vector<SampleAttempt> attempts; // attempts[i].number == i + 1

    const SampleAttempt& latest() const { return attempts.back(); }
    const SampleAttempt* attempt(int number) const
    {
        return number >= 1 && number <= int(attempts.size()) ? &attempts[size_t(number - 1)] : nullptr;
    }
};

} // namespace runlens::sample
