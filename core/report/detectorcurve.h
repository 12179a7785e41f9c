#pragma once

#include "model/metricresults.h"

#include <QPointF>
#include <QString>

#include <optional>
#include <span>
#include <vector>

namespace runlens::report {

// One detector's ROC and precision-recall curves against labels, with the summary numbers shown
// in legends and tables. Scores: higher = more anomalous; labels: non-zero = positive.
struct DetectorCurve
{
    QString name;
    std::vector<QPointF> roc; // (false positive rate, true positive rate), from (0,0) to (1,1)
    std::vector<QPointF> pr; // (recall, precision), from (0,1) as scikit-learn draws it
    double rocAuc = 0; // NaN when undefined (one class only)
    double averagePrecision = 0; // NaN without positives
    model::Interval rocAucInterval; // bootstrap intervals, shown in legends; invalid when not computed
    model::Interval averagePrecisionInterval;
    // The detector's operating point at its own flags (the comparison table's precision and recall), drawn
    // as a marker with whiskers for the table's bootstrap intervals; empty for a detector without flags.
    struct OperatingPoint
    {
        double falsePositiveRate = 0; // 0 without negatives
        double recall = 0;
        double precision = 0;
        model::Interval recallInterval; // invalid when not computed
        model::Interval precisionInterval;
    };
    std::optional<OperatingPoint> atFlags;
    int k = 0;
    double precisionAtK = 0;
    int positives = 0;
    int rows = 0;

    // The precision-recall curve as steps, as average precision integrates them: precision P_n holds over
    // (R_{n-1}, R_n]. Thresholds that add only negatives (recall unchanged) weigh nothing in AP and are left out.
    std::vector<QPointF> prSteps() const;

    static DetectorCurve compute(const model::DetectorScores& detector, std::span<const int> labels, int k);
};

} // namespace runlens::report
