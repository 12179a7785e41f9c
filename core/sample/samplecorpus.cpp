#include "samplecorpus.h"

#include "logwriter.h"
#include "samplearchive.h"

namespace runlens::sample {

const SampleRun* SampleCorpus::findRun(qint64 runId) const
{
    // Runs are sorted by id (ids grow with creation time).
    const auto it = std::lower_bound(
        m_runs.begin(), m_runs.end(), runId, [](const SampleRun& run, qint64 id) { return run.id < id; });
    return it != m_runs.end() && it->id == runId ? &*it : nullptr;
}

Result<RenderedAttempt> SampleCorpus::render(const SampleRun& run, int attempt) const
{
    const SampleAttempt* chosen = run.attempt(attempt);
    if (!chosen)
        return makeError(QStringLiteral("sample run %1: no attempt %2 (it has %3)")
                             .arg(run.id)
                             .arg(attempt)
                             .arg(run.attempts.size()));
    return LogWriter(repoOf(run), run, *chosen, m_options.maxJobLines).render();
}

Result<QByteArray> SampleCorpus::archive(const SampleRun& run, int attempt) const
{
    Result<RenderedAttempt> rendered = render(run, attempt);
    if (!rendered)
        return makeError(rendered.error());
    return SampleArchive::zip(*rendered, run.attempt(attempt)->completedAt);
}

Result<QByteArray> SampleCorpus::jobLog(const SampleRun& run, int attempt, qint64 jobId) const
{
    Result<RenderedAttempt> rendered = render(run, attempt);
    if (!rendered)
        return makeError(rendered.error());
    const std::vector<SampleJob>& jobs = run.attempt(attempt)->jobs;
    for (size_t j = 0; j < jobs.size(); ++j) {
        if (jobs[j].id != jobId)
            continue;
        // Entries come per job: the job-level file first.
        const QString prefix = LogWriter::entryName(jobs[j].name) + QStringLiteral(".txt");
        for (const RenderedEntry& entry : rendered->entries) {
            if (!entry.name.contains(QLatin1Char('/')) && entry.name.endsWith(QLatin1Char('_') + prefix))
                return entry.data;
        }
    }
    return makeError(QStringLiteral("sample run %1 attempt %2: no job %3").arg(run.id).arg(attempt).arg(jobId));
}

} // namespace runlens::sample
