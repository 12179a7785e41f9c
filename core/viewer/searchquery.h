#pragma once

#include <QString>

namespace runlens::logs {

// What the log viewer searches for. Matching is per line, on the text with ANSI escapes removed.
struct SearchQuery
{
    QString text;
    bool regex = false;
    bool caseSensitive = false;
};

} // namespace runlens::logs
