#pragma once

#include "pipeline/analysisresult.h"

#include <QString>

#include <vector>

namespace runlens::report {

// Global feature importance of an analysis: mean |TreeSHAP contribution| and DIFFI side by side, each
// also as a share of its total so that the two methods compare on one axis. DIFFI is NaN for a feature
// no tree split on: it then counts as 0.
struct FeatureImportance
{
    struct Row
    {
        QString featureId;
        QString name;
        double meanAbs = 0; // path-length units
        double diffi = 0;
        double meanAbsShare = 0;
        double diffiShare = 0;
    };
    std::vector<Row> rows; // by mean |contribution|, largest first

    // The `topK` features with the largest mean |contribution| (at least one).
    static FeatureImportance of(const pipeline::AnalysisResult& result, int topK = 12);
};

} // namespace runlens::report
