#pragma once

#include "samplecategory.h"

#include <array>

namespace runlens::sample {

// Relative weights of the outcomes of generated run attempts. A category a repository's
// ecosystem cannot produce (jvm-heap in a Go repository) is left out for that repository and the
// remaining weights are renormalised. Defaults: about 55 % success, 28 % ordinary failures,
// 17 % memory failures.
struct OutcomeMix
{
    std::array<double, kSampleCategoryCount> weights = {
        55, // success
        9, // test-failure
        4, // compile-error
        3, // lint-failure
        4, // infra
        2, // timeout
        3, // cancelled
        3, // oom-killed
        2, // runner-lost
        2, // jvm-heap
        2, // node-heap
        2, // compiler-oom
        2, // native-alloc
        1.5, // gpu-oom
        2, // disk-full
    };
    // Share of non-memory attempts that mention memory words harmlessly (hard negatives).
    double hardNegativeRate = 0.2;
    // Share of failed runs that were re-run (run_attempt 2, sometimes 3).
    double rerunRate = 0.25;
    // Share of runs older than the retention window whose logs are gone (served as 410).
    double expiredRateWhenOld = 0.3;

    double& weight(SampleCategory category) { return weights[size_t(category)]; }
    double weight(SampleCategory category) const { return weights[size_t(category)]; }
};

} // namespace runlens::sample
