#pragma once

#include "common/windowchrome.h"

#include "common/result.h"
#include "pipeline/analysisresult.h"
#include "theme.h"

#include <QMainWindow>

class QAction;
class QDockWidget;
class QLabel;
class QMenu;
class QMessageBox;
class QSplitter;
class QStackedWidget;
class QTabWidget;

namespace runlens::session {
class WorkspaceSession;
} // namespace runlens::session

namespace runlens::ui {
class ChartsPage;
class CollectionPanel;
class EvaluationPage;
class ExplanationPage;
class FailureLinesPanel;
class LogPage;
class RateLimitIndicator;
class RecentWorkspacesMenu;
class RunsPage;
class StartPage;

// The main window: builds the menus, the docks and the pages, and wires them to one
// session::WorkspaceSession, which holds the workspace, the analysis, the labels and the long jobs.
// Behaviour lives in the session and the pages; tests reach it through session() and the pages.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    session::WorkspaceSession* session() const { return m_session; }
    RunsPage* runsPage() const { return m_runsPage; }
    LogPage* logPage() const { return m_logPage; }
    ExplanationPage* explanationPage() const { return m_explanationPage; }
    ChartsPage* chartsPage() const { return m_chartsPage; }
    EvaluationPage* evaluationPage() const { return m_evaluationPage; }
    // The Collection dock's contents (rateLimitChanged() feeds the status bar's indicator).
    CollectionPanel* collectionPanel() const { return m_collectPanel; }
    RateLimitIndicator* rateLimitIndicator() const { return m_rateIndicator; }
    QTabWidget* detailTabs() const { return m_detailTabs; }
    FailureLinesPanel* failureLinesPanel() const { return m_failureLines; }
    QSplitter* splitter() const { return m_splitter; }
    // Shown instead of the runs and the tabs until a workspace or a log is open.
    StartPage* startPage() const { return m_startPage; }
    bool showsStartPage() const;
    // The first size on a screen whose available area is `available`: the runs table and a log with
    // readable step names, never larger than the screen (a saved geometry wins).
    static QSize defaultSize(const QSize& available) { return defaultWindowSize(available); }

    // Opens the workspace in `path` (a folder that does not exist is not created) and remembers it
    // among the recent ones.
    void setWorkspacePath(const QString& path);
    // File > Open Workspace... with the folder chosen: a workspace, an empty or a missing folder opens;
    // an old pipeline folder offers Import, any other folder asks before anything is written. Returns
    // the question shown (not modal), or nullptr.
    QMessageBox* openWorkspaceFolder(const QString& dir);
    // File > New Workspace...: an empty workspace in `dir`, opened; a folder holding one is refused.
    Status createWorkspace(const QString& dir);
    // Opens a log file or a run's log ZIP in the Log tab (File > Open Log..., Ctrl+L); a failure is shown.
    bool openLog(const QString& path);
    // Help > Open Demo and `runlens --demo`: the sample corpus collected into a temporary workspace
    // (progress in the Collection dock), then analyzed; a banner says "Sample data".
    void openDemo();
    // Every answer of the demo's sample server waits `ms` (runlens --demo-latency, screenshots).
    void setDemoLatencyMs(int ms) { m_demoLatencyMs = ms; }
    // Charts > Export all figures: PNG/SVG/PDF of every chart with provenance into `dir`.
    Result<QStringList> exportFiguresTo(const QString& dir);

    // Every action of the window that has a keyboard shortcut, for the shortcuts dialog and tests.
    QList<QAction*> shortcutActions() const;
    // View > Theme.
    void setTheme(Theme::Choice choice);
    // Alt+1..: 0 Log, 1 Explanation, 2 Charts, 3 Evaluation.
    void showDetailTab(int index);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    template <typename Slot>
    QAction* makeAction(
        const QString& text, const QKeySequence& key, const QString& tip, Slot slot, bool needsWorkspace = false);
    void createActions();
    void createMenus();
    void createPages();
    void createStatusBar();
    void createCollectionDock();
    void wireSession();
    void workspaceChanged(const QString& dir);
    void showCollectedRun(const QString& repository, qint64 runId, int attempt);
    void chooseWorkspace();
    void chooseNewWorkspace();
    void chooseLog();
    void chooseLogFolder();
    void chooseAnalysis();
    void chooseCollection();
    void chooseSeedImport();
    void importSeedFrom(const QString& seedDir);
    void chooseSeedExport();
    void chooseLabelsImport();
    void chooseLabelsExport();
    void exportFigures();
    // Exports into the demo's temporary workspace go when RunLens exits: true unless the user insists.
    bool warnedTemporary(const QString& dir);
    void showTransfer(const QString& summary, const QStringList& warnings);
    void reportError(const QString& title, const QString& message);

    session::WorkspaceSession* m_session = nullptr;
    RunsPage* m_runsPage = nullptr;
    LogPage* m_logPage = nullptr;
    ExplanationPage* m_explanationPage = nullptr;
    ChartsPage* m_chartsPage = nullptr;
    EvaluationPage* m_evaluationPage = nullptr;
    QTabWidget* m_detailTabs = nullptr;
    FailureLinesPanel* m_failureLines = nullptr; // "Why it failed"
    QSplitter* m_splitter = nullptr;
    StartPage* m_startPage = nullptr;
    QStackedWidget* m_central = nullptr; // the start page, or the splitter
    QDockWidget* m_collectDock = nullptr;
    CollectionPanel* m_collectPanel = nullptr;
    RateLimitIndicator* m_rateIndicator = nullptr;
    QLabel* m_workspaceLabel = nullptr;
    QLabel* m_runsLabel = nullptr;
    RecentWorkspacesMenu* m_recentMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    int m_demoLatencyMs = 0;
    pipeline::AnalysisOptions m_analysisOptions; // what the Analyze dialog showed last

    QAction* m_newWorkspace = nullptr;
    QAction* m_openWorkspace = nullptr;
    QAction* m_importSeed = nullptr;
    QAction* m_exportSeed = nullptr;
    QAction* m_importLabels = nullptr;
    QAction* m_exportLabels = nullptr;
    QAction* m_openLog = nullptr;
    QAction* m_openLogFolder = nullptr;
    QAction* m_analyze = nullptr;
    QAction* m_openDemo = nullptr;
    QAction* m_collect = nullptr;
    QAction* m_exportFigures = nullptr;
    QAction* m_quit = nullptr;
    QAction* m_shortcuts = nullptr;
    QAction* m_about = nullptr;
    QList<QAction*> m_themeActions;
    QList<QAction*> m_tabActions;
};

} // namespace runlens::ui
