#pragma once

#include "model/comparisontable.h"
#include "model/metricresults.h"

#include <QFuture>
#include <QString>
#include <QStringList>

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
};

// Every detector's scores on the labelled runs of the latest analysis, and their metrics side by side.
struct EvaluationResult
{
    QString error;
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
};

// Evaluates the workspace's latest analysis (run `analyze` first) against labels, scanning each run's
// logs with the taxonomy and with the old keyword filter. Background variant with progress and cancel.
QFuture<EvaluationResult> evaluateWorkspace(const QString& workspaceDir, const EvaluationOptions& options);
EvaluationResult evaluateWorkspaceNow(const QString& workspaceDir, const EvaluationOptions& options);

} // namespace runlens::pipeline
