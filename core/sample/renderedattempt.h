#pragma once

#include <QByteArray>
#include <QString>

#include <vector>

namespace runlens::sample {

// A ground-truth line: `entry` is the archive entry name, `line` 1-based, `text` the line
// without its timestamp prefix.
struct SampleEvidence
{
    QString entry;
    int line = 0;
    QString text;
};

struct RenderedEntry
{
    QString name; // archive entry name, e.g. "build/3_Run tests.txt"
    QByteArray data;
};

// The log archive of one run attempt, before zipping. `evidence` lists the decisive lines of a
// memory failure (first the job-level file, then the per-step file when the archive has one);
// it is empty for non-memory attempts.
struct RenderedAttempt
{
    std::vector<RenderedEntry> entries;
    std::vector<SampleEvidence> evidence;
};

} // namespace runlens::sample
