#include "runscanresult.h"

#include <algorithm>

namespace runlens::logs {

bool RunScanResult::memoryFailure() const
{
    return std::any_of(categories.begin(), categories.end(), [](MemoryCategory c) { return categoryInfo(c).memory; });
}

} // namespace runlens::logs
