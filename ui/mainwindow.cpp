#include "mainwindow.h"

#include "analyze/analyzedialog.h"
#include "charts/evaluationchart.h"
#include "charts/evaluationpanel.h"
#include "charts/explanationpanel.h"
#include "charts/figureexporter.h"
#include "charts/importancechart.h"
#include "charts/reportbuilder.h"
#include "charts/rungroups.h"
#include "charts/scorehistogramchart.h"
#include "charts/scoretimelinechart.h"
#include "collect/collectionpanel.h"
#include "collect/collectionrunner.h"
#include "collect/ratelimitindicator.h"
#include "collect/reposelectordialog.h"
#include "common/jobprogress.h"
#include "common/version.h"
#include "demo/demosession.h"
#include "explain/failurelinespanel.h"
#include "ghalogs/ghalogsimportaction.h"
#include "github/tokensource.h"
#include "labeling/labelactions.h"
#include "logview/logview.h"
#include "logview/logviewerwidget.h"
#include "pipeline/analysis.h"
#include "pipeline/analysisresult.h"
#include "pipeline/evaluation.h"
#include "runs/runactions.h"
#include "runs/runrowsloader.h"
#include "runs/runsfiltermodel.h"
#include "runs/runstablemodel.h"
#include "runs/scorebardelegate.h"
#include "taxonomy/memorycategory.h"
#include "viewer/whenfinished.h"
#include "workspace/labelio.h"
#include "workspace/workspace.h"
#include "workspace/workspacelock.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QDesktopServices>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPixmap>
#include <QPointer>
#include <QProgressBar>
#include <QProgressDialog>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QThread>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <algorithm>
#include <limits>

namespace runlens::ui {

namespace {
constexpr int kMaxRecentWorkspaces = 8;
const QString kRecentKey = QStringLiteral("workspace/recent");
} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
{
    setObjectName(QStringLiteral("RunLensMainWindow"));
    setWindowTitle(tr("RunLens %1").arg(QString::fromLatin1(kVersion)));
    setWindowIcon(QIcon(QStringLiteral(":/runlens/icons/runlens.svg")));
    createActions();
    createMenus();
    createStatusBar(); // before the central area: the Collection dock feeds its rate-limit indicator
    createCentralArea();
    resize(1280, 800);
    restoreLayout();
}

MainWindow::~MainWindow()
{
    for (QFuture<void>& job : m_jobs)
        job.cancel();
    for (QFuture<void>& job : m_jobs)
        job.waitForFinished();
    m_workspaceLock.reset(); // before the demo's temporary folder, which holds the lock file, is removed
}

void MainWindow::track(const QFuture<void>& job)
{
    m_jobs.removeIf([](const QFuture<void>& f) { return f.isFinished(); });
    m_jobs.append(job);
}

void MainWindow::createActions()
{
    m_newWorkspace = new QAction(tr("&New Workspace..."), this);
    m_newWorkspace->setShortcut(QKeySequence::New);
    m_newWorkspace->setStatusTip(tr("Create an empty RunLens workspace in a new folder"));
    connect(m_newWorkspace, &QAction::triggered, this, &MainWindow::chooseNewWorkspace);

    m_openWorkspace = new QAction(tr("&Open Workspace..."), this);
    m_openWorkspace->setShortcut(QKeySequence::Open);
    m_openWorkspace->setStatusTip(tr("Open or create a RunLens workspace folder"));
    connect(m_openWorkspace, &QAction::triggered, this, &MainWindow::chooseWorkspace);

    m_importSeed = new QAction(tr("&Import Old Pipeline Folder..."), this);
    m_importSeed->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    m_importSeed->setStatusTip(tr(
        "Read a folder of the old Python pipeline (workflow_runs.csv, logs_failure/, logs_normal/, memory_logs.txt)"));
    connect(m_importSeed, &QAction::triggered, this, &MainWindow::chooseSeedImport);

    m_exportSeed = new QAction(tr("Old Pipeline &Layout..."), this);
    m_exportSeed->setStatusTip(tr("Write the workspace as workflow_runs.csv, logs_failure/ and logs_normal/"));
    m_exportSeed->setEnabled(false);
    connect(m_exportSeed, &QAction::triggered, this, &MainWindow::chooseSeedExport);

    m_importLabels = new QAction(tr("Import &Labels..."), this);
    m_importLabels->setStatusTip(tr("Read labels from a CSV (run_id,attempt,label) or an old memory_logs.txt"));
    m_importLabels->setEnabled(false);
    connect(m_importLabels, &QAction::triggered, this, &MainWindow::chooseLabelsImport);

    m_exportLabels = new QAction(tr("Labels as &CSV..."), this);
    m_exportLabels->setStatusTip(tr("Write every label of the workspace as CSV"));
    m_exportLabels->setEnabled(false);
    connect(m_exportLabels, &QAction::triggered, this, &MainWindow::chooseLabelsExport);

    m_openLog = new QAction(tr("Open &Log..."), this);
    m_openLog->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    m_openLog->setStatusTip(tr("Open a log file or a run's log ZIP in the Log tab, without a workspace"));
    connect(m_openLog, &QAction::triggered, this, &MainWindow::chooseLog);

    m_analyze = new QAction(tr("&Analyze..."), this);
    m_analyze->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    m_analyze->setStatusTip(tr("Train an Isolation Forest on the workspace's runs and score every run"));
    m_analyze->setEnabled(false);
    connect(m_analyze, &QAction::triggered, this, &MainWindow::chooseAnalysis);

    m_exportFigures = new QAction(tr("All &Figures..."), this);
    m_exportFigures->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    m_exportFigures->setStatusTip(tr("Write every chart as PNG, SVG and PDF with provenance"));
    m_exportFigures->setEnabled(false);
    connect(m_exportFigures, &QAction::triggered, this, &MainWindow::exportFigures);

    m_collect = new QAction(tr("&Collect..."), this);
    m_collect->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    m_collect->setStatusTip(tr("Collect runs, jobs and logs of repositories into the workspace"));
    m_collect->setEnabled(false);
    connect(m_collect, &QAction::triggered, this, &MainWindow::chooseCollection);

    m_openDemo = new QAction(tr("Open &Demo"), this);
    m_openDemo->setStatusTip(
        tr("Serve the sample corpus locally, collect it into a temporary workspace and analyze it"));
    connect(m_openDemo, &QAction::triggered, this, &MainWindow::openDemo);

    m_quit = new QAction(tr("&Quit"), this);
    m_quit->setShortcut(QKeySequence::Quit);
    m_quit->setMenuRole(QAction::QuitRole);
    connect(m_quit, &QAction::triggered, this, &QWidget::close);

    m_shortcuts = new QAction(tr("&Keyboard Shortcuts"), this);
    m_shortcuts->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Slash));
    connect(m_shortcuts, &QAction::triggered, this, &MainWindow::showShortcuts);

    m_about = new QAction(tr("&About RunLens"), this);
    m_about->setMenuRole(QAction::AboutRole);
    connect(m_about, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_newWorkspace);
    file->addAction(m_openWorkspace);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    rebuildRecentMenu();
    file->addAction(m_openLog);
    file->addSeparator();
    file->addAction(m_importSeed);
    auto* importGhaLogs = new GhaLogsImportAction([this] { return m_workspace ? m_workspacePath : QString(); }, this);
    connect(importGhaLogs, &GhaLogsImportAction::finished, this, [this] { loadRuns(); });
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
    QMenu* themeMenu = m_viewMenu->addMenu(tr("&Theme"));
    auto* themes = new QActionGroup(this);
    for (const auto& [choice, text] : { std::pair { Theme::Choice::System, tr("Follow the &System") },
             std::pair { Theme::Choice::Light, tr("&Light") }, std::pair { Theme::Choice::Dark, tr("&Dark") } }) {
        QAction* action = themeMenu->addAction(text);
        action->setCheckable(true);
        action->setData(Theme::name(choice));
        action->setChecked(choice == Theme::saved());
        themes->addAction(action);
        connect(action, &QAction::triggered, this, [this, choice] {
            Theme::save(choice);
            setTheme(choice);
        });
        m_themeActions.append(action);
    }
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

