#pragma once

#include "fakefaults.h"

#include <QString>

namespace runlens::sample {

// How the fake GitHub server behaves. Defaults mirror github.com.
struct FakeGitHubConfig
{
    quint16 apiPort = 0; // 0: any free port, readable after start()
    quint16 storagePort = 0;
    QString token; // the one valid token; empty: a random fake one is made at construction

    int rateLimit = 5000; // per window, with the token
    int anonymousRateLimit = 60; // per window, without a token
    qint64 rateWindowMs = 3600 * 1000; // a window starts at its first request
    int exhaustedStatus = 403; // 403 or 429 once the budget is spent

    int secondaryEveryNth = 0; // > 0: every Nth API request hits a secondary limit
    int secondaryMaxConcurrent = 0; // > 0: more API requests in flight than this hit a secondary limit
    int secondaryRetryAfterSeconds = 60;
    int secondaryStatus = 403; // 403 or 429

    qint64 signedUrlExpiryMs = 60 * 1000; // lifetime of the storage URLs the logs endpoints redirect to

    FakeFaults faults;
    quint64 seed = 1; // fault dice and the storage signing secret; faults.seed wins if the spec set one
};

} // namespace runlens::sample
