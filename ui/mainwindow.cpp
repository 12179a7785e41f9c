#include "mainwindow.h"

#include "common/version.h"
#include "logview/logviewerwidget.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QToolBar>
#include <QVBoxLayout>

namespace runlens::ui {

namespace {
    constexpr int kMaxRecentWorkspaces = 8;
    const QString kRecentKey = QStringLiteral("workspace/recent");

    QWidget* placeholderPage(const QString& text, QWidget* parent)
    {
        auto* label = new QLabel(text, parent);
        label->setAlignment(Qt::AlignCenter);
        label->setWordWrap(true);
        label->setEnabled(false);
        return label;
    }
} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
{
    setObjectName(QStringLiteral("RunLensMainWindow"));
    setWindowTitle(tr("RunLens %1").arg(QString::fromLatin1(kVersion)));
    setWindowIcon(QIcon(QStringLiteral(":/runlens/icons/runlens.svg")));
    createActions();
    createMenus();
    createCentralArea();
    createStatusBar();
    resize(1280, 800);
    restoreLayout();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    m_openWorkspace = new QAction(tr("&Open Workspace..."), this);
    m_openWorkspace->setShortcut(QKeySequence::Open);
    m_openWorkspace->setStatusTip(tr("Open or create a RunLens workspace folder"));
    connect(m_openWorkspace, &QAction::triggered, this, &MainWindow::chooseWorkspace);

    m_openLog = new QAction(tr("Open &Log..."), this);
    m_openLog->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    m_openLog->setStatusTip(tr("Open a log file or a run's log ZIP in the Log tab, without a workspace"));
    connect(m_openLog, &QAction::triggered, this, &MainWindow::chooseLog);

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
    file->addAction(m_openWorkspace);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    rebuildRecentMenu();
    file->addAction(m_openLog);
    file->addSeparator();
    file->addAction(m_quit);

    menuBar()->addMenu(tr("&Collect"));
    menuBar()->addMenu(tr("&Analyze"));
    m_viewMenu = menuBar()->addMenu(tr("&View"));

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_shortcuts);
    help->addSeparator();
    help->addAction(m_about);

    QToolBar* toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("MainToolBar"));
    toolbar->addAction(m_openWorkspace);
}

void MainWindow::createCentralArea()
{
    m_runsView = new QTableView(this);
    m_runsView->setObjectName(QStringLiteral("RunsView"));
    m_runsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_runsView->setSortingEnabled(true);
    m_runsView->horizontalHeader()->setStretchLastSection(true);

    m_detailTabs = new QTabWidget(this);
    m_detailTabs->setObjectName(QStringLiteral("DetailTabs"));
    m_logViewer = new LogViewerWidget(m_detailTabs);
    m_logViewer->setObjectName(QStringLiteral("LogViewer"));
    m_detailTabs->addTab(m_logViewer, tr("&Log"));
    m_detailTabs->addTab(placeholderPage(tr("Analyze the workspace to see why a run was flagged."), m_detailTabs),
                         tr("&Explanation"));
    m_detailTabs->addTab(placeholderPage(tr("Charts appear after analysis."), m_detailTabs), tr("C&harts"));

    // Alt+1..3 switch the detail tabs; listed in the shortcuts dialog like every other action.
    for (int i = 0; i < m_detailTabs->count(); ++i) {
        auto* action = new QAction(tr("Show %1 Tab").arg(m_detailTabs->tabText(i).remove(QLatin1Char('&'))), this);
        action->setShortcut(QKeySequence(Qt::ALT | static_cast<Qt::Key>(Qt::Key_1 + i)));
        connect(action, &QAction::triggered, this, [this, i] { m_detailTabs->setCurrentIndex(i); });
        m_viewMenu->addAction(action);
        m_tabActions.append(action);
    }

    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setObjectName(QStringLiteral("MainSplitter"));
    m_splitter->addWidget(m_runsView);
    m_splitter->addWidget(m_detailTabs);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    setCentralWidget(m_splitter);
}

void MainWindow::createStatusBar()
{
    m_workspaceLabel = new QLabel(tr("No workspace"), this);
    m_runsLabel = new QLabel(this);
    m_rateLabel = new QLabel(this);
    statusBar()->addWidget(m_workspaceLabel, 1);
    statusBar()->addPermanentWidget(m_runsLabel);
    statusBar()->addPermanentWidget(m_rateLabel);
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_splitter->restoreState(settings.value(QStringLiteral("window/splitter")).toByteArray());
    m_runsView->horizontalHeader()->restoreState(settings.value(QStringLiteral("window/runsHeader")).toByteArray());
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
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Log"), QString(),
        tr("Logs and run archives (*.txt *.log *.zip);;All files (*)"));
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

} // namespace runlens::ui
