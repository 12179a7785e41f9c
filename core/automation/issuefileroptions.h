#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace runlens::github {

// What `file-issues` files: the latest model's flagged runs of one repository, most anomalous first.
struct IssueFilerOptions
{
    QString repository; // OWNER/NAME
    int top = 5; // at most this many new issues per invocation
    std::optional<double> minScore; // only flagged runs scoring at least this
    QStringList categories; // only these category ids (taxonomy ids, or "other"); empty: any
    QStringList labels { QStringLiteral("runlens"), QStringLiteral("ci-anomaly") };
    bool dryRun = false; // list existing issues, then print what would be filed; create nothing
    int perMinute = 80; // GitHub's content-creation limit: issues created per minute at most
    int evidenceLines = 5; // quoted log lines per issue
    int contributions = 3; // top feature contributions explained per issue
};

} // namespace runlens::github
