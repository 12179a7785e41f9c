#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>

class QNetworkReply;

namespace runlens::github {

// The x-ratelimit-* headers of the latest response.
struct RateLimit
{
    int limit = -1; // -1: unknown
    int remaining = -1;
    int used = -1;
    QDateTime reset; // UTC
    QString resource;

    bool known() const { return remaining >= 0; }
    static RateLimit fromReply(const QNetworkReply& reply);
};

} // namespace runlens::github

Q_DECLARE_METATYPE(runlens::github::RateLimit)
