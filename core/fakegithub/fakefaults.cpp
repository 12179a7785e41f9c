#include "fakefaults.h"

#include <QStringList>

namespace runlens::sample {

namespace {
Error tokenError(const QString& token, const QString& why)
{
    return makeError(QStringLiteral("faults: bad token '%1': %2").arg(token, why));
}

// "100ms", "2s", "150" (milliseconds).
bool parseDuration(QString text, int* ms)
{
    int factor = 1;
    if (text.endsWith(QLatin1String("ms"))) {
        text.chop(2);
    } else if (text.endsWith(QLatin1Char('s'))) {
        text.chop(1);
        factor = 1000;
    }
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok || value < 0 || value * factor > 600000)
        return false;
    *ms = int(value * factor);
    return true;
}

// "0.05" or "5%".
bool parseProbability(QString text, double* p)
{
    double scale = 1.0;
    if (text.endsWith(QLatin1Char('%'))) {
        text.chop(1);
        scale = 0.01;
    }
    bool ok = false;
    const double value = text.toDouble(&ok) * scale;
    if (!ok || value < 0.0 || value > 1.0)
        return false;
    *p = value;
    return true;
}

QString scopeSuffix(bool onApi, bool onStorage)
{
    if (onApi && !onStorage)
        return QStringLiteral("@api");
    if (onStorage && !onApi)
        return QStringLiteral("@storage");
    return {};
}
} // namespace

bool FakeFaults::any() const
{
    return latencyMaxMs > 0 || serverError.probability > 0 || reset.probability > 0 || truncate.probability > 0
        || slow.probability > 0;
}

QString FakeFaults::toString() const
{
    QStringList items;
    if (latencyMaxMs > 0) {
        const QString value = latencyMinMs == latencyMaxMs
            ? QStringLiteral("%1ms").arg(latencyMinMs)
            : QStringLiteral("%1ms..%2ms").arg(latencyMinMs).arg(latencyMaxMs);
        items << QStringLiteral("latency=") + value + scopeSuffix(latencyOnApi, latencyOnStorage);
    }
    const auto rate = [&items](const char* name, const FakeFaultRate& r) {
        if (r.probability > 0)
            items << QLatin1String(name) + QLatin1Char('=') + QString::number(r.probability)
                    + scopeSuffix(r.onApi, r.onStorage);
    };
    rate("5xx", serverError);
    rate("reset", reset);
    rate("truncate", truncate);
    rate("slow", slow);
    if (slow.probability > 0) {
        items << QStringLiteral("slowchunk=%1").arg(slowChunkBytes);
        items << QStringLiteral("slowdelay=%1ms").arg(slowDelayMs);
    }
    if (seedSet)
        items << QStringLiteral("seed=%1").arg(seed);
    return items.join(QLatin1Char(','));
}

Result<FakeFaults> FakeFaults::parse(const QString& spec)
{
    FakeFaults faults;
    if (spec.trimmed().isEmpty())
        return faults;
    const QStringList tokens = spec.split(QLatin1Char(','));
    for (const QString& rawToken : tokens) {
        const QString token = rawToken.trimmed();
        if (token.isEmpty())
            return tokenError(rawToken, QStringLiteral("empty item"));
        const qsizetype eq = token.indexOf(QLatin1Char('='));
        if (eq <= 0)
            return tokenError(token, QStringLiteral("expected NAME=VALUE"));
        const QString key = token.left(eq).trimmed().toLower();
        QString value = token.mid(eq + 1).trimmed();
        bool onApi = true;
        bool onStorage = true;
        const qsizetype at = value.indexOf(QLatin1Char('@'));
        if (at >= 0) {
            const QString scope = value.mid(at + 1).toLower();
            value = value.left(at);
            if (scope == QLatin1String("api"))
                onStorage = false;
            else if (scope == QLatin1String("storage"))
                onApi = false;
            else
                return tokenError(token, QStringLiteral("scope must be @api or @storage"));
        }
        if (value.isEmpty())
            return tokenError(token, QStringLiteral("missing value"));

        if (key == QLatin1String("latency")) {
            const qsizetype dots = value.indexOf(QLatin1String(".."));
            int lo = 0;
            int hi = 0;
            if (dots >= 0) {
                if (!parseDuration(value.left(dots), &lo) || !parseDuration(value.mid(dots + 2), &hi) || hi < lo)
                    return tokenError(
                        token, QStringLiteral("expected DURATION or MIN..MAX, e.g. 100ms or 50ms..200ms"));
            } else {
                if (!parseDuration(value, &lo))
                    return tokenError(token, QStringLiteral("expected a duration such as 100ms or 1s"));
                hi = lo;
            }
            faults.latencyMinMs = lo;
            faults.latencyMaxMs = hi;
            faults.latencyOnApi = onApi;
            faults.latencyOnStorage = onStorage;
            continue;
        }
        FakeFaultRate* rate = nullptr;
        if (key == QLatin1String("5xx"))
            rate = &faults.serverError;
        else if (key == QLatin1String("reset"))
            rate = &faults.reset;
        else if (key == QLatin1String("truncate"))
            rate = &faults.truncate;
        else if (key == QLatin1String("slow"))
            rate = &faults.slow;
        if (rate) {
            if (!parseProbability(value, &rate->probability))
                return tokenError(token, QStringLiteral("expected a probability between 0 and 1 (or 0%..100%)"));
            rate->onApi = onApi;
            rate->onStorage = onStorage;
            continue;
        }
        if (at >= 0)
            return tokenError(token, QStringLiteral("only latency, 5xx, reset, truncate and slow take a scope"));
        if (key == QLatin1String("slowchunk")) {
            bool ok = false;
            faults.slowChunkBytes = value.toInt(&ok);
            if (!ok || faults.slowChunkBytes < 1)
                return tokenError(token, QStringLiteral("expected a positive number of bytes"));
        } else if (key == QLatin1String("slowdelay")) {
            if (!parseDuration(value, &faults.slowDelayMs))
                return tokenError(token, QStringLiteral("expected a duration such as 20ms"));
        } else if (key == QLatin1String("seed")) {
            bool ok = false;
            faults.seed = value.toULongLong(&ok);
            if (!ok)
                return tokenError(token, QStringLiteral("expected an unsigned integer"));
            faults.seedSet = true;
        } else {
            return tokenError(token,
                QStringLiteral("unknown fault '%1' (known: latency, 5xx, reset, truncate, slow, "
                               "slowchunk, slowdelay, seed)")
                    .arg(key));
        }
    }
    return faults;
}

} // namespace runlens::sample
