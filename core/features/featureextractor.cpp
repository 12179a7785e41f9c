#include "featureextractor.h"

#include "common/logging.h"
#include "features/linetemplate.h"
#include "features/testsummary.h"
#include "logs/errorcue.h"
#include "logs/linesplitter.h"
#include "logs/logsource.h"
#include "logs/runentries.h"
#include "logs/steprange.h"
#include "taxonomy/finalcause.h"
#include "taxonomy/taxonomy.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <string_view>

namespace runlens::features {

namespace {
using logs::Marker;

constexpr double kTicksPerSecond = double(logs::kTicksPerSecond);

// `text` with ASCII letters lower-cased, once per line: the markers below are then plain searches
// (memchr-speed) instead of one case-folding scan of the line per marker.
QByteArrayView asciiLower(QByteArrayView text, QByteArray& scratch)
{
    scratch.resize(text.size());
    char* out = scratch.data();
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        out[i] = (c >= 'A' && c <= 'Z') ? char(c + 32) : c;
    }
    return QByteArrayView(scratch.constData(), text.size());
}

// memchr-based search (Qt 6.4's QByteArrayView::contains is several times slower on short needles).
bool has(QByteArrayView haystack, std::string_view needle)
{
    return std::string_view(haystack.data(), size_t(haystack.size())).find(needle) != std::string_view::npos;
}

// Precursors of memory exhaustion (docs/features.md, memory_pressure_markers).
bool isMemoryPressureLine(QByteArrayView lower)
{
    static constexpr std::string_view kMarkers[] = {
        "full gc",
        "pause full",
        "gc (allocation failure)",
        "gc overhead",
        "allocation failure",
        "mark-compact",
        "mark-sweep",
        "scavenge",
        "swapping",
        "swap space",
        "swapped out",
        "memory pressure",
        "low memory",
        "low on memory",
        "heap usage",
        "heap is",
        "memory usage is high",
        "approaching heap limit",
    };
    for (const std::string_view marker : kMarkers) {
        if (has(lower, marker))
            return true;
    }
    return false;
}

// The same cues the failure-line ranking uses (logs/errorcue.h); a bare stack frame is not an error line.
bool isErrorLine(const logs::LogLine& line)
{
    return line.marker == Marker::Error || logs::isErrorStatement(logs::errorCues(line.match));
}

// "Process completed with exit code N." -> N
std::optional<int> exitCode(QByteArrayView text)
{
    static constexpr QByteArrayView kPrefix("Process completed with exit code ");
    const qsizetype at = text.indexOf(kPrefix);
    if (at < 0)
        return std::nullopt;
    qsizetype i = at + kPrefix.size();
    int code = 0;
    bool any = false;
    bool negative = false;
    if (i < text.size() && text[i] == '-') {
        negative = true;
        ++i;
    }
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
        code = code * 10 + (text[i] - '0');
        any = true;
        if (code > 1'000'000)
            break;
    }
    if (!any)
        return std::nullopt;
    return negative ? -code : code;
}

void addEvidence(RunFeatures& run, Feature f, const LineRef& ref)
{
    QList<LineRef>& list = run.evidenceOf(f);
    if (list.size() < kMaxEvidenceLines)
        list.append(ref);
}

Feature featureOf(logs::MemoryCategory category)
{
    switch (category) {
    case logs::MemoryCategory::OomKilled:
        return Feature::MemOomKilled;
    case logs::MemoryCategory::RunnerLost:
        return Feature::MemRunnerLost;
    case logs::MemoryCategory::JvmHeap:
        return Feature::MemJvmHeap;
    case logs::MemoryCategory::NodeHeap:
        return Feature::MemNodeHeap;
    case logs::MemoryCategory::CompilerOom:
        return Feature::MemCompilerOom;
    case logs::MemoryCategory::NativeAlloc:
        return Feature::MemNativeAlloc;
    case logs::MemoryCategory::GpuOom:
        return Feature::MemGpuOom;
    case logs::MemoryCategory::DiskFull:
        return Feature::DiskFull;
    }
    return Feature::MemOomKilled;
}

struct Timed
{
    qint64 ticks = 0;
    LineRef ref;
};

// Run-wide state while reading a run's entries.
struct RunState
{
    explicit RunState(RunFeatures& features)
        : run(features)
    {
    }
    RunFeatures& run;
    QString error; // why an entry could not be read: the run has no features then
    std::optional<Timed> earliest;
    std::optional<Timed> latest;
    double longestSilence = -1;
    double longestStep = -1;
    // The run's last error line (by timestamp) and the silence before it.
    std::optional<Timed> lastError;
    double silenceBeforeLastError = 0;
    LineRef silenceBeforeLastErrorFrom;
    bool failingStepSeen = false;
    qint64 failingStepTicks = std::numeric_limits<qint64>::max();
    // Test summaries: additive runners add up, totals keep the last one per runner.
    int additiveFailures = 0;
    QHash<QString, int> lastTotals;
    // Hits whose category needs a companion hit (exit 143 counts as runner-lost only with a shutdown line).
    QList<LineRef> pendingRunnerLost;
    bool runnerLostConfirmed = false;
    logs::FinalCause finalCause;
    std::vector<quint64> templates;
};