void MainWindow::createCentralArea()
{
    m_runsModel = new RunsTableModel(this);
    m_runsProxy = new RunsFilterModel(this);
    m_runsProxy->setRunsModel(m_runsModel);
    m_runsView = new QTableView(this);
    m_runsView->setObjectName(QStringLiteral("RunsView"));
    m_runsView->setModel(m_runsProxy);
    m_runsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_runsView->setSortingEnabled(true);
    m_runsView->setWordWrap(false);
    m_runsView->verticalHeader()->hide();
    // Fixed row heights keep 50,000 rows cheap: the view never measures rows.
    m_runsView->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_runsView->verticalHeader()->setDefaultSectionSize(m_runsView->fontMetrics().height() + 6);
    m_runsView->horizontalHeader()->setStretchLastSection(true);
    m_runsView->setItemDelegateForColumn(RunsTableModel::Score, new ScoreBarDelegate(m_runsView));
    m_runsView->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_runsView, &QWidget::customContextMenuRequested, this, &MainWindow::showRunsContextMenu);
    connect(m_runsView->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MainWindow::selectionChanged);
    connect(m_runsProxy, &QAbstractItemModel::rowsInserted, this, &MainWindow::updateRunsLabel);
    connect(m_runsProxy, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateRunsLabel);
    connect(m_runsProxy, &QAbstractItemModel::modelReset, this, &MainWindow::updateRunsLabel);
    connect(m_runsProxy, &QAbstractItemModel::layoutChanged, this, &MainWindow::updateRunsLabel);

    m_labelActions = new LabelActions(this);
    m_labelActions->installShortcuts(m_runsView);
    connect(m_labelActions, &LabelActions::failed, this,
        [this](const QString& message) { reportError(tr("Label Runs"), message); });
    connect(m_labelActions, &LabelActions::labelsChanged, this, &MainWindow::labelsChanged);
    m_runActions = new RunActions(this);
    m_runActions->installShortcuts(m_runsView);
    connect(
        m_runActions, &RunActions::failed, this, [this](const QString& message) { reportError(tr("Runs"), message); });
    connect(m_runActions, &RunActions::redownloadRequested, this, &MainWindow::redownloadLogs);

    auto* runsPane = new QWidget(this);
    auto* runsLayout = new QVBoxLayout(runsPane);
    runsLayout->setContentsMargins(0, 0, 0, 0);
    runsLayout->setSpacing(2);
    m_banner = new QLabel(tr("<b>Sample data</b> &mdash; a generated corpus served by a local fake GitHub API; "
                             "nothing here comes from real repositories."),
        runsPane);
    m_banner->setObjectName(QStringLiteral("SampleDataBanner"));
    m_banner->setStyleSheet(QStringLiteral("QLabel { background: #F0E442; color: #000000; padding: 4px 8px; }"));
    m_banner->hide();
    runsLayout->addWidget(m_banner);
    m_readOnlyBanner = new QLabel(runsPane);
    m_readOnlyBanner->setObjectName(QStringLiteral("ReadOnlyBanner"));
    m_readOnlyBanner->setStyleSheet(m_banner->styleSheet());
    m_readOnlyBanner->setWordWrap(true);
    m_readOnlyBanner->hide();
    runsLayout->addWidget(m_readOnlyBanner);
    runsLayout->addWidget(createFilterBar());
    runsLayout->addWidget(m_runsView);

    m_detailTabs = new QTabWidget(this);
    m_detailTabs->setObjectName(QStringLiteral("DetailTabs"));
    m_logViewer = new LogViewerWidget(m_detailTabs);
    m_logViewer->setObjectName(QStringLiteral("LogViewer"));
    m_detailTabs->addTab(m_logViewer, tr("&Log"));
    // The selected run can be labelled from its log too: number keys while the log has focus, and the
    // log's context menu.
    m_labelActions->installShortcuts(m_logViewer->view());
    m_logViewer->view()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_logViewer->view(), &QWidget::customContextMenuRequested, this, &MainWindow::showLogContextMenu);
    m_explanation = new ExplanationPanel(m_detailTabs);
    m_explanation->setObjectName(QStringLiteral("ExplanationPanel"));
    m_explanation->setToolTip(tr("Analyze the workspace to see why a run was flagged."));
    connect(m_explanation, &ExplanationPanel::evidenceRequested, this,
        [this](const QString& entry, const QList<qint64>& lines) {
            m_logViewer->showLines(entry, lines);
            m_detailTabs->setCurrentWidget(m_logViewer);
        });
    m_detailTabs->addTab(m_explanation, tr("&Explanation"));
    m_failureLines = new FailureLinesPanel(m_detailTabs);
    connect(m_failureLines, &FailureLinesPanel::lineRequested, this, [this](const QString& entry, qint64 line) {
        m_logViewer->showLines(entry, { line });
        m_detailTabs->setCurrentWidget(m_logViewer);
    });
    connect(m_failureLines, &FailureLinesPanel::ranked, m_logViewer, &LogViewerWidget::setFailureLines);
    m_detailTabs->addTab(m_failureLines, tr("&Why it failed"));
    m_detailTabs->addTab(createChartsPage(), tr("C&harts"));
    m_evaluation = new EvaluationPanel(m_detailTabs);
    m_evaluation->setObjectName(QStringLiteral("EvaluationPanel"));
    connect(m_evaluation, &EvaluationPanel::refreshRequested, this, &MainWindow::refreshEvaluation);
    m_detailTabs->addTab(m_evaluation, tr("E&valuation"));
    m_evaluationTimer = new QTimer(this);
    m_evaluationTimer->setSingleShot(true);
    m_evaluationTimer->setInterval(400);
    connect(m_evaluationTimer, &QTimer::timeout, this, &MainWindow::refreshEvaluation);

    // Alt+1..4 switch the detail tabs; listed in the shortcuts dialog like every other action.
    for (int i = 0; i < m_detailTabs->count(); ++i) {
        auto* action = new QAction(tr("Show %1 Tab").arg(m_detailTabs->tabText(i).remove(QLatin1Char('&'))), this);
        action->setShortcut(QKeySequence(Qt::ALT | static_cast<Qt::Key>(Qt::Key_1 + i)));
        connect(action, &QAction::triggered, this, [this, i] { m_detailTabs->setCurrentIndex(i); });
        m_viewMenu->addAction(action);
        m_tabActions.append(action);
    }

    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setObjectName(QStringLiteral("MainSplitter"));
    m_splitter->addWidget(runsPane);
    m_splitter->addWidget(m_detailTabs);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    setCentralWidget(m_splitter);
    createCollectionDock();
}

