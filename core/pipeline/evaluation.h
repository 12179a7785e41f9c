#pragma once

#include "common/result.h"
#include "model/comparisontable.h"
#include "model/metricresults.h"

#include <QFuture>
#include <QString>
#include <QStringList>

#include <optional>

#include <vector>

namespace runlens::pipeline {

// True when a label names a memory failure: "memory" (the old pipeline's memory_logs.txt), or the id
// of a memory category of the taxonomy (oom-killed, runner-lost, jvm-heap, ...). disk-full is a
// resource failure, not memory.
bool isMemoryLabel(const QString& label);

// Where labels come from when `evaluate` is not given a file: the workspace's labels (a user's label
// wins over the sample corpus's, which wins over memory_logs.txt).
struct EvaluationOptions
{
    QString labelsFile; // empty: the workspace's labels. A CSV (run_id[,attempt],label|category|is_memory)
                        // or an old-pipeline memory_logs.txt (paths naming logs_failure/<run_id>/...)
    int k = 0; // precision@k / recall@k; 0 = the number of positives
    // Stratified bootstrap intervals of every metric and the paired comparisons; empty = neither.
    std::optional<model::BootstrapOptions> bootstrap = model::BootstrapOptions {};
};

// Every detector's scores on the labelled runs of the latest analysis, and their metrics side by side.
struct EvaluationResult
{
    QString labelSource; // "workspace labels" or the file
    std::vector<qint64> runIds;
    std::vector<int> attempts;
    std::vector<int> labels; // 1 = memory failure
    QStringList categories; // the run's label (category), for recall per category
    std::vector<model::DetectorScores> detectors; // naive keywords, taxonomy rules, isolation forest, forest + rules
    model::ComparisonTable table;
    // Recall per labelled category, per detector (same order as `detectors`).
    std::vector<std::vector<model::CategoryRecall>> recallPerCategory;
    int unlabeled = 0; // runs of the analysis without a label, left out
    // Every pair of detectors (i < j in `detectors`): DeLong for ROC AUC, paired bootstrap for AP; empty
    // without a bootstrap.
    std::vector<model::PairedComparison> comparisons;
    // When the analysis ran a seed sweep: its seeds, the spread of the forest detectors' metrics over them
    // and, per labelled run, the share of the seeds whose forest flags it.
    std::vector<quint64> seeds;
    std::vector<model::SeedSweepRow> seedSweep;
    std::vector<double> stability;

    // The comparison of two detectors by name, in the order asked (a reversed pair is mirrored); empty when
    // either is unknown.
    std::optional<model::PairedComparison> comparison(const QString& a, const QString& b) const;
    // The caption of the table for a thesis: how many labelled runs and positives, from where.
    QString caption() const;
};

// Evaluates the workspace's latest analysis (run `analyze` first) against labels, scanning each run's
// logs with the taxonomy and with the old keyword filter. Background variant with progress and cancel.
// An error Result names the workspace or the labels file, or says why the labels cannot be evaluated.
QFuture<Result<EvaluationResult>> evaluateWorkspace(const QString& workspaceDir, const EvaluationOptions& options);
Result<EvaluationResult> evaluateWorkspaceNow(const QString& workspaceDir, const EvaluationOptions& options);

} // namespace runlens::pipeline
