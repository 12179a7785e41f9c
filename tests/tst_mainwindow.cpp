#include "mainwindow.h"

#include <QAction>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabWidget>
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
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
