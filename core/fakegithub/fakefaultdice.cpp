#include "fakefaultdice.h"

#include <QStringList>

namespace runlens::sample {

QString FakeFaultPlan::describe() const
{
    QStringList parts;
    if (latencyMs > 0)
        parts << QStringLiteral("latency");
    if (serverErrorStatus)
        parts << QStringLiteral("5xx");
    if (reset)
        parts << QStringLiteral("reset");
    if (truncate)
        parts << QStringLiteral("truncate");
    if (slow)
        parts << QStringLiteral("slow");
    return parts.join(QLatin1Char('+'));
}

FakeFaultDice::FakeFaultDice(FakeFaults faults, quint64 seed)
    : m_faults(std::move(faults))
    , m_rng(m_faults.seedSet ? m_faults.seed : seed)
{
}

FakeFaultPlan FakeFaultDice::draw(FakeListenerKind listener)
{
    FakeFaultPlan plan;
    if (!m_faults.any())
        return plan;
    // Always draw the same number of values so one fault's rate does not shift another's sequence.
    const double latencyDraw = m_rng.generateDouble();
    const double errorDraw = m_rng.generateDouble();
    const double errorKind = m_rng.generateDouble();
    const double resetDraw = m_rng.generateDouble();
    const double truncateDraw = m_rng.generateDouble();
    const double slowDraw = m_rng.generateDouble();

    const bool latencyHere = listener == FakeListenerKind::Api ? m_faults.latencyOnApi : m_faults.latencyOnStorage;
    if (latencyHere && m_faults.latencyMaxMs > 0)
        plan.latencyMs = m_faults.latencyMinMs + int(latencyDraw * (m_faults.latencyMaxMs - m_faults.latencyMinMs));
    if (m_faults.serverError.appliesTo(listener) && errorDraw < m_faults.serverError.probability)
        plan.serverErrorStatus = errorKind < 0.5 ? 502 : (errorKind < 0.8 ? 503 : 500);
    // One body fault at most: a reset body cannot also be truncated.
    if (m_faults.reset.appliesTo(listener) && resetDraw < m_faults.reset.probability)
        plan.reset = true;
    else if (m_faults.truncate.appliesTo(listener) && truncateDraw < m_faults.truncate.probability)
        plan.truncate = true;
    else if (m_faults.slow.appliesTo(listener) && slowDraw < m_faults.slow.probability)
        plan.slow = true;
    return plan;
}

} // namespace runlens::sample
