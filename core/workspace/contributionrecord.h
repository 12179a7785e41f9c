#pragma once

#include <QString>

namespace runlens::workspace {

// One feature's contribution to a run's score under a stored model, with the run's cached feature value.
struct ContributionRecord
{
    QString featureId;
    double contribution = 0;
    double featureValue = 0;
};

} // namespace runlens::workspace
