#pragma once

#include <QString>

namespace runlens::ui::collecttext {

// The Collection panel's wording, in the default QLocale (group separators, decimal point).

// "512 bytes", "12.3 MB" (1024-based, like the runs table).
QString bytes(qint64 bytes);
// "1.4 MB/s"; empty when unknown (negative).
QString throughput(double bytesPerSecond);
// "about 40 s left", "about 2 min left", "about 1 h 5 min left"; empty when unknown (negative).
QString eta(qint64 seconds);
// A countdown: "00:07", "12:34", "1:02:03"; negatives read "00:00".
QString countdown(qint64 seconds);
// "12.3 MB at 1.4 MB/s, about 2 min left": parts that are unknown are left out.
QString transfer(qint64 bytes, double bytesPerSecond, qint64 etaSeconds);
// "Rate limit: 4,321 / 5,000, resets in 12:34"; empty while the limit is unknown (remaining < 0).
QString rateLimit(int remaining, int limit, qint64 secondsToReset);

} // namespace runlens::ui::collecttext
