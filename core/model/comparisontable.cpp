#include "comparisontable.h"

#include "metrics.h"

namespace runlens::model {

Result<ComparisonTable> ComparisonTable::build(
    std::span<const DetectorScores> detectors, std::span<const int> labels, int k)
{
    ComparisonTable table;
    table.m_k = k;
    for (const DetectorScores& d : detectors) {
        const auto fail = [&d](const QString& message) {
            return makeError(QStringLiteral("detector '%1': %2").arg(d.name, message));
        };
        ComparisonRow row;
        row.detector = d.name;
        Result<double> auc = Metrics::rocAuc(d.scores, labels);
        if (!auc)
            return fail(auc.error());
        Result<double> ap = Metrics::averagePrecision(d.scores, labels);
        if (!ap)
            return fail(ap.error());
        Result<double> pk = Metrics::precisionAtK(d.scores, labels, k);
        if (!pk)
            return fail(pk.error());
        Result<double> rk = Metrics::recallAtK(d.scores, labels, k);
        if (!rk)
            return fail(rk.error());
        row.rocAuc = *auc;
        row.averagePrecision = *ap;
        row.precisionAtK = *pk;
        row.recallAtK = *rk;
        if (!d.flags.empty()) {
            Result<ThresholdMetrics> m = Metrics::fromFlags(d.flags, labels);
            if (!m)
                return fail(m.error());
            row.atFlags = *m;
        }
        table.m_rows.push_back(std::move(row));
    }
    return table;
}

QString ComparisonTable::toCsv() const
{
    const auto number = [](double v) { return QString::number(v, 'g', 10); };
    QString csv = QStringLiteral("detector,roc_auc,average_precision,precision_at_k,recall_at_k,precision,recall,f1\n");
    for (const ComparisonRow& r : m_rows) {
        csv += r.detector + QLatin1Char(',') + number(r.rocAuc) + QLatin1Char(',') + number(r.averagePrecision)
            + QLatin1Char(',') + number(r.precisionAtK) + QLatin1Char(',') + number(r.recallAtK);
        if (r.atFlags)
            csv += QLatin1Char(',') + number(r.atFlags->precision) + QLatin1Char(',') + number(r.atFlags->recall)
                + QLatin1Char(',') + number(r.atFlags->f1);
        else
            csv += QStringLiteral(",,,");
        csv += QLatin1Char('\n');
    }
    return csv;
}

} // namespace runlens::model
