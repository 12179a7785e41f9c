#pragma once

#include <QString>

#include <vector>

namespace runlens::failurelines {

// Which lines of one entry of the failed run a baseline also printed (same template), for the log
// viewer's "new lines only" filter.
struct FailureLinesEntry
{
    QString entry;
    QString job;
    qint64 lines = 0;
    std::vector<bool> known; // known[i]: line i + 1's template occurs in a baseline; empty without baselines

    bool isKnown(qint64 line) const { return line >= 1 && size_t(line) <= known.size() && known[size_t(line - 1)]; }
};

} // namespace runlens::failurelines
