#include "featureextractor.h"

#include "features/templatebaseline.h"

#include <QHash>

#include <algorithm>

namespace runlens::features {

namespace {
// What the successful runs of one group (workflow, repository, everything) look like.
struct Baseline
{
    TemplateBaseline templates; // what the successful runs printed
    std::vector<double> durations;
    int successes = 0;

    void add(const RunFeatures& run)
    {
        ++successes;
        durations.push_back(run.value(Feature::DurationSeconds));
        templates.addRun(run.templates);
    }
};

const Baseline* find(const QHash<QString, Baseline>& groups, const QString& key)
{
    const auto it = groups.constFind(key);
    return it == groups.cend() ? nullptr : &it.value();
}

double medianWithout(std::vector<double> values, std::optional<double> own)
{
    if (own) {
        const auto it = std::find(values.begin(), values.end(), *own);
        if (it != values.end())
            values.erase(it);
    }
    if (values.empty())
        return 0;
    const size_t mid = values.size() / 2;
    std::nth_element(values.begin(), values.begin() + qsizetype(mid), values.end());
    double median = values[mid];
    if (values.size() % 2 == 0) {
        const double lower = *std::max_element(values.begin(), values.begin() + qsizetype(mid));
        median = (median + lower) / 2;
    }
    return median;
}
} // namespace

void applyBaselines(std::span<const RunInput> inputs, std::span<RunFeatures> runs)
{
    Q_ASSERT(inputs.size() == runs.size());
    QHash<QString, Baseline> byWorkflow;
    QHash<QString, Baseline> byRepo;
    Baseline everything;
    auto workflowKey = [](const RunInput& input) -> QString { return input.repo + QLatin1Char('\n') + input.workflow; };
    auto inBaseline = [&](size_t i) { return inputs[i].successful && runs[i].error.isEmpty(); };

    for (size_t i = 0; i < runs.size(); ++i) {
        if (!inBaseline(i))
            continue;
        byWorkflow[workflowKey(inputs[i])].add(runs[i]);
        byRepo[inputs[i].repo].add(runs[i]);
        everything.add(runs[i]);
    }

    for (size_t i = 0; i < runs.size(); ++i) {
        RunFeatures& run = runs[i];
        const int self = inBaseline(i) ? 1 : 0;
        const Baseline* baseline = nullptr;
        for (const Baseline* candidate :
            { find(byWorkflow, workflowKey(inputs[i])), find(byRepo, inputs[i].repo), &std::as_const(everything) }) {
            if (candidate && candidate->successes - self >= 1) {
                baseline = candidate;
                break;
            }
        }

        double ratio = 1;
        double novelShare = 0;
        double novelErrors = 0;
        QList<LineRef> novelErrorRefs;
        if (baseline && run.error.isEmpty()) {
            const double own = run.value(Feature::DurationSeconds);
            const double median = medianWithout(baseline->durations, self ? std::optional<double>(own) : std::nullopt);
            if (median > 0)
                ratio = own / median;
            auto isNovel = [&](quint64 hash) { return baseline->templates.isNovel(hash, self); };
            if (!run.templates.empty()) {
                const auto novel = std::count_if(run.templates.begin(), run.templates.end(), isNovel);
                novelShare = double(novel) / double(run.templates.size());
            }
            for (const TemplatedLine& line : run.errorLines) {
                if (!isNovel(line.hash))
                    continue;
                novelErrors += 1;
                if (novelErrorRefs.size() < kMaxEvidenceLines)
                    novelErrorRefs.append(line.ref);
            }
        }
        run.value(Feature::DurationVsSuccessMedian) = ratio;
        run.evidenceOf(Feature::DurationVsSuccessMedian) = run.evidenceOf(Feature::DurationSeconds);
        run.value(Feature::NovelTemplateShare) = novelShare;
        run.evidenceOf(Feature::NovelTemplateShare) = novelErrorRefs.mid(0, 5);
        run.value(Feature::NovelErrorLines) = novelErrors;
        run.evidenceOf(Feature::NovelErrorLines) = novelErrorRefs;
    }

    for (RunFeatures& run : runs) {
        run.templates = {};
        run.errorLines = {};
    }
}

} // namespace runlens::features
