#pragma once

#include <QtGlobal>

namespace runlens::github {

// A token bucket for content creation: `capacity` tokens, refilled at `perMinute` per minute.
// Time is passed in (milliseconds of any monotonic clock) so that it is testable without waiting.
class IssueFilerBucket
{
public:
    explicit IssueFilerBucket(int perMinute, int capacity = -1);

    // Milliseconds until a token is available at `nowMs` (0: one is available now).
    qint64 waitMs(qint64 nowMs);
    // Takes a token at `nowMs`; false (and nothing taken) when none is available.
    bool take(qint64 nowMs);
    double tokens(qint64 nowMs);

private:
    void refill(qint64 nowMs);

    double m_perMs = 0;
    double m_capacity = 0;
    double m_tokens = 0;
    qint64 m_lastMs = -1;
};

} // namespace runlens::github
