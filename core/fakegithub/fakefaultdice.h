#pragma once

#include "fakefaults.h"

#include <QRandomGenerator>

namespace runlens::sample {

// The faults one request suffers.
struct FakeFaultPlan
{
    int latencyMs = 0;
    int serverErrorStatus = 0; // 500, 502 or 503; 0: none
    bool reset = false;
    bool truncate = false;
    bool slow = false;

    QString describe() const; // "latency+slow", "" for none
};

// Draws fault plans from a seeded generator. Not thread-safe: used on the server thread only, so
// a client that sends requests one after another sees the same faults for the same seed.
class FakeFaultDice
{
public:
    FakeFaultDice(FakeFaults faults, quint64 seed);

    FakeFaultPlan draw(FakeListenerKind listener);
    const FakeFaults& faults() const { return m_faults; }

private:
    FakeFaults m_faults;
    QRandomGenerator64 m_rng;
};

} // namespace runlens::sample
