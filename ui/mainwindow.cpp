#include "mainwindow.h"

#include "analyze/analyzedialog.h"
#include "charts/evaluationchart.h"
#include "charts/evaluationpanel.h"
#include "charts/explanationpanel.h"
#include "charts/figureexporter.h"
#include "collect/collectionpanel.h"
#include "collect/ratelimitindicator.h"
#include "collect/reposelectordialog.h"
#include "common/asknonmodal.h"
#include "common/jobprogress.h"
#include "common/jobtracker.h"
#include "common/recentworkspacesmenu.h"
#include "common/shortcutsdialog.h"
#include "common/version.h"
#include "common/windowchrome.h"
#include "explain/failurelinespanel.h"
#include "ghalogs/ghalogsimportaction.h"
#include "labeling/labelactions.h"
#include "logview/logviewerwidget.h"
#include "pages/chartspage.h"
#include "pages/evaluationpage.h"
#include "pages/explanationpage.h"
#include "pages/logpage.h"
#include "pages/runspage.h"
#include "pages/startpage.h"
#include "report/rungroups.h"
#include "runs/runstablemodel.h"
#include "session/collectionrunner.h"
#include "session/folderkind.h"
#include "session/workspacesession.h"
#include "workspace/workspace.h"

#include <QAction>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>

#include <algorithm>

