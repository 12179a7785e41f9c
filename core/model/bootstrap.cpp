#include "bootstrap.h"

#include "isolationforest.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace runlens::model {

namespace {
// SplitMix64 (Steele, Lea, Flood 2014): a full-period generator whose outputs are well mixed even for
// consecutive seeds, so the streams of resamples b and b + 1 are unrelated.
class SplitMix64
{
public:
    explicit SplitMix64(std::uint64_t state)
        : m_state(state)
    {
    }
    std::uint64_t next()
    {
        std::uint64_t z = (m_state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    // Uniform in [0, n), n > 0, without modulo bias (rejection of the incomplete last block).
    std::size_t below(std::size_t n)
    {
        const std::uint64_t bound = std::uint64_t(n);
        const std::uint64_t limit
            = std::numeric_limits<std::uint64_t>::max() - std::numeric_limits<std::uint64_t>::max() % bound;
        std::uint64_t x = next();
        while (x >= limit)
            x = next();
        return std::size_t(x % bound);
    }

private:
    std::uint64_t m_state;
};
} // namespace

Result<Bootstrap> Bootstrap::create(std::span<const int> labels, const BootstrapOptions& options)
{
    if (options.resamples < 1)
        return makeError(
            QStringLiteral("bootstrap: %1 resamples requested; at least 1 is needed").arg(options.resamples));
    if (!(options.level > 0.0 && options.level < 1.0))
        return makeError(QStringLiteral("bootstrap: confidence level %1 is not between 0 and 1").arg(options.level));
    Bootstrap bootstrap;
    bootstrap.m_options = options;
    for (std::size_t i = 0; i < labels.size(); ++i)
        (labels[i] != 0 ? bootstrap.m_positives : bootstrap.m_negatives).push_back(i);
    if (bootstrap.m_positives.empty() || bootstrap.m_negatives.empty())
        return makeError(QStringLiteral("bootstrap: %1 positive and %2 negative rows; both classes are needed")
                             .arg(bootstrap.m_positives.size())
                             .arg(bootstrap.m_negatives.size()));
    return bootstrap;
}

std::vector<std::size_t> Bootstrap::resample(int b) const
{
    // Hash the seed, add b, hash again: (seed, b) pairs do not collide the way seed ^ b or seed + b would
    // (seed 1's resample 2 would be seed 2's resample 1).
    SplitMix64 rng(SplitMix64(SplitMix64(m_options.seed).next() + std::uint64_t(b)).next());
    std::vector<std::size_t> rows;
    rows.reserve(m_positives.size() + m_negatives.size());
    for (const std::vector<std::size_t>* stratum : { &m_positives, &m_negatives }) {
        for (std::size_t i = 0; i < stratum->size(); ++i)
            rows.push_back((*stratum)[rng.below(stratum->size())]);
    }
    return rows;
}

Interval Bootstrap::interval(std::vector<double> values) const
{
    values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return std::isnan(v); }), values.end());
    if (values.empty())
        return {};
    const double tail = (1.0 - m_options.level) / 2.0;
    return { percentile(values, 100.0 * tail), percentile(values, 100.0 * (1.0 - tail)) };
}

} // namespace runlens::model
