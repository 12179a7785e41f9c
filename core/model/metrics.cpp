#include "metrics.h"

#include <algorithm>
#include <map>
#include <numeric>

namespace runlens::model {

namespace {
Status checkSizes(std::size_t a, std::size_t b, const char* what)
{
    if (a != b)
        return makeError(QStringLiteral("%1: %2 scores or flags for %3 labels").arg(QLatin1String(what)).arg(a).arg(b));
    if (a == 0)
        return makeError(QStringLiteral("%1: no rows").arg(QLatin1String(what)));
    return {};
}

// The scores with their labels, ascending by score. Every metric here treats a group of tied scores as
// one, so the order within it does not matter: a plain sort of the pairs, with no indirection through
// row indices (which took a fifth of `runlens-cli score` on 500,000 rows, twice).
struct ScoredLabel
{
    double score;
    bool positive;
};

std::vector<ScoredLabel> sortedByScore(std::span<const double> scores, std::span<const int> labels)
{
    std::vector<ScoredLabel> sorted(scores.size());
    for (std::size_t i = 0; i < sorted.size(); ++i)
        sorted[i] = { scores[i], labels[i] != 0 };
    std::sort(
        sorted.begin(), sorted.end(), [](const ScoredLabel& a, const ScoredLabel& b) { return a.score < b.score; });
    return sorted;
}

// Calls group(size, positives) for each group of tied scores, from the highest score down, until it
// returns false.
template <typename Group> void groupsDescending(const std::vector<ScoredLabel>& sorted, Group group)
{
    for (std::size_t end = sorted.size(); end > 0;) {
        std::size_t begin = end;
        long long positives = 0;
        while (begin > 0 && sorted[begin - 1].score == sorted[end - 1].score)
            positives += sorted[--begin].positive ? 1 : 0;
        if (!group(end - begin, positives))
            return;
        end = begin;
    }
}

// Expected number of positives among the k highest-scored rows when each group of tied scores is put in a
// uniformly random order: groups entirely above k count all their positives; the group straddling k
// contributes its positive share times the places left.
double expectedHitsAtK(std::span<const double> scores, std::span<const int> labels, std::size_t k)
{
    double hits = 0.0;
    std::size_t placed = 0;
    groupsDescending(sortedByScore(scores, labels), [&](std::size_t size, long long groupPositives) {
        const std::size_t take = std::min(size, k - placed);
        hits += take == size ? double(groupPositives) : double(groupPositives) * double(take) / double(size);
        placed += take;
        return placed < k;
    });
    return hits;
}

ThresholdMetrics finish(ThresholdMetrics m)
{
    const auto flagged = m.truePositives + m.falsePositives;
    const auto positives = m.truePositives + m.falseNegatives;
    m.precision = flagged > 0 ? double(m.truePositives) / double(flagged) : 0.0;
    m.recall = positives > 0 ? double(m.truePositives) / double(positives) : 0.0;
    m.f1 = m.precision + m.recall > 0 ? 2.0 * m.precision * m.recall / (m.precision + m.recall) : 0.0;
    return m;
}
} // namespace

Result<double> Metrics::rocAuc(std::span<const double> scores, std::span<const int> labels)
{
    if (Status ok = checkSizes(scores.size(), labels.size(), "ROC AUC"); !ok)
        return makeError(ok.error());
    const std::vector<ScoredLabel> sorted = sortedByScore(scores, labels);
    double positiveRankSum = 0.0;
    double positives = 0.0;
    for (std::size_t i = 0; i < sorted.size();) {
        std::size_t j = i;
        double groupPositives = 0.0;
        for (; j < sorted.size() && sorted[j].score == sorted[i].score; ++j)
            groupPositives += sorted[j].positive ? 1.0 : 0.0;
        const double midRank = (double(i + 1) + double(j)) / 2.0; // ranks i+1 .. j share their mean
        positiveRankSum += groupPositives * midRank;
        positives += groupPositives;
        i = j;
    }
    const double negatives = double(scores.size()) - positives;
    if (positives == 0 || negatives == 0)
        return makeError(QStringLiteral("ROC AUC: only one class present in the labels; it is not defined"));
    return (positiveRankSum - positives * (positives + 1.0) / 2.0) / (positives * negatives);
}

Result<double> Metrics::averagePrecision(std::span<const double> scores, std::span<const int> labels)
{
    if (Status ok = checkSizes(scores.size(), labels.size(), "average precision"); !ok)
        return makeError(ok.error());
    const auto positives = std::count_if(labels.begin(), labels.end(), [](int l) { return l != 0; });
    if (positives == 0)
        return makeError(QStringLiteral("average precision: no positive labels; it is not defined"));
    double ap = 0.0;
    double previousRecall = 0.0;
    long long tp = 0;
    long long seen = 0;
    groupsDescending(sortedByScore(scores, labels), [&](std::size_t size, long long groupPositives) {
        tp += groupPositives;
        seen += static_cast<long long>(size);
        const double recall = double(tp) / double(positives);
        const double precision = double(tp) / double(seen);
        ap += (recall - previousRecall) * precision;
        previousRecall = recall;
        return true;
    });
    return ap;
}

Result<double> Metrics::precisionAtK(std::span<const double> scores, std::span<const int> labels, int k)
{
    if (Status ok = checkSizes(scores.size(), labels.size(), "precision@k"); !ok)
        return makeError(ok.error());
    if (k < 1)
        return makeError(QStringLiteral("precision@k: k is %1; at least 1 is needed").arg(k));
    const std::size_t top = std::min(std::size_t(k), scores.size());
    return expectedHitsAtK(scores, labels, top) / double(top);
}

Result<double> Metrics::recallAtK(std::span<const double> scores, std::span<const int> labels, int k)
{
    if (Status ok = checkSizes(scores.size(), labels.size(), "recall@k"); !ok)
        return makeError(ok.error());
    if (k < 1)
        return makeError(QStringLiteral("recall@k: k is %1; at least 1 is needed").arg(k));
    const auto positives = std::count_if(labels.begin(), labels.end(), [](int l) { return l != 0; });
    if (positives == 0)
        return makeError(QStringLiteral("recall@k: no positive labels; it is not defined"));
    const std::size_t top = std::min(std::size_t(k), scores.size());
    return expectedHitsAtK(scores, labels, top) / double(positives);
}

Result<ThresholdMetrics> Metrics::atThreshold(
    std::span<const double> scores, std::span<const int> labels, double threshold)
{
    if (Status ok = checkSizes(scores.size(), labels.size(), "threshold metrics"); !ok)
        return makeError(ok.error());
    std::vector<int> flags(scores.size());
    std::transform(scores.begin(), scores.end(), flags.begin(), [&](double s) { return s >= threshold ? 1 : 0; });
    return fromFlags(flags, labels);
}

Result<ThresholdMetrics> Metrics::fromFlags(std::span<const int> flags, std::span<const int> labels)
{
    if (Status ok = checkSizes(flags.size(), labels.size(), "flag metrics"); !ok)
        return makeError(ok.error());
    ThresholdMetrics m;
    for (std::size_t i = 0; i < flags.size(); ++i) {
        const bool flagged = flags[i] != 0;
        const bool positive = labels[i] != 0;
        if (flagged && positive)
            ++m.truePositives;
        else if (flagged)
            ++m.falsePositives;
        else if (positive)
            ++m.falseNegatives;
        else
            ++m.trueNegatives;
    }
    return finish(m);
}

Result<std::vector<CategoryRecall>> Metrics::recallPerCategory(
    std::span<const int> flags, std::span<const int> labels, const QStringList& categories)
{
    if (Status ok = checkSizes(flags.size(), labels.size(), "recall per category"); !ok)
        return makeError(ok.error());
    if (std::size_t(categories.size()) != labels.size())
        return makeError(QStringLiteral("recall per category: %1 categories for %2 labels")
                             .arg(categories.size())
                             .arg(labels.size()));
    std::map<QString, CategoryRecall> byName;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (labels[i] == 0)
            continue;
        CategoryRecall& c = byName[categories[qsizetype(i)]];
        c.category = categories[qsizetype(i)];
        ++c.positives;
        if (flags[i] != 0)
            ++c.detected;
    }
    std::vector<CategoryRecall> out;
    out.reserve(byName.size());
    for (auto& [name, c] : byName) {
        c.recall = double(c.detected) / double(c.positives);
        out.push_back(c);
    }
    return out;
}

} // namespace runlens::model
