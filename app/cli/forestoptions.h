#pragma once

#include "common/result.h"
#include "model/forestparameters.h"

#include <QCommandLineOption>

class QCommandLineParser;

namespace runlens::cli {

// The Isolation Forest flags shared by `analyze` and `score`: --trees, --samples, --contamination,
// --seed, with scikit-learn's defaults.
class ForestOptions
{
public:
    ForestOptions();
    void addTo(QCommandLineParser& parser) const;
    // The parameters, or an error naming the bad flag and value.
    Result<model::ForestParameters> read(const QCommandLineParser& parser) const;
    // --seeds N: a seed sweep of N forests (seeds S + i * 1000003), for `analyze` and `evaluate`.
    void addSeedsTo(QCommandLineParser& parser) const;
    // 1 when not given; an error naming the value when it is not a whole number from 1 to 1000.
    Result<int> readSeeds(const QCommandLineParser& parser) const;
    // True when any of the flags was given.
    bool anySet(const QCommandLineParser& parser) const;

private:
    QCommandLineOption m_trees;
    QCommandLineOption m_samples;
    QCommandLineOption m_contamination;
    QCommandLineOption m_seed;
    QCommandLineOption m_seeds;
};

} // namespace runlens::cli
