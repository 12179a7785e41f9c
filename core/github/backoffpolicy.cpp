#include "backoffpolicy.h"

#include <algorithm>
#include <cmath>

namespace runlens::github {

qint64 BackoffPolicy::delayMs(int retry, double unitRandom) const
{
    const int exponent = std::clamp(retry - 1, 0, 30);
    const double raw = std::min<double>(double(baseDelayMs) * std::pow(2.0, exponent), double(maxDelayMs));
    const double factor = 1.0 + jitter * (2.0 * std::clamp(unitRandom, 0.0, 1.0) - 1.0);
    return std::max<qint64>(0, std::llround(std::min(raw * factor, double(maxDelayMs))));
}

} // namespace runlens::github
