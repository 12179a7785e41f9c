#include "linetemplate.h"

#include <array>

namespace runlens::features {

namespace {
constexpr quint64 kFnvOffset = 1469598103934665603ULL;
constexpr quint64 kFnvPrime = 1099511628211ULL;

inline void mix(quint64& hash, unsigned char c)
{
    hash ^= c;
    hash *= kFnvPrime;
}

// Byte classes, one table lookup per byte instead of a chain of comparisons.
enum : quint8 {
    Space = 1, // ' ', '\t', '\r', '\n': separates tokens
    Digit = 2,
    Hex = 4, // digits and a-f, A-F
    Letter = 8, // ASCII letters
    Slash = 16, // '/', '\\'
    NumberSeparator = 32, // '.', ':', ',' between digits stay inside a number
};

constexpr std::array<quint8, 256> makeClasses()
{
    std::array<quint8, 256> classes {};
    for (int c = 0; c < 256; ++c) {
        quint8 k = 0;
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            k |= Space;
        if (c >= '0' && c <= '9')
            k |= Digit | Hex;
        if ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))
            k |= Hex;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
            k |= Letter;
        if (c == '/' || c == '\\')
            k |= Slash;
        if (c == '.' || c == ':' || c == ',')
            k |= NumberSeparator;
        classes[size_t(c)] = k;
    }
    return classes;
}
constexpr std::array<quint8, 256> kClasses = makeClasses();

inline quint8 classOf(char c)
{
    return kClasses[static_cast<unsigned char>(c)];
}

// A token is one whitespace-separated word; `any` and `all` are the OR and AND of its bytes' classes.
void mixToken(quint64& hash, const char* token, qsizetype size, quint8 any, quint8 all)
{
    // Paths and URLs vary between runs (temp folders, versions): one placeholder each.
    if ((any & Slash) && size > 1) {
        mix(hash, 'P');
        return;
    }
    // Commit shas, object ids, addresses.
    if ((all & Hex) && (any & Digit) && size >= 7) {
        mix(hash, 'H');
        return;
    }
    if (size > 2 && token[0] == '0' && (token[1] == 'x' || token[1] == 'X')) {
        mix(hash, 'H');
        return;
    }
    // Otherwise keep the text, with each run of digits (and the separators inside a number,
    // as in 3.4, 12:30:01 or 1,024) collapsed to one '#'.
    for (qsizetype i = 0; i < size; ++i) {
        const char c = token[i];
        const quint8 k = classOf(c);
        if (k & Letter) {
            mix(hash, static_cast<unsigned char>(c));
        } else if (k & Digit) {
            while (i + 1 < size
                && ((classOf(token[i + 1]) & Digit)
                    || ((classOf(token[i + 1]) & NumberSeparator) && i + 2 < size && (classOf(token[i + 2]) & Digit))))
                ++i;
            mix(hash, '#');
        } else if (i + 2 < size && token[i + 1] == c && token[i + 2] == c) {
            // Rulers ("-----", "=====") differ in length between tools and runs: one mark per run.
            while (i + 1 < size && token[i + 1] == c)
                ++i;
            mix(hash, static_cast<unsigned char>(c));
            mix(hash, '*');
        } else {
            mix(hash, static_cast<unsigned char>(c));
        }
    }
}
} // namespace

quint64 lineTemplateHash(QByteArrayView text)
{
    quint64 hash = kFnvOffset;
    const char* const p = text.data();
    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n) {
        while (i < n && (classOf(p[i]) & Space))
            ++i;
        const qsizetype start = i;
        quint8 any = 0;
        quint8 all = 0xff;
        for (; i < n; ++i) {
            const quint8 k = classOf(p[i]);
            if (k & Space)
                break;
            any |= k;
            all &= k;
        }
        if (i > start) {
            mixToken(hash, p + start, i - start, any, all);
            mix(hash, ' ');
        }
    }
    return hash;
}

} // namespace runlens::features
