#pragma once

#include "common/result.h"
#include "metricresults.h"

#include <QStringList>

#include <span>

namespace runlens::model {

// Evaluation metrics as scikit-learn defines them. Scores: higher = more anomalous (pass -score_samples
// for an Isolation Forest). Labels: non-zero = positive (anomaly). Inputs of different lengths are refused.
class Metrics
{
public:
    // roc_auc_score: area under the ROC curve, tied scores counted half (Mann-Whitney U with mid-ranks).
    // Refused when only one class is present.
    static Result<double> rocAuc(std::span<const double> scores, std::span<const int> labels);

    // average_precision_score: sum over distinct thresholds (descending) of (R_n - R_{n-1}) P_n, tied
    // scores forming one threshold. Refused without positives.
    static Result<double> averagePrecision(std::span<const double> scores, std::span<const int> labels);

    // Of the k highest-scored rows, the share that are positive / the share of all positives they hold,
    // as expected over uniformly random orders within each group of tied scores (so row order never
    // matters): the tie group straddling k contributes its positive share times the places left.
    // k is capped at the number of rows.
    static Result<double> precisionAtK(std::span<const double> scores, std::span<const int> labels, int k);
    static Result<double> recallAtK(std::span<const double> scores, std::span<const int> labels, int k);

    // Rows with score >= threshold are flagged.
    static Result<ThresholdMetrics> atThreshold(
        std::span<const double> scores, std::span<const int> labels, double threshold);
    // Flags given directly (non-zero = flagged).
    static Result<ThresholdMetrics> fromFlags(std::span<const int> flags, std::span<const int> labels);

    // For every category holding at least one positive row, the share of its positives that are flagged;
    // sorted by category name.
    static Result<std::vector<CategoryRecall>> recallPerCategory(
        std::span<const int> flags, std::span<const int> labels, const QStringList& categories);
};

} // namespace runlens::model
