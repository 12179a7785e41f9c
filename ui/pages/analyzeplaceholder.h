#pragma once

#include <QString>

#include <functional>

class QWidget;

namespace runlens::ui {

// What a page shows where an analysis is needed and none exists yet: `text` and an Analyze button
// that calls `analyze`. Owned by `parent`.
QWidget* createAnalyzePlaceholder(const QString& text, QWidget* parent, const std::function<void()>& analyze);

} // namespace runlens::ui
