#pragma once

#include "features/runfeatures.h"

#include <QFuture>

#include <memory>
#include <span>

namespace runlens::logs {
class Taxonomy;
}

namespace runlens::features {

// Turns one run's logs into its feature vector with evidence (first pass; the features that compare a
// run with the successful runs of its workflow are filled in by applyBaselines()). Stateless and
// thread-safe: one instance serves every thread.
class FeatureExtractor
{
public:
    // Bump when any feature's definition or computation changes: cached features of an older version
    // are recomputed.
    static constexpr int kVersion = 2; // 2: the final failure cause; shared novel templates and error cues

    explicit FeatureExtractor(std::shared_ptr<const logs::Taxonomy> taxonomy);

    // Never throws; a run whose logs cannot be read comes back with `error` set.
    RunFeatures extract(const RunInput& input) const;

private:
    std::shared_ptr<const logs::Taxonomy> m_taxonomy;
};

// Fills the baseline features (duration vs the median successful run, novel templates, novel error
// lines) of every run, comparing each with the successful runs of its workflow (leave-one-out), then of
// its repository, then of the whole set. Clears the runs' baseline material.
void applyBaselines(std::span<const RunInput> inputs, std::span<RunFeatures> runs);

// Extracts every run on the global thread pool, in input order; progress and cancellation through the
// returned future. Call applyBaselines() on the results.
QFuture<RunFeatures> extractAll(std::shared_ptr<const FeatureExtractor> extractor, QList<RunInput> inputs);

} // namespace runlens::features
