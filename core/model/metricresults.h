#pragma once

#include <QString>

#include <optional>
#include <vector>

namespace runlens::model {

// Confusion counts and the rates derived from them, for one set of flags.
struct ThresholdMetrics
{
    long long truePositives = 0;
    long long falsePositives = 0;
    long long falseNegatives = 0;
    long long trueNegatives = 0;
    double precision = 0.0; // 0 when nothing is flagged
    double recall = 0.0; // 0 when there are no positives
    double f1 = 0.0; // 0 when precision + recall is 0
};

// Recall of the positives of one category (e.g. a memory-failure kind).
struct CategoryRecall
{
    QString category;
    long long positives = 0;
    long long detected = 0;
    double recall = 0.0;
};

// One detector's anomaly scores (higher = more anomalous) and optionally its own flags, on shared rows.
struct DetectorScores
{
    QString name;
    std::vector<double> scores;
    std::vector<int> flags; // empty, or 1 = flagged per row
};

// One line of a ComparisonTable.
struct ComparisonRow
{
    QString detector;
    double rocAuc = 0.0;
    double averagePrecision = 0.0;
    double precisionAtK = 0.0;
    double recallAtK = 0.0;
    std::optional<ThresholdMetrics> atFlags; // when the detector gave flags
};

} // namespace runlens::model
