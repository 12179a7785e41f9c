#pragma once

namespace runlens::failurelines {

struct FailureLinesOptions
{
    int top = 20; // lines returned; 0 returns every line with a positive score
    bool keepKnownLines = false; // fill FailureLinesResult::entries (the log viewer's "new lines only" filter)
};

} // namespace runlens::failurelines
