#pragma once

#include "common/result.h"

#include <QString>

namespace runlens::sample {

class SampleCorpus;

struct SeedLayoutSummary
{
    int runs = 0;
    int attempts = 0; // attempts with logs (each has a ZIP)
    int expiredRuns = 0;
    int memoryAttempts = 0;
    qint64 bytes = 0; // everything written
};

// Writes a corpus in the old pipeline's seed layout plus ground truth:
//   workflow_runs.csv, labels.csv, logs_failure/<run_id>/..., logs_normal/<run_id>/...,
//   zips/<owner>/<repo>/<run_id>-<attempt>.zip and the marker file .runlens-sample.
// See docs/sample-corpus.md.
class SeedLayoutWriter
{
public:
    explicit SeedLayoutWriter(const SampleCorpus& corpus);

    // Refuses a non-empty folder that is not an earlier sample corpus unless `force`; replaces
    // the corpus files of an earlier run.
    Result<SeedLayoutSummary> write(const QString& dir, bool force) const;

    static QString markerFileName() { return QStringLiteral(".runlens-sample"); }

private:
    const SampleCorpus& m_corpus;
};

} // namespace runlens::sample
