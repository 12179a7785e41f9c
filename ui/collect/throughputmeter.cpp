#include "throughputmeter.h"

#include <algorithm>

namespace runlens::ui {

void ThroughputMeter::add(qint64 ms, qint64 totalBytes)
{
    m_samples.push_back({ ms, totalBytes });
    // Keep one sample at or before the window's start: it gives the total at the start.
    while (m_samples.size() > 2 && m_samples[1].ms <= ms - m_windowMs)
        m_samples.pop_front();
}

double ThroughputMeter::bytesPerSecond(qint64 nowMs) const
{
    if (m_samples.size() < 2)
        return -1;
    const qint64 start = std::max(m_samples.front().ms, nowMs - m_windowMs);
    const qint64 span = nowMs - start;
    if (span < 1000)
        return -1;
    // The total at the window's start: the latest sample at or before it.
    qint64 base = m_samples.front().bytes;
    for (const Sample& sample : m_samples) {
        if (sample.ms > start)
            break;
        base = sample.bytes;
    }
    return double(m_samples.back().bytes - base) * 1000.0 / double(span);
}

} // namespace runlens::ui