QWidget* MainWindow::createChartsPage()
{
    auto* page = new QWidget(m_detailTabs);
    page->setObjectName(QStringLiteral("ChartsPage"));
    m_histogram = new ScoreHistogramChart(page);
    m_timeline = new ScoreTimelineChart(page);
    m_importance = new ImportanceChart(page);
    connect(m_timeline, &ScoreTimelineChart::runSelected, this, &MainWindow::selectRun);
    m_chartGroups = new QComboBox(page);
    m_chartGroups->setObjectName(QStringLiteral("ChartGroups"));
    m_chartGroups->addItem(tr("Colour by memory category"), int(RunGroups::By::Category));
    m_chartGroups->addItem(tr("Colour by label"), int(RunGroups::By::Label));
    connect(m_chartGroups, &QComboBox::currentIndexChanged, this, &MainWindow::updateChartGroups);
    auto* exportButton = new QPushButton(tr("Export all figures..."), page);
    connect(exportButton, &QPushButton::clicked, m_exportFigures, &QAction::trigger);
    connect(m_exportFigures, &QAction::enabledChanged, exportButton, &QWidget::setEnabled);
    exportButton->setEnabled(false);
    // One chart at a time, at the tab's full width: side by side, axis labels and legends did not fit.
    auto* charts = new QTabWidget(page);
    charts->setObjectName(QStringLiteral("ChartTabs"));
    charts->setDocumentMode(true);
    charts->addTab(m_histogram, tr("Score distribution"));
    charts->addTab(m_timeline, tr("Score over time"));
    charts->addTab(m_importance, tr("Feature importance"));
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(charts, 1);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_chartGroups);
    buttons->addStretch(1);
    buttons->addWidget(exportButton);
    layout->addLayout(buttons);
    return page;
}

void MainWindow::selectRun(qint64 runId, int attempt)
{
    const int sourceRow = m_runsModel->rowOf(runId, attempt);
    if (sourceRow < 0)
        return;
    const QModelIndex index = m_runsProxy->mapFromSource(m_runsModel->index(sourceRow, 0));
    if (!index.isValid())
        return; // filtered out
    m_runsView->selectRow(index.row());
    m_runsView->scrollTo(index);
}

Result<QStringList> MainWindow::exportFiguresTo(const QString& dir)
{
    if (!m_analysis)
        return makeError(tr("Analyze the workspace before exporting figures."));
    QList<FigureChart*> charts { m_histogram, m_timeline, m_explanation->chart(), m_importance };
    QStringList labelsUsed = m_chartRunGroups.labelsUsed();
    if (m_evaluation->hasCurves() && m_workspace) {
        charts << m_evaluation->rocChart() << m_evaluation->precisionRecallChart();
        // The curves used the workspace's labels, whatever the other charts are coloured by.
        if (const auto labels = m_workspace->labels(); labels)
            labelsUsed = RunGroups { RunGroups::By::Label, ReportBuilder::runLabels(*labels) }.labelsUsed();
    }
    const QJsonObject provenance = FigureExporter::provenance(*m_analysis, m_workspacePath, labelsUsed);
    return FigureExporter::exportAll(charts, dir, provenance);
}

