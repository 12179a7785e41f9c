#include "detectorcomparison.h"

#include "bootstrap.h"
#include "common/computepool.h"
#include "delong.h"
#include "metrics.h"

#include <QtConcurrent/QtConcurrentMap>

#include <cmath>
#include <numeric>

namespace runlens::model {

Result<PairedComparison> DetectorComparison::compare(
    const DetectorScores& a, const DetectorScores& b, std::span<const int> labels, const BootstrapOptions& options)
{
    const auto fail = [&](const QString& message) {
        return makeError(QStringLiteral("comparing '%1' with '%2': %3").arg(a.name, b.name, message));
    };
    PairedComparison out;
    out.detectorA = a.name;
    out.detectorB = b.name;
    out.level = options.level;
    Result<PairedTest> delong = DeLong::compare(a.scores, b.scores, labels, options.level);
    if (!delong)
        return fail(delong.error());
    out.rocAuc = *delong;

    Result<double> apA = Metrics::averagePrecision(a.scores, labels);
    Result<double> apB = Metrics::averagePrecision(b.scores, labels);
    if (!apA || !apB)
        return fail(!apA ? apA.error() : apB.error());
    Result<Bootstrap> resampler = Bootstrap::create(labels, options);
    if (!resampler)
        return fail(resampler.error());
    std::vector<int> index(std::size_t(resampler->resamples()));
    std::iota(index.begin(), index.end(), 0);
    std::vector<double> differences(index.size(), std::nan(""));
    QtConcurrent::blockingMap(computePool(), index, [&](int r) {
        const std::vector<std::size_t> rows = resampler->resample(r);
        const std::vector<int> y = gather(labels, std::span<const std::size_t>(rows));
        const Result<double> ra = Metrics::averagePrecision(
            gather(std::span<const double>(a.scores), std::span<const std::size_t>(rows)), y);
        const Result<double> rb = Metrics::averagePrecision(
            gather(std::span<const double>(b.scores), std::span<const std::size_t>(rows)), y);
        if (ra && rb)
            differences[std::size_t(r)] = *ra - *rb;
    });
    PairedTest& ap = out.averagePrecision;
    ap.metric = QStringLiteral("average_precision");
    ap.method = QStringLiteral("paired bootstrap");
    ap.a = *apA;
    ap.b = *apB;
    ap.difference = *apA - *apB;
    ap.interval = resampler->interval(differences);
    long long extreme = 0;
    long long counted = 0;
    for (double d : differences) {
        if (std::isnan(d))
            continue;
        ++counted;
        // A small tolerance so that a zero observed difference gives p = 1, not a rounding artefact.
        extreme += std::abs(d - ap.difference) >= std::abs(ap.difference) - 1e-12 ? 1 : 0;
    }
    ap.pValue = double(1 + extreme) / double(1 + counted);
    return out;
}

} // namespace runlens::model
