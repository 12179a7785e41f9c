#pragma once

#include <QString>

#include <array>
#include <cstdint>
#include <limits>
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

// The metrics of a ComparisonRow, in table order.
enum class Metric { RocAuc, AveragePrecision, PrecisionAtK, RecallAtK, Precision, Recall, F1 };
inline constexpr int kMetricCount = 7;

// A confidence interval; NaN bounds when none was computed.
struct Interval
{
    double low = std::numeric_limits<double>::quiet_NaN();
    double high = std::numeric_limits<double>::quiet_NaN();
    bool valid() const { return low == low && high == high; }
};

// Stratified bootstrap settings: each resample draws the positives from the positives and the negatives
// from the negatives, with replacement, so every resample keeps both class counts.
struct BootstrapOptions
{
    int resamples = 1000; // 0: no intervals
    double level = 0.95; // two-sided, percentile method
    std::uint64_t seed = 1;
};

// Mean and sample standard deviation of one metric over the forests of a seed sweep.
struct SeedSpread
{
    double mean = std::numeric_limits<double>::quiet_NaN();
    double sd = std::numeric_limits<double>::quiet_NaN(); // NaN with fewer than two seeds
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
    std::array<Interval, kMetricCount> intervals; // bootstrap intervals by Metric; invalid when not computed

    // The point value of a metric; empty for the flag metrics of a detector without flags.
    std::optional<double> value(Metric metric) const
    {
        switch (metric) {
        case Metric::RocAuc:
            return rocAuc;
        case Metric::AveragePrecision:
            return averagePrecision;
        case Metric::PrecisionAtK:
            return precisionAtK;
        case Metric::RecallAtK:
            return recallAtK;
        case Metric::Precision:
            return atFlags ? std::optional(atFlags->precision) : std::nullopt;
        case Metric::Recall:
            return atFlags ? std::optional(atFlags->recall) : std::nullopt;
        case Metric::F1:
            return atFlags ? std::optional(atFlags->f1) : std::nullopt;
        }
        return std::nullopt;
    }
    const Interval& interval(Metric metric) const { return intervals[std::size_t(metric)]; }
};

// One detector's metrics over the forests of a seed sweep.
struct SeedSweepRow
{
    QString detector;
    int seeds = 0;
    std::array<SeedSpread, kMetricCount> metrics; // by Metric; NaN for flag metrics without flags
};

// A paired test of one metric between two detectors scored on the same labelled rows.
struct PairedTest
{
    QString metric; // "roc_auc" or "average_precision"
    QString method; // "DeLong" or "paired bootstrap"
    double a = 0.0; // the metric of detector A
    double b = 0.0;
    double difference = 0.0; // a - b
    Interval interval; // of the difference, at the requested level
    double statistic = std::numeric_limits<double>::quiet_NaN(); // DeLong's z; NaN for the bootstrap
    double pValue = 1.0; // two-sided, H0: no difference
};

// Detector A against detector B: DeLong's test of ROC AUC and a paired bootstrap of average precision.
struct PairedComparison
{
    QString detectorA;
    QString detectorB;
    double level = 0.95;
    PairedTest rocAuc;
    PairedTest averagePrecision;
};

} // namespace runlens::model