struct StepStats
{
    qint64 firstTicks = -1;
    qint64 lastTicks = -1;
    LineRef firstRef;
    LineRef lastRef;
    qint64 lines = 0;
    bool failed = false;
    LineRef firstError;
};

void readEntry(const logs::LogSource& source, int index, const logs::Taxonomy& taxonomy,
    logs::Taxonomy::Scratch& scratch, RunState& state)
{
    RunFeatures& run = state.run;
    const logs::LogEntry& entry = source.entries().at(index);
    Result<QByteArray> decoded = source.readEntry(index);
    if (!decoded) {
        state.error = decoded.error();
        return;
    }
    const QByteArray& data = *decoded;
    const QString& entryName = entry.name;

    run.value(Feature::LogBytes) += double(data.size());
    run.value(Feature::Jobs) += 1;
    addEvidence(run, Feature::Jobs, { entryName, 1 });

    // Memory categories, through the same taxonomy as `scan`.
    state.finalCause.beginEntry();
    taxonomy.scanLines(data, 1, scratch, [&](const logs::TaxonomyLineEvent& event) {
        if (event.match)
            state.finalCause.hit(event.match->category, event.match->needsCompanion);
        if (event.errorMarker)
            state.finalCause.errorMarker();
        if (!event.match)
            return;
        const LineRef ref { entryName, event.line };
        if (event.match->needsCompanion) {
            state.pendingRunnerLost.append(ref);
            return;
        }
        if (event.match->category == logs::MemoryCategory::RunnerLost)
            state.runnerLostConfirmed = true;
        const Feature f = featureOf(event.match->category);
        run.value(f) += 1;
        addEvidence(run, f, ref);
    });

    const QList<logs::StepRange> steps = logs::stepsFromGroupMarkers(data, entry.jobName, index);
    std::vector<StepStats> stepStats(size_t(steps.size()));
    qsizetype stepAt = 0;

    std::optional<Timed> previousTimed;
    qint64 lines = 0;
    QByteArray scratchBuffer;
    QByteArray lowerBuffer;
    logs::forEachRawLine(data, [&](QByteArrayView raw, qint64, qint64 number) {
        lines = number;
        const logs::LogLine line = logs::parseLine(raw, scratchBuffer);
        const QByteArrayView lower = asciiLower(line.match, lowerBuffer);
        const LineRef ref { entryName, number };

        while (stepAt < steps.size() && number > steps.at(stepAt).lastLine)
            ++stepAt;
        StepStats* step = nullptr;
        if (stepAt < steps.size() && number >= steps.at(stepAt).firstLine)
            step = &stepStats[size_t(stepAt)];
        if (step) {
            ++step->lines;
            if (step->lines == 1)
                step->firstRef = ref;
            step->lastRef = ref;
        }

        if (line.hasTimestamp) {
            const Timed timed { line.timestampTicks, ref };
            if (!state.earliest || timed.ticks < state.earliest->ticks)
                state.earliest = timed;
            if (!state.latest || timed.ticks >= state.latest->ticks)
                state.latest = timed;
            if (previousTimed) {
                const double gap = double(timed.ticks - previousTimed->ticks) / kTicksPerSecond;
                if (gap > state.longestSilence) {
                    state.longestSilence = gap;
                    run.evidenceOf(Feature::LongestSilenceSeconds) = { previousTimed->ref, ref };
                }
            }
            if (step) {
                if (step->firstTicks < 0)
                    step->firstTicks = timed.ticks;
                step->lastTicks = timed.ticks;
            }
        }

        switch (line.marker) {
        case Marker::Error: {
            run.value(Feature::ErrorAnnotations) += 1;
            addEvidence(run, Feature::ErrorAnnotations, ref);
            if (step && !step->failed) {
                step->failed = true;
                step->firstError = ref;
            }
            const qint64 ticks = line.hasTimestamp ? line.timestampTicks : (previousTimed ? previousTimed->ticks : 0);
            if (!state.lastError || ticks >= state.lastError->ticks) {
                state.lastError = Timed { ticks, ref };
                state.silenceBeforeLastError
                    = (line.hasTimestamp && previousTimed) ? double(ticks - previousTimed->ticks) / kTicksPerSecond : 0;
                state.silenceBeforeLastErrorFrom = previousTimed ? previousTimed->ref : ref;
            }
            break;
        }
        case Marker::Warning:
            run.value(Feature::WarningAnnotations) += 1;
            addEvidence(run, Feature::WarningAnnotations, ref);
            break;
        default:
            break;
        }

        if (const std::optional<int> code = exitCode(line.match); code && *code != 0) {
            run.value(Feature::LastExitCode) = *code;
            run.evidenceOf(Feature::LastExitCode) = { ref };
            if (*code == 137) {
                run.value(Feature::Exit137) = 1;
                addEvidence(run, Feature::Exit137, ref);
            } else if (*code == 143) {
                run.value(Feature::Exit143) = 1;
                addEvidence(run, Feature::Exit143, ref);
            }
        }

        if (isMemoryPressureLine(lower)) {
            run.value(Feature::MemoryPressureMarkers) += 1;
            addEvidence(run, Feature::MemoryPressureMarkers, ref);
        }

        if (const std::optional<TestSummary> summary = parseTestSummary(line.match)) {
            if (summary->additive)
                state.additiveFailures += summary->failed;
            else
                state.lastTotals.insert(summary->runner, summary->failed);
            if (summary->failed > 0)
                addEvidence(run, Feature::TestFailures, ref);
        }

        const quint64 hash = lineTemplateHash(line.match);
        state.templates.push_back(hash);
        if (isErrorLine(line))
            run.errorLines.push_back({ hash, ref });

        if (line.hasTimestamp)
            previousTimed = Timed { line.timestampTicks, ref };
        return true;
    });

    run.value(Feature::LogLines) += double(lines);
    if (lines > 0) {
        addEvidence(run, Feature::LogBytes, { entryName, lines });
        addEvidence(run, Feature::LogLines, { entryName, lines });
    }

    run.value(Feature::Steps) += double(steps.size());
    for (qsizetype i = 0; i < steps.size(); ++i) {
        const StepStats& s = stepStats[size_t(i)];
        addEvidence(run, Feature::Steps, { entryName, steps.at(i).firstLine });
        const double seconds = s.firstTicks >= 0 ? double(s.lastTicks - s.firstTicks) / kTicksPerSecond : 0;
        if (s.lines > 0 && seconds > state.longestStep) {
            state.longestStep = seconds;
            run.value(Feature::LongestStepSeconds) = seconds;
            run.evidenceOf(Feature::LongestStepSeconds) = { s.firstRef, s.lastRef };
        }
        if (!s.failed)
            continue;
        run.value(Feature::FailedSteps) += 1;
        addEvidence(run, Feature::FailedSteps, s.firstError);
        // The first failing step in time gives the output rate.
        const qint64 startTicks = s.firstTicks >= 0 ? s.firstTicks : std::numeric_limits<qint64>::max() - 1;
        if (!state.failingStepSeen || startTicks < state.failingStepTicks) {
            state.failingStepSeen = true;
            state.failingStepTicks = startTicks;
            run.value(Feature::FailingStepLinesPerSecond) = double(s.lines) / std::max(1.0, seconds);
            run.evidenceOf(Feature::FailingStepLinesPerSecond) = { s.firstRef, s.lastRef };
        }
    }
}
} // namespace