namespace runlens::ui {

namespace {
} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_session(new session::WorkspaceSession(this))
{
    setObjectName(QStringLiteral("RunLensMainWindow"));
    setWindowTitle(tr("RunLens %1").arg(QString::fromLatin1(kVersion)));
    setWindowIcon(QIcon(QStringLiteral(":/runlens/icons/runlens.svg")));
    createActions();
    createMenus();
    createStatusBar(); // before the pages: the Collection dock feeds its rate-limit indicator
    createPages();
    wireSession();
    resize(defaultSize(screen() ? screen()->availableGeometry().size() : QSize(1280, 800)));
    // Widths the user set win over fitting the columns to the first runs loaded.
    m_runsPage->restoreHeader(restoreWindowLayout(this, m_splitter));
    m_collectDock->hide(); // idle: shown when a collection or the demo starts
}

MainWindow::~MainWindow()
{
    delete m_session; // its jobs stop while the pages and actions they report to still exist
}

// An action of the window; those that need an open workspace start disabled (workspaceChanged()).
template <typename Slot>
QAction* MainWindow::makeAction(
    const QString& text, const QKeySequence& key, const QString& tip, Slot slot, bool needsWorkspace)
{
    auto* action = new QAction(text, this);
    action->setShortcut(key);
    action->setStatusTip(tip);
    action->setEnabled(!needsWorkspace);
    connect(action, &QAction::triggered, this, slot);
    return action;
}

void MainWindow::createActions()
{
    m_newWorkspace = makeAction(tr("&New Workspace..."), QKeySequence::New,
        tr("Create an empty RunLens workspace in a new folder"), &MainWindow::chooseNewWorkspace);
    m_openWorkspace = makeAction(tr("&Open Workspace..."), QKeySequence::Open,
        tr("Open or create a RunLens workspace folder"), &MainWindow::chooseWorkspace);
    m_importSeed = makeAction(tr("&Import Old Pipeline Folder..."), QKeySequence(Qt::CTRL | Qt::Key_I),
        tr("Read a folder of the old Python pipeline (workflow_runs.csv, logs_failure/, logs_normal/, "
           "memory_logs.txt)"),
        &MainWindow::chooseSeedImport);
    m_exportSeed = makeAction(tr("Old Pipeline &Layout..."), {},
        tr("Write the workspace as workflow_runs.csv, logs_failure/ and logs_normal/"), &MainWindow::chooseSeedExport,
        true);
    m_importLabels = makeAction(tr("Import &Labels..."), {},
        tr("Read labels from a CSV (run_id,attempt,label) or an old memory_logs.txt"), &MainWindow::chooseLabelsImport,
        true);
    m_exportLabels = makeAction(tr("Labels as &CSV..."), {}, tr("Write every label of the workspace as CSV"),
        &MainWindow::chooseLabelsExport, true);
    m_openLog = makeAction(tr("Open &Log..."), QKeySequence(Qt::CTRL | Qt::Key_L),
        tr("Open a log file or a run's log ZIP in the Log tab, without a workspace"), &MainWindow::chooseLog);
    m_openLogFolder = makeAction(tr("Open Log &Folder..."), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L),
        tr("Open an extracted run folder (the run's log ZIP unpacked) in the Log tab"), &MainWindow::chooseLogFolder);
    m_analyze = makeAction(tr("&Analyze..."), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A),
        tr("Train an Isolation Forest on the workspace's runs and score every run"), &MainWindow::chooseAnalysis, true);
    m_exportFigures = makeAction(tr("All &Figures..."), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E),
        tr("Write every chart as PNG, SVG and PDF with provenance"), &MainWindow::exportFigures, true);
    m_collect = makeAction(tr("&Collect..."), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R),
        tr("Collect runs, jobs and logs of repositories into the workspace"), &MainWindow::chooseCollection, true);
    m_openDemo = makeAction(tr("Open &Demo"), {},
        tr("Serve the sample corpus locally, collect it into a temporary workspace and analyze it"),
        &MainWindow::openDemo);
    m_quit = makeAction(tr("&Quit"), QKeySequence::Quit, {}, [this] { close(); });
    m_quit->setMenuRole(QAction::QuitRole);
    m_shortcuts = makeAction(tr("&Keyboard Shortcuts"), QKeySequence(Qt::CTRL | Qt::Key_Slash), {},
        [this] { ShortcutsDialog(shortcutActions(), this).exec(); });
    m_about = makeAction(tr("&About RunLens"), {}, {}, [this] { showAboutBox(this); });
    m_about->setMenuRole(QAction::AboutRole);
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_newWorkspace);
    file->addAction(m_openWorkspace);
    m_recentMenu = new RecentWorkspacesMenu(this);
    connect(m_recentMenu, &RecentWorkspacesMenu::chosen, this, &MainWindow::setWorkspacePath);
    file->addMenu(m_recentMenu);
    file->addAction(m_openLog);
    file->addAction(m_openLogFolder);
    file->addSeparator();
    file->addAction(m_importSeed);
    auto* importGhaLogs = new GhaLogsImportAction(
        [this] { return m_session->isOpen() && !m_session->isReadOnly() ? m_session->path() : QString(); }, this);
    connect(importGhaLogs, &GhaLogsImportAction::finished, m_session, &session::WorkspaceSession::reload);
    connect(importGhaLogs, &GhaLogsImportAction::failed, m_session, &session::WorkspaceSession::reload);
    file->addAction(importGhaLogs);
    file->addAction(m_importLabels);
    QMenu* exportMenu = file->addMenu(tr("&Export"));
    exportMenu->addAction(m_exportSeed);
    exportMenu->addAction(m_exportLabels);
    exportMenu->addAction(m_exportFigures);
    file->addSeparator();
    file->addAction(m_quit);

    QMenu* collectMenu = menuBar()->addMenu(tr("&Collect"));
    collectMenu->addAction(m_collect);
    QMenu* analyzeMenu = menuBar()->addMenu(tr("&Analyze"));
    analyzeMenu->addAction(m_analyze);
    analyzeMenu->addAction(m_exportFigures);
    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_themeActions = Theme::addMenu(m_viewMenu, [this](Theme::Choice choice) { setTheme(choice); });
    m_viewMenu->addSeparator();

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_shortcuts);
    help->addAction(m_openDemo);
    help->addSeparator();
    help->addAction(m_about);

    QToolBar* toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("MainToolBar"));
    toolbar->addAction(m_openWorkspace);
    toolbar->addAction(m_collect);
    toolbar->addAction(m_analyze);
}

