#pragma once

#include "report/rungroups.h"

#include <QStringList>

#include <vector>

namespace runlens::report {

// The anomaly scores of an analysis binned for a histogram, stacked by group. The bins are aligned on
// the flag threshold (one edge is the threshold) and are closed on the right, (low, high], as a run is
// flagged when its score is above the threshold: every bar holds flagged runs only or unflagged runs
// only. The bin width is a tidy number (1, 2, 2.5 or 5 times a power of ten) near range / bins.
struct ScoreHistogram
{
    std::vector<double> edges; // bins + 1, ascending
    QStringList groups;
    std::vector<std::vector<int>> counts; // [group][bin]
    double threshold = 0;
    double width = 0;

    int bins() const { return edges.empty() ? 0 : int(edges.size()) - 1; }
    // Index of the bin of `score`: (edges[i], edges[i + 1]], the first bin also holding its low edge.
    int binOf(double score) const;

    // About `bins` bins (at least 1) over every score and the threshold.
    static ScoreHistogram compute(const pipeline::AnalysisResult& result, const RunGroups& groups, int bins = 20);
};

} // namespace runlens::report
