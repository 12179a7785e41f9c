#pragma once

#include "features/featurecatalog.h"
#include "taxonomy/memorycategory.h"

#include <array>
#include <optional>

namespace runlens::features {

// One run's feature values and final failure cause: what the model, the tables and the charts keep of
// every run. The evidence lines stay in the workspace (RunFeatures carries them while a run is extracted).
struct FeatureValues
{
    std::array<double, kFeatureCount> values {};
    // The run's final failure cause (docs/taxonomy.md), as `scan` names it; empty without a memory hit.
    std::optional<logs::MemoryCategory> finalCause;

    double value(Feature f) const { return values[static_cast<size_t>(f)]; }
    double& value(Feature f) { return values[static_cast<size_t>(f)]; }
};

} // namespace runlens::features
