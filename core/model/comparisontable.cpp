#include "comparisontable.h"

#include "bootstrap.h"
#include "common/computepool.h"
#include "common/csvtable.h"
#include "metrics.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>
#include <QtConcurrent/QtConcurrentMap>

#include <numeric>

namespace runlens::model {

namespace {
constexpr std::array kMetrics { Metric::RocAuc, Metric::AveragePrecision, Metric::PrecisionAtK, Metric::RecallAtK,
    Metric::Precision, Metric::Recall, Metric::F1 };
static_assert(kMetrics.size() == std::size_t(kMetricCount));

Result<ComparisonRow> rowOf(
    const QString& name, std::span<const double> scores, std::span<const int> flags, std::span<const int> labels, int k)
{
    const auto fail
        = [&name](const QString& message) { return makeError(QStringLiteral("detector '%1': %2").arg(name, message)); };
    ComparisonRow row;
    row.detector = name;
    Result<double> auc = Metrics::rocAuc(scores, labels);
    if (!auc)
        return fail(auc.error());
    Result<double> ap = Metrics::averagePrecision(scores, labels);
    if (!ap)
        return fail(ap.error());
    Result<double> pk = Metrics::precisionAtK(scores, labels, k);
    if (!pk)
        return fail(pk.error());
    Result<double> rk = Metrics::recallAtK(scores, labels, k);
    if (!rk)
        return fail(rk.error());
    row.rocAuc = *auc;
    row.averagePrecision = *ap;
    row.precisionAtK = *pk;
    row.recallAtK = *rk;
    if (!flags.empty()) {
        Result<ThresholdMetrics> m = Metrics::fromFlags(flags, labels);
        if (!m)
            return fail(m.error());
        row.atFlags = *m;
    }
    return row;
}

QString number(double v)
{
    return QString::number(v, 'g', 10);
}

QString fixed(double v)
{
    return QString::number(v, 'f', 3);
}

// The best value of each metric column (highest; every metric here is "higher is better").
std::array<std::optional<double>, kMetricCount> bestPerColumn(const std::vector<ComparisonRow>& rows)
{
    std::array<std::optional<double>, kMetricCount> best;
    for (const ComparisonRow& row : rows) {
        for (Metric metric : kMetrics) {
            const std::optional<double> v = row.value(metric);
            auto& b = best[std::size_t(metric)];
            if (v && (!b || *v > *b))
                b = v;
        }
    }
    return best;
}

QString latexEscape(QString text)
{
    text.replace(QLatin1Char('\\'), QStringLiteral("\\textbackslash{}"));
    for (const char c : { '&', '%', '$', '#', '_', '{', '}' })
        text.replace(QLatin1Char(c), QLatin1Char('\\') + QLatin1Char(c));
    text.replace(QLatin1Char('~'), QStringLiteral("\\textasciitilde{}"));
    text.replace(QLatin1Char('^'), QStringLiteral("\\textasciicircum{}"));
    return text;
}
} // namespace

Result<ComparisonTable> ComparisonTable::build(std::span<const DetectorScores> detectors, std::span<const int> labels,
    int k, const std::optional<BootstrapOptions>& bootstrap)
{
    ComparisonTable table;
    table.m_k = k;
    for (const DetectorScores& d : detectors) {
        Result<ComparisonRow> row = rowOf(d.name, d.scores, d.flags, labels, k);
        if (!row)
            return makeError(row.error());
        table.m_rows.push_back(std::move(*row));
    }
    if (!bootstrap || bootstrap->resamples == 0)
        return table;

    Result<Bootstrap> resampler = Bootstrap::create(labels, *bootstrap);
    if (!resampler)
        return makeError(resampler.error());
    table.m_bootstrap = bootstrap;
    // values[b][d]: the metrics of detector d on resample b; resamples run in parallel, each from its own
    // generator, so the intervals do not depend on the thread count.
    struct Resample
    {
        int index = 0;
        std::vector<std::array<double, kMetricCount>> values;
        Status status;
    };
    std::vector<Resample> resamples(std::size_t(resampler->resamples()));
    for (std::size_t b = 0; b < resamples.size(); ++b)
        resamples[b].index = int(b);
    QtConcurrent::blockingMap(computePool(), resamples, [&](Resample& r) {
        const std::vector<std::size_t> rows = resampler->resample(r.index);
        const std::vector<int> y = gather(labels, std::span<const std::size_t>(rows));
        for (const DetectorScores& d : detectors) {
            const std::vector<double> s = gather(std::span<const double>(d.scores), std::span<const std::size_t>(rows));
            const std::vector<int> f = d.flags.empty()
                ? std::vector<int>()
                : gather(std::span<const int>(d.flags), std::span<const std::size_t>(rows));
            Result<ComparisonRow> row = rowOf(d.name, s, f, y, k);
            if (!row) {
                r.status = makeError(row.error());
                return;
            }
            std::array<double, kMetricCount> v {};
            for (Metric metric : kMetrics)
                v[std::size_t(metric)] = row->value(metric).value_or(std::nan(""));
            r.values.push_back(v);
        }
    });
    for (const Resample& r : resamples) {
        if (!r.status)
            return makeError(QStringLiteral("bootstrap resample %1: %2").arg(r.index).arg(r.status.error()));
    }
    for (std::size_t d = 0; d < table.m_rows.size(); ++d) {
        for (Metric metric : kMetrics) {
            if (!table.m_rows[d].value(metric))
                continue;
            std::vector<double> values;
            values.reserve(resamples.size());
            for (const Resample& r : resamples)
                values.push_back(r.values[d][std::size_t(metric)]);
            table.m_rows[d].intervals[std::size_t(metric)] = resampler->interval(std::move(values));
        }
    }
    return table;
}

QString ComparisonTable::metricKey(Metric metric)
{
    switch (metric) {
    case Metric::RocAuc:
        return QStringLiteral("roc_auc");
    case Metric::AveragePrecision:
        return QStringLiteral("average_precision");
    case Metric::PrecisionAtK:
        return QStringLiteral("precision_at_k");
    case Metric::RecallAtK:
        return QStringLiteral("recall_at_k");
    case Metric::Precision:
        return QStringLiteral("precision");
    case Metric::Recall:
        return QStringLiteral("recall");
    case Metric::F1:
        return QStringLiteral("f1");
    }
    return {};
}

QString ComparisonTable::metricHeader(Metric metric, int k)
{
    switch (metric) {
    case Metric::RocAuc:
        return QStringLiteral("ROC AUC");
    case Metric::AveragePrecision:
        return QStringLiteral("AP");
    case Metric::PrecisionAtK:
        return QStringLiteral("P@%1").arg(k);
    case Metric::RecallAtK:
        return QStringLiteral("R@%1").arg(k);
    case Metric::Precision:
        return QStringLiteral("Precision");
    case Metric::Recall:
        return QStringLiteral("Recall");
    case Metric::F1:
        return QStringLiteral("F1");
    }
    return {};
}

QString ComparisonTable::toCsv() const
{
    QString csv = QStringLiteral("detector");
    for (Metric metric : kMetrics)
        csv += QLatin1Char(',') + metricKey(metric);
    if (m_bootstrap) {
        for (Metric metric : kMetrics)
            csv += QLatin1Char(',') + metricKey(metric) + QStringLiteral("_ci_low,") + metricKey(metric)
                + QStringLiteral("_ci_high");
    }
    csv += QLatin1Char('\n');
    for (const ComparisonRow& r : m_rows) {
        csv += CsvTable::quote(r.detector);
        for (Metric metric : kMetrics) {
            const std::optional<double> v = r.value(metric);
            csv += QLatin1Char(',') + (v ? number(*v) : QString());
        }
        if (m_bootstrap) {
            for (Metric metric : kMetrics) {
                const Interval& i = r.interval(metric);
                csv += i.valid() ? QLatin1Char(',') + number(i.low) + QLatin1Char(',') + number(i.high)
                                 : QStringLiteral(",,");
            }
        }
        csv += QLatin1Char('\n');
    }
    return csv;
}

QString ComparisonTable::toLatex(const QString& caption) const
{
    const auto best = bestPerColumn(m_rows);
    QString tex = QStringLiteral("% booktabs table written by RunLens; needs \\usepackage{booktabs}\n"
                                 "\\begin{table}[htbp]\n\\centering\n");
    if (!caption.isEmpty())
        tex += QStringLiteral("\\caption{%1}\n").arg(latexEscape(caption));
    tex += QStringLiteral("\\begin{tabular}{l") + QString(kMetricCount, QLatin1Char('r'))
        + QStringLiteral("}\n\\toprule\n");
    tex += QStringLiteral("Detector");
    for (Metric metric : kMetrics)
        tex += QStringLiteral(" & ") + latexEscape(metricHeader(metric, m_k));
    tex += QStringLiteral(" \\\\\n\\midrule\n");
    for (const ComparisonRow& r : m_rows) {
        QString values = latexEscape(r.detector);
        QString intervals;
        bool anyInterval = false;
        for (Metric metric : kMetrics) {
            const std::optional<double> v = r.value(metric);
            const std::optional<double>& b = best[std::size_t(metric)];
            // Bold compares the printed values, so that rounding ties are bold together.
            const bool isBest = v && b && fixed(*v) == fixed(*b);
            values += QStringLiteral(" & ")
                + (!v            ? QStringLiteral("--")
                        : isBest ? QStringLiteral("\\textbf{%1}").arg(fixed(*v))
                                 : fixed(*v));
            const Interval& i = r.interval(metric);
            intervals += QStringLiteral(" & ");
            if (i.valid()) {
                intervals += QStringLiteral("{\\footnotesize [%1, %2]}").arg(fixed(i.low), fixed(i.high));
                anyInterval = true;
            }
        }
        tex += values + QStringLiteral(" \\\\\n");
        if (anyInterval)
            tex += intervals + QStringLiteral(" \\\\\n");
    }
    tex += QStringLiteral("\\bottomrule\n\\end{tabular}\n");
    if (m_bootstrap)
        tex += QStringLiteral("\\par\\smallskip{\\footnotesize Brackets: %1\\,\\% stratified bootstrap percentile "
                              "intervals, %2 resamples, seed %3.}\n")
                   .arg(m_bootstrap->level * 100.0, 0, 'g', 4)
                   .arg(m_bootstrap->resamples)
                   .arg(m_bootstrap->seed);
    tex += QStringLiteral("\\end{table}\n");
    return tex;
}

QString ComparisonTable::toMarkdown() const
{
    const auto best = bestPerColumn(m_rows);
    QString md = QStringLiteral("| detector |");
    QString rule = QStringLiteral("|---|");
    for (Metric metric : kMetrics) {
        md += QLatin1Char(' ') + metricHeader(metric, m_k) + QStringLiteral(" |");
        rule += QStringLiteral("---:|");
    }
    md += QLatin1Char('\n') + rule + QLatin1Char('\n');
    for (const ComparisonRow& r : m_rows) {
        md += QStringLiteral("| ") + r.detector + QStringLiteral(" |");
        for (Metric metric : kMetrics) {
            const std::optional<double> v = r.value(metric);
            const std::optional<double>& b = best[std::size_t(metric)];
            QString cell = !v ? QStringLiteral("-") : fixed(*v);
            if (v && b && fixed(*v) == fixed(*b))
                cell = QStringLiteral("**%1**").arg(cell);
            const Interval& i = r.interval(metric);
            if (i.valid())
                cell += QStringLiteral(" [%1, %2]").arg(fixed(i.low), fixed(i.high));
            md += QLatin1Char(' ') + cell + QStringLiteral(" |");
        }
        md += QLatin1Char('\n');
    }
    return md;
}

Result<QStringList> ComparisonTable::writeLatex(const QString& texPath, const QString& caption) const
{
    const QFileInfo tex(texPath);
    if (tex.suffix().compare(QLatin1String("csv"), Qt::CaseInsensitive) == 0)
        return makeError(QStringLiteral("LaTeX table '%1': the CSV is written beside the LaTeX file; name a .tex file")
                             .arg(texPath));
    const QString csvPath = tex.dir().filePath(tex.completeBaseName() + QStringLiteral(".csv"));
    if (!QDir().mkpath(tex.absolutePath()))
        return makeError(QStringLiteral("LaTeX table '%1': cannot create its folder").arg(texPath));
    for (const auto& [path, text] : { std::pair { texPath, toLatex(caption) }, std::pair { csvPath, toCsv() } }) {
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(text.toUtf8()) < 0 || !file.commit())
            return makeError(QStringLiteral("cannot write '%1': %2").arg(path, file.errorString()));
    }
    return QStringList { texPath, csvPath };
}

} // namespace runlens::model
