#pragma once

#include <QList>
#include <QString>

namespace runlens::features {

// Index of each feature in a RunFeatures vector. The order is stable within an extractor version.
enum class Feature : int {
    LogBytes,
    LogLines,
    Jobs,
    Steps,
    FailedSteps,
    DurationSeconds,
    LongestStepSeconds,
    DurationVsSuccessMedian,
    LongestSilenceSeconds,
    SilenceBeforeFailureSeconds,
    ErrorAnnotations,
    WarningAnnotations,
    LastExitCode,
    Exit137,
    Exit143,
    MemOomKilled,
    MemRunnerLost,
    MemJvmHeap,
    MemNodeHeap,
    MemCompilerOom,
    MemNativeAlloc,
    MemGpuOom,
    DiskFull,
    MemoryPressureMarkers,
    TestFailures,
    NovelTemplateShare,
    NovelErrorLines,
    FailingStepLinesPerSecond,
    Count
};

inline constexpr int kFeatureCount = static_cast<int>(Feature::Count);

struct FeatureDefinition
{
    Feature feature;
    QString id; // stable, snake_case; used in CSV headers, model.json and --features lists
    QString name; // short human label for charts
    QString unit; // "bytes", "lines", "s", "count", "ratio", "0/1", "code", "lines/s"
    QString description; // what it measures and where its evidence lines come from
};

// Every feature, in Feature order. docs/features.md is generated from this list
// (runlens-cli features --markdown).
const QList<FeatureDefinition>& featureCatalog();
const FeatureDefinition& featureDefinition(Feature feature);
// -1 when no feature has this id.
int featureIndex(const QString& id);

} // namespace runlens::features
