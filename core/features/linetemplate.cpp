#include "linetemplate.h"

namespace runlens::features {

namespace {
constexpr quint64 kFnvOffset = 1469598103934665603ULL;
constexpr quint64 kFnvPrime = 1099511628211ULL;

inline void mix(quint64& hash, unsigned char c)
{
    hash ^= c;
    hash *= kFnvPrime;
}

inline bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}
inline bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}
inline bool isLetter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
inline bool isHexLetter(char c)
{
    return (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// A token is one whitespace-separated word.
void mixToken(quint64& hash, QByteArrayView token)
{
    bool hasSlash = false;
    bool hasDigit = false;
    bool allHex = true;
    for (char c : token) {
        hasSlash |= (c == '/' || c == '\\');
        hasDigit |= isDigit(c);
        allHex &= (isDigit(c) || isHexLetter(c));
    }
    // Paths and URLs vary between runs (temp folders, versions): one placeholder each.
    if (hasSlash && token.size() > 1) {
        mix(hash, 'P');
        return;
    }
    // Commit shas, object ids, addresses.
    if (allHex && hasDigit && token.size() >= 7) {
        mix(hash, 'H');
        return;
    }
    if (token.size() > 2 && token[0] == '0' && (token[1] == 'x' || token[1] == 'X')) {
        mix(hash, 'H');
        return;
    }
    // Otherwise keep the text, with each run of digits (and the separators inside a number,
    // as in 3.4, 12:30:01 or 1,024) collapsed to one '#'.
    for (qsizetype i = 0; i < token.size(); ++i) {
        const char c = token[i];
        if (isDigit(c)) {
            while (i + 1 < token.size()
                && (isDigit(token[i + 1])
                    || ((token[i + 1] == '.' || token[i + 1] == ':' || token[i + 1] == ',') && i + 2 < token.size()
                        && isDigit(token[i + 2]))))
                ++i;
            mix(hash, '#');
        } else if (!isLetter(c) && i + 2 < token.size() && token[i + 1] == c && token[i + 2] == c) {
            // Rulers ("-----", "=====") differ in length between tools and runs: one mark per run.
            while (i + 1 < token.size() && token[i + 1] == c)
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
    qsizetype i = 0;
    const qsizetype n = text.size();
    while (i < n) {
        while (i < n && isSpace(text[i]))
            ++i;
        const qsizetype start = i;
        while (i < n && !isSpace(text[i]))
            ++i;
        if (i > start) {
            mixToken(hash, text.sliced(start, i - start));
            mix(hash, ' ');
        }
    }
    return hash;
}

} // namespace runlens::features
