#pragma once

#include "features/runfeatures.h"
#include "features/templatebaseline.h"

#include <QHash>
#include <QString>

#include <array>
#include <vector>

namespace runlens::features {

// The successful runs of a corpus, by workflow, by repository and all together, to compare each run
// with: its duration vs the median successful run, its share of novel templates and its novel error
// lines (the baseline features), against its workflow's successful runs (leave-one-out), else its
// repository's, else all of them. Memory grows with the distinct templates and the successful runs'
// durations, not with the runs' lines: add() every successful run first (in any order), then apply()
// to each run, one at a time.
class Baselines
{
public:
    // The features apply() fills in.
    static constexpr std::array<Feature, 3> kFeatures { Feature::DurationVsSuccessMedian, Feature::NovelTemplateShare,
        Feature::NovelErrorLines };

    // Adds a successful run whose logs were read: its duration and templates.
    void add(const RunInput& input, const RunFeatures& run);
    // Fills the run's baseline features (their values and evidence) from its templates, error lines and
    // duration; `added` says whether add() took the run (it is then left out of its own baseline).
    void apply(const RunInput& input, RunFeatures& run, bool added) const;

private:
    // What the successful runs of one group (workflow, repository, everything) look like.
    struct Group
    {
        TemplateBaseline templates; // what the successful runs printed
        std::vector<double> durations;
        int successes = 0;
    };
    static QString workflowKey(const RunInput& input);

    QHash<QString, Group> m_byWorkflow;
    QHash<QString, Group> m_byRepo;
    Group m_everything;
};

} // namespace runlens::features