void MainWindow::exportFigures()
{
    const QString dir = QFileDialog::getExistingDirectory(
        this, tr("Export All Figures"), m_workspace ? m_workspace->exportsDir() : QString());
    if (dir.isEmpty())
        return;
    const Result<QStringList> written = exportFiguresTo(dir);
    if (!written) {
        reportError(tr("Export All Figures"), written.error());
        return;
    }
    statusBar()->showMessage(
        tr("Wrote %n file(s) to %1.", nullptr, int(written->size())).arg(QDir::toNativeSeparators(dir)), 10000);
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

// A failure in the Collection panel: its run in the table if listed there, else its page on the web.
void MainWindow::showCollectedRun(const QString& repository, qint64 runId, int attempt)
{
    if (m_runsModel->rowOf(runId, attempt) >= 0) {
        selectRun(runId, attempt);
        return;
    }
    const QUrl api = m_demo ? m_demo->apiUrl() : m_collectOptions.apiUrl;
    QDesktopServices::openUrl(CollectionPanel::runPageUrl(api, repository, runId, attempt));
}

void MainWindow::chooseCollection()
{
    if (!m_workspace || (m_collector && m_collector->isRunning()))
        return;
    RepoSelectorDialog dialog(this);
    dialog.setOptions(m_collectOptions);
    dialog.showTokenSource(m_workspacePath);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_collectOptions = dialog.options();
    RepoSelectorDialog::rememberRepositories(m_collectOptions.repositories);
    startCollection(m_collectOptions);
}

void MainWindow::startCollection(const github::CollectOptions& options)
{
    if (m_workspacePath.isEmpty() || (m_collector && m_collector->isRunning()))
        return;
    const QString dir = m_workspacePath;
    github::TokenSearch search;
    search.workingDir = QDir::currentPath();
    search.workspaceDir = dir;
    m_collectDock->show();
    if (m_demo && dir == m_demo->workspaceDir()) {
        // The demo's workspace is collected from its own local server, with that server's token.
        runCollection(dir, options, m_demo->token());
        return;
    }
    m_collectPanel->setStatus(tr("Looking for a token..."));
    // The keychain lookup may block: resolve off the GUI thread. The token stays in memory only.
    const QFuture<std::pair<QByteArray, QString>> found = QtConcurrent::run([search] {
        const Result<github::ResolvedToken> resolved = github::TokenResolver::resolve(search);
        return resolved ? std::pair { resolved->token, QString() } : std::pair { QByteArray(), resolved.error() };
    });
    logs::whenFinished(this, found, [this, dir, options](const QFuture<std::pair<QByteArray, QString>>& future) {
        const auto token
            = future.resultCount() > 0 ? future.result() : std::pair { QByteArray(), tr("no token lookup") };
        if (!token.second.isEmpty()) {
            m_collectPanel->showFailed(token.second);
            reportError(tr("Collect"), token.second);
            return;
        }
        runCollection(dir, options, token.first);
        if (token.first.isEmpty())
            m_collectPanel->setStatus(tr("No token: listing public runs only."));
    });
}

void MainWindow::runCollection(const QString& dir, const github::CollectOptions& options, const QByteArray& token)
{
    if (!m_collector) {
        m_collector = new CollectionRunner(this);
        connect(m_collector, &CollectionRunner::failed, this,
            [this](const QString& message) { reportError(tr("Collect"), message); });
        connect(m_collector, &CollectionRunner::finished, this, &MainWindow::loadRuns);
    }
    m_collectPanel->attach(m_collector, options.repositories);
    m_collector->start(dir, options, token);
}

void MainWindow::openDemo()
{
    if (m_demo)
        return;
    m_demo = std::make_unique<DemoSession>();
    m_demo->setLatencyMs(m_demoLatencyMs);
    m_banner->show();
    m_collectDock->show();
    m_collectPanel->attach(m_demo->runner(), {});
    connect(m_demo.get(), &DemoSession::failed, this, [this](const QString& message) {
        m_collectPanel->showFailed(message);
        reportError(tr("Demo"), message);
        emit demoFailed(message);
    });
    connect(
        m_demo.get(), &DemoSession::collected, this, [this](const QString& dir, const github::CollectSummary& summary) {
            if (summary.canceled) {
                emit demoFailed(tr("Demo collection canceled."));
                return;
            }
            m_analyzeAfterLoad = true;
            openWorkspaceFolder(dir);
            emit demoCollected(dir);
        });
    m_demo->start();
}

QWidget* MainWindow::createFilterBar()
{
    auto* bar = new QWidget(this);
    auto* layout = new QHBoxLayout(bar);
    layout->setContentsMargins(4, 2, 4, 0);
    m_filterEdit = new QLineEdit(bar);
    m_filterEdit->setObjectName(QStringLiteral("RunsFilter"));
    m_filterEdit->setPlaceholderText(tr("Filter runs: repository, workflow, branch, conclusion, label, run number"));
    m_filterEdit->setClearButtonEnabled(true);
    connect(m_filterEdit, &QLineEdit::textChanged, m_runsProxy, &RunsFilterModel::setTextFilter);
    m_categoryBox = new QComboBox(bar);
    m_categoryBox->setObjectName(QStringLiteral("CategoryFilter"));
    m_categoryBox->addItem(tr("All categories"), QString());
    for (const logs::CategoryInfo& info : logs::allCategories()) {
        QPixmap chip(12, 12);
        chip.fill(QColor(info.colour));
        m_categoryBox->addItem(QIcon(chip), info.name, info.id);
    }
    m_categoryBox->addItem(tr("No memory category"), QStringLiteral("none"));
    connect(m_categoryBox, &QComboBox::currentIndexChanged, this,
        [this] { m_runsProxy->setCategoryFilter(m_categoryBox->currentData().toString()); });
    m_flaggedOnly = new QCheckBox(tr("Flagged only"), bar);
    m_flaggedOnly->setObjectName(QStringLiteral("FlaggedOnly"));
    connect(m_flaggedOnly, &QCheckBox::toggled, m_runsProxy, &RunsFilterModel::setFlaggedOnly);
    layout->addWidget(m_filterEdit, 1);
    layout->addWidget(m_categoryBox);
    layout->addWidget(m_flaggedOnly);
    return bar;
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

void MainWindow::restoreLayout()
{
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_splitter->restoreState(settings.value(QStringLiteral("window/splitter")).toByteArray());
    // Widths the user set win over fitting the columns to the first runs loaded.
    m_columnsFitted = m_runsView->horizontalHeader()->restoreState(
        settings.value(QStringLiteral("window/runsHeader")).toByteArray());
}

void MainWindow::saveLayout() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/splitter"), m_splitter->saveState());
    settings.setValue(QStringLiteral("window/runsHeader"), m_runsView->horizontalHeader()->saveState());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveLayout();
    event->accept();
}

void MainWindow::setWorkspacePath(const QString& path)
{
    m_workspacePath = path;
    m_workspaceLabel->setText(tr("Workspace: %1").arg(QDir::toNativeSeparators(path)));
    QSettings settings;
    QStringList recent = settings.value(kRecentKey).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kMaxRecentWorkspaces)
        recent.removeLast();
    settings.setValue(kRecentKey, recent);
    rebuildRecentMenu();
    m_banner->setVisible(false);
    openWorkspaceFolder(path);
}

