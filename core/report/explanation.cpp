#include "explanation.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace runlens::report {

namespace {
double median(std::vector<double> values)
{
    if (values.empty())
        return 0;
    const size_t mid = values.size() / 2;
    std::nth_element(values.begin(), values.begin() + long(mid), values.end());
    const double upper = values[mid];
    if (values.size() % 2)
        return upper;
    const double lower = *std::max_element(values.begin(), values.begin() + long(mid));
    return (lower + upper) / 2;
}

QString number(double value)
{
    const bool whole = std::abs(value - std::round(value)) < 1e-9;
    return whole ? QString::number(qint64(std::round(value))) : QString::number(value, 'g', 4);
}

// "longest silence", but "OOM-killed hits" keeps its capitals.
QString lowerName(const QString& name)
{
    if (name.size() > 1 && name.at(0).isUpper() && name.at(1).isLower())
        return name.at(0).toLower() + name.mid(1);
    return name;
}

// "its longest silence (10 min 12 s) was 153x the typical (4 s)".
QString clause(const Explanation::Bar& bar)
{
    const QString value = Explanation::formatValue(bar.value, bar.unit);
    const QString typical = Explanation::formatValue(bar.typical, bar.unit);
    const QString ratio = Explanation::ratioText(bar.value, bar.typical);
    const QString what = QStringLiteral("its %1 (%2)").arg(lowerName(bar.name), value);
    if (!ratio.isEmpty() && bar.value > bar.typical)
        return QStringLiteral("%1 was %2 the typical (%3)").arg(what, ratio, typical);
    if (bar.value > bar.typical)
        return QStringLiteral("%1 was above the typical (%2)").arg(what, typical);
    if (bar.value < bar.typical)
        return QStringLiteral("%1 was below the typical (%2)").arg(what, typical);
    return QStringLiteral("%1 was typical").arg(what);
}
} // namespace

QStringList Explanation::sentences() const
{
    QStringList out;
    for (const Bar& bar : bars)
        out << bar.sentence;
    return out;
}

QString Explanation::runName(qint64 runNumber, qint64 runId)
{
    return runNumber > 0 ? QStringLiteral("Run #%1").arg(runNumber) : QStringLiteral("Run %1").arg(runId);
}

QString Explanation::formatDuration(double seconds)
{
    const bool negative = seconds < 0;
    seconds = std::abs(seconds);
    QString text;
    if (seconds < 60) {
        text = QStringLiteral("%1 s").arg(number(seconds < 10 ? std::round(seconds * 10) / 10 : std::round(seconds)));
    } else if (seconds < 3600) {
        const qint64 whole = qint64(std::round(seconds));
        text = QStringLiteral("%1 min %2 s").arg(whole / 60).arg(whole % 60);
    } else {
        const qint64 minutes = qint64(std::round(seconds / 60));
        text = QStringLiteral("%1 h %2 min").arg(minutes / 60).arg(minutes % 60);
    }
    return negative ? QLatin1Char('-') + text : text;
}

QString Explanation::formatValue(double value, const QString& unit)
{
    if (unit == QLatin1String("bytes")) {
        const char* units[] = { "B", "KiB", "MiB", "GiB" };
        int u = 0;
        while (std::abs(value) >= 1024 && u < 3)
            value /= 1024, ++u;
        return QStringLiteral("%1 %2").arg(QString::number(value, 'f', u ? 1 : 0), QLatin1String(units[u]));
    }
    if (unit == QLatin1String("0/1"))
        return value != 0 ? QStringLiteral("yes") : QStringLiteral("no");
    if (unit == QLatin1String("s"))
        return formatDuration(value);
    if (unit == QLatin1String("ratio"))
        return QStringLiteral("%1x").arg(QString::number(value, 'g', 2));
    if (unit == QLatin1String("count") || unit == QLatin1String("code") || unit.isEmpty())
        return number(value);
    return QStringLiteral("%1 %2").arg(number(value), unit);
}

