#pragma once

#include "samplerepo.h"
#include "samplerun.h"

#include <QByteArray>

namespace runlens::sample {

class SampleRandom;
class StepLines;

// Ecosystem-typical output of a step that works: checkout, toolchain setup, cache, dependency
// install, lint, build and test (npm/jest, Gradle, pytest, CMake/Ninja/CTest, cargo, go test,
// Maven/Surefire, dotnet). Text is made up from word lists, modelled on real logs' structure.
class ToolOutput
{
public:
    struct Context
    {
        QByteArray owner;
        QByteArray repo;
        QByteArray sha;
        QByteArray ref; // refs/heads/main, refs/pull/12/merge
        QByteArray version; // matrix version ("20", "17", "3.11"), may be empty
        QByteArray stepName;
        bool hardNegative = false; // sprinkle harmless memory words
    };

    // Appends the step's output. `filler` is the number of progress lines (tests, compile units,
    // packages) to produce; `completes` false leaves out the closing summary because a failure
    // follows.
    static void write(Ecosystem ecosystem, StepKind kind, const Context& context, int filler, bool completes,
        SampleRandom& random, StepLines& lines);
    // One progress line of a long-running build or test step (used while a failure builds up).
    static QByteArray progressLine(Ecosystem ecosystem, StepKind kind, int index, int total, SampleRandom& random);
    // A plausible identifier for tests and sources: "retries_expired_token".
    static QByteArray testName(SampleRandom& random);
    static QByteArray moduleName(SampleRandom& random);
};

} // namespace runlens::sample