void MainWindow::openWorkspaceFolder(const QString& path)
{
    m_workspacePath = path;
    m_workspaceLabel->setText(tr("Workspace: %1").arg(QDir::toNativeSeparators(path)));
    m_analysis.reset();
    m_runsModel->setRows({});
    m_labelActions->setWorkspace(nullptr);
    m_workspace.reset();
    m_workspaceLock.reset();
    m_readOnlyBanner->hide();
    m_evaluation->clear(tr("Analyze the workspace and label some runs to compare the detectors."));
    ++m_evaluationJob;
    for (QAction* action : { m_analyze, m_collect, m_exportSeed, m_importLabels, m_exportLabels })
        action->setEnabled(false);
    if (!QFileInfo(path).isDir()) {
        const QString message = tr("Workspace '%1' is not a folder.").arg(QDir::toNativeSeparators(path));
        reportError(tr("Open Workspace"), message);
        emit loadFailed(message);
        return;
    }
    auto ws = std::make_unique<workspace::Workspace>();
    if (Status s = ws->open(path); !s) {
        reportError(tr("Open Workspace"), s.error());
        emit loadFailed(s.error());
        return;
    }
    m_workspace = std::move(ws);
    // One writer per workspace: while another process (a CLI collect, another window) holds it, this
    // window only reads.
    m_workspaceLock = std::make_unique<workspace::WorkspaceLock>(path);
    const Status locked = m_workspaceLock->lock();
    m_labelActions->setWorkspace(locked ? m_workspace.get() : nullptr);
    for (QAction* action : { m_exportSeed, m_exportLabels })
        action->setEnabled(true);
    for (QAction* action : { m_analyze, m_collect, m_importLabels })
        action->setEnabled(locked.ok());
    if (!locked) {
        m_readOnlyBanner->setText(tr("<b>Read-only</b> &mdash; %1; collecting, analyzing and labeling are off.")
                                      .arg(locked.error().toHtmlEscaped()));
        m_readOnlyBanner->show();
    }
    loadRuns();
}

void MainWindow::loadRuns()
{
    if (m_workspacePath.isEmpty())
        return;
    const int job = ++m_loadJob;
    const QString dir = m_workspacePath;
    m_runsLabel->setText(tr("Loading runs..."));
    // QFuture needs a default-constructible value: rows and an error message.
    using Loaded = std::pair<QList<RunRow>, QString>;
    const QFuture<Loaded> load = QtConcurrent::run([dir] {
        auto rows = RunRowsLoader::load(dir);
        return rows ? Loaded { std::move(rows).value(), QString() } : Loaded { QList<RunRow>(), rows.error() };
    });
    track(QFuture<void>(load));
    logs::whenFinished(this, load, [this, job](const QFuture<Loaded>& future) {
        Q_ASSERT(QThread::currentThread() == thread());
        if (job != m_loadJob || future.resultCount() == 0)
            return; // a newer load superseded this one
        Loaded loaded = future.result();
        if (!loaded.second.isEmpty()) {
            reportError(tr("Open Workspace"), loaded.second);
            emit loadFailed(loaded.second);
            return;
        }
        QList<RunRow> values = std::move(loaded.first);
        if (m_analysis)
            RunRowsLoader::applyAnalysis(values, *m_analysis);
        m_runsModel->setRows(std::move(values));
        // Fit the columns to the first runs loaded (Qt measures at most 1,000 rows), capped so that
        // long branch or repository names do not push the score off screen; later loads keep the
        // widths the user set.
        if (!m_columnsFitted && m_runsModel->rowCount() > 0) {
            m_columnsFitted = true;
            m_runsView->resizeColumnsToContents();
            for (int c = 0; c < RunsTableModel::ColumnCount; ++c)
                m_runsView->setColumnWidth(c, std::min(m_runsView->columnWidth(c), 220));
        }
        if (m_analysis)
            m_runsView->sortByColumn(RunsTableModel::Score, Qt::DescendingOrder);
        updateRunsLabel();
        emit runsLoaded(m_runsModel->rowCount());
        if (std::exchange(m_analyzeAfterLoad, false)) {
            pipeline::AnalysisOptions options;
            options.forest.seed = 1;
            analyze(options);
        }
    });
}

void MainWindow::updateRunsLabel()
{
    const int total = m_runsModel->rowCount();
    const int shown = m_runsProxy->rowCount();
    m_runsLabel->setText(
        shown == total ? tr("%n run(s)", nullptr, total) : tr("%1 of %n run(s)", nullptr, total).arg(shown));
}

