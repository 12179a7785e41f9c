#pragma once

#include "taxonomy/finalcandidates.h"
#include "taxonomy/memorycategory.h"

#include <optional>
#include <vector>

namespace runlens::logs {

// A run's final failure cause from its taxonomy hits, file by file (docs/taxonomy.md): the category of
// the first file's final hit; without any, the category of the run's last hit that counts. `scan`'s
// final_category, computed without keeping the hits (the feature extractor uses it).
class FinalCause
{
public:
    void beginEntry();
    void hit(MemoryCategory category, bool needsCompanion);
    void errorMarker();
    // `companionPresent`: the run has a runner-shutdown or lost-communication line (exit 143 counts).
    std::optional<MemoryCategory> resolve(bool companionPresent) const;

private:
    std::vector<FinalCandidates<MemoryCategory>> m_entries;
};

} // namespace runlens::logs