void MainWindow::createPages()
{
    m_runsPage = new RunsPage(m_session, this);
    auto* edit = new QMenu(tr("&Edit"), this);
    edit->addAction(m_runsPage->undoLabelAction());
    menuBar()->insertMenu(menuBar()->actions().at(1), edit); // after File
    m_detailTabs = new QTabWidget(this);
    m_detailTabs->setObjectName(QStringLiteral("DetailTabs"));
    m_logPage = new LogPage(m_session, m_detailTabs);
    m_detailTabs->addTab(m_logPage, tr("&Log"));
    m_explanationPage = new ExplanationPage(m_session, m_detailTabs);
    m_detailTabs->addTab(m_explanationPage, tr("&Explanation"));
    m_failureLines = new FailureLinesPanel(m_detailTabs);
    m_detailTabs->addTab(m_failureLines, tr("&Why it failed"));
    m_chartsPage = new ChartsPage(m_session, m_detailTabs);
    m_detailTabs->addTab(m_chartsPage, tr("C&harts"));
    m_evaluationPage = new EvaluationPage(m_session, m_detailTabs);
    m_detailTabs->addTab(m_evaluationPage, tr("E&valuation"));

    connect(m_runsPage, &RunsPage::currentRunChanged, m_logPage, &LogPage::showRun);
    connect(m_runsPage, &RunsPage::currentRunChanged, m_explanationPage, &ExplanationPage::showRun);
    connect(m_runsPage, &RunsPage::currentRunChanged, this, [this](const session::RunRow& row) {
        if (m_session->isOpen() && row.conclusion != QLatin1String("success"))
            m_failureLines->rankStoredRun(m_session->path(), row.runId, row.attempt, row.logPath);
    });
    m_logPage->followFailureLines(m_failureLines);
    connect(m_logPage, &LogPage::revealRequested, this, [this] { m_detailTabs->setCurrentWidget(m_logPage); });
    connect(m_runsPage, &RunsPage::countChanged, m_runsLabel, &QLabel::setText);
    connect(m_logPage, &LogPage::message, this, [this](const QString& text) { statusBar()->showMessage(text, 5000); });
    connect(m_explanationPage, &ExplanationPage::evidenceRequested, m_logPage, &LogPage::showLines);
    connect(m_explanationPage, &ExplanationPage::analyzeRequested, m_analyze, &QAction::trigger);
    connect(m_chartsPage, &ChartsPage::analyzeRequested, m_analyze, &QAction::trigger);
    connect(m_chartsPage, &ChartsPage::exportRequested, m_exportFigures, &QAction::trigger);
    connect(m_chartsPage, &ChartsPage::runSelected, m_runsPage, &RunsPage::selectRun);
    connect(m_exportFigures, &QAction::enabledChanged, m_chartsPage->exportButton(), &QWidget::setEnabled);
    m_chartsPage->exportButton()->setEnabled(false);

    // Alt+1.. switch the detail tabs; listed in the shortcuts dialog like every other action.
    m_tabActions = addTabShortcuts(m_detailTabs, m_viewMenu);

    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setObjectName(QStringLiteral("MainSplitter"));
    m_splitter->addWidget(m_runsPage);
    m_splitter->addWidget(m_detailTabs);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    // Until a workspace or a log is open the window offers the ways to start.
    m_startPage = new StartPage(
        { m_newWorkspace, m_openWorkspace, m_importSeed, m_openLog, m_openLogFolder, m_openDemo }, this);
    m_central = new QStackedWidget(this);
    m_central->addWidget(m_startPage);
    m_central->addWidget(m_splitter);
    setCentralWidget(m_central);
    createCollectionDock();
}

void MainWindow::createCollectionDock()
{
    m_collectDock = new QDockWidget(tr("Collection"), this);
    m_collectDock->setObjectName(QStringLiteral("CollectionDock"));
    m_collectPanel = new CollectionPanel(m_collectDock);
    connect(m_collectPanel, &CollectionPanel::runActivated, this, &MainWindow::showCollectedRun);
    connect(m_collectPanel, &CollectionPanel::rateLimitChanged, m_rateIndicator, &RateLimitIndicator::setRateLimit);
    m_collectDock->setWidget(m_collectPanel);
    addDockWidget(Qt::RightDockWidgetArea, m_collectDock);
    m_collectDock->hide();
    m_viewMenu->addAction(m_collectDock->toggleViewAction());
}

