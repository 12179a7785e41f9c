#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QLatin1String>
#include <QString>
#include <QtGlobal>

#include <optional>

namespace runlens::logs {

// The GitHub Actions workflow-command marker a line starts with (after its timestamp).
enum class Marker : quint8 { Plain, Group, EndGroup, Error, Warning, Notice, Debug, Command, Section };

// "group", "endgroup", "error", ... "plain": stable names for JSON/CSV and tests.
QLatin1String markerName(Marker marker);

// 100-ns ticks per second; timestamps are stored as ticks since 1970-01-01T00:00:00Z (UTC).
inline constexpr qint64 kTicksPerSecond = 10'000'000;

// One parsed log line. Every view points into the buffer handed to parseLine() (or into the scratch
// buffer for `match` when the line held ANSI escapes): valid only as long as those buffers, i.e. inside
// a forEachLine() callback.
struct LogLine
{
    qint64 byteOffset = 0; // offset of the line's first byte in the entry's decoded UTF-8 stream
    qint64 lineNumber = 0; // 1-based
    qint64 timestampTicks = 0; // valid only when hasTimestamp
    bool hasTimestamp = false; // false for continuation lines of multi-line messages
    bool hasAnsi = false; // the line held at least one ESC byte
    Marker marker = Marker::Plain;
    QByteArrayView raw; // the whole line without '\n' / "\r\n"
    QByteArrayView display; // after timestamp and marker; ANSI escapes kept
    QByteArrayView match; // display with ANSI escapes stripped (== display when hasAnsi is false)
};

// Parses `2024-01-28T19:27:24.9408212Z` (exactly 7 fractional digits, 'Z', then a space or the end).
// Returns 100-ns ticks since the epoch, or nullopt for any other shape.
std::optional<qint64> parseTimestamp(QByteArrayView text);

// Formats ticks as `2024-01-28T19:27:24.9408212Z`.
QString formatTimestamp(qint64 ticks);

// Parses one raw line (no EOL needed; a trailing '\r' is dropped). Cheap: no allocation unless the line
// holds ANSI escapes, and then only into `scratch`, whose capacity is reused from call to call.
// byteOffset and lineNumber are left 0: the caller (LineSplitter, LogSource) knows them.
LogLine parseLine(QByteArrayView raw, QByteArray& scratch);

// Whether a line handed to parseLine() may hold an ESC byte: a caller that found a buffer's escapes in
// one pass (the feature extractor) says None for the other lines, and their ANSI stripping is skipped.
enum class Escapes { Maybe, None };
LogLine parseLine(QByteArrayView raw, QByteArray& scratch, Escapes escapes);

// Same, with a per-thread scratch buffer: `match` is valid until the next parseLine() on this thread.
LogLine parseLine(QByteArrayView raw);

// Removes ANSI escape sequences (CSI `ESC [ ... final`, OSC `ESC ] ... BEL|ESC \`, two-byte `ESC x`).
// Returns `text` itself when it holds no ESC, else a view into `scratch`.
QByteArrayView stripAnsi(QByteArrayView text, QByteArray& scratch);

} // namespace runlens::logs
