#pragma once

#include "common/result.h"
#include "pipeline/analysisresult.h"

#include <QFuture>

namespace runlens::pipeline {

// features -> Isolation Forest -> scores -> TreeSHAP and DIFFI for every downloaded run of a
// workspace; stores features (cached per extractor version and archive checksum), the model and the
// scores in the workspace, and writes exports/{scores,contributions,importance}.csv and model.json.
//
// Runs on the global thread pool with progress (0..1000) and text; cancel the future to stop.
// An error Result names what went wrong (the workspace, a bad option), or says it was canceled.
QFuture<Result<AnalysisResult>> analyzeWorkspace(const QString& workspaceDir, const AnalysisOptions& options);

// The analysis stored last in the workspace (by the GUI or `runlens-cli analyze`), as it was: its model
// applied again to the cached features, so scores, flags, explanations and importance match what was
// stored; nothing is trained or written. No stored model: a result with modelId 0 and no runs (not an error).
QFuture<Result<AnalysisResult>> loadLatestAnalysis(const QString& workspaceDir);

// The same as analyzeWorkspace(), synchronously on the calling thread (for the CLI).
Result<AnalysisResult> analyzeWorkspaceNow(const QString& workspaceDir, const AnalysisOptions& options);

// The workspace's stored analysis: its latest model (the last `analyze`, in the GUI or the CLI) over the
// runs that model scored, with their features (from the cache, else extracted again), scores and
// explanations, without training anything (only the feature cache may be written). An error Result says so
// when the workspace has no analysis yet. modelId names the model; options hold its parameters.
QFuture<Result<AnalysisResult>> loadStoredAnalysis(const QString& workspaceDir);
Result<AnalysisResult> loadStoredAnalysisNow(const QString& workspaceDir);

} // namespace runlens::pipeline
