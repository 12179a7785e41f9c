#pragma once

#include <QString>

#include <functional>

class QMessageBox;
class QWidget;

namespace runlens::ui {

// Asks `text` with an `action` button and Cancel, without blocking (a running collection, a test):
// `accept` runs when `action` is chosen. The box (object name "OpenWorkspaceQuestion" for tests and
// screenshots) is owned by `parent` and deleted when closed.
QMessageBox* askNonModal(QWidget* parent, const QString& title, const QString& text, const QString& action,
    const std::function<void()>& accept);

} // namespace runlens::ui
