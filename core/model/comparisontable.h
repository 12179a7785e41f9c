#pragma once

#include "common/result.h"
#include "metricresults.h"

#include <optional>
#include <span>
#include <vector>

namespace runlens::model {

// Several detectors' metrics on the same labelled rows, side by side, optionally with stratified bootstrap
// intervals.
class ComparisonTable
{
public:
    // One row per detector: ROC AUC, average precision, precision@k and recall@k of its scores, and the
    // threshold metrics of its flags when it has any. With `bootstrap`, every metric gets its percentile
    // interval over the same resamples for all detectors (Bootstrap). Errors name the detector.
    static Result<ComparisonTable> build(std::span<const DetectorScores> detectors, std::span<const int> labels, int k,
        const std::optional<BootstrapOptions>& bootstrap = std::nullopt);

    const std::vector<ComparisonRow>& rows() const { return m_rows; }
    int k() const { return m_k; }
    // The bootstrap settings of the intervals; empty when there are none.
    const std::optional<BootstrapOptions>& bootstrap() const { return m_bootstrap; }

    // The CSV column name of a metric (roc_auc, average_precision, precision_at_k, ...) and a short
    // human header (ROC AUC, AP, P@k, ...).
    static QString metricKey(Metric metric);
    static QString metricHeader(Metric metric, int k);

    // CSV with a header: detector,roc_auc,average_precision,precision_at_k,recall_at_k,precision,recall,f1
    // (the last three empty for detectors without flags), then <metric>_ci_low,<metric>_ci_high for every
    // metric when there are intervals.
    QString toCsv() const;
    // A booktabs LaTeX table (\usepackage{booktabs}) of the same values, intervals under each value's
    // column as [low, high], the best value of each column in bold.
    QString toLatex(const QString& caption) const;
    // The same as a Markdown table.
    QString toMarkdown() const;
    // Writes toLatex() to `texPath` and toCsv() beside it (its name with .csv), creating the folder; returns
    // the two paths. Refuses a `texPath` ending in .csv.
    Result<QStringList> writeLatex(const QString& texPath, const QString& caption) const;

private:
    std::vector<ComparisonRow> m_rows;
    int m_k = 0;
    std::optional<BootstrapOptions> m_bootstrap;
};

} // namespace runlens::model
