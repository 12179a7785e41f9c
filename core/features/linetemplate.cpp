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

} // namespace

// One pass: each token is mixed as text into a copy of the hash while its bytes are classified; a path or
// a hexadecimal id (known at the token's end) replaces it by its placeholder. A look-ahead past the token
// meets a space or the end, never a digit or a repeated non-space byte, so it stops where the token does.
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
        quint64 kept = hash;
        quint8 any = 0;
        quint8 all = 0xff;
        for (; i < n; ++i) {
            const char c = p[i];
            const quint8 k = classOf(c);
            if (k & Space)
                break;
            any |= k;
            all &= k;
            if (k & Letter) {
                mix(kept, static_cast<unsigned char>(c));
            } else if (k & Digit) {
                // Each run of digits (and the separators inside a number, as in 3.4, 12:30:01 or 1,024) is one '#'.
                while (i + 1 < n
                    && ((classOf(p[i + 1]) & Digit)
                        || ((classOf(p[i + 1]) & NumberSeparator) && i + 2 < n && (classOf(p[i + 2]) & Digit)))) {
                    ++i;
                    any |= classOf(p[i]);
                    all &= classOf(p[i]);
                }
                mix(kept, '#');
            } else if (i + 2 < n && p[i + 1] == c && p[i + 2] == c) {
                // Rulers ("-----", "=====") differ in length between tools and runs: one mark per run.
                while (i + 1 < n && p[i + 1] == c)
                    ++i;
                mix(kept, static_cast<unsigned char>(c));
                mix(kept, '*');
            } else {
                mix(kept, static_cast<unsigned char>(c));
            }
        }
        const qsizetype size = i - start;
        if (size == 0)
            continue;
        if ((any & Slash) && size > 1) // paths and URLs vary between runs (temp folders, versions)
            mix(hash, 'P');
        else if ((all & Hex) && (any & Digit) && size >= 7) // commit shas, object ids, addresses
            mix(hash, 'H');
        else if (size > 2 && p[start] == '0' && (p[start + 1] == 'x' || p[start + 1] == 'X'))
            mix(hash, 'H');
        else
            hash = kept;
        mix(hash, ' ');
    }
    return hash;
}

} // namespace runlens::features
