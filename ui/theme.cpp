#include "theme.h"

#include <QAction>
#include <QActionGroup>
#include <QMenu>

#include <QApplication>
#include <QPalette>
#include <QSettings>

namespace runlens::ui {

namespace {
const QString kThemeKey = QStringLiteral("view/theme");

// What the platform gave the application before any choice replaced it.
const QPalette& startupPalette()
{
    static const QPalette palette = QApplication::palette();
    return palette;
}
} // namespace

QPalette Theme::lightPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0xef, 0xef, 0xef));
    p.setColor(QPalette::WindowText, QColor(0x1a, 0x1a, 0x1a));
    p.setColor(QPalette::Base, Qt::white);
    p.setColor(QPalette::AlternateBase, QColor(0xf5, 0xf5, 0xf5));
    p.setColor(QPalette::ToolTipBase, QColor(0xff, 0xff, 0xdc));
    p.setColor(QPalette::ToolTipText, Qt::black);
    p.setColor(QPalette::PlaceholderText, QColor(0x80, 0x80, 0x80));
    p.setColor(QPalette::Text, QColor(0x1a, 0x1a, 0x1a));
    p.setColor(QPalette::Button, QColor(0xef, 0xef, 0xef));
    p.setColor(QPalette::ButtonText, QColor(0x1a, 0x1a, 0x1a));
    p.setColor(QPalette::BrightText, Qt::red);
    p.setColor(QPalette::Highlight, QColor(0x30, 0x8c, 0xc6));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x00, 0x62, 0xb0));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x9a, 0x9a, 0x9a));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x9a, 0x9a, 0x9a));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x9a, 0x9a, 0x9a));
    return p;
}

QPalette Theme::darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x30));
    p.setColor(QPalette::WindowText, QColor(0xdf, 0xe1, 0xe5));
    p.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2b));
    p.setColor(QPalette::ToolTipBase, QColor(0x3c, 0x3f, 0x41));
    p.setColor(QPalette::ToolTipText, QColor(0xdf, 0xe1, 0xe5));
    p.setColor(QPalette::PlaceholderText, QColor(0x8c, 0x8c, 0x8c));
    p.setColor(QPalette::Text, QColor(0xdf, 0xe1, 0xe5));
    p.setColor(QPalette::Button, QColor(0x35, 0x37, 0x3b));
    p.setColor(QPalette::ButtonText, QColor(0xdf, 0xe1, 0xe5));
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Light, QColor(0x4a, 0x4d, 0x52));
    p.setColor(QPalette::Midlight, QColor(0x3c, 0x3f, 0x43));
    p.setColor(QPalette::Mid, QColor(0x2f, 0x31, 0x35));
    p.setColor(QPalette::Dark, QColor(0x1a, 0x1b, 0x1d));
    p.setColor(QPalette::Shadow, Qt::black);
    p.setColor(QPalette::Highlight, QColor(0x2f, 0x65, 0xca));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x58, 0x9d, 0xf6));
    p.setColor(QPalette::LinkVisited, QColor(0xb1, 0x8c, 0xf0));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x7a, 0x7a, 0x7a));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x7a, 0x7a, 0x7a));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x7a, 0x7a, 0x7a));
    return p;
}

void Theme::apply(Choice choice)
{
    (void)startupPalette(); // remember the platform's palette before the first change
    switch (choice) {
    case Choice::System:
        QApplication::setPalette(startupPalette());
        return;
    case Choice::Light:
        QApplication::setPalette(lightPalette());
        return;
    case Choice::Dark:
        QApplication::setPalette(darkPalette());
        return;
    }
}

QString Theme::name(Choice choice)
{
    switch (choice) {
    case Choice::Light:
        return QStringLiteral("light");
    case Choice::Dark:
        return QStringLiteral("dark");
    case Choice::System:
        break;
    }
    return QStringLiteral("system");
}

Theme::Choice Theme::fromName(const QString& name)
{
    if (name == QLatin1String("light"))
        return Choice::Light;
    if (name == QLatin1String("dark"))
        return Choice::Dark;
    return Choice::System;
}

Theme::Choice Theme::saved()
{
    return fromName(QSettings().value(kThemeKey).toString());
}

void Theme::save(Choice choice)
{
    QSettings().setValue(kThemeKey, name(choice));
}

QList<QAction*> Theme::addMenu(QMenu* menu, const std::function<void(Choice)>& apply)
{
    QMenu* themeMenu = menu->addMenu(QObject::tr("&Theme"));
    auto* group = new QActionGroup(themeMenu);
    QList<QAction*> actions;
    for (const auto& [choice, text] : { std::pair { Choice::System, QObject::tr("Follow the &System") },
             std::pair { Choice::Light, QObject::tr("&Light") }, std::pair { Choice::Dark, QObject::tr("&Dark") } }) {
        QAction* action = themeMenu->addAction(text);
        action->setCheckable(true);
        action->setData(name(choice));
        action->setChecked(choice == saved());
        group->addAction(action);
        QObject::connect(action, &QAction::triggered, themeMenu, [choice, apply] {
            save(choice);
            apply(choice);
        });
        actions.append(action);
    }
    return actions;
}

} // namespace runlens::ui