void MainWindow::reportError(const QString& title, const QString& message)
{
    statusBar()->showMessage(message, 10000);
    // Not modal: a failure must not block a running collection or a test.
    auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::chooseAnalysis()
{
    AnalyzeDialog dialog(this);
    dialog.setOptions(m_analysisOptions);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_analysisOptions = dialog.options();
    analyze(m_analysisOptions);
}

void MainWindow::analyze(const pipeline::AnalysisOptions& options)
{
    if (m_workspacePath.isEmpty() || m_analyzing)
        return;
    m_analyzing = true;
    m_analyze->setEnabled(false);
    const QFuture<pipeline::AnalysisResult> job = pipeline::analyzeWorkspace(m_workspacePath, options);
    track(QFuture<void>(job));
    QProgressDialog* progress = followJob<pipeline::AnalysisResult>(
        this, tr("Analyze"), tr("Analyzing runs..."), job, [this](const QFuture<pipeline::AnalysisResult>& future) {
            m_analyzing = false;
            m_analyze->setEnabled(m_workspace != nullptr);
            if (future.isCanceled() || future.resultCount() == 0) {
                statusBar()->showMessage(tr("Analysis canceled."), 5000);
                emit analysisFailed(tr("Analysis canceled."));
                return;
            }
            auto result = std::make_shared<const pipeline::AnalysisResult>(future.result());
            if (!result->error.isEmpty()) {
                reportError(tr("Analyze"), result->error);
                emit analysisFailed(result->error);
                return;
            }
            m_analysis = result;
            m_runsModel->applyAnalysis(*m_analysis);
            updateChartGroups();
            m_importance->setAnalysis(*m_analysis);
            m_exportFigures->setEnabled(true);
            m_runsView->sortByColumn(RunsTableModel::Score, Qt::DescendingOrder);
            m_runsView->scrollToTop();
            // The most anomalous run, so that the Log and Explanation tabs show something at once.
            if (m_runsView->selectionModel()->selectedRows().isEmpty() && m_runsProxy->rowCount() > 0)
                m_runsView->selectRow(0);
            const auto flagged = std::count_if(
                result->runs.begin(), result->runs.end(), [](const pipeline::RunAnalysis& r) { return r.flagged; });
            statusBar()->showMessage(tr("Analyzed %1 runs, %2 flagged.").arg(result->runs.size()).arg(flagged), 10000);
            refreshEvaluation();
            emit analysisFinished();
        });
    progress->setObjectName(QStringLiteral("AnalysisProgress"));
}

void MainWindow::selectionChanged()
{
    const QModelIndexList rows = m_runsView->selectionModel()->selectedRows();
    const QList<RunRow> selected = selectedRows();
    QList<RunKey> keys;
    keys.reserve(selected.size());
    for (const RunRow& row : selected)
        keys.append({ row.runId, row.attempt });
    m_labelActions->setRuns(keys);
    m_runActions->setRuns(selected);
    const QModelIndex current = m_runsView->selectionModel()->currentIndex();
    if (rows.size() == 1)
        showRunDetails(m_runsProxy->mapToSource(rows.first()).row());
    else if (current.isValid() && rows.contains(current.siblingAtColumn(0)))
        showRunDetails(m_runsProxy->mapToSource(current).row());
}

void MainWindow::showRunDetails(int sourceRow)
{
    const RunRow& row = m_runsModel->rowAt(sourceRow);
    if (!row.logPath.isEmpty()) {
        if (Status s = m_logViewer->openPath(row.logPath); !s)
            statusBar()->showMessage(s.error(), 10000);
        else if (m_workspace && row.conclusion != QLatin1String("success"))
            m_failureLines->rankStoredRun(m_workspace->dir(), row.runId, row.attempt, row.logPath);
    } else {
        statusBar()->showMessage(tr("Run %1 has no downloaded logs (%2).")
                                     .arg(row.runId)
                                     .arg(row.archiveState.isEmpty() ? tr("no archive") : row.archiveState),
            5000);
    }
    if (!m_analysis)
        return;
    for (size_t i = 0; i < m_analysis->runs.size(); ++i) {
        if (m_analysis->runs[i].runId == row.runId && m_analysis->runs[i].attempt == row.attempt) {
            m_explanation->setRun(*m_analysis, int(i));
            return;
        }
    }
}

QList<RunRow> MainWindow::selectedRows() const
{
    QList<RunRow> rows;
    for (const QModelIndex& index : m_runsView->selectionModel()->selectedRows())
        rows.append(m_runsModel->rowAt(m_runsProxy->mapToSource(index).row()));
    return rows;
}

QMenu* MainWindow::createRunsContextMenu()
{
    auto* menu = new QMenu(this);
    m_runActions->addTo(menu);
    menu->addSeparator();
    menu->addMenu(m_labelActions->createMenu(menu));
    return menu;
}

void MainWindow::showRunsContextMenu(const QPoint& pos)
{
    if (m_labelActions->runs().isEmpty())
        return;
    QMenu* menu = createRunsContextMenu();
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(m_runsView->viewport()->mapToGlobal(pos));
}

void MainWindow::showLogContextMenu(const QPoint& pos)
{
    auto* menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    LogView* view = m_logViewer->view();
    menu->addAction(tr("&Copy"), QKeySequence::Copy, view, &LogView::copy);
    if (!m_labelActions->runs().isEmpty()) {
        menu->addSeparator();
        QMenu* labels = m_labelActions->createMenu(menu);
        labels->setTitle(tr("&Label This Run"));
        menu->addMenu(labels);
    }
    menu->popup(view->viewport()->mapToGlobal(pos));
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(kRecentKey).toStringList();
    for (const QString& path : recent) {
        QAction* action = m_recentMenu->addAction(QDir::toNativeSeparators(path));
        connect(action, &QAction::triggered, this, [this, path] { setWorkspacePath(path); });
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::chooseWorkspace()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open or Create Workspace"), m_workspacePath);
    if (!dir.isEmpty())
        setWorkspacePath(dir);
}

void MainWindow::chooseLog()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open Log"), QString(), tr("Logs and run archives (*.txt *.log *.zip);;All files (*)"));
    if (!path.isEmpty())
        openLog(path);
}

bool MainWindow::openLog(const QString& path)
{
    const Status status = m_logViewer->openPath(path);
    if (!status.ok()) {
        QMessageBox::warning(this, tr("Open Log"), status.error());
        return false;
    }
    m_failureLines->rank(path, {});
    m_detailTabs->setCurrentWidget(m_logViewer);
    return true;
}

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

void MainWindow::showShortcuts()
{
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Keyboard Shortcuts"));
    auto* table = new QTableWidget(0, 2, &dialog);
    table->setHorizontalHeaderLabels({ tr("Action"), tr("Shortcut") });
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    for (QAction* action : shortcutActions()) {
        const int row = table->rowCount();
        table->insertRow(row);
        table->setItem(row, 0, new QTableWidgetItem(action->text().remove(QLatin1Char('&'))));
        table->setItem(row, 1, new QTableWidgetItem(action->shortcut().toString(QKeySequence::NativeText)));
    }
    table->sortItems(0);
    table->resizeColumnsToContents();
    table->horizontalHeader()->setStretchLastSection(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto* layout = new QVBoxLayout(&dialog);
    layout->addWidget(table);
    layout->addWidget(buttons);
    dialog.resize(480, 420);
    dialog.exec();
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About RunLens"),
        tr("<h3>RunLens %1</h3><p>Find, understand and explain unusual GitHub Actions build "
           "failures, memory failures first.</p><p>Built with Qt %2.</p>")
            .arg(QString::fromLatin1(kVersion), QString::fromLatin1(qVersion())));
}

// ---- File: new workspace, old pipeline folders, labels ---------------------------------------

void MainWindow::chooseNewWorkspace()
{
    const QString dir = QFileDialog::getExistingDirectory(
        this, tr("New Workspace: Choose or Create an Empty Folder"), QFileInfo(m_workspacePath).absolutePath());
    if (dir.isEmpty())
        return;
    if (Status s = createWorkspace(dir); !s)
        reportError(tr("New Workspace"), s.error());
}

Status MainWindow::createWorkspace(const QString& dir)
{
    const QString native = QDir::toNativeSeparators(dir);
    if (QFileInfo::exists(QDir(dir).filePath(QStringLiteral("runlens.db"))))
        return makeError(tr("'%1' holds a workspace already: open it with File > Open Workspace.").arg(native));
    if (!QDir().mkpath(dir))
        return makeError(tr("Cannot create the folder '%1'.").arg(native));
    workspace::Workspace ws; // creates the database and its schema
    if (Status s = ws.open(dir); !s)
        return s;
    ws.close();
    setWorkspacePath(dir);
    statusBar()->showMessage(tr("Created the workspace '%1'.").arg(native), 10000);
    return {};
}

void MainWindow::chooseSeedImport()
{
    const QString seed
        = QFileDialog::getExistingDirectory(this, tr("Import Old Pipeline Folder (with workflow_runs.csv)"));
    if (seed.isEmpty())
        return;
    if (m_workspaceLock && m_workspaceLock->isReadOnly()) {
        reportError(tr("Import Old Pipeline Folder"), m_readOnlyBanner->text());
        return;
    }
    if (!m_workspace) {
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
    importSeedFolder(seed);
}

void MainWindow::importSeedFolder(const QString& seedDir)
{
    if (!m_workspace) {
        const QString message
            = tr("Open or create a workspace before importing '%1'.").arg(QDir::toNativeSeparators(seedDir));
        reportError(tr("Import Old Pipeline Folder"), message);
        emit transferFailed(message);
        return;
    }
    const QFuture<pipeline::SeedTransferResult> job = pipeline::importSeedFolder(m_workspacePath, seedDir);
    track(QFuture<void>(job));
    followJob<pipeline::SeedTransferResult>(this, tr("Import Old Pipeline Folder"),
        tr("Importing '%1'...").arg(QDir::toNativeSeparators(seedDir)), job,
        [this](const QFuture<pipeline::SeedTransferResult>& future) {
            finishTransfer(tr("Imported"), future);
            loadRuns(); // a canceled import keeps what it stored
        });
}

void MainWindow::chooseSeedExport()
{
    const QString dir = QFileDialog::getExistingDirectory(
        this, tr("Export Old Pipeline Layout to Folder"), m_workspace ? m_workspace->exportsDir() : QString());
    if (!dir.isEmpty())
        exportSeedLayout(dir);
}

void MainWindow::exportSeedLayout(const QString& outDir)
{
    if (!m_workspace)
        return;
    const QFuture<pipeline::SeedTransferResult> job = pipeline::exportSeedLayout(m_workspacePath, outDir);
    track(QFuture<void>(job));
    followJob<pipeline::SeedTransferResult>(this, tr("Export Old Pipeline Layout"),
        tr("Exporting to '%1'...").arg(QDir::toNativeSeparators(outDir)), job,
        [this](const QFuture<pipeline::SeedTransferResult>& future) { finishTransfer(tr("Exported"), future); });
}

void MainWindow::finishTransfer(const QString& what, const QFuture<pipeline::SeedTransferResult>& future)
{
    const pipeline::SeedTransferResult result
        = future.resultCount() > 0 ? future.result() : pipeline::SeedTransferResult {};
    if (!result.error.isEmpty()) {
        reportError(what, result.error);
        emit transferFailed(result.error);
        return;
    }
    const workspace::SeedTransferSummary& summary = result.summary;
    QString text = tr("%1 %2 runs, %3 log archives, %4 labels.")
                       .arg(what)
                       .arg(summary.runs)
                       .arg(summary.archives)
                       .arg(summary.labels);
    if (summary.canceled || future.isCanceled())
        text = tr("Canceled: %1").arg(text);
    if (!summary.warnings.isEmpty()) {
        text += tr(" %n warning(s).", nullptr, int(summary.warnings.size()));
        auto* box = new QMessageBox(QMessageBox::Information, what, text, QMessageBox::Ok, this);
        box->setDetailedText(summary.warnings.join(QLatin1Char('\n')));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    }
    statusBar()->showMessage(text, 15000);
    emit transferFinished(text);
}

void MainWindow::chooseLabelsImport()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import Labels"), m_workspacePath,
        tr("Labels (*.csv memory_logs.txt);;CSV files (*.csv);;Old pipeline memory list (*.txt);;All files (*)"));
    if (path.isEmpty())
        return;
    const Result<QString> summary = importLabels(path);
    if (!summary)
        reportError(tr("Import Labels"), summary.error());
    else
        statusBar()->showMessage(*summary, 10000);
}

