#pragma once

#include "common/result.h"
#include "ratelimit.h"

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace runlens::github {

// A successful API request (2xx, or 304 answered from the cache), after retries.
struct ApiResponse
{
    QUrl url;
    int status = 0; // HTTP status of the last attempt
    QByteArray body; // for a 304 the cached body
    QByteArray etag;
    QByteArray link; // raw Link header (cached one for a 304)
    QUrl nextPage; // rel="next", verbatim
    bool fromCache = false;
};

// An API request that failed for good: the message names the method and URL, never the token; the
// status lets a caller tell 404, 410 or 422 apart.
struct ApiError
{
    QString message;
    int status = 0; // HTTP status of the last attempt; 0 when no HTTP answer came
};

using ApiResult = Result<ApiResponse, ApiError>;

// A log download completed into its .part file.
struct DownloadResult
{
    QUrl url;
    int status = 0; // final HTTP status (the storage answer)
    qint64 bytes = 0;
};

// A log download that failed for good (the .part file is removed); the message names the URL.
struct DownloadError
{
    QString message;
    int status = 0; // final HTTP status (API 404/410, or the storage answer); 0 when none came
    bool diskFull = false; // the file could not be written: no space left on device (or quota)
};

using DownloadOutcome = Result<DownloadResult, DownloadError>;

} // namespace runlens::github
