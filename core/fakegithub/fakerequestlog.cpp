#include "fakerequestlog.h"

#include <QMutexLocker>

namespace runlens::sample {

void FakeRequestLog::append(FakeRequestLogEntry entry)
{
    const QMutexLocker lock(&m_mutex);
    m_entries.append(std::move(entry));
}

QList<FakeRequestLogEntry> FakeRequestLog::snapshot() const
{
    const QMutexLocker lock(&m_mutex);
    return m_entries;
}

void FakeRequestLog::clear()
{
    const QMutexLocker lock(&m_mutex);
    m_entries.clear();
}

} // namespace runlens::sample
