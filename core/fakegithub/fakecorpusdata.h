#pragma once

#include "fakegithubdata.h"

#include <memory>

namespace runlens::sample {

class SampleCorpus;
struct SampleOptions;

// Adapts a SampleCorpus to what the fake GitHub server serves: one FakeRun per attempt, runs and
// jobs as the REST API shapes them, job logs and run archives rendered lazily (on the server
// thread, from the immutable corpus), expired runs answering 410. Served archives are byte for
// byte SampleCorpus::archive() of that attempt.
class FakeCorpusData
{
public:
    static FakeGitHubData build(std::shared_ptr<const SampleCorpus> corpus);
    // Generates the corpus for `options` (same as `runlens-cli sample`) and adapts it.
    static FakeGitHubData build(const SampleOptions& options);
};

} // namespace runlens::sample
