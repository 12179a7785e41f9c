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

QString storedTimeText(const QDateTime& t)
{
    if (!t.isValid())
        return {};
    const QDateTime utc = t.toUTC();
    int year = 0;
    int month = 0;
    int day = 0;
    utc.date().getDate(&year, &month, &day);
    if (year < 1 || year > 9999)
        return utc.toString(Qt::ISODateWithMs);
    const QTime time = utc.time();
    char text[24];
    const auto put = [&text](int at, int value, int width) {
        for (int i = width - 1; i >= 0; --i, value /= 10)
            text[at + i] = char('0' + value % 10);
    };
    put(0, year, 4);
    text[4] = '-';
    put(5, month, 2);
    text[7] = '-';
    put(8, day, 2);
    text[10] = 'T';
    put(11, time.hour(), 2);
    text[13] = ':';
    put(14, time.minute(), 2);
    text[16] = ':';
    put(17, time.second(), 2);
    text[19] = '.';
    put(20, time.msec(), 3);
    text[23] = 'Z';
    return QString::fromLatin1(text, sizeof text);
}

} // namespace runlens::workspace
