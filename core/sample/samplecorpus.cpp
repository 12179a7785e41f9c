#include "samplecorpus.h"

#include "logwriter.h"
#include "samplearchive.h"

namespace runlens::sample {

const SampleRun* SampleCorpus::findRun(qint64 runId) const
{
    // Runs are sorted by id (ids grow with creation time).
    const auto it = std::lower_bound(m_runs.begin(), m_runs.end(), runId,
                                     [](const SampleRun& run, qint64 id) { return run.id < id; });
    return it != m_runs.end() && it->id == runId ? &*it : nullptr;
}

Result<RenderedAttempt> SampleCorpus::render(const SampleRun& run, int attempt) const
{
    const SampleAttempt* chosen = run.attempt(attempt);
    if (!chosen)
        return makeError(QStringLiteral("sample run %1: no attempt %2 (it has %3)").arg(run.id).arg(attempt).arg(run.attempts.size()));
    return LogWriter(repoOf(run), run, *chosen, m_options.maxJobLines).render();
}

Result<QByteArray> SampleCorpus::archive(const SampleRun& run, int attempt) const
{
    Result<RenderedAttempt> rendered = render(run, attempt);
    if (!rendered)
        return makeError(rendered.error());
    return SampleArchive::zip(*rendered, run.attempt(attempt)->completedAt);
}

} // namespace runlens::sample
