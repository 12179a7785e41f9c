#include "featureimportance.h"

#include <algorithm>
#include <cmath>

namespace runlens::report {

FeatureImportance FeatureImportance::of(const pipeline::AnalysisResult& result, int topK)
{
    FeatureImportance importance;
    std::vector<Row>& rows = importance.rows;
    const size_t n = result.featureColumns.size();
    auto at = [](const std::vector<double>& v, size_t i) { return i < v.size() && std::isfinite(v[i]) ? v[i] : 0.0; };
    double sumAbs = 0, sumDiffi = 0;
    for (size_t i = 0; i < n; ++i) {
        sumAbs += at(result.meanAbsContribution, i);
        sumDiffi += at(result.diffi, i);
    }
    for (size_t i = 0; i < n; ++i) {
        const features::FeatureDefinition& def = features::featureCatalog().at(result.featureColumns[i]);
        Row row { def.id, def.name, at(result.meanAbsContribution, i), at(result.diffi, i), 0, 0 };
        row.meanAbsShare = sumAbs > 0 ? row.meanAbs / sumAbs : 0;
        row.diffiShare = sumDiffi > 0 ? row.diffi / sumDiffi : 0;
        rows.push_back(row);
    }
    std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.meanAbs > b.meanAbs; });
    rows.resize(std::min(rows.size(), size_t(std::max(topK, 1))));
    return importance;
}

} // namespace runlens::report
