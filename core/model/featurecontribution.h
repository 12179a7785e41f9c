#pragma once

namespace runlens::model {

// One feature's share of a row's explanation, for joining with evidence lines.
struct FeatureContribution
{
    int feature = -1; // column index in the feature matrix
    double value = 0.0; // the row's value of that feature
    double contribution = 0.0; // TreeSHAP value in mean-path-length units (negative = pushes toward anomaly)
};

} // namespace runlens::model
