#include "collecttext.h"

#include <QCoreApplication>
#include <QLocale>

#include <cmath>

namespace runlens::ui::collecttext {

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("CollectionPanel", text);
}
} // namespace

QString bytes(qint64 bytes)
{
    return QLocale().formattedDataSize(std::max<qint64>(0, bytes), 1, QLocale::DataSizeTraditionalFormat);
}

QString throughput(double bytesPerSecond)
{
    if (bytesPerSecond < 0 || !std::isfinite(bytesPerSecond))
        return {};
    return tr("%1/s").arg(bytes(qint64(std::llround(bytesPerSecond))));
}

QString eta(qint64 seconds)
{
    if (seconds < 0)
        return {};
    if (seconds < 60)
        return tr("about %1 s left").arg(std::max<qint64>(1, seconds));
    const qint64 minutes = (seconds + 30) / 60;
    if (minutes < 60)
        return tr("about %1 min left").arg(minutes);
    const qint64 hours = minutes / 60;
    if (minutes % 60 == 0)
        return tr("about %1 h left").arg(hours);
    return tr("about %1 h %2 min left").arg(hours).arg(minutes % 60);
}

QString countdown(qint64 seconds)
{
    seconds = std::max<qint64>(0, seconds);
    const qint64 h = seconds / 3600;
    const qint64 m = seconds / 60 % 60;
    const qint64 s = seconds % 60;
    const QLatin1Char zero('0');
    if (h > 0)
        return QStringLiteral("%1:%2:%3").arg(h).arg(m, 2, 10, zero).arg(s, 2, 10, zero);
    return QStringLiteral("%1:%2").arg(m, 2, 10, zero).arg(s, 2, 10, zero);
}

QString transfer(qint64 total, double bytesPerSecond, qint64 etaSeconds)
{
    QString text = bytes(total);
    if (const QString rate = throughput(bytesPerSecond); !rate.isEmpty())
        text = tr("%1 at %2").arg(text, rate);
    if (const QString left = eta(etaSeconds); !left.isEmpty())
        text = tr("%1, %2").arg(text, left);
    return text;
}

QString rateLimit(int remaining, int limit, qint64 secondsToReset)
{
    if (remaining < 0)
        return {};
    const QLocale locale;
    QString text = limit > 0 ? tr("Rate limit: %1 / %2").arg(locale.toString(remaining), locale.toString(limit))
                             : tr("Rate limit: %1 left").arg(locale.toString(remaining));
    if (secondsToReset >= 0)
        text = tr("%1, resets in %2").arg(text, countdown(secondsToReset));
    return text;
}

} // namespace runlens::ui::collecttext
