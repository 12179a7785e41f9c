#include "mainwindow.h"
#include "workspace/workspace.h"
#include "workspace/workspacelock.h"

#include <QAction>
#include <QLabel>
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
            auto* banner = window.findChild<QLabel*>(QStringLiteral("ReadOnlyBanner"));
            QVERIFY(banner);
            QVERIFY(!banner->isHidden());
            QVERIFY2(banner->text().contains(QStringLiteral("is in use by PID")), qPrintable(banner->text()));
        }
        MainWindow window;
        window.setWorkspacePath(dir.path());
        QVERIFY(window.findChild<QLabel*>(QStringLiteral("ReadOnlyBanner"))->isHidden());
        runlens::workspace::WorkspaceLock cli(dir.path()); // the window holds it now
        QVERIFY(!cli.lock().ok());
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