// The session's jobs and results reach the window's chrome: actions, status bar, dialogs, the dock.
void MainWindow::wireSession()
{
    using session::WorkspaceSession;
    connect(m_session, &WorkspaceSession::workspaceChanged, this, &MainWindow::workspaceChanged);
    connect(m_session, &WorkspaceSession::failed, this, &MainWindow::reportError);
    connect(m_session, &WorkspaceSession::message, this,
        [this](const QString& text) { statusBar()->showMessage(text, 10000); });
    connect(m_session, &WorkspaceSession::analysisChanged, this,
        [this](const std::shared_ptr<const pipeline::AnalysisResult>& analysis) {
            m_exportFigures->setEnabled(analysis != nullptr);
        });
    connect(m_session->analysisJob(), &JobTracker::started, this, [this] {
        m_analyze->setEnabled(false);
        followJob(this, tr("Analyze"), tr("Analyzing runs..."), m_session->analysisJob())
            ->setObjectName(QStringLiteral("AnalysisProgress"));
    });
    connect(
        m_session->analysisJob(), &JobTracker::finished, this, [this] { m_analyze->setEnabled(m_session->isOpen()); });
    connect(m_session->transferJob(), &JobTracker::started, this, [this] {
        followJob(this, tr("Old Pipeline Folder"), tr("Reading and writing runs..."), m_session->transferJob());
    });
    connect(m_session, &WorkspaceSession::transferFinished, this, &MainWindow::showTransfer);
    const auto showDock = [this] { m_collectDock->show(); };
    connect(m_session, &WorkspaceSession::collectionStarted, this,
        [this, showDock](session::CollectionRunner* runner, const QStringList& repositories) {
            showDock();
            m_collectPanel->attach(runner, repositories);
        });
    connect(m_session, &WorkspaceSession::demoStarted, this, [this, showDock](session::CollectionRunner* runner) {
        showDock();
        m_collectPanel->attach(runner, {});
    });
    connect(m_session, &WorkspaceSession::collectionStatus, m_collectPanel, &CollectionPanel::setStatus);
    connect(m_session, &WorkspaceSession::collectionFailed, m_collectPanel, &CollectionPanel::showFailed);
}

void MainWindow::workspaceChanged(const QString& dir)
{
    if (!dir.isEmpty())
        m_central->setCurrentWidget(m_splitter);
    m_workspaceLabel->setText(
        dir.isEmpty() ? tr("No workspace") : tr("Workspace: %1").arg(QDir::toNativeSeparators(dir)));
    const bool open = m_session->isOpen();
    for (QAction* action : { m_exportSeed, m_exportLabels })
        action->setEnabled(open);
    // While another process holds the workspace this window only reads it.
    for (QAction* action : { m_analyze, m_collect, m_importLabels })
        action->setEnabled(open && !m_session->isReadOnly());
}

// A failure in the Collection panel: its run in the table if listed there, else its page on the web.
void MainWindow::showCollectedRun(const QString& repository, qint64 runId, int attempt)
{
    if (m_runsPage->model()->rowOf(runId, attempt) >= 0) {
        m_runsPage->selectRun(runId, attempt);
        return;
    }
    QDesktopServices::openUrl(CollectionPanel::runPageUrl(m_session->apiUrlOf(repository), repository, runId, attempt));
}

void MainWindow::createStatusBar()
{
    m_workspaceLabel = new QLabel(tr("No workspace"), this);
    m_runsLabel = new QLabel(this);
    m_rateIndicator = new RateLimitIndicator(this);
    statusBar()->addWidget(m_workspaceLabel, 1);
    statusBar()->addPermanentWidget(m_runsLabel);
    statusBar()->addPermanentWidget(m_rateIndicator);
}

bool MainWindow::showsStartPage() const
{
    return m_central->currentWidget() == m_startPage;
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveWindowLayout(this, m_splitter, m_runsPage->saveHeader());
    event->accept();
}

void MainWindow::reportError(const QString& title, const QString& message)
{
    statusBar()->showMessage(message, 10000);
    // Not modal: a failure must not block a running collection or a test.
    auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

// ---- File ---------------------------------------------------------------------------------------

void MainWindow::setWorkspacePath(const QString& path)
{
    m_recentMenu->remember(path);
    if (const Status opened = m_session->open(path); !opened)
        statusBar()->showMessage(opened.error(), 10000); // the session's failed() shows it too
}

void MainWindow::chooseWorkspace()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open Workspace"), m_session->path());
    if (!dir.isEmpty())
        openWorkspaceFolder(dir);
}

