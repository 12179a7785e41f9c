#pragma once

#include "common/result.h"

#include <QString>

namespace runlens::sample {

// Which listener a fault applies to.
enum class FakeListenerKind { Api, Storage };

// One kind of fault: how often it strikes and on which listeners.
struct FakeFaultRate
{
    double probability = 0.0; // 0..1, drawn per request
    bool onApi = true;
    bool onStorage = true;

    bool appliesTo(FakeListenerKind kind) const { return kind == FakeListenerKind::Api ? onApi : onStorage; }
};

// Seeded fault injection for the fake GitHub server, parsed from a spec such as
// "latency=100ms,5xx=0.05,reset=0.02,truncate=0.02,slow=0.01" (grammar in docs/fake-github.md).
struct FakeFaults
{
    int latencyMinMs = 0; // every request waits latency before its answer
    int latencyMaxMs = 0; // > latencyMinMs: uniform in [min, max]
    bool latencyOnApi = true;
    bool latencyOnStorage = true;
    FakeFaultRate serverError; // 502, 503 or 500 instead of the answer
    FakeFaultRate reset; // connection reset (RST) after half the body
    FakeFaultRate truncate; // Content-Length promises the whole body, half is sent, then FIN
    FakeFaultRate slow; // the body trickles in chunks of slowChunkBytes every slowDelayMs
    int slowChunkBytes = 256;
    int slowDelayMs = 20;
    quint64 seed = 1;
    bool seedSet = false; // the spec named a seed (it then wins over --seed)

    bool any() const;
    // The canonical spec string for this value (round-trips through parse()).
    QString toString() const;

    // Parses `spec`; an empty spec means no faults. Errors name the offending token.
    static Result<FakeFaults> parse(const QString& spec);
};

} // namespace runlens::sample
