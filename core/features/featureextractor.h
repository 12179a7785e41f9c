#pragma once

#include "common/result.h"
#include "features/runfeatures.h"

#include <memory>
#include <span>

namespace runlens::logs {
class Taxonomy;
}

namespace runlens::features {

// Turns one run's logs into its feature vector with evidence (first pass; the features that compare a
// run with the successful runs of its workflow are filled in by Baselines / applyBaselines()). Stateless and
// thread-safe: one instance serves every thread.
class FeatureExtractor
{
public:
    // Bump when any feature's definition or computation changes: cached features of an older version
    // are recomputed.
    static constexpr int kVersion = 2; // 2: the final failure cause; shared novel templates and error cues

    explicit FeatureExtractor(std::shared_ptr<const logs::Taxonomy> taxonomy);

    // Never throws; a run whose logs cannot be read is an error naming them.
    Result<RunFeatures> extract(const RunInput& input) const;

private:
    std::shared_ptr<const logs::Taxonomy> m_taxonomy;
};

// Fills the baseline features of every run (see Baselines), all runs' logs read. Clears the runs'
// baseline material.
void applyBaselines(std::span<const RunInput> inputs, std::span<RunFeatures> runs);

} // namespace runlens::features
