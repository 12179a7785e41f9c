#pragma once

#include "outcomemix.h"

#include <QDateTime>

namespace runlens::sample {

struct SampleOptions
{
    quint64 seed = 1;
    int repoCount = 8; // ecosystems rotate: node, gradle, python, cpp, rust, go, maven, dotnet
    int runsPerRepo = 12;
    OutcomeMix mix;
    // The corpus' "now": runs are spread over `spanDays` before it; logs of runs older than
    // `retentionDays` may be expired.
    QDateTime now = QDateTime(QDate(2025, 6, 30), QTime(0, 0), Qt::UTC);
    int spanDays = 150;
    int retentionDays = 90;
    // Guarantee at least one attempt of every category when there are enough runs, so that a
    // small corpus still exercises the whole taxonomy.
    bool coverEveryCategory = true;
    // Longest log a job may get; the long tail reaches this rarely.
    int maxJobLines = 200000;
};

} // namespace runlens::sample
