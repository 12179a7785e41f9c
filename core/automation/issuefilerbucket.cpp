#include "issuefilerbucket.h"

#include <algorithm>
#include <cmath>

namespace runlens::github {

IssueFilerBucket::IssueFilerBucket(int perMinute, int capacity)
    : m_perMs(std::max(1, perMinute) / 60000.0)
    , m_capacity(capacity > 0 ? capacity : std::max(1, perMinute))
    , m_tokens(m_capacity)
{
}

void IssueFilerBucket::refill(qint64 nowMs)
{
    if (m_lastMs >= 0 && nowMs > m_lastMs)
        m_tokens = std::min(m_capacity, m_tokens + double(nowMs - m_lastMs) * m_perMs);
    if (m_lastMs < 0 || nowMs > m_lastMs)
        m_lastMs = nowMs;
}

double IssueFilerBucket::tokens(qint64 nowMs)
{
    refill(nowMs);
    return m_tokens;
}

qint64 IssueFilerBucket::waitMs(qint64 nowMs)
{
    refill(nowMs);
    if (m_tokens >= 1.0)
        return 0;
    return qint64(std::ceil((1.0 - m_tokens) / m_perMs));
}

bool IssueFilerBucket::take(qint64 nowMs)
{
    refill(nowMs);
    if (m_tokens < 1.0)
        return false;
    m_tokens -= 1.0;
    return true;
}

} // namespace runlens::github
