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
    Group& workflow = m_byWorkflow[workflowKey(input)];
    workflow.templates.addRun(run.templates);
    for (Group* group : { &workflow, &m_byRepo[input.repo], &m_everything }) {
        ++group->successes;
        group->durations.push_back(run.value(Feature::DurationSeconds));
    }
}

const Baselines::Group* Baselines::groupFor(const RunInput& input, int self) const
{
    const auto workflow = m_byWorkflow.constFind(workflowKey(input));
    const auto repo = m_byRepo.constFind(input.repo);
    for (const Group* candidate : { workflow == m_byWorkflow.cend() ? nullptr : &workflow.value(),
             repo == m_byRepo.cend() ? nullptr : &repo.value(), &m_everything }) {
        if (candidate && candidate->successes - self >= 1)
            return candidate;
    }
    return nullptr;
}

void Baselines::require(const RunInput& input, bool added)
{
    const Group* group = groupFor(input, added ? 1 : 0);
    if (group == &m_everything)
        m_everything.templatesRequired = true;
    else if (const auto repo = m_byRepo.find(input.repo); repo != m_byRepo.end() && group == &repo.value())
        repo->templatesRequired = true;
}

bool Baselines::needsTemplates(const RunInput& input) const
{
    const auto repo = m_byRepo.constFind(input.repo);
    return m_everything.templatesRequired || (repo != m_byRepo.cend() && repo->templatesRequired);
}

void Baselines::addTemplates(const RunInput& input, const RunFeatures& run)
{
    for (Group* group : { &m_byRepo[input.repo], &m_everything }) {
        if (group->templatesRequired)
            group->templates.addRun(run.templates);
    }
}

void Baselines::apply(const RunInput& input, RunFeatures& run, bool added) const
{
    const int self = added ? 1 : 0;
    const Group* baseline = groupFor(input, self);
    Q_ASSERT(!baseline || baseline->templates.runs() == baseline->successes); // see the class comment

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
    for (size_t i = 0; i < runs.size(); ++i)
        baselines.require(inputs[i], inputs[i].successful);
    for (size_t i = 0; i < runs.size(); ++i) {
        if (inputs[i].successful && baselines.needsTemplates(inputs[i]))
            baselines.addTemplates(inputs[i], runs[i]);
    }
    for (size_t i = 0; i < runs.size(); ++i) {
        baselines.apply(inputs[i], runs[i], inputs[i].successful);
        runs[i].templates = {};
        runs[i].errorLines = {};
    }
}

} // namespace runlens::features
