#pragma once

#include <QByteArrayView>
#include <QStringList>
#include <QtGlobal>

#include <string_view>
#include <vector>

namespace runlens::logs {

// Words and shapes that mark a line as part of an error report, whatever the tool. Flags, so one line
// can carry several.
enum ErrorCue : quint16 {
    NoCue = 0,
    CueError = 1 << 0, // "error" as a word, "[ERROR]", "ERR!"
    CueException = 1 << 1, // "...Exception", "exception:", "Caused by:"
    CueFatal = 1 << 2, // "fatal", "panic", "abort", "segmentation fault"
    CueFailed = 1 << 3, // "FAILED", "failure", "failed" (not "0 failed", "failures: 0")
    CueTraceback = 1 << 4, // Python "Traceback (most recent call last)"
    CueCompilerDiagnostic = 1 << 5, // "file:line:col: error" / "file.java:[12,4] ..."
    CueStackFrame = 1 << 6, // "  at pkg.Cls.method(File.java:12)", '  File "x.py", line 3', "#3 0x..."
    CueAssertion = 1 << 7, // "AssertionError", "assert", "expected ... but was"
};
using ErrorCues = quint16;

constexpr ErrorCues kEveryCue = 0xff;

// Cues of one line's match text (ANSI-stripped, after the timestamp). Case-insensitive, one pass to
// lower-case the line, then a handful of substring searches: cheap enough for every line of a log.
// Only the cues in `possible` are looked for (a prefilter that knows the line's words passes the cues
// those words allow: errorStatementWords()).
ErrorCues errorCues(QByteArrayView text, ErrorCues possible = kEveryCue);

// Cues other than a bare stack frame: the line itself says something went wrong.
inline bool isErrorStatement(ErrorCues cues)
{
    return (cues & ~ErrorCues(CueStackFrame)) != 0;
}

// Words (ASCII case-insensitive) of which every line with an error-statement cue holds at least one,
// each with the cues it allows: a cue other than CueStackFrame needs one of its words in the line. A
// line without any has no cue but possibly a stack frame, so prefilters can skip errorCues(), and a line
// with some needs only their cues looked for.
struct ErrorStatementWord
{
    std::string_view text;
    ErrorCues cues;
};
const std::vector<ErrorStatementWord>& errorStatementWords();

// "error", "exception", ... : stable names for reasons in reports.
QStringList errorCueNames(ErrorCues cues);

} // namespace runlens::logs
