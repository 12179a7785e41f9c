#include "logs/errorcue.h"
#include "logs/textsearch.h"

#include <string>
#include <string_view>

namespace runlens::logs {

namespace {
constexpr qsizetype kMaxScanned = 2048; // the cues of a log line are in its head

inline bool isLower(char c)
{
    return c >= 'a' && c <= 'z';
}
inline bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// A zero count next to the word ("0 failed", "Failures: 0", "errors=0") says nothing went wrong.
bool zeroCountAround(std::string_view s, size_t at, size_t length)
{
    size_t after = at + length;
    if (after < s.size() && s[after] == 's')
        ++after;
    while (after < s.size() && (s[after] == ':' || s[after] == '=' || s[after] == ' '))
        ++after;
    if (after < s.size() && s[after] == '0' && (after + 1 == s.size() || !isDigit(s[after + 1])))
        return true;
    return at >= 2 && s[at - 1] == ' ' && s[at - 2] == '0' && (at == 2 || !isDigit(s[at - 3]));
}

// `word` occurs in `s` (lower-cased) starting a word, or as a CamelCase suffix in `original`
// ("AssertionError"), and not next to a zero count.
bool hasWord(std::string_view s, QByteArrayView original, std::string_view word, bool allowCamelSuffix)
{
    for (size_t at = findText(s, word); at != std::string_view::npos; at = findText(s, word, at + 1)) {
        const bool startsWord = at == 0 || !isLower(s[at - 1]);
        const bool camel
            = allowCamelSuffix && at > 0 && original[qsizetype(at)] >= 'A' && original[qsizetype(at)] <= 'Z';
        const size_t after = at + word.size();
        const bool endsWord = after == s.size() || !isLower(s[after])
            || (s[after] == 's' && (after + 1 == s.size() || !isLower(s[after + 1])));
        if ((!startsWord && !camel) || !endsWord)
            continue;
        if (!zeroCountAround(s, at, word.size()))
            return true;
    }
    return false;
}

bool hasFailure(std::string_view s)
{
    for (size_t at = findText(s, "fail"); at != std::string_view::npos; at = findText(s, "fail", at + 1)) {
        if (at > 0 && isLower(s[at - 1]))
            continue;
        const std::string_view rest = s.substr(at + 4);
        const bool word = rest.starts_with("ed") || rest.starts_with("ure") || rest.starts_with("ing") || rest.empty()
            || rest[0] == ' ' || rest[0] == ':' || rest[0] == '!' || rest[0] == ']' || rest[0] == ')';
        if (!word || zeroCountAround(s, at, rest.starts_with("ure") ? 7 : rest.starts_with("ed") ? 6 : 4))
            continue;
        return true;
    }
    return false;
}

bool isStackFrame(std::string_view s)
{
    size_t i = 0;
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t'))
        ++i;
    const std::string_view t = s.substr(i);
    if (t.starts_with("at ") && t.size() > 4
        && (t.find('(') != std::string_view::npos || t.find('.') != std::string_view::npos))
        return true;
    if (t.starts_with("file \"") && containsText(t, "\", line "))
        return true;
    if (t.starts_with("... ") && containsText(t, " more"))
        return true;
    return t.size() > 3 && t[0] == '#' && isDigit(t[1]) && (containsText(t, " 0x") || containsText(t, " in "));
}

// "src/a.c:12:5: error", "A.java:[42,46] ", "Foo.cs(3,7): error CS1002"
bool isCompilerDiagnostic(std::string_view s)
{
    for (size_t at = findText(s, ": error"); at != std::string_view::npos; at = findText(s, ": error", at + 1)) {
        if (at > 0 && (isDigit(s[at - 1]) || s[at - 1] == ')'))
            return true;
    }
    for (size_t at = findText(s, ":["); at != std::string_view::npos; at = findText(s, ":[", at + 1)) {
        size_t i = at + 2;
        while (i < s.size() && isDigit(s[i]))
            ++i;
        if (i > at + 2 && i < s.size() && (s[i] == ',' || s[i] == ']'))
            return true;
    }
    return false;
}
} // namespace

ErrorCues errorCues(QByteArrayView text, ErrorCues possible)
{
    thread_local std::string lower;
    const qsizetype n = qMin(text.size(), kMaxScanned);
    lower.resize(size_t(n));
    bool letters = false;
    for (qsizetype i = 0; i < n; ++i) {
        char c = text[i];
        if (c >= 'A' && c <= 'Z')
            c = char(c + 32);
        letters |= isLower(c);
        lower[size_t(i)] = c;
    }
    if (!letters)
        return NoCue;
    const std::string_view s(lower);
    const QByteArrayView original = text.first(n);
    ErrorCues cues = NoCue;
    const auto look = [&](ErrorCue cue, auto&& found) {
        if ((possible & cue) && found())
            cues |= cue;
    };
    look(CueError, [&] { return hasWord(s, original, "error", true) || containsText(s, "err!"); });
    look(CueException, [&] { return containsText(s, "exception") || containsText(s, "caused by:"); });
    look(CueFatal, [&] {
        return hasWord(s, original, "fatal", false) || containsText(s, "panic:")
            || containsText(s, "segmentation fault") || containsText(s, "core dumped");
    });
    look(CueFailed, [&] { return hasFailure(s); });
    look(CueTraceback, [&] { return containsText(s, "traceback (most recent call last)"); });
    look(CueCompilerDiagnostic, [&] { return isCompilerDiagnostic(s); });
    look(CueStackFrame, [&] { return isStackFrame(s); });
    look(CueAssertion, [&] {
        return containsText(s, "assertionerror") || containsText(s, "assertion failed")
            || (containsText(s, "expected") && containsText(s, "but was"));
    });
    return cues;
}

const std::vector<ErrorStatementWord>& errorStatementWords()
{
    // The searches of errorCues(): CueCompilerDiagnostic's ": error" holds "error", CueAssertion's
    // "assertionerror" and "assertion failed" hold "assertion", "expected ... but was" holds "but was".
    // The narrower the cues of a word, the fewer searches a line with it needs: maven's "Failures: 0,
    // Errors: 0" lines look for three cues (five searches), not four (eight).
    static const std::vector<ErrorStatementWord> words {
        { "error", CueError | CueCompilerDiagnostic },
        { "assertion", CueAssertion },
        { "err!", CueError },
        { "exception", CueException },
        { "caused by:", CueException },
        { "fatal", CueFatal },
        { "panic:", CueFatal },
        { "segmentation fault", CueFatal },
        { "core dumped", CueFatal },
        { "fail", CueFailed },
        { "traceback (most recent call last)", CueTraceback },
        { ":[", CueCompilerDiagnostic },
        { "but was", CueAssertion },
    };
    return words;
}

QStringList errorCueNames(ErrorCues cues)
{
    static const std::pair<ErrorCue, const char*> kNames[] = {
        { CueError, "error" },
        { CueException, "exception" },
        { CueFatal, "fatal" },
        { CueFailed, "failed" },
        { CueTraceback, "traceback" },
        { CueCompilerDiagnostic, "compiler diagnostic" },
        { CueStackFrame, "stack frame" },
        { CueAssertion, "assertion" },
    };
    QStringList names;
    for (const auto& [cue, name] : kNames) {
        if (cues & cue)
            names << QString::fromLatin1(name);
    }
    return names;
}

} // namespace runlens::logs
