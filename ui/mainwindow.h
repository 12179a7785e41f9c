#pragma once

#include "charts/rungroups.h"
#include "common/result.h"
#include "github/collectoptions.h"
#include "github/collectprogress.h"
#include "pipeline/analysisresult.h"
#include "pipeline/seedtransfer.h"
#include "runs/runrow.h"
#include "theme.h"

#include <QFuture>
#include <QMainWindow>

#include <memory>

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QDockWidget;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QMenu;
class QSplitter;
class QTabWidget;
class QTableView;
class QTimer;

namespace runlens::workspace {
class Workspace;
class WorkspaceLock;
} // namespace runlens::workspace

namespace runlens::ui {
class CollectionPanel;
class CollectionRunner;
class DemoSession;
class EvaluationPanel;
class RateLimitIndicator;
class RunActions;
class ImportanceChart;
class ScoreHistogramChart;
class ScoreTimelineChart;
class ExplanationPanel;
class FailureLinesPanel;
class LabelActions;
class LogViewerWidget;
class RunsFilterModel;
class RunsTableModel;
} // namespace runlens::ui

namespace runlens::ui {

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Makes `path` the current workspace, remembers it among the recent ones and loads its runs into
    // the runs table off the GUI thread (runsLoaded() or loadFailed()); a folder that does not exist
    // is not created.
    void setWorkspacePath(const QString& path);
    QString workspacePath() const { return m_workspacePath; }

    // Opens a log file or a run's log ZIP in the Log tab (File > Open Log..., Ctrl+L); a failure is shown.
    bool openLog(const QString& path);
    LogViewerWidget* logViewer() const { return m_logViewer; }

    // Help > Open Demo and `runlens --demo`: serves the sample corpus on 127.0.0.1, collects it into a
    // temporary workspace (progress in the Collection dock, Cancel), then analyzes it; a banner says
    // "Sample data". demoCollected() follows the collection, analysisFinished() the analysis.
    void openDemo();
    bool isDemo() const { return m_demo != nullptr; }

    // Collect > Collect...: the repository dialog, then a collection into the open workspace with the
    // token TokenResolver finds (progress in the Collection dock); the table reloads when it ends.
    void startCollection(const github::CollectOptions& options);
    // The Collection dock's contents (rateLimitChanged() feeds a status-bar indicator).
    CollectionPanel* collectionPanel() const { return m_collectPanel; }
    // Every answer of the demo's sample server waits `ms` (runlens --demo-latency, screenshots).
    void setDemoLatencyMs(int ms) { m_demoLatencyMs = ms; }

    RunsTableModel* runsModel() const { return m_runsModel; }
    RunsFilterModel* runsProxy() const { return m_runsProxy; }
    QTableView* runsView() const { return m_runsView; }
    LabelActions* labelActions() const { return m_labelActions; }

    // Runs analyzeWorkspace() on the current workspace with a progress dialog (Cancel stops it), then
    // scores the table and sorts it by score (analysisFinished()) or shows the error (analysisFailed()).
    void analyze(const pipeline::AnalysisOptions& options);
    // Charts > Export all figures: PNG/SVG/PDF of every chart with provenance into `dir`.
    Result<QStringList> exportFiguresTo(const QString& dir);
    // The latest analysis, or nullptr.
    const pipeline::AnalysisResult* analysis() const { return m_analysis.get(); }

    // Every action of the window that has a keyboard shortcut, for the shortcuts dialog and tests.
    QList<QAction*> shortcutActions() const;

    // File > New Workspace...: creates `dir` with an empty workspace and opens it. A folder that holds
    // a workspace already is refused (Open Workspace opens it).
    Status createWorkspace(const QString& dir);
    // File > Import Old Pipeline Folder...: workflow_runs.csv, logs_failure/, logs_normal/,
    // memory_logs.txt and labels.csv of `seedDir` into the open workspace, off the GUI thread with
    // progress and Cancel; transferFinished() with a summary or transferFailed(), then the table reloads.
    void importSeedFolder(const QString& seedDir);
    // File > Export > Old Pipeline Layout...: the workspace in the seed layout under `outDir`.
    void exportSeedLayout(const QString& outDir);
    // File > Import Labels...: a labels CSV (run_id,attempt,label,...) or an old memory_logs.txt; the
    // summary, or the error naming the file. Table, charts and evaluation follow.
    Result<QString> importLabels(const QString& path);
    // File > Export > Labels as CSV...
    Status exportLabels(const QString& path);

    // Runs table > Re-download Log: marks the runs' archives pending and fetches them again (no new
    // listing) from the API their repository was collected from, into the open workspace.
    void redownloadLogs(const QList<RunRow>& runs);
    // The runs table's context menu for the selection: run actions and labels (owned by the caller).
    QMenu* createRunsContextMenu();
    RunActions* runActions() const { return m_runActions; }
    RateLimitIndicator* rateLimitIndicator() const { return m_rateIndicator; }
    EvaluationPanel* evaluationPanel() const { return m_evaluation; }

