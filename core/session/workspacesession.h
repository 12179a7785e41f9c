#pragma once

#include "common/result.h"
#include "common/runkey.h"
#include "features/runfeatures.h"
#include "github/collectoptions.h"
#include "github/collectprogress.h"
#include "pipeline/analysisresult.h"
#include "pipeline/evaluation.h"
#include "pipeline/seedtransfer.h"
#include "session/runrow.h"
#include "workspace/labelrecord.h"

#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>

class QTimer;

namespace runlens {
class JobTracker;
}

namespace runlens::workspace {
class Workspace;
class WorkspaceLock;
} // namespace runlens::workspace

namespace runlens::session {

class CollectionRunner;
class DemoSession;

// The desktop application's state without a widget: the open workspace, the current analysis, the
// labels and every long job on them (load, collect, analyze, evaluate, import, export, re-download).
// Pages subscribe to its signals, which carry values; the main window only wires pages to it. Errors
// come back as failed(title, message) naming the input; jobs follow JobTracker, so a newer request
// (another workspace, another load) drops what an older one would still report.
//
//   auto* session = new WorkspaceSession(this);
//   connect(session, &WorkspaceSession::runsLoaded, runsPage, &RunsPage::setRows);
//   session->open(dir);  // runsLoaded() or loadFailed()
class WorkspaceSession : public QObject
{
    Q_OBJECT
public:
    explicit WorkspaceSession(QObject* parent = nullptr);
    ~WorkspaceSession() override;

    // Opens the workspace in `dir` (it must be a folder) and loads its runs in the background; the
    // previous workspace, analysis and jobs are dropped. workspaceChanged() follows, then runsLoaded()
    // or loadFailed(), and analysisChanged() with the analysis stored last, when there is one (without
    // training anything). Returns the error it also reports.
    Status open(const QString& dir);
    // Creates an empty workspace in `dir` (made if missing) and opens it; a folder that holds one
    // already is refused.
    Status create(const QString& dir);
    QString path() const { return m_path; }
    bool isOpen() const { return m_workspace != nullptr; }
    // Another process (a CLI collect, another window) holds the workspace's lock (workspace::WorkspaceLock):
    // the session only reads it, and every writing call fails with readOnlyReason().
    bool isReadOnly() const { return !m_readOnlyReason.isEmpty(); }
    QString readOnlyReason() const { return m_readOnlyReason; }
    // The GUI thread's connection (labels, repositories), or nullptr.
    workspace::Workspace* workspace() const { return m_workspace.get(); }
    // Loads the runs again (after a collection, an import, a label change): runsArriving() for each
    // batch, then runsLoaded() with every row.
    void reload();
    // The rows of the last load, without scores (pages apply analysis()).
    const QList<RunRow>& rows() const { return m_rows; }

    // Trains and scores in the background (analysisJob() for progress and Cancel): analysisChanged()
    // then an evaluation, or analysisFailed().
    void analyze(const pipeline::AnalysisOptions& options);
    bool isAnalyzing() const;
    JobTracker* analysisJob() const { return m_analysisJob; }
    std::shared_ptr<const pipeline::AnalysisResult> analysis() const { return m_analysis; }
    // A run's evidence lines per feature, as the analysis stored them in the workspace (the analysis holds
    // only the runs' values); read on the GUI thread's connection: one indexed query. A read-only workspace
    // whose features were extracted again has them from the analysis (AnalysisResult::unstoredEvidence).
    Result<features::FeatureEvidence> evidenceOf(RunKey run) const;

    // Evaluates the analysis against the labels in the background: evaluationStarted(), then
    // evaluationReady() or evaluationFailed() (no labels, one class only, ...). scheduleEvaluation() gathers a burst of
    // label changes into one evaluation.
    void evaluate();
    void scheduleEvaluation();

    // Labels `runs` with `label` (source "user"), or removes their labels; each changed run's row
    // follows in place (runLabelChanged()), then labelsChanged() and, shortly after, an evaluation.
    // undoLabels() takes the last change back (canUndoLabelsChanged()).
    Status setLabel(const QList<RunKey>& runs, const QString& label);
    Status removeLabels(const QList<RunKey>& runs);
    Status undoLabels();
    bool canUndoLabels() const { return !m_labelUndo.isEmpty(); }
    // Call after labels were written to workspace() by other means: the rows reload, labelsChanged()
    // and an evaluation follow.
    void labelsEdited();
    // A labels CSV (run_id,attempt,label,...) or an old memory_logs.txt; the summary.
    Result<QString> importLabels(const QString& path);
    Status exportLabels(const QString& path);

