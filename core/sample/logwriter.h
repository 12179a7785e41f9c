#pragma once

#include "renderedattempt.h"
#include "samplerepo.h"
#include "samplerun.h"

namespace runlens::sample {

class SampleRandom;
class StepLines;

// Writes the log archive entries of one run attempt, in either GitHub archive shape, from the
// attempt's seed: the runner's preamble, every step's tool output, the failure of the failing
// job, post steps and `Complete job`. Line timestamps (7 fractional digits) fall inside the
// jobs-API times of their step. Records the ground-truth evidence lines.
class LogWriter
{
public:
    LogWriter(const SampleRepo& repo, const SampleRun& run, const SampleAttempt& attempt, int maxJobLines);
    RenderedAttempt render() const;

    // Archive entry names lose '/' and ':' (as GitHub's do).
    static QString entryName(const QString& name);

private:
    struct JobText;
    JobText writeJob(const SampleJob& job, int jobIndex) const;
    void writeSetUpJob(const SampleJob& job, SampleRandom& random, StepLines& lines) const;
    void writePost(const SampleStep& step, const SampleJob& job, SampleRandom& random, StepLines& lines) const;
    QByteArray systemLog(const SampleJob& job) const;

    const SampleRepo& m_repo;
    const SampleRun& m_run;
    const SampleAttempt& m_attempt;
    int m_maxJobLines;
};

} // namespace runlens::sample
