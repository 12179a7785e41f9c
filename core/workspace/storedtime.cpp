#include "storedtime.h"

#include <QStringView>

namespace runlens::workspace {

namespace {

// The digits text[from, from + count) as a number, or -1 when one of them is not a digit.
int digitsAt(QStringView text, qsizetype from, qsizetype count)
{
    int value = 0;
    for (qsizetype i = from; i < from + count; ++i) {
        const char16_t c = text[i].unicode();
        if (c < u'0' || c > u'9')
            return -1;
        value = value * 10 + int(c - u'0');
    }
    return value;
}

// The form the workspace writes: "2025-02-01T01:57:12.000Z", or without the milliseconds.
QDateTime parseUtcIso(QStringView text)
{
    const qsizetype n = text.size();
    if ((n != 20 && n != 24) || text[4] != u'-' || text[7] != u'-' || text[10] != u'T' || text[13] != u':'
        || text[16] != u':' || text[n - 1] != u'Z' || (n == 24 && text[19] != u'.'))
        return {};
    const int ms = n == 24 ? digitsAt(text, 20, 3) : 0;
    const QDate date(digitsAt(text, 0, 4), digitsAt(text, 5, 2), digitsAt(text, 8, 2));
    const QTime time(digitsAt(text, 11, 2), digitsAt(text, 14, 2), digitsAt(text, 17, 2), ms);
    if (ms < 0 || !date.isValid() || !time.isValid() || date.year() < 1000)
        return {};
    return QDateTime(date, time, Qt::UTC);
}

} // namespace

QDateTime parseStoredTime(const QVariant& value)
{
    return parseStoredTime(value.toString());
}

QDateTime parseStoredTime(const QString& text)
{
    if (text.isEmpty())
        return {};
    if (QDateTime fast = parseUtcIso(text); fast.isValid())
        return fast;
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(text, Qt::ISODate);
    return t.toUTC();
}

} // namespace runlens::workspace
