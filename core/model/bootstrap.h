#pragma once

#include "common/result.h"
#include "metricresults.h"

#include <span>
#include <vector>

namespace runlens::model {

// Stratified bootstrap resamples of labelled rows (positives drawn from the positives, negatives from the
// negatives, with replacement), reproducible from a seed: resample b uses its own generator seeded by
// hashing the seed, adding b and hashing again (SplitMix64), so a resample does not depend on which others were drawn
// or on the thread drawing it.
class Bootstrap
{
public:
    // Refuses fewer than one resample, a level outside (0, 1) and labels without both classes.
    static Result<Bootstrap> create(std::span<const int> labels, const BootstrapOptions& options);

    const BootstrapOptions& options() const { return m_options; }
    int resamples() const { return m_options.resamples; }

    // The row indices of resample b (0 <= b < resamples()): the positives' draws, then the negatives'.
    std::vector<std::size_t> resample(int b) const;

    // The percentile interval of `values` (one per resample) at the options' level, numpy's linear
    // interpolation; NaN values (a metric undefined on a resample) are left out.
    Interval interval(std::vector<double> values) const;

private:
    BootstrapOptions m_options;
    std::vector<std::size_t> m_positives;
    std::vector<std::size_t> m_negatives;
};

// Values at the rows of a resample.
template <typename T> std::vector<T> gather(std::span<const T> values, std::span<const std::size_t> rows)
{
    std::vector<T> out;
    out.reserve(rows.size());
    for (std::size_t r : rows)
        out.push_back(values[r]);
    return out;
}

} // namespace runlens::model
