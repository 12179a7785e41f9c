#pragma once

#include <QList>
#include <QWidget>

class QAction;
class QPushButton;

namespace runlens::ui {

// What the window shows before a workspace or a log is open: a sentence on what RunLens does and a
// button for each way to start (New Workspace, Open Workspace, Import Old Pipeline Folder, Open Log,
// Open Demo). Each button triggers the window's action, so shortcuts, tips and enabled state are one.
class StartPage : public QWidget
{
    Q_OBJECT
public:
    explicit StartPage(const QList<QAction*>& actions, QWidget* parent = nullptr);

    const QList<QPushButton*>& buttons() const { return m_buttons; }

private:
    QList<QPushButton*> m_buttons;
};

} // namespace runlens::ui
