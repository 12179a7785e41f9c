#include "finalcause.h"

namespace runlens::logs {

void FinalCause::beginEntry()
{
    m_entries.emplace_back();
}

void FinalCause::hit(MemoryCategory category, bool needsCompanion)
{
    if (m_entries.empty())
        beginEntry();
    m_entries.back().add(category, needsCompanion);
}

void FinalCause::errorMarker()
{
    if (!m_entries.empty())
        m_entries.back().errorMarker();
}

std::optional<MemoryCategory> FinalCause::resolve(bool companionPresent) const
{
    std::optional<MemoryCategory> last;
    for (const FinalCandidates<MemoryCategory>& entry : m_entries) {
        if (const auto& final = entry.finalHit(companionPresent))
            return final;
        if (const auto& hit = entry.lastHit(companionPresent))
            last = hit;
    }
    return last;
}

} // namespace runlens::logs
