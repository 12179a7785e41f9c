#pragma once

#include "common/runkey.h"
#include "features/runfeatures.h"
#include "model/forestparameters.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

#include <vector>

namespace runlens::pipeline {

// Model settings of one analysis, with scikit-learn's defaults.
struct AnalysisOptions
{
    model::ForestParameters forest;
    QStringList featureIds; // empty = every feature of the catalog
    bool trainOnSuccessfulToo = true; // false: train on failed runs only (all runs are still scored)
};

// One analysed run: identity, features with evidence, score and explanation.
struct RunAnalysis
{
    qint64 runId = 0;
    int attempt = 1;
    QString repository;
    QString workflow;
    QString conclusion;
    QString htmlUrl;
    QDateTime createdAt; // the run's created_at (UTC); invalid when unknown
    QString logPath; // absolute
    features::RunFeatures features; // the whole catalog, whatever was selected for the model
    double score = 0; // anomaly score 2^(-E(h)/c(psi)) of Liu et al.: higher = more anomalous (= -score_samples)
    double decision = 0; // scikit-learn's decision_function: < 0 is flagged
    bool flagged = false;
    double pathLength = 0; // mean path length E(h)
    std::vector<double> contributions; // TreeSHAP per selected feature, in path-length units

    RunKey key() const { return { runId, attempt }; }
};

// Everything an analysis produced, as values for the CLI, the GUI and the exports.
struct AnalysisResult
{
    QString error; // set when the analysis could not run; the rest is then empty
    AnalysisOptions options;
    QStringList featureIds; // the model's columns
    std::vector<int> featureColumns; // catalog index of each model column
    std::vector<RunAnalysis> runs; // sorted by score, most anomalous first
    QStringList withoutLogs; // runs left out because their archive is not downloaded, with its state
    QStringList unreadable; // runs left out because their logs could not be read, with the reason
    double baseValue = 0; // TreeSHAP base value (expected path length)
    double cMaxSamples = 0; // c(psi): contribution / (-cMaxSamples) is in log2 score units
    double offset = 0;
    std::vector<double> meanAbsContribution; // per model column
    std::vector<double> diffi; // global DIFFI importance per model column
    QByteArray modelJson;
    int featuresComputed = 0;
    int featuresReused = 0; // from the workspace cache (same extractor version, same archive)
    qint64 modelId = 0; // row of the models table holding this analysis
    QString exportsDir; // where scores.csv, contributions.csv, importance.csv and model.json went
};

} // namespace runlens::pipeline
