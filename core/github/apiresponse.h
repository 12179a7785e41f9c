#pragma once

#include "ratelimit.h"

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace runlens::github {

// The outcome of one API GET, after retries.
struct ApiResponse
{
    QUrl url;
    int status = 0; // HTTP status of the last attempt; 0 when no HTTP answer came
    QByteArray body; // for a 304 the cached body
    QByteArray etag;
    QByteArray link; // raw Link header (cached one for a 304)
    QUrl nextPage; // rel="next", verbatim
    bool fromCache = false;
    QString error; // set when the request failed for good; names the URL, never the token

    bool ok() const { return error.isEmpty() && ((status >= 200 && status < 300) || status == 304); }
};

// The outcome of one log download into a .part file.
struct DownloadResult
{
    QUrl url;
    int status = 0; // final HTTP status (API 404/410, or the storage answer)
    qint64 bytes = 0;
    QString error; // empty on success
    bool diskFull = false; // the file could not be written: no space left on device (or quota)

    bool ok() const { return error.isEmpty(); }
};

} // namespace runlens::github