Result<QString> MainWindow::importLabels(const QString& path)
{
    if (!m_workspace)
        return makeError(tr("Open a workspace before importing labels from '%1'.").arg(QDir::toNativeSeparators(path)));
    // A memory_logs.txt lists log paths; anything else is read as a labels CSV.
    const bool memoryList = path.endsWith(QLatin1String(".txt"), Qt::CaseInsensitive);
    const Result<workspace::LabelImportSummary> summary = memoryList
        ? workspace::LabelIo::importMemoryLogs(*m_workspace, path)
        : workspace::LabelIo::importCsv(*m_workspace, path);
    if (!summary)
        return makeError(summary.error());
    labelsChanged();
    QString text = tr("Imported %n label(s) from '%1'", nullptr, summary->added).arg(QDir::toNativeSeparators(path));
    if (summary->skipped > 0)
        text += tr(", %n skipped", nullptr, summary->skipped);
    return QString(text + QLatin1Char('.'));
}

void MainWindow::chooseLabelsExport()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Labels as CSV"),
        m_workspace ? QDir(m_workspace->exportsDir()).filePath(QStringLiteral("labels.csv")) : QString(),
        tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    if (Status s = exportLabels(path); !s)
        reportError(tr("Export Labels"), s.error());
    else
        statusBar()->showMessage(tr("Wrote the labels to '%1'.").arg(QDir::toNativeSeparators(path)), 10000);
}

