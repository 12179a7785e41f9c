#pragma once

#include <QDateTime>
#include <QVariant>

namespace runlens::workspace {

// A time as the workspace stores it (ISO 8601 text, written in UTC with milliseconds), read back in UTC;
// an invalid QDateTime for NULL, empty or unreadable text. The workspace's own form is parsed by hand:
// QDateTime::fromString costs several microseconds a date, which three dates a run made 1 s of a
// 100k-run workspace's open; anything else goes through fromString.
QDateTime parseStoredTime(const QVariant& value);
QDateTime parseStoredTime(const QString& text);

// The text the workspace stores for a time: "yyyy-MM-ddTHH:mm:ss.zzzZ" in UTC, as
// QDateTime::toString(Qt::ISODateWithMs) writes it (formatted by hand: a GHALogs import writes millions);
// a null QString for an invalid time.
QString storedTimeText(const QDateTime& time);

} // namespace runlens::workspace