FeatureExtractor::FeatureExtractor(std::shared_ptr<const logs::Taxonomy> taxonomy)
    : m_taxonomy(std::move(taxonomy))
{
}

Result<RunFeatures> FeatureExtractor::extract(const RunInput& input) const
{
    Result<logs::LogSource> source = logs::LogSource::open(input.logPath);
    if (!source)
        return makeError(source.error());

    RunFeatures run;
    run.key = input.key;
    RunState state(run);
    const std::unique_ptr<logs::Taxonomy::Scratch> scratch = m_taxonomy->makeScratch();
    for (int index : logs::entriesHoldingRunLines(*source)) {
        readEntry(*source, index, *m_taxonomy, *scratch, state);
        if (!state.error.isEmpty())
            return makeError(state.error);
    }

    if (state.earliest && state.latest) {
        run.value(Feature::DurationSeconds) = double(state.latest->ticks - state.earliest->ticks) / kTicksPerSecond;
        run.evidenceOf(Feature::DurationSeconds) = { state.earliest->ref, state.latest->ref };
    }
    run.value(Feature::LongestSilenceSeconds) = std::max(0.0, state.longestSilence);
    if (state.lastError) {
        run.value(Feature::SilenceBeforeFailureSeconds) = state.silenceBeforeLastError;
        run.evidenceOf(Feature::SilenceBeforeFailureSeconds)
            = { state.silenceBeforeLastErrorFrom, state.lastError->ref };
    }
    // Exit 143 means runner-lost only when the run also shows a shutdown or lost-communication line.
    if (state.runnerLostConfirmed) {
        for (const LineRef& ref : std::as_const(state.pendingRunnerLost)) {
            run.value(Feature::MemRunnerLost) += 1;
            addEvidence(run, Feature::MemRunnerLost, ref);
        }
    }
    run.finalCause = state.finalCause.resolve(state.runnerLostConfirmed);
    int testFailures = state.additiveFailures;
    for (int failed : std::as_const(state.lastTotals))
        testFailures += failed;
    run.value(Feature::TestFailures) = testFailures;

    std::sort(state.templates.begin(), state.templates.end());
    state.templates.erase(std::unique(state.templates.begin(), state.templates.end()), state.templates.end());
    run.templates = std::move(state.templates);
    return run;
}

} // namespace runlens::features
