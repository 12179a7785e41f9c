#include "runkey.h"

namespace runlens {

QString RunKey::toString() const
{
    return QString::number(runId) + QLatin1Char(':') + QString::number(attempt);
}

QString RunKey::fileStem() const
{
    return QString::number(runId) + QLatin1Char('-') + QString::number(attempt);
}

Result<RunKey> RunKey::parse(QStringView text)
{
    const qsizetype colon = text.indexOf(QLatin1Char(':'));
    bool idOk = false;
    bool attemptOk = false;
    const qint64 id = colon < 0 ? 0 : text.first(colon).toLongLong(&idOk);
    const int attempt = colon < 0 ? 0 : text.sliced(colon + 1).toInt(&attemptOk);
    if (!idOk || !attemptOk || id <= 0 || attempt <= 0)
        return makeError(QStringLiteral("run key '%1': expected RUN_ID:ATTEMPT with positive integers")
                             .arg(text.left(64).toString()));
    return RunKey { id, attempt };
}

} // namespace runlens