QMessageBox* MainWindow::openWorkspaceFolder(const QString& dir)
{
    const QString native = QDir::toNativeSeparators(dir);
    switch (session::folderKindOf(dir)) {
    case session::FolderKind::OldPipeline:
        return askNonModal(this, tr("Open Workspace"),
            tr("'%1' is a folder of the old pipeline, not a RunLens workspace. Import its runs, logs and labels "
               "into a workspace?")
                .arg(native),
            tr("&Import..."), [this, dir] { importSeedFrom(dir); });
    case session::FolderKind::Other:
        return askNonModal(this, tr("Open Workspace"),
            tr("'%1' is not a RunLens workspace and is not empty. Create a workspace in it (runlens.db, logs/, "
               "exports/)?")
                .arg(native),
            tr("&Create Workspace Here"), [this, dir] { setWorkspacePath(dir); });
    case session::FolderKind::Missing:
    case session::FolderKind::Empty:
    case session::FolderKind::Workspace:
        break;
    }
    setWorkspacePath(dir);
    return nullptr;
}

void MainWindow::chooseNewWorkspace()
{
    const QString dir = QFileDialog::getExistingDirectory(
        this, tr("New Workspace: Choose or Create an Empty Folder"), QFileInfo(m_session->path()).absolutePath());
    if (dir.isEmpty())
        return;
    if (Status s = createWorkspace(dir); !s)
        reportError(tr("New Workspace"), s.error());
}

Status MainWindow::createWorkspace(const QString& dir)
{
    if (Status s = m_session->create(dir); !s)
        return s;
    setWorkspacePath(dir); // remembered among the recent ones
    return {};
}

void MainWindow::chooseLog()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open Log"), QString(), tr("Logs and run archives (*.txt *.log *.zip);;All files (*)"));
    if (!path.isEmpty())
        openLog(path);
}

void MainWindow::chooseLogFolder()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open Log Folder (an extracted run)"));
    if (!dir.isEmpty())
        openLog(dir);
}

bool MainWindow::openLog(const QString& path)
{
    const Status status = m_logPage->openPath(path);
    if (!status.ok()) {
        QMessageBox::warning(this, tr("Open Log"), status.error());
        return false;
    }
    m_failureLines->rank(path, {});
    m_central->setCurrentWidget(m_splitter);
    m_detailTabs->setCurrentWidget(m_logPage);
    return true;
}

void MainWindow::chooseSeedImport()
{
    const QString seed
        = QFileDialog::getExistingDirectory(this, tr("Import Old Pipeline Folder (with workflow_runs.csv)"));
    if (!seed.isEmpty())
        importSeedFrom(seed);
}

void MainWindow::importSeedFrom(const QString& seed)
{
    if (!m_session->isOpen()) {
        // Nothing open: the imported runs need a workspace of their own.
        const QString dir = QFileDialog::getExistingDirectory(
            this, tr("Choose or Create an Empty Folder for the New Workspace"), QFileInfo(seed).absolutePath());
        if (dir.isEmpty())
            return;
        if (Status s = createWorkspace(dir); !s) {
            reportError(tr("Import Old Pipeline Folder"), s.error());
            return;
        }
    }
    m_session->importSeedFolder(seed);
}

void MainWindow::chooseSeedExport()
{
    const QString dir = QFileDialog::getExistingDirectory(
        this, tr("Export Old Pipeline Layout to Folder"), m_session->exportFolder());
    if (!dir.isEmpty() && !warnedTemporary(dir))
        m_session->exportSeedLayout(dir);
}

void MainWindow::showTransfer(const QString& summary, const QStringList& warnings)
{
    statusBar()->showMessage(summary, 15000);
    if (warnings.isEmpty())
        return;
    auto* box = new QMessageBox(QMessageBox::Information, tr("Old Pipeline Folder"), summary, QMessageBox::Ok, this);
    box->setDetailedText(warnings.join(QLatin1Char('\n')));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::chooseLabelsImport()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import Labels"), m_session->path(),
        tr("Labels (*.csv memory_logs.txt);;CSV files (*.csv);;Old pipeline memory list (*.txt);;All files (*)"));
    if (path.isEmpty())
        return;
    const Result<QString> summary = m_session->importLabels(path);
    if (!summary)
        reportError(tr("Import Labels"), summary.error());
    else
        statusBar()->showMessage(*summary, 10000);
}

