#pragma once

#include "fakefaults.h"

#include <QList>
#include <QMutex>
#include <QString>
#include <QStringList>

namespace runlens::sample {

// What the server saw of one request: never header values, only names.
struct FakeRequestLogEntry
{
    FakeListenerKind listener = FakeListenerKind::Api;
    QString method;
    QString path;
    QString query;
    QStringList headerNames; // lower case, in arrival order
    bool hasAuthorization = false;
    int status = 0; // what was answered (0 if the connection was cut before an answer)
    QString fault; // "", "latency", "5xx", "reset", "truncate", "slow" (several joined with '+')
};

// Thread-safe request log: the server thread appends, any thread takes snapshots.
class FakeRequestLog
{
public:
    void append(FakeRequestLogEntry entry);
    QList<FakeRequestLogEntry> snapshot() const;
    void clear();

private:
    mutable QMutex m_mutex;
    QList<FakeRequestLogEntry> m_entries;
};

} // namespace runlens::sample
