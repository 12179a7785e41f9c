#include "delong.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <numeric>
#include <vector>

namespace runlens::model {

namespace {
// Mid-ranks (1-based; ties share the mean of their ranks) of `values`.
std::vector<double> midRanks(const std::vector<double>& values)
{
    std::vector<std::size_t> order(values.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return values[x] < values[y]; });
    std::vector<double> ranks(values.size());
    for (std::size_t i = 0; i < order.size();) {
        std::size_t j = i;
        while (j < order.size() && values[order[j]] == values[order[i]])
            ++j;
        const double mid = (double(i + 1) + double(j)) / 2.0;
        for (std::size_t t = i; t < j; ++t)
            ranks[order[t]] = mid;
        i = j;
    }
    return ranks;
}

// AUC and placement values of one detector: v10[i] for each positive (the share of negatives it
// outranks), v01[j] for each negative (the share of positives that outrank it).
struct Placements
{
    double auc = 0.0;
    std::vector<double> v10;
    std::vector<double> v01;
};

Placements placements(std::span<const double> scores, std::span<const int> labels)
{
    std::vector<double> positives;
    std::vector<double> negatives;
    for (std::size_t i = 0; i < scores.size(); ++i)
        (labels[i] != 0 ? positives : negatives).push_back(scores[i]);
    const double m = double(positives.size());
    const double n = double(negatives.size());
    std::vector<double> all = positives;
    all.insert(all.end(), negatives.begin(), negatives.end());
    const std::vector<double> tz = midRanks(all);
    const std::vector<double> tx = midRanks(positives);
    const std::vector<double> ty = midRanks(negatives);
    Placements p;
    double rankSum = 0.0;
    for (std::size_t i = 0; i < positives.size(); ++i) {
        rankSum += tz[i];
        p.v10.push_back((tz[i] - tx[i]) / n);
    }
    for (std::size_t j = 0; j < negatives.size(); ++j)
        p.v01.push_back(1.0 - (tz[positives.size() + j] - ty[j]) / m);
    p.auc = (rankSum - m * (m + 1.0) / 2.0) / (m * n);
    return p;
}

// Sample covariance (denominator size - 1) of two equally long vectors; 0 for fewer than two values.
double covariance(const std::vector<double>& x, const std::vector<double>& y)
{
    if (x.size() < 2)
        return 0.0;
    const double mx = std::accumulate(x.begin(), x.end(), 0.0) / double(x.size());
    const double my = std::accumulate(y.begin(), y.end(), 0.0) / double(y.size());
    double sum = 0.0;
    for (std::size_t i = 0; i < x.size(); ++i)
        sum += (x[i] - mx) * (y[i] - my);
    return sum / double(x.size() - 1);
}
} // namespace

Result<PairedTest> DeLong::compare(
    std::span<const double> a, std::span<const double> b, std::span<const int> labels, double level)
{
    if (a.size() != labels.size() || b.size() != labels.size())
        return makeError(QStringLiteral("DeLong test: %1 and %2 scores for %3 labels")
                             .arg(a.size())
                             .arg(b.size())
                             .arg(labels.size()));
    if (!(level > 0.0 && level < 1.0))
        return makeError(QStringLiteral("DeLong test: confidence level %1 is not between 0 and 1").arg(level));
    const auto positives = std::size_t(std::count_if(labels.begin(), labels.end(), [](int l) { return l != 0; }));
    if (positives == 0 || positives == labels.size())
        return makeError(QStringLiteral("DeLong test: only one class present in the labels; ROC AUC is not defined"));
    const Placements pa = placements(a, labels);
    const Placements pb = placements(b, labels);
    const double m = double(pa.v10.size());
    const double n = double(pa.v01.size());
    const double variance
        = (covariance(pa.v10, pa.v10) + covariance(pb.v10, pb.v10) - 2.0 * covariance(pa.v10, pb.v10)) / m
        + (covariance(pa.v01, pa.v01) + covariance(pb.v01, pb.v01) - 2.0 * covariance(pa.v01, pb.v01)) / n;

    PairedTest test;
    test.metric = QStringLiteral("roc_auc");
    test.method = QStringLiteral("DeLong");
    test.a = pa.auc;
    test.b = pb.auc;
    test.difference = pa.auc - pb.auc;
    const double sd = std::sqrt(std::max(variance, 0.0));
    const double z = normalQuantile(1.0 - (1.0 - level) / 2.0);
    test.interval = { test.difference - z * sd, test.difference + z * sd };
    if (sd > 0.0) {
        test.statistic = test.difference / sd;
        test.pValue = std::erfc(std::abs(test.statistic) / std::numbers::sqrt2);
    } else {
        test.pValue = test.difference == 0.0 ? 1.0 : 0.0;
    }
    return test;
}

double DeLong::normalQuantile(double p)
{
    if (!(p > 0.0 && p < 1.0))
        return std::nan("");
    // Acklam's rational approximations, relative error below 1.15e-9 ...
    static constexpr std::array<double, 6> a { -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
        1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00 };
    static constexpr std::array<double, 5> b { -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
        6.680131188771972e+01, -1.328068155288572e+01 };
    static constexpr std::array<double, 6> c { -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
        -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00 };
    static constexpr std::array<double, 4> d { 7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
        3.754408661907416e+00 };
    constexpr double low = 0.02425;
    double x = 0.0;
    if (p < low) {
        const double q = std::sqrt(-2.0 * std::log(p));
        x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
            / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
    } else if (p <= 1.0 - low) {
        const double q = p - 0.5;
        const double r = q * q;
        x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
            / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
    } else {
        const double q = std::sqrt(-2.0 * std::log(1.0 - p));
        x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
            / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
    }
    // ... and Halley steps on the exact CDF (erfc) bring it to full double precision.
    for (int step = 0; step < 2; ++step) {
        const double e = 0.5 * std::erfc(-x / std::numbers::sqrt2) - p;
        const double u = e * std::sqrt(2.0 * std::numbers::pi) * std::exp(x * x / 2.0);
        x = x - u / (1.0 + x * u / 2.0);
    }
    return x;
}

} // namespace runlens::model
