#pragma once

#include <optional>

namespace runlens::logs {

// The final-cause rule of docs/taxonomy.md for one log file, fed hit by hit in line order: the final
// hit is the last hit at or before the file's last `##[error]` line. Hits that need a companion
// (exit 143 counts as runner-lost only next to a runner-shutdown line, known only at the end of the run)
// are kept apart, so both answers are ready: with and without the companion. RunScanner (scan) and the
// feature extractor (the runs table, the charts) both decide through this, so they name the same cause.
template <typename Hit> class FinalCandidates
{
public:
    void add(const Hit& hit, bool needsCompanion)
    {
        m_lastAny = hit;
        if (!needsCompanion)
            m_lastPlain = hit;
    }
    void errorMarker()
    {
        m_finalAny = m_lastAny;
        m_finalPlain = m_lastPlain;
    }
    // The file's final hit, if it has one (a hit at or before an `##[error]` line).
    const std::optional<Hit>& finalHit(bool companionPresent) const
    {
        return companionPresent ? m_finalAny : m_finalPlain;
    }
    // The file's last hit that counts: the run's cause when no file has a final hit.
    const std::optional<Hit>& lastHit(bool companionPresent) const
    {
        return companionPresent ? m_lastAny : m_lastPlain;
    }
    bool any() const { return m_lastAny.has_value(); }

private:
    std::optional<Hit> m_lastAny, m_lastPlain, m_finalAny, m_finalPlain;
};

} // namespace runlens::logs
