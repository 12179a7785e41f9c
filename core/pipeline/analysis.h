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

// The analysis stored last in the workspace (by the GUI or `runlens-cli analyze`), as it was: its scores, seed
// sweeps, contributions and importance as stored, the runs' values from the feature cache, one query per table;
// nothing is trained or written. Where the stored rows no longer describe the runs (a stale feature cache, a log
// downloaded again), its model is applied again to the features (extracted again where needed; only the
// feature cache may then be written). No stored model: a result with modelId 0 and no runs (not an error).
QFuture<Result<AnalysisResult>> loadLatestAnalysis(const QString& workspaceDir);

// The same as analyzeWorkspace(), synchronously on the calling thread (for the CLI).
Result<AnalysisResult> analyzeWorkspaceNow(const QString& workspaceDir, const AnalysisOptions& options);

// The workspace's stored analysis, as loadLatestAnalysis() reads it: its latest model (the last `analyze`, in
// the GUI or the CLI) over the runs that model scored, with their features, scores and explanations, without
// training anything. An error Result says so when the workspace has no analysis yet. modelId names the model;
// options hold its parameters (seeds from its stored seed sweep, trainOnSuccessfulToo as stored since schema 4).
QFuture<Result<AnalysisResult>> loadStoredAnalysis(const QString& workspaceDir);
Result<AnalysisResult> loadStoredAnalysisNow(const QString& workspaceDir);

} // namespace runlens::pipeline
