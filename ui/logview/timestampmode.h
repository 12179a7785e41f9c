#pragma once

#include <QtGlobal>

namespace runlens::ui {

// How the log view shows each line's timestamp.
enum class TimestampMode : quint8 {
    Absolute, // 2024-01-28T19:27:24.9408212Z
    Relative, // +00:01:23.456 since the job's first timestamp
    Hidden,
};

} // namespace runlens::ui
