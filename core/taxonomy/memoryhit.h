#pragma once

#include "logs/linetypes.h"
#include "taxonomy/memorycategory.h"

#include <QString>

namespace runlens::logs {

// One taxonomy hit with its evidence.
struct MemoryHit
{
    QString entry; // archive entry (ZIP) or path relative to the run folder; the file name for single logs
    LineNumber line; // in the entry
    QString text; // the line, ANSI escapes removed, at most 1000 characters
    MemoryCategory category = MemoryCategory::OomKilled;
    QString rule; // the taxonomy rule that confirmed it
    bool final = false; // the run's final failure cause (docs/taxonomy.md) rather than an earlier mention
    bool possible = false; // a possible memory failure only (runner-lost)
};

} // namespace runlens::logs
