#pragma once

#include <QList>
#include <QString>

#include <functional>

class QAction;
class QMenu;
class QPalette;

namespace runlens::ui {

// View > Theme: follow the system's palette (the default), or force a light or a dark one. Exported
// figures never follow the theme (ChartStyle keeps them light for print).
class Theme
{
public:
    enum class Choice { System, Light, Dark };

    static QPalette lightPalette();
    static QPalette darkPalette();
    // Applies `choice` to the application (Fusion palettes for Light and Dark; System restores the
    // palette the application started with).
    static void apply(Choice choice);
    // "system", "light", "dark" <-> Choice; unknown text reads as System.
    static QString name(Choice choice);
    static Choice fromName(const QString& name);
    // The choice remembered in QSettings (View > Theme), System when none.
    static Choice saved();
    static void save(Choice choice);
    // View > Theme: one checkable action per choice in a submenu of `menu`, the saved one checked;
    // choosing one saves it and calls `apply`. Returns the actions (their data is name(choice)).
    static QList<QAction*> addMenu(QMenu* menu, const std::function<void(Choice)>& apply);
};

} // namespace runlens::ui
