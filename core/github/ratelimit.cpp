#include "ratelimit.h"

#include <QNetworkReply>

namespace runlens::github {

RateLimit RateLimit::fromReply(const QNetworkReply& reply)
{
    RateLimit r;
    bool ok = false;
    if (const int v = reply.rawHeader("x-ratelimit-limit").toInt(&ok); ok)
        r.limit = v;
    if (const int v = reply.rawHeader("x-ratelimit-remaining").toInt(&ok); ok)
        r.remaining = v;
    if (const int v = reply.rawHeader("x-ratelimit-used").toInt(&ok); ok)
        r.used = v;
    if (const qint64 v = reply.rawHeader("x-ratelimit-reset").toLongLong(&ok); ok)
        r.reset = QDateTime::fromSecsSinceEpoch(v, Qt::UTC);
    r.resource = QString::fromLatin1(reply.rawHeader("x-ratelimit-resource"));
    return r;
}

} // namespace runlens::github