Status MainWindow::exportLabels(const QString& path)
{
    if (!m_workspace)
        return makeError(tr("Open a workspace before exporting labels."));
    return workspace::LabelIo::exportCsv(*m_workspace, path);
}

// ---- labels, charts and evaluation follow each other ----------------------------------------

void MainWindow::labelsChanged()
{
    loadRuns();
    updateChartGroups();
    if (m_analysis)
        m_evaluationTimer->start(); // a burst of number keys makes one evaluation
}

void MainWindow::updateChartGroups()
{
    if (!m_analysis)
        return;
    RunGroups& groups = m_chartRunGroups;
    groups = {};
    if (m_chartGroups->currentData().toInt() == int(RunGroups::By::Label) && m_workspace) {
        groups.by = RunGroups::By::Label;
        if (const auto labels = m_workspace->labels(); labels)
            groups.labels = ReportBuilder::runLabels(*labels);
    }
    m_histogram->setAnalysis(*m_analysis, groups);
    m_timeline->setAnalysis(*m_analysis, groups);
}

void MainWindow::refreshEvaluation()
{
    m_evaluationTimer->stop();
    if (!m_analysis || m_workspacePath.isEmpty())
        return;
    const int job = ++m_evaluationJob;
    m_evaluation->setNote(tr("Evaluating the detectors against the labels..."));
    const QFuture<pipeline::EvaluationResult> evaluation = pipeline::evaluateWorkspace(m_workspacePath, {});
    track(QFuture<void>(evaluation));
    logs::whenFinished(this, evaluation, [this, job](const QFuture<pipeline::EvaluationResult>& future) {
        Q_ASSERT(QThread::currentThread() == thread());
        if (job != m_evaluationJob || future.resultCount() == 0)
            return; // superseded by a newer evaluation or workspace
        m_evaluation->setEvaluation(future.result());
        emit evaluationUpdated();
    });
}

// ---- runs table actions ------------------------------------------------------------------------

void MainWindow::redownloadLogs(const QList<RunRow>& runs)
{
    if (!m_workspace || runs.isEmpty())
        return;
    if (m_collector && m_collector->isRunning()) {
        reportError(tr("Re-download Log"), tr("A collection is running: re-download when it has finished."));
        return;
    }
    if (m_workspaceLock && m_workspaceLock->isReadOnly()) {
        reportError(tr("Re-download Log"), m_readOnlyBanner->text());
        return;
    }
    // The API each repository was collected from (GitHub, a GHES host, the demo's local server).
    QHash<QString, QUrl> collectedFrom;
    if (const auto known = m_workspace->repositories(); known) {
        for (const workspace::RepositoryRecord& record : *known) {
            if (!record.apiUrl.isEmpty())
                collectedFrom.insert(record.fullName, QUrl(record.apiUrl));
        }
    }
    QStringList repositories;
    QUrl apiUrl = m_collectOptions.apiUrl;
    for (const RunRow& run : runs) {
        if (Status s = m_workspace->markForDownload(run.runId, run.attempt, tr("download requested again")); !s) {
            reportError(tr("Re-download Log"), s.error());
            return;
        }
        if (!repositories.contains(run.repository))
            repositories.append(run.repository);
        apiUrl = collectedFrom.value(run.repository, apiUrl);
    }
    if (repositories.isEmpty())
        return;
    github::CollectOptions options = m_collectOptions;
    options.apiUrl = m_demo && m_workspacePath == m_demo->workspaceDir() ? m_demo->apiUrl() : apiUrl;
    options.repositories = repositories;
    options.fetchOnly = true;
    options.listOnly = false;
    startCollection(options);
}

void MainWindow::showDetailTab(int index)
{
    if (index >= 0 && index < m_detailTabs->count())
        m_detailTabs->setCurrentIndex(index);
}

void MainWindow::setTheme(Theme::Choice choice)
{
    Theme::apply(choice);
    for (QAction* action : std::as_const(m_themeActions))
        action->setChecked(action->data().toString() == Theme::name(choice));
}

} // namespace runlens::ui
