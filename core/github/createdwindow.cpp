#include "createdwindow.h"

namespace runlens::github {

CreatedWindow CreatedWindow::days(QDate first, QDate last)
{
    return { QDateTime(first, QTime(0, 0), Qt::UTC), QDateTime(last, QTime(23, 59, 59), Qt::UTC), true };
}

QString CreatedWindow::toQuery() const
{
    if (wholeDays)
        return from.date().toString(Qt::ISODate) + QStringLiteral("..") + to.date().toString(Qt::ISODate);
    return from.toUTC().toString(Qt::ISODate) + QStringLiteral("..") + to.toUTC().toString(Qt::ISODate);
}

std::optional<std::pair<CreatedWindow, CreatedWindow>> CreatedWindow::split() const
{
    if (wholeDays) {
        const qint64 span = from.date().daysTo(to.date());
        if (span >= 1) {
            const QDate mid = from.date().addDays(span / 2);
            return std::pair { days(from.date(), mid), days(mid.addDays(1), to.date()) };
        }
        // One day: continue in datetime halves, the first sharing its end with the second's start.
        const CreatedWindow whole { from, QDateTime(from.date().addDays(1), QTime(0, 0), Qt::UTC), false };
        return whole.split();
    }
    const qint64 seconds = from.secsTo(to);
    if (seconds < 1)
        return std::nullopt;
    const QDateTime mid = from.addSecs(seconds / 2);
    return std::pair { CreatedWindow { from, mid, false }, CreatedWindow { mid, to, false } };
}

} // namespace runlens::github