    // The old pipeline's folder layout, in the background (transferJob()): transferFinished() with a
    // summary (and warnings) or transferFailed(); an import reloads the runs.
    void importSeedFolder(const QString& seedDir);
    void exportSeedLayout(const QString& outDir);
    JobTracker* transferJob() const { return m_transferJob; }

    // Collects into the open workspace with the token TokenResolver finds (the demo's own token for
    // the demo workspace): collectionStarted(), then the runs reload when it ends.
    void collect(const github::CollectOptions& options);
    // Marks the runs' archives pending and fetches them again from the API their repository was
    // collected from.
    void redownload(const QList<RunRow>& runs);
    bool isCollecting() const;
    github::CollectOptions collectOptions() const { return m_collectOptions; }
    void setCollectOptions(const github::CollectOptions& options) { m_collectOptions = options; }
    // The API a run of `repository` was collected from (the demo's server, a GHES host, GitHub).
    QUrl apiUrlOf(const QString& repository) const;

    // Serves the sample corpus locally, collects it into a temporary workspace, opens and analyzes it.
    void openDemo(int latencyMs = 0);
    DemoSession* demo() const { return m_demo.get(); }
    bool isDemoWorkspace() const;
    // Where exports start: the workspace's exports/ folder, or for the demo's temporary workspace (deleted
    // when RunLens exits) a lasting folder, the user's documents.
    QString exportFolder() const;
    // True when `path` lies inside the demo's temporary workspace: whatever is written there goes on exit.
    bool isTemporary(const QString& path) const;

signals:
    void workspaceChanged(const QString& dir); // empty: none open
    // A batch of the runs being loaded, in load order, before runsLoaded(): `first` marks a load's first
    // batch (a screen of rows, read before the rest); a load's batches add up to runsLoaded()'s rows.
    void runsArriving(const QList<runlens::session::RunRow>& rows, bool first);
    void runsLoaded(const QList<runlens::session::RunRow>& rows);
    void loadFailed(const QString& message);
    // The current analysis (nullptr when the workspace changed and none is loaded).
    void analysisChanged(std::shared_ptr<const runlens::pipeline::AnalysisResult> analysis);
    void analysisFailed(const QString& message);
    void evaluationStarted();
    void evaluationReady(const runlens::pipeline::EvaluationResult& evaluation);
    void evaluationFailed(const QString& message);
    void labelsChanged();
    // The run's labels, joined with ", " as the runs table shows them (empty: unlabelled).
    void runLabelChanged(qint64 runId, int attempt, const QString& labels);
    void canUndoLabelsChanged(bool canUndo);
    void transferFinished(const QString& summary, const QStringList& warnings);
    void transferFailed(const QString& message);
    void collectionStarted(runlens::session::CollectionRunner* runner, const QStringList& repositories);
    void collectionStatus(const QString& text);
    void collectionFailed(const QString& message);
    void demoStarted(runlens::session::CollectionRunner* runner);
    void demoCollected(const QString& workspaceDir);
    void demoFailed(const QString& message);
    // Something the user should see: `title` names the action.
    void failed(const QString& title, const QString& message);
    void message(const QString& text);

private:
    void reset(const QString& dir);
    void loadStoredAnalysis();
    // Replaces the labels of `runs` by `after(run)` and remembers what they were, for undoLabels().
    Status editLabels(const QList<RunKey>& runs,
        const std::function<QList<workspace::LabelRecord>(const RunKey&)>& after, bool undoable);
    void runCollection(const github::CollectOptions& options, const QByteArray& token);
    void finishTransfer(const QString& what, const QFuture<Result<workspace::SeedTransferSummary>>& future);

    // Refuses a write while another process holds the workspace: failed(title, why) and false.
    bool writable(const QString& title);

    QString m_path;
    std::unique_ptr<workspace::Workspace> m_workspace;
    std::unique_ptr<workspace::WorkspaceLock> m_lock; // held while the workspace is open
    QString m_readOnlyReason; // why the workspace is read-only, or empty
    QList<RunRow> m_rows;
    QList<QList<workspace::LabelRecord>> m_labelUndo; // per change: the changed runs' labels before it
    std::shared_ptr<const pipeline::AnalysisResult> m_analysis;
    bool m_analyzeAfterLoad = false; // the demo analyzes once its runs are loaded
    github::CollectOptions m_collectOptions;
    std::unique_ptr<DemoSession> m_demo;
    CollectionRunner* m_collector = nullptr;
    JobTracker* m_loadJob = nullptr;
    JobTracker* m_analysisJob = nullptr;
    JobTracker* m_evaluationJob = nullptr;
    JobTracker* m_transferJob = nullptr;
    JobTracker* m_tokenJob = nullptr;
    JobTracker* m_storedJob = nullptr; // the analysis stored last, shown when a workspace opens
    QTimer* m_evaluationTimer = nullptr;
};

} // namespace runlens::session
