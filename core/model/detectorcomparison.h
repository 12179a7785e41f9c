#pragma once

#include "common/result.h"
#include "metricresults.h"

#include <span>

namespace runlens::model {

// Is the difference between two detectors on the same labelled rows real? ROC AUC by DeLong's test,
// average precision by a paired stratified bootstrap (both detectors scored on the same resamples).
class DetectorComparison
{
public:
    // The bootstrap's p-value is two-sided against the resampled differences shifted to mean zero:
    // (1 + #{b : |d_b - d| >= |d|}) / (1 + B), d the observed difference; its interval is the percentile
    // interval of the d_b at options.level (also DeLong's level). Errors name the detectors.
    static Result<PairedComparison> compare(
        const DetectorScores& a, const DetectorScores& b, std::span<const int> labels, const BootstrapOptions& options);
};

} // namespace runlens::model
