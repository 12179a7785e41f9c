#pragma once

#include "common/result.h"
#include "metricresults.h"

#include <span>

namespace runlens::model {

// DeLong, DeLong and Clarke-Pearson (1988): the covariance of the ROC AUCs of two detectors scored on the
// same rows, from each row's placement values (the share of the other class it outranks, ties counted
// half), computed with mid-ranks in O(n log n) as Sun and Xu (2014).
class DeLong
{
public:
    // ROC AUC of a and b, their difference a - b, its interval at `level` (normal approximation),
    // z = difference / sd and the two-sided p-value. When the difference's variance is 0 (identical or
    // perfectly separating detectors) z is NaN and p is 1 for a zero difference, else 0. Refuses
    // inputs of different lengths and labels without both classes.
    static Result<PairedTest> compare(
        std::span<const double> a, std::span<const double> b, std::span<const int> labels, double level = 0.95);

    // The standard normal quantile function (Acklam's approximation refined by one Halley step on erfc,
    // accurate to about 1e-15); p in (0, 1).
    static double normalQuantile(double p);
};

} // namespace runlens::model
