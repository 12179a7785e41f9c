#pragma once

#include <vector>

namespace runlens::model {

// Global DIFFI feature importances (one value per feature).
struct DiffiImportance
{
    std::vector<double> outliers; // FI over in-bag rows predicted as outliers
    std::vector<double> inliers; // FI over in-bag rows predicted as inliers
    // outliers / inliers: the paper's global importance. 0 where both parts are 0, +inf where only
    // the outlier part is non-zero (a feature that isolates only outliers).
    std::vector<double> importance;
    int treesUsed = 0; // trees whose in-bag rows held both outliers and inliers
};

} // namespace runlens::model
