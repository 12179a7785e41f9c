#pragma once

#include <QtGlobal>

namespace runlens::github {

// Bounded exponential backoff with jitter for 5xx, network errors and secondary rate limits.
// Delays are in milliseconds so that tests can use tiny ones.
struct BackoffPolicy
{
    int baseDelayMs = 1000;
    int maxDelayMs = 60000;
    int maxRetries = 6;
    double jitter = 0.25; // +- fraction of the delay

    // Delay before retry number `retry` (1-based): base * 2^(retry-1), capped, then jittered by
    // `unitRandom` in [0, 1) (0.5 = no jitter).
    qint64 delayMs(int retry, double unitRandom) const;
    bool shouldRetry(int retry) const { return retry <= maxRetries; }
};

} // namespace runlens::github
