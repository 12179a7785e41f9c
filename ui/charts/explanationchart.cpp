#include "explanationchart.h"

#include "chartstyle.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QHorizontalStackedBarSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace runlens::ui {

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
} // namespace

ExplanationChart::ExplanationChart(QWidget* parent)
    : FigureChart(parent)
{
    ChartStyle::apply(chart(), tr("Explanation"));
}

ExplanationChart::~ExplanationChart() = default;

QString ExplanationChart::formatValue(double value, const QString& unit)
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
    const bool whole = std::abs(value - std::round(value)) < 1e-9;
    const QString number = whole ? QString::number(qint64(std::round(value))) : QString::number(value, 'g', 4);
    if (unit == QLatin1String("count") || unit == QLatin1String("code") || unit.isEmpty())
        return number;
    if (unit == QLatin1String("ratio"))
        return number;
    return QStringLiteral("%1 %2").arg(number, unit);
}

QString ExplanationChart::sentence(const features::FeatureDefinition& def, double value, double typical)
{
    return tr("%1 %2, typical %3").arg(def.name, formatValue(value, def.unit), formatValue(typical, def.unit));
}

void ExplanationChart::setRun(const pipeline::AnalysisResult& result, int runIndex, int topK)
{
    m_bars.clear();
    if (runIndex < 0 || size_t(runIndex) >= result.runs.size()) {
        rebuild();
        return;
    }
    const pipeline::RunAnalysis& run = result.runs[size_t(runIndex)];
    m_cMaxSamples = result.cMaxSamples > 0 ? result.cMaxSamples : 1;
    m_baseValue = result.baseValue;
    m_pathLength = run.pathLength;
    m_score = run.score;
    m_runTitle = tr("Run %1 (attempt %2), %3").arg(run.runId).arg(run.attempt).arg(run.repository);

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
        bar.value = run.features.values[size_t(catalogIndex)];
        bar.typical = median(std::move(all));
        bar.contribution = run.contributions[column];
        bar.sentence = sentence(def, bar.value, bar.typical);
        bar.evidence = run.features.evidence[size_t(catalogIndex)];
        m_bars.push_back(bar);
    }
    rebuild();
}

void ExplanationChart::setUnits(Units units)
{
    if (units == m_units)
        return;
    m_units = units;
    rebuild();
}

double ExplanationChart::shown(const Bar& bar) const
{
    return m_units == Units::PathLength ? bar.contribution : bar.contribution / -m_cMaxSamples;
}

QStringList ExplanationChart::sentences() const
{
    QStringList out;
    for (const Bar& bar : m_bars)
        out << bar.sentence;
    return out;
}

void ExplanationChart::rebuild()
{
    QChart* c = chart();
    c->removeAllSeries();
    for (QAbstractAxis* axis : c->axes())
        c->removeAxis(axis), delete axis;
    const bool log2 = m_units == Units::Log2Score;
    c->setTitle(m_bars.empty() ? tr("Explanation")
            : log2             ? tr("%1: score %2").arg(m_runTitle).arg(m_score, 0, 'f', 3)
                               : tr("%1: path length %2 (base %3)")
                         .arg(m_runTitle)
                         .arg(m_pathLength, 0, 'f', 2)
                         .arg(m_baseValue, 0, 'f', 2));

    // Two sets so that the sign has a colour; each category has one non-zero bar.
    auto* raises = new QBarSet(tr("makes the run more unusual"));
    auto* lowers = new QBarSet(tr("makes the run more typical"));
    raises->setColor(ChartStyle::colour(5));
    lowers->setColor(ChartStyle::colour(4));
    raises->setBorderColor(Qt::transparent);
    lowers->setBorderColor(Qt::transparent);
    QStringList categories;
    double extent = 0;
    // Horizontal bar axes grow upwards: add the least important first so the most important is on top.
    for (auto it = m_bars.rbegin(); it != m_bars.rend(); ++it) {
        const double v = shown(*it);
        const bool unusual = log2 ? v > 0 : v < 0;
        *raises << (unusual ? v : 0);
        *lowers << (unusual ? 0 : v);
        categories << it->sentence;
        extent = std::max(extent, std::abs(v));
    }
    auto* series = new QHorizontalStackedBarSeries;
    series->append(raises);
    series->append(lowers);
    series->setBarWidth(0.6);
    c->addSeries(series);
    auto* y = new QBarCategoryAxis;
    y->append(categories);
    ChartStyle::titleAxis(y, tr("Feature (typical = median of all runs)"));
    auto* x = new QValueAxis;
    ChartStyle::titleAxis(x,
        log2 ? tr("Contribution to log2(score) (TreeSHAP)")
             : tr("Contribution to mean path length E(h) (TreeSHAP, edges)"));
    extent = extent > 0 ? extent * 1.1 : 1;
    x->setRange(-extent, extent);
    x->applyNiceNumbers();
    x->setLabelFormat(QStringLiteral("%.2f"));
    c->addAxis(x, Qt::AlignBottom);
    c->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
    c->legend()->setAlignment(Qt::AlignBottom);
    const int count = int(m_bars.size());
    connect(series, &QAbstractBarSeries::clicked, this, [this, count](int index, QBarSet*) {
        activateBar(count - 1 - index); // categories were added in reverse
    });
}

void ExplanationChart::activateBar(int index)
{
    if (index < 0 || size_t(index) >= m_bars.size())
        return;
    const QList<features::LineRef>& evidence = m_bars[size_t(index)].evidence;
    if (evidence.isEmpty()) {
        emit evidenceRequested(QString(), {});
        return;
    }
    const QString entry = evidence.first().entry;
    QList<qint64> lines;
    for (const features::LineRef& ref : evidence)
        if (ref.entry == entry)
            lines << ref.line;
    emit evidenceRequested(entry, lines);
}

FigureData ExplanationChart::figureData() const
{
    FigureData data;
    data.header = { QStringLiteral("feature"), QStringLiteral("value"), QStringLiteral("typical"),
        QStringLiteral("contribution_path_length"), QStringLiteral("contribution_log2_score"),
        QStringLiteral("sentence") };
    for (const Bar& bar : m_bars)
        data.rows.push_back({ bar.featureId, QString::number(bar.value, 'g', 10), QString::number(bar.typical, 'g', 10),
            QString::number(bar.contribution, 'g', 10), QString::number(bar.contribution / -m_cMaxSamples, 'g', 10),
            bar.sentence });
    return data;
}

} // namespace runlens::ui
