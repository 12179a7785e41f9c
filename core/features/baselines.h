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
// durations, not with the runs' lines; the templates of a repository or of all runs are only collected
// where a run falls back to them. In this order:
//   add() every successful run (any order); require() every run; where needsTemplates(), addTemplates()
//   of those successful runs; then apply() to each run.
class Baselines
{
public:
    // The features apply() fills in.
    static constexpr std::array<Feature, 3> kFeatures { Feature::DurationVsSuccessMedian, Feature::NovelTemplateShare,
        Feature::NovelErrorLines };

    // Adds a successful run whose logs were read: its duration, and its templates to its workflow's group.
    void add(const RunInput& input, const RunFeatures& run);
    // Notes which group apply() will compare the run with; `added`: add() took the run.
    void require(const RunInput& input, bool added);
    // Whether the templates of this successful run are wanted by a group require() asked for.
    bool needsTemplates(const RunInput& input) const;
    void addTemplates(const RunInput& input, const RunFeatures& run);
    // Fills the run's baseline features (their values and evidence) from its templates, error lines and
    // duration; `added`: add() took the run (it is then left out of its own baseline).
    void apply(const RunInput& input, RunFeatures& run, bool added) const;

private:
    // What the successful runs of one group (workflow, repository, everything) look like.
    struct Group
    {
        TemplateBaseline templates; // what the successful runs printed
        std::vector<double> durations;
        int successes = 0;
        bool templatesRequired = false; // a repository's or everything's: collect its templates
    };
    static QString workflowKey(const RunInput& input);
    const Group* groupFor(const RunInput& input, int self) const;

    QHash<QString, Group> m_byWorkflow;
    QHash<QString, Group> m_byRepo;
    Group m_everything;
};

} // namespace runlens::features
