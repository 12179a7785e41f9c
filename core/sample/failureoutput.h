#pragma once

#include "samplecategory.h"
#include "samplerepo.h"
#include "samplerun.h"

#include <QByteArray>

namespace runlens::sample {

class SampleRandom;
class StepLines;

// The text of a failing step: the precursors a real failure of the category shows (slowing
// progress, GC warnings, low-disk warnings, a long silence) followed by its decisive lines, and
// the runner's closing error. Also answers, for the generator, which step fails.
class FailureOutput
{
public:
    struct Context
    {
        QByteArray jobName;
        QByteArray runnerName;
        QByteArray workDir; // /home/runner/work/<repo>/<repo>
        int timeoutMinutes = 60;
    };

    static int variantCount(SampleCategory category, Ecosystem ecosystem);
    static StepKind failingStep(SampleCategory category, Ecosystem ecosystem, int variant);
    // Whether the job ends without post steps (the runner vanished).
    static bool runnerVanishes(SampleCategory category, int variant);

    // Appends the failure to `lines`, which already hold the step's normal output so far.
    static void write(SampleCategory category, Ecosystem ecosystem, int variant, const Context& context,
        SampleRandom& random, StepLines& lines);
    // Output of the "Collect diagnostics" step that runs after a failure.
    static void writeDiagnostics(
        SampleCategory category, Ecosystem ecosystem, int variant, SampleRandom& random, StepLines& lines);
};

} // namespace runlens::sample
