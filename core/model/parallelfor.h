#pragma once

#include "common/result.h"

#include <functional>

namespace runlens::model {

class CancelCheck;

// Calls body(i) for every i in [0, count) on runlens::computePool() and waits for all of them.
// Before each item `cancel` is polled; once it says yes, the items not yet started are skipped and
// the result is the error "canceled" (a body may poll it too, to stop sooner). An exception thrown by
// an item (or by the poll) is caught in its task and reported after the loop as "<item(i)>: <what>",
// every failing item joined with "; ": never lost, never terminating the process.
Status parallelFor(int count, const CancelCheck& cancel, const std::function<void(int)>& body,
    const std::function<QString(int)>& item);

// parallelFor over rows [0, rows) in chunks of `rowsPerChunk`: body(begin, end) per chunk, failures
// named "rows B-E" (inclusive).
Status parallelForRows(
    int rows, int rowsPerChunk, const CancelCheck& cancel, const std::function<void(int, int)>& body);

} // namespace runlens::model
