#pragma once

#include "common/result.h"
#include "metricresults.h"

#include <span>
#include <vector>

namespace runlens::model {

// Several detectors' metrics on the same labelled rows, side by side.
class ComparisonTable
{
public:
    // One row per detector: ROC AUC, average precision, precision@k and recall@k of its scores, and the
    // threshold metrics of its flags when it has any. Errors name the detector.
    static Result<ComparisonTable> build(std::span<const DetectorScores> detectors, std::span<const int> labels, int k);

    const std::vector<ComparisonRow>& rows() const { return m_rows; }
    int k() const { return m_k; }

    // CSV with a header: detector,roc_auc,average_precision,precision_at_k,recall_at_k,precision,recall,f1
    // (the last three empty for detectors without flags).
    QString toCsv() const;

private:
    std::vector<ComparisonRow> m_rows;
    int m_k = 0;
};

} // namespace runlens::model