    // Evaluates the latest analysis against the workspace's labels off the GUI thread (after each
    // analysis and, shortly after, each label change); evaluationUpdated() follows.
    void refreshEvaluation();
    // View > Theme.
    void setTheme(Theme::Choice choice);
    // Alt+1..: 0 Log, 1 Explanation, 2 Charts, 3 Evaluation.
    void showDetailTab(int index);

signals:
    void runsLoaded(int count);
    void loadFailed(const QString& message);
    void analysisFinished();
    void analysisFailed(const QString& message);
    void demoCollected(const QString& workspaceDir);
    void demoFailed(const QString& message);
    void transferFinished(const QString& summary);
    void transferFailed(const QString& message);
    void evaluationUpdated();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void createMenus();
    void createCentralArea();
    void createStatusBar();
    void restoreLayout();
    void saveLayout() const;
    void rebuildRecentMenu();
    void chooseWorkspace();
    void chooseLog();
    void showShortcuts();
    void showAbout();
    QWidget* createFilterBar();
    void loadRuns();
    void openWorkspaceFolder(const QString& path);
    void createCollectionDock();
    void showCollectedRun(const QString& repository, qint64 runId, int attempt);
    void chooseCollection();
    void runCollection(const QString& dir, const github::CollectOptions& options, const QByteArray& token);
    QWidget* createChartsPage();
    void exportFigures();
    void selectRun(qint64 runId, int attempt);
    void chooseAnalysis();
    void selectionChanged();
    void showRunDetails(int sourceRow);
    void showRunsContextMenu(const QPoint& pos);
    void showLogContextMenu(const QPoint& pos);
    void chooseNewWorkspace();
    void chooseSeedImport();
    void chooseSeedExport();
    void chooseLabelsImport();
    void chooseLabelsExport();
    void labelsChanged();
    void updateChartGroups();
    void finishTransfer(const QString& what, const QFuture<pipeline::SeedTransferResult>& future);
    QList<RunRow> selectedRows() const;
    void updateRunsLabel();
    void reportError(const QString& title, const QString& message);

    // Background jobs still running: the window cancels and waits for them when it closes, so no job
    // outlives the objects it reports to (or the thread pool it runs on).
    void track(const QFuture<void>& job);
    QList<QFuture<void>> m_jobs;

    QString m_workspacePath;
    QTableView* m_runsView = nullptr;
    RunsTableModel* m_runsModel = nullptr;
    RunsFilterModel* m_runsProxy = nullptr;
    QLineEdit* m_filterEdit = nullptr;
    QComboBox* m_categoryBox = nullptr;
    QCheckBox* m_flaggedOnly = nullptr;
    ExplanationPanel* m_explanation = nullptr;
    LabelActions* m_labelActions = nullptr;
    std::unique_ptr<workspace::Workspace> m_workspace; // GUI thread's connection, for labels
    // Held while the workspace is open; when another process holds it the window is read-only.
    std::unique_ptr<workspace::WorkspaceLock> m_workspaceLock;
    QLabel* m_readOnlyBanner = nullptr;
    std::shared_ptr<const pipeline::AnalysisResult> m_analysis;
    int m_loadJob = 0; // drops the rows of a superseded load
    bool m_analyzing = false;
    bool m_analyzeAfterLoad = false;
    std::unique_ptr<DemoSession> m_demo;
    CollectionRunner* m_collector = nullptr;
    github::CollectOptions m_collectOptions; // what the repository dialog showed last
    QLabel* m_banner = nullptr;
    ScoreHistogramChart* m_histogram = nullptr;
    ScoreTimelineChart* m_timeline = nullptr;
    ImportanceChart* m_importance = nullptr;
    QDockWidget* m_collectDock = nullptr;
    CollectionPanel* m_collectPanel = nullptr;
    int m_demoLatencyMs = 0;
    LogViewerWidget* m_logViewer = nullptr;
    FailureLinesPanel* m_failureLines = nullptr; // "Why it failed"
    QTabWidget* m_detailTabs = nullptr;
    QSplitter* m_splitter = nullptr;
    QMenu* m_recentMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QLabel* m_workspaceLabel = nullptr;
    QLabel* m_runsLabel = nullptr;
    RateLimitIndicator* m_rateIndicator = nullptr;
    RunActions* m_runActions = nullptr;
    EvaluationPanel* m_evaluation = nullptr;
    QComboBox* m_chartGroups = nullptr;
    RunGroups m_chartRunGroups; // how the charts colour runs now (and the labels their figures name)
    QTimer* m_evaluationTimer = nullptr; // gathers label changes into one evaluation
    int m_evaluationJob = 0; // drops the result of a superseded evaluation
    bool m_columnsFitted = false; // fitted once, or restored from the settings: never again
    pipeline::AnalysisOptions m_analysisOptions; // what the Analyze dialog showed last

    QAction* m_newWorkspace = nullptr;
    QAction* m_openWorkspace = nullptr;
    QAction* m_importSeed = nullptr;
    QAction* m_exportSeed = nullptr;
    QAction* m_importLabels = nullptr;
    QAction* m_exportLabels = nullptr;
    QList<QAction*> m_themeActions;
    QAction* m_openLog = nullptr;
    QAction* m_analyze = nullptr;
    QAction* m_openDemo = nullptr;
    QAction* m_collect = nullptr;
    QAction* m_exportFigures = nullptr;
    QAction* m_quit = nullptr;
    QAction* m_shortcuts = nullptr;
    QAction* m_about = nullptr;
    QList<QAction*> m_tabActions;
};

} // namespace runlens::ui
