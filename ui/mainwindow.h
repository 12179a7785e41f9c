#pragma once

#include <QMainWindow>

class QAction;
class QLabel;
class QMenu;
class QSplitter;
class QTabWidget;
class QTableView;

namespace runlens::ui {
class LogViewerWidget;
}

namespace runlens::ui {

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Makes `path` the current workspace and remembers it among the recent ones.
    void setWorkspacePath(const QString& path);
    QString workspacePath() const { return m_workspacePath; }

    // Opens a log file or a run's log ZIP in the Log tab (File > Open Log..., Ctrl+L); a failure is shown.
    bool openLog(const QString& path);
    LogViewerWidget* logViewer() const { return m_logViewer; }

    // Every action of the window that has a keyboard shortcut, for the shortcuts dialog and tests.
    QList<QAction*> shortcutActions() const;

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

    QString m_workspacePath;
    QTableView* m_runsView = nullptr;
    LogViewerWidget* m_logViewer = nullptr;
    QTabWidget* m_detailTabs = nullptr;
    QSplitter* m_splitter = nullptr;
    QMenu* m_recentMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QLabel* m_workspaceLabel = nullptr;
    QLabel* m_runsLabel = nullptr;
    QLabel* m_rateLabel = nullptr;

    QAction* m_openWorkspace = nullptr;
    QAction* m_openLog = nullptr;
    QAction* m_quit = nullptr;
    QAction* m_shortcuts = nullptr;
    QAction* m_about = nullptr;
    QList<QAction*> m_tabActions;
};

} // namespace runlens::ui
