#pragma once

#include <QtGlobal>

#include <deque>

namespace runlens::ui {

// Bytes per second over a sliding window of (time, running total) samples. Times are milliseconds on
// any monotonic clock the caller chooses (QElapsedTimer in the panel, plain numbers in tests).
class ThroughputMeter
{
public:
    explicit ThroughputMeter(qint64 windowMs = 10000)
        : m_windowMs(windowMs)
    {
    }

    // `totalBytes` is the running total at `ms` (not a delta); samples come in time order.
    void add(qint64 ms, qint64 totalBytes);
    // The rate over the last window ending at `nowMs`: a stall lowers it as time passes. Negative while
    // unknown (fewer than two samples or less than a second covered).
    double bytesPerSecond(qint64 nowMs) const;
    void clear() { m_samples.clear(); }

private:
    struct Sample
    {
        qint64 ms = 0;
        qint64 bytes = 0;
    };
    qint64 m_windowMs;
    std::deque<Sample> m_samples;
};

} // namespace runlens::ui
