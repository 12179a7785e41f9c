#include "scorehistogram.h"

#include <algorithm>
#include <cmath>

namespace runlens::report {

namespace {
// 1, 2, 2.5 or 5 times a power of ten, the smallest not below `raw`.
double tidyWidth(double raw)
{
    if (!(raw > 0) || !std::isfinite(raw))
        return 0.05;
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    for (double step : { 1.0, 2.0, 2.5, 5.0, 10.0 }) {
        if (step * power >= raw * (1 - 1e-9))
            return step * power;
    }
    return 10 * power;
}
} // namespace

int ScoreHistogram::binOf(double score) const
{
    if (bins() == 0)
        return -1;
    // Relative to the threshold edge, so that a score equal to the threshold lands below it exactly.
    const int thresholdEdge = int(std::lround((threshold - edges.front()) / width));
    const int bin = thresholdEdge + int(std::ceil((score - threshold) / width)) - 1;
    return std::clamp(bin, 0, bins() - 1);
}

ScoreHistogram ScoreHistogram::compute(const pipeline::AnalysisResult& result, const RunGroups& groups, int bins)
{
    ScoreHistogram h;
    h.threshold = result.threshold();
    double lo = h.threshold, hi = h.threshold;
    for (const pipeline::RunAnalysis& run : result.runs) {
        lo = std::min(lo, run.score);
        hi = std::max(hi, run.score);
    }
    h.width = tidyWidth((hi - lo) / std::max(bins, 1));
    // Edges at threshold + k * width; the first edge strictly below the lowest score unless it is the
    // threshold itself, so that the lowest run does not sit on the (open) left edge of its bin.
    const long below = std::max(1L, long(std::ceil((h.threshold - lo) / h.width)));
    const long above = std::max(1L, long(std::ceil((hi - h.threshold) / h.width)));
    h.edges.reserve(size_t(below + above + 1));
    for (long k = -below; k <= above; ++k)
        h.edges.push_back(h.threshold + double(k) * h.width);

    h.groups = groups.groupsOf(result.runs);
    h.counts.assign(size_t(h.groups.size()), std::vector<int>(size_t(h.bins()), 0));
    for (const pipeline::RunAnalysis& run : result.runs)
        h.counts[size_t(h.groups.indexOf(groups.groupOf(run)))][size_t(h.binOf(run.score))]++;
    return h;
}

} // namespace runlens::report
