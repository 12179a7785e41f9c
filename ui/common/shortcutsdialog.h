#pragma once

#include <QDialog>
#include <QList>

class QAction;

namespace runlens::ui {

// Help > Keyboard Shortcuts: every action with a shortcut, sorted by name.
class ShortcutsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ShortcutsDialog(const QList<QAction*>& actions, QWidget* parent = nullptr);
    ~ShortcutsDialog() override;
};

} // namespace runlens::ui
