#pragma once

#include <QList>
#include <QSize>

class QAction;
class QByteArray;
class QMainWindow;
class QMenu;
class QSplitter;
class QTabWidget;
class QWidget;

namespace runlens::ui {

// The main window's first size: nine tenths of the screen, at most 1600x1000 (more is the user's
// choice), never beyond the screen.
QSize defaultWindowSize(const QSize& available);

// Alt+1.. switch `tabs`; the actions go into `menu` (and so into the shortcuts dialog).
QList<QAction*> addTabShortcuts(QTabWidget* tabs, QMenu* menu);

// The window's geometry, docks, splitter and the runs table's header as the user left them (QSettings
// "window/..."); restoring returns the saved header state (empty the first time).
QByteArray restoreWindowLayout(QMainWindow* window, QSplitter* splitter);
void saveWindowLayout(const QMainWindow* window, const QSplitter* splitter, const QByteArray& runsHeader);

// Help > About RunLens.
void showAboutBox(QWidget* parent);

} // namespace runlens::ui
