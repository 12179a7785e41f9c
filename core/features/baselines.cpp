#include "baselines.h"

#include "featureextractor.h"

#include <algorithm>
#include <optional>

namespace runlens::features {

namespace {
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

QString Baselines::workflowKey(const RunInput& input)
{
    return input.repo + QLatin1Char('\n') + input.workflow;
}

void Baselines::add(const RunInput& input, const RunFeatures& run)
{
    for (Group* group : { &m_byWorkflow[workflowKey(input)], &m_byRepo[input.repo], &m_everything }) {
        ++group->successes;
        group->durations.push_back(run.value(Feature::DurationSeconds));
        group->templates.addRun(run.templates);
    }
}

void Baselines::apply(const RunInput& input, RunFeatures& run, bool added) const
{
    const int self = added ? 1 : 0;
    const Group* baseline = nullptr;
    const auto workflow = m_byWorkflow.constFind(workflowKey(input));
    const auto repo = m_byRepo.constFind(input.repo);
    for (const Group* candidate : { workflow == m_byWorkflow.cend() ? nullptr : &workflow.value(),
             repo == m_byRepo.cend() ? nullptr : &repo.value(), &m_everything }) {
        if (candidate && candidate->successes - self >= 1) {
            baseline = candidate;
            break;
        }
    }

    double ratio = 1;
    double novelShare = 0;
    double novelErrors = 0;
    QList<LineRef> novelErrorRefs;
    if (baseline) {
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

void applyBaselines(std::span<const RunInput> inputs, std::span<RunFeatures> runs)
{
    Q_ASSERT(inputs.size() == runs.size());
    Baselines baselines;
    for (size_t i = 0; i < runs.size(); ++i) {
        if (inputs[i].successful)
            baselines.add(inputs[i], runs[i]);
    }
    for (size_t i = 0; i < runs.size(); ++i) {
        baselines.apply(inputs[i], runs[i], inputs[i].successful);
        runs[i].templates = {};
        runs[i].errorLines = {};
    }
}

} // namespace runlens::features
