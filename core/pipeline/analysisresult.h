#pragma once

#include "common/runkey.h"
#include "features/featurevalues.h"
#include "features/runfeatures.h"
#include "model/forestparameters.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QString>
#include <QStringList>

#include <limits>
#include <vector>

namespace runlens::pipeline {

// The distance between the seeds of a seed sweep: larger than any tree count, so that no two forests of
// a sweep share a tree's generator even where tree t of seed s draws from s + t.
inline constexpr quint64 kSeedSweepStride = 1000003;

// Model settings of one analysis, with scikit-learn's defaults.
struct AnalysisOptions
{
    model::ForestParameters forest;
    QStringList featureIds; // empty = every feature of the catalog
    bool trainOnSuccessfulToo = true; // false: train on failed runs only (all runs are still scored)
    // > 1: a seed sweep, forests also fitted with seeds forest.seed + i * kSeedSweepStride, i = 1 .. seeds - 1
    int seeds = 1;
};

// One analysed run: identity, feature values, score and explanation.
struct RunAnalysis
{
    qint64 runId = 0;
    int attempt = 1;
    QString repository;
    QString workflow;
    QString conclusion;
    QString htmlUrl;
    QDateTime createdAt; // the run's created_at (UTC); invalid when unknown
    qint64 runNumber = 0; // the workflow's run number (#118), as the runs table shows it; 0 when unknown
    QString logPath; // absolute
    // The whole catalog's values, whatever was selected for the model; their evidence lines stay in the
    // workspace (FeatureCache::evidence()).
    features::FeatureValues features;
    double score = 0; // anomaly score 2^(-E(h)/c(psi)) of Liu et al.: higher = more anomalous (= -score_samples)
    double decision = 0; // scikit-learn's decision_function: < 0 is flagged
    bool flagged = false;
    double pathLength = 0; // mean path length E(h)
    std::vector<double> contributions; // TreeSHAP per selected feature, in path-length units
    // Seed sweep (options.seeds > 1): the score and flag of the forest of each seed, the model's first,
    // and the share of the seeds that flag the run; NaN without a sweep.
    std::vector<double> seedScores;
    std::vector<int> seedFlags;
    double stability = std::numeric_limits<double>::quiet_NaN();

    RunKey key() const { return { runId, attempt }; }
};

// Everything an analysis produced, as values for the CLI, the GUI and the exports.
struct AnalysisResult
{
    AnalysisOptions options;
    QStringList featureIds; // the model's columns
    std::vector<int> featureColumns; // catalog index of each model column
    std::vector<RunAnalysis> runs; // sorted by score, most anomalous first
    std::vector<quint64> sweepSeeds; // the seeds of a seed sweep, the model's first; empty without one
    QStringList withoutLogs; // runs left out because their archive is not downloaded, with its state
    QStringList unreadable; // runs left out because their logs could not be read, with the reason
    double baseValue = 0; // TreeSHAP base value (expected path length)
    double cMaxSamples = 0; // c(psi): contribution / (-cMaxSamples) is in log2 score units
    double offset = 0;
    // Score above which a run is flagged: scikit-learn's decision = -score - offset < 0 <=> score > -offset.
    double threshold() const { return -offset; }
    std::vector<double> meanAbsContribution; // per model column
    std::vector<double> diffi; // global DIFFI importance per model column
    QByteArray modelJson;
    int featuresComputed = 0;
    int featuresReused = 0; // from the workspace cache (same extractor version, same archive)
    qint64 modelId = 0; // row of the models table holding this analysis
    QString exportsDir; // where scores.csv, contributions.csv, importance.csv and model.json went
    // The evidence lines of the runs whose features were extracted again for a workspace that cannot be
    // written (read-only, and its feature cache stale): the workspace does not hold them. Empty otherwise.
    QHash<RunKey, features::FeatureEvidence> unstoredEvidence;
};

} // namespace runlens::pipeline
