#include "detectorcurve.h"

#include "model/metrics.h"

#include <algorithm>
#include <limits>
#include <numeric>

namespace runlens::report {

DetectorCurve DetectorCurve::compute(const model::DetectorScores& detector, std::span<const int> labels, int k)
{
    DetectorCurve curve;
    curve.name = detector.name;
    const size_t n = std::min(detector.scores.size(), labels.size());
    curve.rows = int(n);
    std::span<const double> scores(detector.scores.data(), n);
    labels = labels.first(n);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const Result<double> auc = model::Metrics::rocAuc(scores, labels);
    const Result<double> ap = model::Metrics::averagePrecision(scores, labels);
    curve.rocAuc = auc ? *auc : nan;
    curve.averagePrecision = ap ? *ap : nan;
    curve.k = std::min(k, int(n));
    const Result<double> pk = model::Metrics::precisionAtK(scores, labels, curve.k);
    curve.precisionAtK = pk ? *pk : nan;

    std::vector<size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return scores[a] > scores[b]; });
    long long positives = 0;
    for (size_t i = 0; i < n; ++i)
        positives += labels[i] != 0;
    curve.positives = int(positives);
    const long long negatives = (long long)n - positives;
    long long tp = 0, fp = 0;
    curve.roc.push_back({ 0, 0 });
    curve.pr.push_back({ 0, 1 });
    for (size_t i = 0; i < n;) {
        // One point per distinct threshold: tied scores enter together.
        size_t j = i;
        while (j < n && scores[order[j]] == scores[order[i]]) {
            (labels[order[j]] != 0 ? tp : fp)++;
            ++j;
        }
        curve.roc.push_back(
            { negatives ? double(fp) / double(negatives) : 0, positives ? double(tp) / double(positives) : 0 });
        if (positives)
            curve.pr.push_back({ double(tp) / double(positives), double(tp) / double(tp + fp) });
        i = j;
    }
    return curve;
}

std::vector<QPointF> DetectorCurve::prSteps() const
{
    std::vector<QPointF> steps;
    if (pr.empty())
        return steps;
    QPointF last = pr.front();
    steps.push_back(last);
    for (size_t j = 1; j < pr.size(); ++j) {
        if (pr[j].x() <= last.x())
            continue;
        steps.emplace_back(last.x(), pr[j].y());
        steps.push_back(pr[j]);
        last = pr[j];
    }
    return steps;
}

} // namespace runlens::report
