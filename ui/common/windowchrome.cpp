#include "windowchrome.h"

#include "common/version.h"

#include <QAction>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QTabWidget>

namespace runlens::ui {

QSize defaultWindowSize(const QSize& available)
{
    return (available * 0.9).boundedTo(QSize(1600, 1000)).expandedTo(QSize(1024, 700)).boundedTo(available);
}

QList<QAction*> addTabShortcuts(QTabWidget* tabs, QMenu* menu)
{
    QList<QAction*> actions;
    for (int i = 0; i < tabs->count(); ++i) {
        auto* action = new QAction(QObject::tr("Show %1 Tab").arg(tabs->tabText(i).remove(QLatin1Char('&'))), menu);
        action->setShortcut(QKeySequence(Qt::ALT | static_cast<Qt::Key>(Qt::Key_1 + i)));
        QObject::connect(action, &QAction::triggered, tabs, [tabs, i] { tabs->setCurrentIndex(i); });
        menu->addAction(action);
        actions.append(action);
    }
    return actions;
}

QByteArray restoreWindowLayout(QMainWindow* window, QSplitter* splitter)
{
    QSettings settings;
    window->restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    window->restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    splitter->restoreState(settings.value(QStringLiteral("window/splitter")).toByteArray());
    return settings.value(QStringLiteral("window/runsHeader")).toByteArray();
}

void saveWindowLayout(const QMainWindow* window, const QSplitter* splitter, const QByteArray& runsHeader)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), window->saveGeometry());
    settings.setValue(QStringLiteral("window/state"), window->saveState());
    settings.setValue(QStringLiteral("window/splitter"), splitter->saveState());
    settings.setValue(QStringLiteral("window/runsHeader"), runsHeader);
}

void showAboutBox(QWidget* parent)
{
    QMessageBox::about(parent, QObject::tr("About RunLens"),
        QObject::tr("<h3>RunLens %1</h3><p>Find, understand and explain unusual GitHub Actions build "
                    "failures, memory failures first.</p><p>Built with Qt %2.</p>")
            .arg(QString::fromLatin1(kVersion), QString::fromLatin1(qVersion())));
}

} // namespace runlens::ui
