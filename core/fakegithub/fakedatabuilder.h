#pragma once

#include "fakegithubdata.h"

#include <QDateTime>

namespace runlens::sample {

// What FakeDataBuilder makes: a few repositories with runs spread evenly over a period.
struct FakeDataSpec
{
    QString owner = QStringLiteral("runlens-sample");
    int repos = 2;
    int runsPerRepo = 40;
    double failureRatio = 0.5; // the rest succeed, a few are cancelled
    double rerunRatio = 0.1; // runs with a second attempt (the first one failed)
    double expiredRatio = 0.05; // runs whose logs answer 410
    QDateTime start = QDateTime(QDate(2024, 1, 1), QTime(0, 0), Qt::UTC);
    int spanDays = 120;
    int jobsPerRun = 2;
    int issuesDisabledRepo = -1; // index of a repository with issues disabled, -1: none
    quint64 seed = 1;
};

// Builds synthetic, deterministic (per seed) data for the fake GitHub server, with tiny log ZIPs
// made on demand. Stands in until the sample corpus generator's data is adapted to FakeGitHubData.
class FakeDataBuilder
{
public:
    static FakeGitHubData build(const FakeDataSpec& spec);
    // The log archive of one attempt, in GitHub's layout: "N_<job>.txt" and "<job>/<n>_<step>.txt".
    static QByteArray zipLogs(const QList<FakeJob>& jobs);
};

} // namespace runlens::sample
