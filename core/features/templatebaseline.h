#pragma once

#include <QHash>
#include <QtGlobal>

#include <span>

namespace runlens::features {

// The line templates (lineTemplateHash) that passing runs printed, with how many runs printed each. A
// line of another run is novel when no baseline run printed its template (logreduce's idea). Memory is
// linear in the distinct templates. Used by the feature extractor's novel-template features and by the
// failure-line ranking, so both call the same lines novel.
class TemplateBaseline
{
public:
    // Adds one run's distinct templates (each counted once per run, duplicates allowed).
    void addRun(std::span<const quint64> templates);

    int runs() const { return m_runs; }
    bool isEmpty() const { return m_runs == 0; }
    int runsWith(quint64 hash) const { return m_runsWith.value(hash); }
    // Novel unless a baseline run printed it; `self` = 1 leaves out a run that is itself in the baseline.
    bool isNovel(quint64 hash, int self = 0) const { return runsWith(hash) - self <= 0; }

private:
    QHash<quint64, int> m_runsWith;
    int m_runs = 0;
};

} // namespace runlens::features
