#include "recentworkspacesmenu.h"

#include <QDir>
#include <QSettings>

namespace runlens::ui {

namespace {
constexpr int kMaxRecentWorkspaces = 8;
const QString kRecentKey = QStringLiteral("workspace/recent");
} // namespace

RecentWorkspacesMenu::RecentWorkspacesMenu(QWidget* parent)
    : QMenu(tr("Open &Recent"), parent)
{
    rebuild();
}

void RecentWorkspacesMenu::remember(const QString& path)
{
    QSettings settings;
    QStringList recent = settings.value(kRecentKey).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kMaxRecentWorkspaces)
        recent.removeLast();
    settings.setValue(kRecentKey, recent);
    rebuild();
}

void RecentWorkspacesMenu::rebuild()
{
    clear();
    const QStringList recent = QSettings().value(kRecentKey).toStringList();
    for (const QString& path : recent) {
        QAction* action = addAction(QDir::toNativeSeparators(path));
        connect(action, &QAction::triggered, this, [this, path] { emit chosen(path); });
    }
    setEnabled(!recent.isEmpty());
}

} // namespace runlens::ui
