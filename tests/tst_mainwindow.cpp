#include "mainwindow.h"

#include <QTest>

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void opensWithTitleAndIcon()
    {
        runlens::ui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.windowTitle().startsWith(QLatin1String("RunLens")));
        QVERIFY(!window.windowIcon().isNull());
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
