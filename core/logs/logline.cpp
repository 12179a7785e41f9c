#include "logs/logline.h"

#include <cstdio>
#include <cstring>

namespace runlens::logs {

namespace {

constexpr qsizetype kTimestampSize = 28; // 2024-01-28T19:27:24.9408212Z

// PowerShell saving UTF-8 text as UTF-16 turns a UTF-8 BOM into CP437 "∩╗┐" (U+2229 U+2557 U+2510).
constexpr char kMangledBom[] = "\xE2\x88\xA9\xE2\x95\x97\xE2\x94\x90";
constexpr qsizetype kMangledBomSize = sizeof(kMangledBom) - 1;

inline bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
constexpr qint64 daysFromCivil(qint64 y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = unsigned(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + qint64(doe) - 719468;
}

struct Civil
{
    qint64 y;
    unsigned m, d;
};
constexpr Civil civilFromDays(qint64 z)
{
    z += 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = unsigned(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const qint64 y = qint64(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return { y + (m <= 2), m, d };
}

struct MarkerSpec
{
    const char* text;
    qsizetype size;
    Marker marker;
};
constexpr MarkerSpec kHashMarkers[] = {
    { "group]", 6, Marker::Group },
    { "endgroup]", 9, Marker::EndGroup },
    { "error]", 6, Marker::Error },
    { "warning]", 8, Marker::Warning },
    { "notice]", 7, Marker::Notice },
    { "debug]", 6, Marker::Debug },
    { "command]", 8, Marker::Command },
    { "section]", 8, Marker::Section },
};

// Eight bytes of a fixed shape: 'd' for an ASCII digit, any other character for itself.
struct Shape
{
    quint64 digits = 0; // 0xff where a digit belongs
    quint64 literal = 0; // the other bytes as they must be
};

constexpr Shape shapeOf(const char (&text)[9])
{
    Shape shape;
    for (int i = 0; i < 8; ++i) {
        if (text[i] == 'd')
            shape.digits |= quint64(0xff) << (8 * i);
        else
            shape.literal |= quint64(static_cast<unsigned char>(text[i])) << (8 * i);
    }
    return shape;
}

// Whether the eight bytes at `p` have `shape`, branch-free over the word (little-endian loads).
inline bool matches(const char* p, const Shape& shape)
{
    quint64 word;
    std::memcpy(&word, p, 8);
    if ((word & ~shape.digits) != shape.literal)
        return false;
    // A digit minus '0' is 0..9: adding 0x76 to its low 7 bits sets bit 7 exactly when it is over 9.
    const quint64 x = (word ^ 0x3030303030303030ULL) & shape.digits;
    return ((((x & 0x7f7f7f7f7f7f7f7fULL) + 0x7676767676767676ULL) | x) & 0x8080808080808080ULL) == 0;
}

inline bool startsWith(QByteArrayView text, const char* prefix, qsizetype size)
{
    return text.size() >= size && std::memcmp(text.data(), prefix, size_t(size)) == 0;
}

} // namespace

QLatin1String markerName(Marker marker)
{
    switch (marker) {
    case Marker::Plain:
        return QLatin1String("plain");
    case Marker::Group:
        return QLatin1String("group");
    case Marker::EndGroup:
        return QLatin1String("endgroup");
    case Marker::Error:
        return QLatin1String("error");
    case Marker::Warning:
        return QLatin1String("warning");
    case Marker::Notice:
        return QLatin1String("notice");
    case Marker::Debug:
        return QLatin1String("debug");
    case Marker::Command:
        return QLatin1String("command");
    case Marker::Section:
        return QLatin1String("section");
    }
    return QLatin1String("plain");
}

std::optional<qint64> parseTimestamp(QByteArrayView t)
{
    if (t.size() < kTimestampSize)
        return std::nullopt;
    if (t.size() > kTimestampSize && t[kTimestampSize] != ' ')
        return std::nullopt;
    const char* p = t.data();
    // YYYY-MM-DDTHH:MM:SS.fffffffZ, eight bytes at a time (this runs for every line of every log).
    static constexpr Shape kDate = shapeOf("dddd-dd-");
    static constexpr Shape kTime = shapeOf("ddTdd:dd");
    static constexpr Shape kSeconds = shapeOf(":dd.dddd");
    static constexpr Shape kFraction = shapeOf("dddddddZ");
    auto num = [p](int from, int count) {
        qint64 v = 0;
        for (int i = 0; i < count; ++i)
            v = v * 10 + (p[from + i] - '0');
        return v;
    };
    // Consecutive lines mostly share their minute: when the first 16 bytes ("YYYY-MM-DDTHH:MM") are those of
    // the last valid timestamp of this thread, they are valid and their seconds are known; only the rest is
    // checked and read.
    struct Minute
    {
        quint64 head[2] = {};
        qint64 seconds = 0; // since the epoch, of head
        bool known = false;
    };
    thread_local Minute last;
    quint64 head[2];
    std::memcpy(head, p, 16);
    if (last.known && head[0] == last.head[0] && head[1] == last.head[1]) {
        if (!matches(p + 16, kSeconds) || !matches(p + 20, kFraction))
            return std::nullopt;
        const qint64 second = num(17, 2);
        if (second > 59)
            return std::nullopt;
        return (last.seconds + second) * kTicksPerSecond + num(20, 7);
    }
    if (!matches(p, kDate) || !matches(p + 8, kTime) || !matches(p + 16, kSeconds) || !matches(p + 20, kFraction))
        return std::nullopt;
    const qint64 year = num(0, 4);
    const auto month = unsigned(num(5, 2));
    const auto day = unsigned(num(8, 2));
    const qint64 hour = num(11, 2);
    const qint64 minute = num(14, 2);
    const qint64 second = num(17, 2);
    const qint64 fraction = num(20, 7);
    static constexpr unsigned kDaysIn[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (month < 1 || month > 12 || day < 1 || day > kDaysIn[month - 1] || hour > 23 || minute > 59 || second > 59)
        return std::nullopt;
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (month == 2 && day == 29 && !leap)
        return std::nullopt;
    const qint64 days = daysFromCivil(year, month, day);
    const qint64 minuteSeconds = days * 86400 + hour * 3600 + minute * 60;
    std::memcpy(last.head, head, 16);
    last.seconds = minuteSeconds;
    last.known = true;
    return (minuteSeconds + second) * kTicksPerSecond + fraction;
}

QString formatTimestamp(qint64 ticks)
{
    qint64 seconds = ticks / kTicksPerSecond;
    qint64 fraction = ticks % kTicksPerSecond;
    if (fraction < 0) {
        fraction += kTicksPerSecond;
        --seconds;
    }
    qint64 days = seconds / 86400;
    qint64 secOfDay = seconds % 86400;
    if (secOfDay < 0) {
        secOfDay += 86400;
        --days;
    }
    const Civil c = civilFromDays(days);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lld.%07lldZ", static_cast<long long>(c.y), c.m,
        c.d, static_cast<long long>(secOfDay / 3600), static_cast<long long>(secOfDay / 60 % 60),
        static_cast<long long>(secOfDay % 60), static_cast<long long>(fraction));
    return QString::fromLatin1(buf);
}

QByteArrayView stripAnsi(QByteArrayView text, QByteArray& scratch)
{
    const char* const begin = text.data();
    const qsizetype size = text.size();
    const void* esc = size ? std::memchr(begin, '\x1b', size_t(size)) : nullptr;
    if (!esc)
        return text;
    scratch.resize(size); // never grows beyond the input; capacity is kept between calls
    char* out = scratch.data();
    qsizetype o = 0;
    qsizetype i = 0;
    while (i < size) {
        const char* next = static_cast<const char*>(std::memchr(begin + i, '\x1b', size_t(size - i)));
        const qsizetype stop = next ? qsizetype(next - begin) : size;
        std::memcpy(out + o, begin + i, size_t(stop - i));
        o += stop - i;
        i = stop;
        if (i >= size)
            break;
        // At ESC.
        ++i;
        if (i >= size)
            break;
        const char kind = begin[i];
        if (kind == '[') { // CSI: parameters/intermediates 0x20-0x3F, final 0x40-0x7E
            ++i;
            while (i < size && static_cast<unsigned char>(begin[i]) >= 0x20
                && static_cast<unsigned char>(begin[i]) <= 0x3F)
                ++i;
            if (i < size && static_cast<unsigned char>(begin[i]) >= 0x40
                && static_cast<unsigned char>(begin[i]) <= 0x7E)
                ++i;
        } else if (kind == ']') { // OSC: until BEL or ESC backslash
            ++i;
            while (i < size) {
                if (begin[i] == '\x07') {
                    ++i;
                    break;
                }
                if (begin[i] == '\x1b' && i + 1 < size && begin[i + 1] == '\\') {
                    i += 2;
                    break;
                }
                ++i;
            }
        } else {
            ++i; // two-byte escape (ESC 7, ESC =, ...)
        }
    }
    scratch.resize(o);
    return QByteArrayView(scratch.constData(), o);
}

LogLine parseLine(QByteArrayView raw, QByteArray& scratch)
{
    return parseLine(raw, scratch, Escapes::Maybe);
}

LogLine parseLine(QByteArrayView raw, QByteArray& scratch, Escapes escapes)
{
    LogLine line;
    if (!raw.isEmpty() && raw.back() == '\r')
        raw.chop(1);
    line.raw = raw;
    QByteArrayView rest = raw;
    if (!rest.isEmpty() && rest.front() == '\xE2' && startsWith(rest, kMangledBom, kMangledBomSize))
        rest = rest.sliced(kMangledBomSize);
    if (rest.size() >= kTimestampSize && isDigit(rest.front())) {
        if (const auto ticks = parseTimestamp(rest)) {
            line.hasTimestamp = true;
            line.timestampTicks = *ticks;
            rest = rest.sliced(rest.size() > kTimestampSize ? kTimestampSize + 1 : kTimestampSize);
        }
    }
    if (!rest.isEmpty()) {
        if (rest.front() == '#' && rest.size() > 3 && rest[1] == '#' && rest[2] == '[') {
            const QByteArrayView after = rest.sliced(3);
            for (const MarkerSpec& spec : kHashMarkers) {
                if (startsWith(after, spec.text, spec.size)) {
                    line.marker = spec.marker;
                    rest = after.sliced(spec.size);
                    break;
                }
            }
        } else if (rest.front() == '[' && startsWith(rest, "[command]", 9)) {
            line.marker = Marker::Command;
            rest = rest.sliced(9);
        }
    }
    line.display = rest;
    line.match = escapes == Escapes::None ? rest : stripAnsi(rest, scratch);
    line.hasAnsi = line.match.data() != rest.data(); // stripAnsi() returns its input when there is no ESC
    return line;
}

LogLine parseLine(QByteArrayView raw)
{
    thread_local QByteArray scratch;
    return parseLine(raw, scratch);
}

} // namespace runlens::logs
