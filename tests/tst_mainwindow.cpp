#include "collect/collectionpanel.h"
#include "mainwindow.h"
#include "pages/runspage.h"
#include "pages/startpage.h"
#include "workspace/workspace.h"
#include "workspace/workspacelock.h"

#include <QAction>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using runlens::ui::MainWindow;

class TestMainWindow : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("RunLensTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
        QSettings().clear();
    }

    void opensWithTitleAndIcon()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.windowTitle().startsWith(QLatin1String("RunLens")));
        QVERIFY(!window.windowIcon().isNull());
    }

    // A first window fits its screen (1600x1000, 1280x800, the offscreen 800x600) and uses most of it.
    void defaultSizeFitsTheScreen()
    {
        for (const QSize screen : { QSize(1600, 1000), QSize(1280, 800), QSize(1280, 770) }) {
            const QSize size = MainWindow::defaultSize(screen);
            QVERIFY(size.width() <= screen.width() && size.height() <= screen.height());
            QVERIFY(size.width() >= screen.width() * 8 / 10 && size.height() >= screen.height() * 8 / 10);
        }
        QSettings().clear();
        MainWindow window;
        const QSize available = window.screen()->availableGeometry().size();
        QVERIFY2(window.width() <= available.width() && window.height() <= available.height(),
            qPrintable(QStringLiteral("%1x%2").arg(window.width()).arg(window.height())));
    }

    // The Collection dock shows while collecting; a new window starts with it hidden, even when the
    // last one closed with it open.
    void collectionDockHiddenWhileIdle()
    {
        {
            MainWindow window;
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QWidget* dock = window.collectionPanel()->parentWidget();
            QVERIFY(dock->isHidden());
            dock->show();
            window.close(); // saves the layout with the dock shown
        }
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.collectionPanel()->parentWidget()->isHidden());
    }

    // An empty window offers the ways to start; opening a log (or a workspace) shows the runs and tabs.
    void startPageOffersTheWaysIn()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.showsStartPage());
        QStringList texts;
        for (const QPushButton* button : window.startPage()->buttons()) {
            texts << button->text();
            QVERIFY(button->isEnabled());
        }
        for (const QString& wanted : { QStringLiteral("New Workspace..."), QStringLiteral("Open Workspace..."),
                 QStringLiteral("Import Old Pipeline Folder..."), QStringLiteral("Open Log..."),
                 QStringLiteral("Open Demo") })
            QVERIFY2(texts.contains(wanted), qPrintable(texts.join(QLatin1Char('|'))));

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("a.log"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("##[error]Process completed with exit code 137.\n");
        file.close();
        QVERIFY(window.openLog(path));
        QVERIFY(!window.showsStartPage());
        QVERIFY(window.detailTabs()->isVisible());
    }

    void shortcutsSwitchDetailTabs()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* tabs = window.detailTabs();
        QVERIFY(tabs);
        QCOMPARE(tabs->currentIndex(), 0);
        QTest::keyClick(&window, Qt::Key_3, Qt::AltModifier);
        QCOMPARE(tabs->currentIndex(), 2);

        QStringList keys;
        for (QAction* action : window.shortcutActions())
            keys << action->shortcut().toString(QKeySequence::PortableText);
        QVERIFY2(keys.contains(QLatin1String("Ctrl+O")), qPrintable(keys.join(QLatin1Char(','))));
        QVERIFY2(keys.contains(QLatin1String("Alt+1")), qPrintable(keys.join(QLatin1Char(','))));
    }

    void remembersSplitterAndRecentWorkspaces()
    {
        QList<int> sizes;
        {
            MainWindow window;
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            auto* splitter = window.splitter();
            splitter->setSizes({ 100, 500 });
            sizes = splitter->sizes();
            window.setWorkspacePath(QStringLiteral("/tmp/ws-a"));
            window.setWorkspacePath(QStringLiteral("/tmp/ws-b"));
            window.setWorkspacePath(QStringLiteral("/tmp/ws-a"));
            window.close();
        }
        MainWindow again;
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        QCOMPARE(again.splitter()->sizes(), sizes);
        const QStringList recent = QSettings().value(QStringLiteral("workspace/recent")).toStringList();
        QCOMPARE(recent, (QStringList { QStringLiteral("/tmp/ws-a"), QStringLiteral("/tmp/ws-b") }));
    }

    void readOnlyWhileAnotherWriterHoldsTheWorkspace()
    {
        QTemporaryDir dir;
        {
            runlens::workspace::Workspace ws;
            QVERIFY(ws.open(dir.path()).ok());
        }
        {
            runlens::workspace::WorkspaceLock collect(dir.path()); // e.g. a CLI collect
            QVERIFY(collect.lock().ok());
            MainWindow window;
            window.setWorkspacePath(dir.path());
            QLabel* banner = window.runsPage()->readOnlyBanner();
            QVERIFY(banner);
            QVERIFY(!banner->isHidden());
            QVERIFY2(banner->text().contains(QStringLiteral("is in use by PID")), qPrintable(banner->text()));
        }
        MainWindow window;
        window.setWorkspacePath(dir.path());
        QVERIFY(window.runsPage()->readOnlyBanner()->isHidden());
        runlens::workspace::WorkspaceLock cli(dir.path()); // the window holds it now
        QVERIFY(!cli.lock().ok());
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
