#include "jobtracker.h"

#include <utility>

namespace runlens {

JobTracker::JobTracker(QObject* parent)
    : QObject(parent)
{
}

JobTracker::~JobTracker()
{
    // No signal from here: the receivers may be half destroyed (the owner is going away).
    blockSignals(true);
    clear();
    waitForFinished();
}

void JobTracker::remember(const QFuture<void>& future)
{
    m_running.removeIf([](const QFuture<void>& f) { return f.isFinished(); });
    m_running.append(future);
}

void JobTracker::supersede()
{
    m_currentFuture.cancel();
}

void JobTracker::cancel()
{
    m_currentFuture.cancel();
}

void JobTracker::clear()
{
    for (QFuture<void>& future : m_running)
        future.cancel();
    const quint64 dropped = m_current;
    ++m_current;
    ++m_epoch;
    if (std::exchange(m_busy, false))
        Q_EMIT finished(dropped);
}

void JobTracker::waitForFinished()
{
    for (QFuture<void>& future : m_running)
        future.waitForFinished();
    m_running.clear();
}

} // namespace runlens
