#pragma once

#include <QMenu>

namespace runlens::ui {

// File > Open Recent: the workspaces opened last (QSettings "workspace/recent", newest first, 8 kept).
// Choosing one emits chosen(path).
class RecentWorkspacesMenu : public QMenu
{
    Q_OBJECT

public:
    explicit RecentWorkspacesMenu(QWidget* parent = nullptr);

    // Puts `path` first in the list (and the menu).
    void remember(const QString& path);

signals:
    void chosen(const QString& path);

private:
    void rebuild();
};

} // namespace runlens::ui
