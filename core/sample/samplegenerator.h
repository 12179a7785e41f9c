#pragma once

#include "samplecorpus.h"

namespace runlens::sample {

class SampleRandom;

// Builds a corpus' metadata (repositories, runs, attempts, jobs, steps) from the options' seed.
// Log text is not produced here: each attempt gets a seed for the LogWriter.
class SampleGenerator
{
public:
    explicit SampleGenerator(SampleOptions options);
    SampleCorpus generate();

private:
    void makeRepos(SampleCorpus& corpus, SampleRandom& random) const;
    void makeRuns(SampleCorpus& corpus, SampleRandom& random) const;
    void coverCategories(SampleCorpus& corpus) const;
    void makeAttempts(SampleCorpus& corpus, SampleRandom& random) const;
    SampleCategory drawCategory(const SampleRepo& repo, SampleRandom& random) const;
    SampleJob makeJob(const SampleRepo& repo, const SampleWorkflow& workflow, const SampleAttempt& attempt,
        int jobIndex, bool failing, QDateTime start, SampleRandom& random) const;

    SampleOptions m_options;
};

} // namespace runlens::sample
