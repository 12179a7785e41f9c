#pragma once

#include <QDateTime>
#include <QString>

#include <optional>
#include <utility>

namespace runlens::github {

// An inclusive window of the runs listing's `created` filter. Whole-day windows print as dates
// (2024-01-01..2024-01-31); once a single day must be split, windows print as UTC datetimes
// (2024-01-01T00:00:00Z..2024-01-01T12:00:00Z). Split halves share their boundary second because
// both ends are inclusive; the collector de-duplicates by run id and attempt.
struct CreatedWindow
{
    QDateTime from; // UTC
    QDateTime to; // UTC, inclusive
    bool wholeDays = true;

    static CreatedWindow days(QDate first, QDate last);
    QString toQuery() const;
    // Two halves, or nothing when the window is a single second (cannot be split further).
    std::optional<std::pair<CreatedWindow, CreatedWindow>> split() const;

    bool operator==(const CreatedWindow&) const = default;
};

} // namespace runlens::github