void MainWindow::chooseLabelsExport()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Labels as CSV"),
        QDir(m_session->exportFolder()).filePath(QStringLiteral("labels.csv")), tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    if (Status s = m_session->exportLabels(path); !s)
        reportError(tr("Export Labels"), s.error());
    else
        statusBar()->showMessage(tr("Wrote the labels to '%1'.").arg(QDir::toNativeSeparators(path)), 10000);
}

// ---- Collect and Analyze ------------------------------------------------------------------------

void MainWindow::chooseCollection()
{
    if (!m_session->isOpen() || m_session->isCollecting())
        return;
    RepoSelectorDialog dialog(this);
    dialog.setOptions(m_session->collectOptions());
    dialog.showTokenSource(m_session->path());
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_session->setCollectOptions(dialog.options());
    RepoSelectorDialog::rememberRepositories(dialog.options().repositories);
    m_session->collect(dialog.options());
}

void MainWindow::openDemo()
{
    m_central->setCurrentWidget(m_splitter); // the banner and the runs as they arrive
    m_session->openDemo(m_demoLatencyMs);
}

void MainWindow::chooseAnalysis()
{
    AnalyzeDialog dialog(this);
    dialog.setOptions(m_analysisOptions);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_analysisOptions = dialog.options();
    m_session->analyze(m_analysisOptions);
}

Result<QStringList> MainWindow::exportFiguresTo(const QString& dir)
{
    const auto analysis = m_session->analysis();
    if (!analysis)
        return makeError(tr("Analyze the workspace before exporting figures."));
    QList<FigureChart*> charts = m_chartsPage->charts();
    charts.insert(2, m_explanationPage->panel()->chart());
    EvaluationPanel* evaluation = m_evaluationPage->panel();
    QStringList labelsUsed = m_chartsPage->runGroups().labelsUsed();
    if (evaluation->hasCurves() && m_session->workspace()) {
        charts << evaluation->rocChart() << evaluation->precisionRecallChart();
        // The curves used the workspace's labels, whatever the other charts are coloured by.
        if (const auto labels = m_session->workspace()->labels(); labels)
            labelsUsed
                = report::RunGroups { report::RunGroups::By::Label, report::RunGroups::labelsOf(*labels) }.labelsUsed();
    }
    const QJsonObject provenance = FigureExporter::provenance(*analysis, m_session->path(), labelsUsed);
    return FigureExporter::exportAll(charts, dir, provenance);
}

void MainWindow::exportFigures()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Export All Figures"), m_session->exportFolder());
    if (dir.isEmpty() || warnedTemporary(dir))
        return;
    const Result<QStringList> written = exportFiguresTo(dir);
    if (!written) {
        reportError(tr("Export All Figures"), written.error());
        return;
    }
    statusBar()->showMessage(
        tr("Wrote %n file(s) to %1.", nullptr, int(written->size())).arg(QDir::toNativeSeparators(dir)), 10000);
}

bool MainWindow::warnedTemporary(const QString& dir)
{
    return m_session->isTemporary(dir)
        && QMessageBox::question(this, tr("Export"),
               tr("'%1' is inside the demo's temporary workspace, which is deleted when RunLens exits. Export "
                  "there anyway?")
                   .arg(QDir::toNativeSeparators(dir)))
        != QMessageBox::Yes;
}

// ---- View and Help ------------------------------------------------------------------------------

QList<QAction*> MainWindow::shortcutActions() const
{
    QList<QAction*> result;
    const QList<QAction*> all = findChildren<QAction*>();
    for (QAction* action : all) {
        if (!action->shortcut().isEmpty())
            result.append(action);
    }
    return result;
}

void MainWindow::showDetailTab(int index)
{
    m_detailTabs->setCurrentIndex(std::clamp(index, 0, m_detailTabs->count() - 1));
}

void MainWindow::setTheme(Theme::Choice choice)
{
    Theme::apply(choice);
    for (QAction* action : std::as_const(m_themeActions))
        action->setChecked(action->data().toString() == Theme::name(choice));
}

} // namespace runlens::ui
