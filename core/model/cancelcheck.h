#pragma once

#include <atomic>
#include <functional>
#include <utility>

namespace runlens::model {

// Asks a long model computation (fitting, scoring, TreeSHAP) to stop: polled between trees and row
// chunks, from worker threads at once, so `isCanceled` must be thread-safe (an atomic flag, a
// QPromise's isCanceled()). Once a poll said yes, every later poll says yes without asking again.
// A default-constructed check never cancels.
class CancelCheck
{
public:
    CancelCheck() = default;
    explicit CancelCheck(std::function<bool()> isCanceled)
        : m_isCanceled(std::move(isCanceled))
    {
    }
    CancelCheck(const CancelCheck&) = delete;
    CancelCheck& operator=(const CancelCheck&) = delete;

    // Asks `isCanceled` (unless an earlier poll said yes). May throw what `isCanceled` throws.
    bool canceled() const
    {
        if (m_seen.load(std::memory_order_relaxed))
            return true;
        if (!m_isCanceled || !m_isCanceled())
            return false;
        m_seen.store(true, std::memory_order_relaxed);
        return true;
    }
    // Whether a poll has said yes, without asking again.
    bool wasCanceled() const { return m_seen.load(std::memory_order_relaxed); }

private:
    std::function<bool()> m_isCanceled;
    mutable std::atomic<bool> m_seen { false };
};

} // namespace runlens::model