QString Explanation::ratioText(double value, double typical)
{
    if (!(typical > 0) || !(value > 0))
        return {};
    const double ratio = value / typical;
    if (ratio < 1.5 && ratio > 1 / 1.5)
        return {};
    if (ratio < 1)
        return QStringLiteral("1/%1").arg(QString::number(1 / ratio, 'g', 2));
    return QStringLiteral("%1x").arg(ratio < 100 ? QString::number(ratio, 'g', 2) : QString::number(std::round(ratio)));
}

QString Explanation::sentence(const features::FeatureDefinition& def, double value, double typical)
{
    const QString v = formatValue(value, def.unit);
    const QString t = formatValue(typical, def.unit);
    // A ratio feature already is "x the typical": its own sentence says so.
    if (def.unit == QLatin1String("ratio"))
        return QStringLiteral("%1 %2 the typical").arg(def.name, v);
    const QString ratio = ratioText(value, typical);
    if (!ratio.isEmpty() && value > typical && def.unit != QLatin1String("0/1"))
        return QStringLiteral("%1 %2, %3 the typical %4").arg(def.name, v, ratio, t);
    return QStringLiteral("%1 %2, typical %3").arg(def.name, v, t);
}

Explanation Explanation::of(
    const pipeline::AnalysisResult& result, int runIndex, int topK, const features::FeatureEvidence& evidence)
{
    Explanation e;
    if (runIndex < 0 || size_t(runIndex) >= result.runs.size())
        return e;
    const pipeline::RunAnalysis& run = result.runs[size_t(runIndex)];
    e.runId = run.runId;
    e.attempt = run.attempt;
    e.runNumber = run.runNumber;
    e.repository = run.repository;
    e.flagged = run.flagged;
    e.score = run.score;
    e.threshold = result.threshold();
    e.pathLength = run.pathLength;
    e.baseValue = result.baseValue;
    e.cMaxSamples = result.cMaxSamples > 0 ? result.cMaxSamples : 1;
    e.title
        = QStringLiteral("%1 (%2, attempt %3)").arg(runName(run.runNumber, run.runId), run.repository).arg(run.attempt);

    std::vector<size_t> order(run.contributions.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
        [&](size_t a, size_t b) { return std::abs(run.contributions[a]) > std::abs(run.contributions[b]); });
    order.resize(std::min(order.size(), size_t(std::max(topK, 1))));
    for (size_t column : order) {
        if (column >= result.featureColumns.size())
            continue;
        const int catalogIndex = result.featureColumns[column];
        const features::FeatureDefinition& def = features::featureCatalog().at(catalogIndex);
        std::vector<double> all;
        all.reserve(result.runs.size());
        for (const pipeline::RunAnalysis& other : result.runs)
            all.push_back(other.features.values[size_t(catalogIndex)]);
        Bar bar;
        bar.featureId = def.id;
        bar.name = def.name;
        bar.unit = def.unit;
        bar.value = run.features.values[size_t(catalogIndex)];
        bar.typical = median(std::move(all));
        bar.contribution = run.contributions[column];
        bar.sentence = sentence(def, bar.value, bar.typical);
        bar.evidence = evidence[size_t(catalogIndex)];
        e.bars.push_back(bar);
    }

    // The summary names the (at most two) strongest features that made the run more unusual.
    QStringList reasons;
    for (const Bar& bar : e.bars) {
        if (bar.contribution < 0 && reasons.size() < 2)
            reasons << clause(bar);
    }
    const QString name = runName(run.runNumber, run.runId);
    const QString score = QString::number(run.score, 'f', 3);
    const QString threshold = QString::number(e.threshold, 'f', 3);
    if (reasons.isEmpty()) {
        e.summary = run.flagged
            ? QStringLiteral("%1 was flagged (score %2, threshold %3).").arg(name, score, threshold)
            : QStringLiteral("%1 was not flagged (score %2, threshold %3): none of its features stands out.")
                  .arg(name, score, threshold);
    } else if (run.flagged) {
        e.summary = QStringLiteral("%1 was flagged mainly because %2. Score %3, threshold %4.")
                        .arg(name, reasons.join(QStringLiteral(", and ")), score, threshold);
    } else {
        e.summary = QStringLiteral("%1 was not flagged (score %2, threshold %3); what made it most unusual: %4.")
                        .arg(name, score, threshold, reasons.join(QStringLiteral(", and ")));
    }
    return e;
}

} // namespace runlens::report
