#include "forestoptions.h"

#include <QCommandLineParser>

namespace runlens::cli {

ForestOptions::ForestOptions()
    : m_trees(QStringLiteral("trees"), QStringLiteral("Number of trees (default 100)."), QStringLiteral("N"),
        QStringLiteral("100"))
    , m_samples(QStringLiteral("samples"), QStringLiteral("Sub-sample size per tree (default min(256, rows))."),
          QStringLiteral("N"))
    , m_contamination(QStringLiteral("contamination"),
          QStringLiteral("'auto' (offset -0.5) or the expected anomaly fraction in (0, 0.5]."),
          QStringLiteral("auto|F"), QStringLiteral("auto"))
    , m_seed(
          QStringLiteral("seed"), QStringLiteral("Random seed (default 0)."), QStringLiteral("S"), QStringLiteral("0"))
    , m_seeds(QStringLiteral("seeds"),
          QStringLiteral("Seed sweep: fit N forests with seeds S, S+1000003, S+2*1000003, ...; each run's stability is "
                         "the share of them "
                         "that flag it (default 1: no sweep)."),
          QStringLiteral("N"), QStringLiteral("1"))
{
}

void ForestOptions::addSeedsTo(QCommandLineParser& parser) const
{
    parser.addOption(m_seeds);
}

Result<int> ForestOptions::readSeeds(const QCommandLineParser& parser) const
{
    bool ok = false;
    const int seeds = parser.value(m_seeds).toInt(&ok);
    if (!ok || seeds < 1 || seeds > 1000)
        return makeError(
            QStringLiteral("--seeds '%1' is not a whole number from 1 to 1000").arg(parser.value(m_seeds)));
    return seeds;
}

void ForestOptions::addTo(QCommandLineParser& parser) const
{
    parser.addOptions({ m_trees, m_samples, m_contamination, m_seed });
}

Result<model::ForestParameters> ForestOptions::read(const QCommandLineParser& parser) const
{
    model::ForestParameters params;
    bool ok = false;
    params.trees = parser.value(m_trees).toInt(&ok);
    if (!ok || params.trees < 1)
        return makeError(QStringLiteral("--trees '%1' is not a positive integer").arg(parser.value(m_trees)));
    if (parser.isSet(m_samples)) {
        params.maxSamples = parser.value(m_samples).toInt(&ok);
        if (!ok || params.maxSamples < 1)
            return makeError(QStringLiteral("--samples '%1' is not a positive integer").arg(parser.value(m_samples)));
    }
    const QString contamination = parser.value(m_contamination);
    if (contamination != QLatin1String("auto")) {
        const double c = contamination.toDouble(&ok);
        if (!ok || !(c > 0.0 && c <= 0.5))
            return makeError(
                QStringLiteral("--contamination '%1' is neither 'auto' nor a number in (0, 0.5]").arg(contamination));
        params.contamination = c;
    }
    params.seed = parser.value(m_seed).toULongLong(&ok);
    if (!ok)
        return makeError(QStringLiteral("--seed '%1' is not a non-negative integer").arg(parser.value(m_seed)));
    return params;
}

bool ForestOptions::anySet(const QCommandLineParser& parser) const
{
    return parser.isSet(m_trees) || parser.isSet(m_samples) || parser.isSet(m_contamination) || parser.isSet(m_seed);
}

} // namespace runlens::cli
