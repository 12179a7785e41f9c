#pragma once

#include <QString>

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
};

} // namespace runlens::ui
