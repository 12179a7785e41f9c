#pragma once

#include "common/result.h"
#include "features/runfeatures.h"

#include <memory>

namespace runlens::logs {
class Taxonomy;
}

namespace runlens::features {

// On: a Hyperscan prefilter over each entry marks the few lines that can need the per-line checks
// (markers, exit codes, memory pressure, error cues, test summaries, step starts). Off: every line gets
// every check, the plain reference that tests compare the prefiltered path with.
enum class LinePrefiltering { On, Off };

// What FeatureExtractor::extract() does (it uses LinePrefiltering::On).
Result<RunFeatures> extractRun(
    const RunInput& input, const std::shared_ptr<const logs::Taxonomy>& taxonomy, LinePrefiltering prefiltering);

} // namespace runlens::features
