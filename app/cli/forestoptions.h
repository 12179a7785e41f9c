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
    // True when any of the flags was given.
    bool anySet(const QCommandLineParser& parser) const;

private:
    QCommandLineOption m_trees;
    QCommandLineOption m_samples;
    QCommandLineOption m_contamination;
    QCommandLineOption m_seed;
};

} // namespace runlens::cli
