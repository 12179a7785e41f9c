#pragma once

#include "common/result.h"
#include "renderedattempt.h"
#include "sampleoptions.h"
#include "samplerepo.h"
#include "samplerun.h"

#include <QByteArray>

#include <vector>

namespace runlens::sample {

// A labeled corpus of GitHub Actions runs: repositories, runs, attempts, jobs and steps as value
// types. Log archives are not held: render() and archive() build one attempt's logs on demand
// from its seed, so a server can serve thousands of runs. Same options -> same bytes.
class SampleCorpus
{
public:
    SampleCorpus() = default;
    static SampleCorpus generate(const SampleOptions& options);

    const SampleOptions& options() const { return m_options; }
    const std::vector<SampleRepo>& repos() const { return m_repos; }
    const std::vector<SampleRun>& runs() const { return m_runs; }

    const SampleRun* findRun(qint64 runId) const;
    const SampleRepo& repoOf(const SampleRun& run) const { return m_repos[size_t(run.repoIndex)]; }

    // The log entries and ground-truth evidence of `attempt` (1-based) of `run`.
    Result<RenderedAttempt> render(const SampleRun& run, int attempt) const;
    // The same attempt as a GitHub-shaped, deflated ZIP archive.
    Result<QByteArray> archive(const SampleRun& run, int attempt) const;
    // The whole-job log of one job (`GET /actions/jobs/{id}/logs`): the archive's job-level file.
    Result<QByteArray> jobLog(const SampleRun& run, int attempt, qint64 jobId) const;

private:
    friend class SampleGenerator;
    SampleOptions m_options;
    std::vector<SampleRepo> m_repos;
    std::vector<SampleRun> m_runs;
};

} // namespace runlens::sample
