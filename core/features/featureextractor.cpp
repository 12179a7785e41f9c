#include "featureextractor.h"

#include "common/logging.h"
#include "features/linetemplate.h"
#include "features/runextraction.h"
#include "features/testsummary.h"
#include "logs/errorcue.h"
#include "logs/linesplitter.h"
#include "logs/logsource.h"
#include "logs/runentries.h"
#include "logs/steprange.h"
#include "logs/textsearch.h"
#include "taxonomy/finalcause.h"
#include "taxonomy/lineprefilter.h"
#include "taxonomy/taxonomy.h"

#include <algorithm>
#include <bit>
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

// Qt 6.4's QByteArrayView::contains is several times slower on short needles.
bool has(QByteArrayView haystack, std::string_view needle)
{
    return logs::containsText(std::string_view(haystack.data(), size_t(haystack.size())), needle);
}

// Precursors of memory exhaustion (docs/features.md, memory_pressure_markers).
constexpr std::string_view kMemoryPressureMarkers[] = {
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

bool isMemoryPressureLine(QByteArrayView lower)
{
    for (const std::string_view marker : kMemoryPressureMarkers) {
        if (has(lower, marker))
            return true;
    }
    return false;
}

constexpr QByteArrayView kExitCodePrefix("Process completed with exit code ");

// The line prefilter's marks: a line holding none of them cannot need the checks they guard, so most
// lines get only the timestamp, the marker and the template hash. Escapes inside a word hide it from the
// prefilter, which reads the raw lines while the checks read the ANSI-stripped match text: a line with
// an ESC byte also gets the marks of its match text (marksOfStrippedText()).
enum LineMark : unsigned {
    MarkStepStart = logs::Taxonomy::kPrefilterIds, // below: the taxonomy's anchors, searched in the same pass
    MarkExitCode,
    MarkMemoryPressure,
    MarkTestSummary,
    MarkErrorWords, // one mark per word of logs::errorStatementWords(), from here on
};
constexpr quint64 bit(LineMark mark)
{
    return quint64(1) << mark;
}
constexpr quint64 kEveryCheck = ~quint64(0);

std::vector<logs::LinePrefilter::Pattern> linePatterns()
{
    std::vector<logs::LinePrefilter::Pattern> patterns = logs::Taxonomy::prefilterPatterns();
    auto add = [&](LineMark mark, std::string_view text, bool caseless) {
        patterns.push_back(
            { mark, logs::LinePrefilter::literal(QByteArrayView(text.data(), qsizetype(text.size()))), caseless });
    };
    // logs::stepStartedBy()
    for (const std::string_view text : { "##[group]", "Post job cleanup.", "Cleaning up orphan processes" })
        add(MarkStepStart, text, false);
    add(MarkExitCode, std::string_view(kExitCodePrefix.data(), size_t(kExitCodePrefix.size())), false);
    for (const std::string_view text : kMemoryPressureMarkers)
        add(MarkMemoryPressure, text, true);
    const std::vector<logs::ErrorStatementWord>& errorWords = logs::errorStatementWords();
    Q_ASSERT(MarkErrorWords + errorWords.size() <= 64);
    for (size_t i = 0; i < errorWords.size(); ++i)
        add(LineMark(MarkErrorWords + i), errorWords[i].text, true);
    for (const std::string_view text : testSummaryPrefilterWords())
        add(MarkTestSummary, text, false);
    return patterns;
}

// Compiled once; immutable and shared by every thread like the expressions of parseTestSummary().
const logs::LinePrefilter& linePrefilter()
{
    static const std::shared_ptr<const logs::LinePrefilter> prefilter = [] {
        Result<std::shared_ptr<const logs::LinePrefilter>> made
            = logs::LinePrefilter::create(linePatterns(), QStringLiteral("feature extractor"));
        if (!made)
            qFatal("%s", qPrintable(made.error()));
        return *made;
    }();
    return *prefilter;
}

// The error-statement cues the words marked on a line allow (all of them without a prefilter).
logs::ErrorCues possibleErrorCues(quint64 marks)
{
    if (marks == kEveryCheck)
        return logs::kEveryCue;
    const std::vector<logs::ErrorStatementWord>& words = logs::errorStatementWords();
    logs::ErrorCues possible = logs::NoCue;
    for (quint64 found = marks >> MarkErrorWords; found; found &= found - 1)
        possible |= words[size_t(std::countr_zero(found))].cues;
    return possible;
}

// The same cues the failure-line ranking uses (logs/errorcue.h); a bare stack frame is not an error line.
// Only the cues the line's words allow are looked for: maven's "Failures: 0, Errors: 0" lines hold two
// of the words and need three of the eight cues.
bool isErrorLine(const logs::LogLine& line, quint64 marks)
{
    if (line.marker == Marker::Error)
        return true;
    const logs::ErrorCues possible = possibleErrorCues(marks) & ~logs::ErrorCues(logs::CueStackFrame);
    return possible != logs::NoCue && logs::isErrorStatement(logs::errorCues(line.match, possible));
}

// "Process completed with exit code N." -> N
std::optional<int> exitCode(QByteArrayView text)
{
    const qsizetype at = text.indexOf(kExitCodePrefix);
    if (at < 0)
        return std::nullopt;
    qsizetype i = at + kExitCodePrefix.size();
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

// The run's distinct template hashes in the order they first occur: most lines repeat a template of the
// run, so an open-addressing set (linear probing) takes each line's hash and keeps only the new ones.
class TemplateSet
{
public:
    void insert(quint64 hash)
    {
        if (hash == 0) { // the empty slot's value, kept aside
            if (!m_zero)
                m_order.push_back(0);
            m_zero = true;
            return;
        }
        if (2 * (m_order.size() + 1) > m_slots.size()) // at most half full (m_order may hold the zero too)
            grow();
        for (size_t i = slotOf(hash);; i = (i + 1) & (m_slots.size() - 1)) {
            if (m_slots[i] == hash)
                return;
            if (m_slots[i] == 0) {
                m_slots[i] = hash;
                m_order.push_back(hash);
                return;
            }
        }
    }
    std::vector<quint64> take() { return std::move(m_order); }

private:
    size_t slotOf(quint64 hash) const { return size_t((hash * 0x9E3779B97F4A7C15ULL) >> m_shift); }
    void place(quint64 hash)
    {
        size_t i = slotOf(hash);
        while (m_slots[i] != 0)
            i = (i + 1) & (m_slots.size() - 1);
        m_slots[i] = hash;
    }
    void grow()
    {
        m_slots.assign(m_slots.empty() ? 1024 : 2 * m_slots.size(), 0);
        m_shift = 64 - std::countr_zero(m_slots.size());
        for (quint64 hash : m_order) {
            if (hash != 0)
                place(hash);
        }
    }
    std::vector<quint64> m_slots;
    std::vector<quint64> m_order; // the distinct hashes, first occurrence first
    int m_shift = 64;
    bool m_zero = false;
};

// A line of the run while reading it: LineRef without copying the entry name per line.
struct At
{
    const QString* entry = nullptr;
    qint64 line = 0;
    LineRef ref() const { return { *entry, line }; }
};

void addEvidence(RunFeatures& run, Feature f, const At& at)
{
    QList<LineRef>& list = run.evidenceOf(f);
    if (list.size() < kMaxEvidenceLines)
        list.append(at.ref());
}

struct Timed
{
    qint64 ticks = 0;
    At at;
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
    qint64 longestSilenceTicks = -logs::kTicksPerSecond; // longestSilence in ticks
    At longestSilenceFrom;
    At longestSilenceTo;
    double longestStep = -1;
    // The run's last error line (by timestamp) and the silence before it.
    std::optional<Timed> lastError;
    double silenceBeforeLastError = 0;
    At silenceBeforeLastErrorFrom;
    bool failingStepSeen = false;
    qint64 failingStepTicks = std::numeric_limits<qint64>::max();
    // Test summaries: additive runners add up, totals keep the last one per runner.
    int additiveFailures = 0;
    QHash<QString, int> lastTotals;
    // Hits whose category needs a companion hit (exit 143 counts as runner-lost only with a shutdown line).
    QList<LineRef> pendingRunnerLost;
    bool runnerLostConfirmed = false;
    logs::FinalCause finalCause;
    TemplateSet templates;
};

// The steps of a whole-job log (logs::stepsFromGroupMarkers()), found in the same pass as the features.
struct StepStats
{
    qint64 firstLine = 1;
    qint64 firstTicks = -1;
    qint64 lastTicks = -1;
    At firstRef;
    At lastRef;
    qint64 lines = 0;
    bool failed = false;
    At firstError;
};

// Matchers of one extraction; the prefilter is left out for the reference path (every line, every check).
struct Scanners
{
    const logs::Taxonomy& taxonomy;
    logs::Taxonomy::Scratch& taxonomyScratch;
    const logs::LinePrefilter* prefilter;
    logs::LinePrefilter::Scratch* prefilterScratch;
};

constexpr qsizetype kKeptBufferBytes = qsizetype(16) << 20;

// A line holding an escape byte, parsed, and the prefilter's marks of its ANSI-stripped match text.
struct StrippedMarks
{
    size_t start = 0; // of the line in the entry
    quint64 mask = 0;
    logs::LogLine line; // its match text lies in the joined buffer of marksOfStrippedText()
};

// The lines of `text` with an escape byte, in order, with the marks of their ANSI-stripped match texts:
// those texts joined into one buffer and searched in one more pass. The escapes are found with memchr: as
// a one-byte literal of the prefilter, ESC matched every escape (several per coloured line) and made the
// whole pass a third slower. Each line is kept as parsed (logs::parseLine()), so that it is not parsed
// and stripped again. Valid until the next call on this thread.
const std::vector<StrippedMarks>& marksOfStrippedText(QByteArrayView text, const Scanners& scanners)
{
    thread_local std::vector<StrippedMarks> found;
    thread_local QByteArray joined;
    thread_local QByteArray scratch;
    thread_local std::vector<size_t> starts; // of each stripped text in `joined`
    // Keep the buffers from entry to entry, unless a huge one grew them: released here, not after the last
    // entry's lines, whose match texts still lie in `joined` until the caller is done with them.
    if (joined.capacity() > kKeptBufferBytes) {
        joined = QByteArray();
        starts = {};
    }
    found.clear();
    joined.resize(0);
    starts.clear();
    const char* const begin = text.data();
    const size_t size = size_t(text.size());
    for (size_t from = 0; from < size;) {
        const void* esc = std::memchr(begin + from, '\x1b', size - from);
        if (!esc)
            break;
        const size_t escAt = size_t(static_cast<const char*>(esc) - begin);
        const void* previousNl = escAt > from ? memrchr(begin + from, '\n', escAt - from) : nullptr;
        const size_t start = previousNl ? size_t(static_cast<const char*>(previousNl) - begin) + 1 : from;
        const void* newline = std::memchr(esc, '\n', size - (static_cast<const char*>(esc) - begin));
        const size_t end = newline ? size_t(static_cast<const char*>(newline) - begin) : size;
        // The line as logs::forEachRawLine() hands it out.
        QByteArrayView raw = text.sliced(qsizetype(start), qsizetype(end - start));
        if (!raw.isEmpty() && raw.back() == '\r')
            raw.chop(1);
        const logs::LogLine parsed = logs::parseLine(raw, scratch);
        found.push_back({ start, 0, parsed });
        starts.push_back(size_t(joined.size()));
        joined += parsed.match;
        joined += '\n';
        from = end + 1;
    }
    if (found.empty())
        return found;
    for (size_t i = 0; i < found.size(); ++i) {
        logs::LogLine& line = found[i].line;
        line.match = QByteArrayView(joined.constData() + starts[i], line.match.size());
    }
    thread_local const std::unique_ptr<logs::LinePrefilter::Scratch> joinedScratch = linePrefilter().makeScratch();
    size_t at = 0;
    for (const logs::LinePrefilter::Line& line : scanners.prefilter->scan(joined, *joinedScratch)) {
        while (starts[at] < line.start)
            ++at;
        found[at].mask = line.mask;
    }
    return found;
}

// The features of one entry's decoded text `data`.
void readEntryText(QByteArrayView data, const logs::LogEntry& entry, const Scanners& scanners, RunState& state)
{
    RunFeatures& run = state.run;
    const QString& entryName = entry.name;

    run.value(Feature::LogBytes) += double(data.size());
    run.value(Feature::Jobs) += 1;
    addEvidence(run, Feature::Jobs, { entryName, 1 });

    // Memory categories, through the same taxonomy as `scan`.
    state.finalCause.beginEntry();
    // One Hyperscan pass over the entry finds the taxonomy's anchors and the lines the checks below need.
    const std::vector<logs::LinePrefilter::Line>* marked
        = scanners.prefilter ? &scanners.prefilter->scan(data, *scanners.prefilterScratch) : nullptr;
    const auto onTaxonomyLine = [&](const logs::TaxonomyLineEvent& event) {
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
    };
    if (marked)
        scanners.taxonomy.reportLines(data, 1, *marked, onTaxonomyLine);
    else
        scanners.taxonomy.scanLines(data, 1, scanners.taxonomyScratch, onTaxonomyLine);
    static const std::vector<StrippedMarks> kNone;
    const std::vector<StrippedMarks>& stripped = marked ? marksOfStrippedText(data, scanners) : kNone;
    size_t nextMarked = 0;
    size_t nextStripped = 0;

    std::vector<StepStats> steps(1);
    std::optional<Timed> previousTimed;
    qint64 lines = 0;
    QByteArray scratchBuffer;
    QByteArray lowerBuffer;
    logs::forEachRawLine(data, [&](QByteArrayView raw, qint64 offset, qint64 number) {
        lines = number;
        quint64 marks = kEveryCheck;
        logs::Escapes escapes = logs::Escapes::Maybe;
        const logs::LogLine* parsed = nullptr;
        if (marked) {
            while (nextMarked < marked->size() && (*marked)[nextMarked].start < size_t(offset))
                ++nextMarked;
            marks = nextMarked < marked->size() && (*marked)[nextMarked].start == size_t(offset)
                ? (*marked)[nextMarked].mask
                : 0;
            while (nextStripped < stripped.size() && stripped[nextStripped].start < size_t(offset))
                ++nextStripped;
            if (nextStripped < stripped.size() && stripped[nextStripped].start == size_t(offset)) {
                marks |= stripped[nextStripped].mask;
                parsed = &stripped[nextStripped].line;
            } else {
                escapes = logs::Escapes::None; // marksOfStrippedText() found every line with an ESC byte
            }
        }
        const logs::LogLine line = parsed ? *parsed : logs::parseLine(raw, scratchBuffer, escapes);
        const At at { &entryName, number };
        // Copies of `at` are made from its fields, not from `at`: a 16-byte load of the two 8-byte stores just
        // made to it waits for them to reach the cache (a store-forwarding stall on every line).
        const auto here = [&entryName, number] { return At { &entryName, number }; };

        if ((marks & bit(MarkStepStart)) && !logs::stepStartedBy(line).isEmpty()) {
            if (steps.back().lines == 0) {
                steps.back().firstLine = number; // only at line 1: the empty "Set up job" is no step
            } else {
                steps.emplace_back();
                steps.back().firstLine = number;
            }
        }
        StepStats& step = steps.back();
        ++step.lines;
        if (step.lines == 1)
            step.firstRef = here();
        step.lastRef = here();

        if (line.hasTimestamp) {
            const Timed timed { line.timestampTicks, here() };
            if (!state.earliest || timed.ticks < state.earliest->ticks)
                state.earliest = timed;
            if (!state.latest || timed.ticks >= state.latest->ticks)
                state.latest = timed;
            if (previousTimed) {
                // Compared in ticks: a division per line (and the compare waiting for it) cost 0.5% of features.
                const qint64 gap = timed.ticks - previousTimed->ticks;
                if (gap > state.longestSilenceTicks) {
                    state.longestSilenceTicks = gap;
                    state.longestSilence = double(gap) / kTicksPerSecond;
                    state.longestSilenceFrom = previousTimed->at;
                    state.longestSilenceTo = at;
                }
            }
            if (step.firstTicks < 0)
                step.firstTicks = timed.ticks;
            step.lastTicks = timed.ticks;
        }

        switch (line.marker) {
        case Marker::Error: {
            run.value(Feature::ErrorAnnotations) += 1;
            addEvidence(run, Feature::ErrorAnnotations, at);
            if (!step.failed) {
                step.failed = true;
                step.firstError = at;
            }
            const qint64 ticks = line.hasTimestamp ? line.timestampTicks : (previousTimed ? previousTimed->ticks : 0);
            if (!state.lastError || ticks >= state.lastError->ticks) {
                state.lastError = Timed { ticks, at };
                state.silenceBeforeLastError
                    = (line.hasTimestamp && previousTimed) ? double(ticks - previousTimed->ticks) / kTicksPerSecond : 0;
                state.silenceBeforeLastErrorFrom = previousTimed ? previousTimed->at : at;
            }
            break;
        }
        case Marker::Warning:
            run.value(Feature::WarningAnnotations) += 1;
            addEvidence(run, Feature::WarningAnnotations, at);
            break;
        default:
            break;
        }

        if (marks & bit(MarkExitCode)) {
            if (const std::optional<int> code = exitCode(line.match); code && *code != 0) {
                run.value(Feature::LastExitCode) = *code;
                run.evidenceOf(Feature::LastExitCode) = { at.ref() };
                if (*code == 137) {
                    run.value(Feature::Exit137) = 1;
                    addEvidence(run, Feature::Exit137, at);
                } else if (*code == 143) {
                    run.value(Feature::Exit143) = 1;
                    addEvidence(run, Feature::Exit143, at);
                }
            }
        }

        if ((marks & bit(MarkMemoryPressure)) && isMemoryPressureLine(asciiLower(line.match, lowerBuffer))) {
            run.value(Feature::MemoryPressureMarkers) += 1;
            addEvidence(run, Feature::MemoryPressureMarkers, at);
        }

        if (marks & bit(MarkTestSummary)) {
            if (const std::optional<TestSummary> summary = parseTestSummary(line.match)) {
                if (summary->additive)
                    state.additiveFailures += summary->failed;
                else
                    state.lastTotals.insert(summary->runner, summary->failed);
                if (summary->failed > 0)
                    addEvidence(run, Feature::TestFailures, at);
            }
        }

        const quint64 hash = lineTemplateHash(line.match);
        state.templates.insert(hash);
        if (isErrorLine(line, marks))
            run.errorLines.push_back({ hash, at.ref() });

        if (line.hasTimestamp)
            previousTimed = Timed { line.timestampTicks, here() };
        return true;
    });
    if (lines == 0)
        steps.clear();

    run.value(Feature::LogLines) += double(lines);
    if (lines > 0) {
        addEvidence(run, Feature::LogBytes, { entryName, lines });
        addEvidence(run, Feature::LogLines, { entryName, lines });
    }

    run.value(Feature::Steps) += double(steps.size());
    for (const StepStats& s : steps) {
        addEvidence(run, Feature::Steps, { entryName, s.firstLine });
        const double seconds = s.firstTicks >= 0 ? double(s.lastTicks - s.firstTicks) / kTicksPerSecond : 0;
        if (s.lines > 0 && seconds > state.longestStep) {
            state.longestStep = seconds;
            run.value(Feature::LongestStepSeconds) = seconds;
            run.evidenceOf(Feature::LongestStepSeconds) = { s.firstRef.ref(), s.lastRef.ref() };
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
            run.evidenceOf(Feature::FailingStepLinesPerSecond) = { s.firstRef.ref(), s.lastRef.ref() };
        }
    }
}

// Reads entry `index` in place when the archive holds it as clean UTF-8, else as a decoded copy.
void readEntry(const logs::LogSource& source, int index, const Scanners& scanners, RunState& state)
{
    const logs::LogEntry& entry = source.entries().at(index);
    const Status status
        = source.withEntry(index, [&](QByteArrayView data) { readEntryText(data, entry, scanners, state); });
    if (!status)
        state.error = status.error();
}
} // namespace

FeatureExtractor::FeatureExtractor(std::shared_ptr<const logs::Taxonomy> taxonomy)
    : m_taxonomy(std::move(taxonomy))
{
}

Result<RunFeatures> FeatureExtractor::extract(const RunInput& input) const
{
    return extractRun(input, m_taxonomy, LinePrefiltering::On);
}

namespace {
// Hyperscan scratch space of this thread for `taxonomy`: allocating it per run cost more than scanning a
// small run. Kept while the taxonomy lives (the weak pointer also keeps its address from being reused).
logs::Taxonomy::Scratch& taxonomyScratch(const std::shared_ptr<const logs::Taxonomy>& taxonomy)
{
    struct Cached
    {
        std::weak_ptr<const logs::Taxonomy> owner;
        std::unique_ptr<logs::Taxonomy::Scratch> scratch;
    };
    thread_local Cached cached;
    if (!cached.scratch || cached.owner.expired() || cached.owner.owner_before(taxonomy)
        || taxonomy.owner_before(cached.owner)) {
        cached.scratch = taxonomy->makeScratch();
        cached.owner = taxonomy;
    }
    return *cached.scratch;
}
} // namespace

Result<RunFeatures> extractRun(
    const RunInput& input, const std::shared_ptr<const logs::Taxonomy>& taxonomy, LinePrefiltering prefiltering)
{
    Result<logs::LogSource> source = logs::LogSource::open(input.logPath);
    if (!source)
        return makeError(source.error());

    RunFeatures run;
    run.key = input.key;
    RunState state(run);
    const logs::LinePrefilter* prefilter = prefiltering == LinePrefiltering::On ? &linePrefilter() : nullptr;
    // One per thread, like the taxonomy's.
    thread_local const std::unique_ptr<logs::LinePrefilter::Scratch> prefilterScratch = linePrefilter().makeScratch();
    const Scanners scanners { *taxonomy, taxonomyScratch(taxonomy), prefilter, prefilterScratch.get() };
    for (int index : logs::entriesHoldingRunLines(*source)) {
        readEntry(*source, index, scanners, state);
        if (!state.error.isEmpty())
            return makeError(state.error);
    }

    if (state.earliest && state.latest) {
        run.value(Feature::DurationSeconds) = double(state.latest->ticks - state.earliest->ticks) / kTicksPerSecond;
        run.evidenceOf(Feature::DurationSeconds) = { state.earliest->at.ref(), state.latest->at.ref() };
    }
    run.value(Feature::LongestSilenceSeconds) = std::max(0.0, state.longestSilence);
    if (state.longestSilenceTo.entry)
        run.evidenceOf(Feature::LongestSilenceSeconds)
            = { state.longestSilenceFrom.ref(), state.longestSilenceTo.ref() };
    if (state.lastError) {
        run.value(Feature::SilenceBeforeFailureSeconds) = state.silenceBeforeLastError;
        run.evidenceOf(Feature::SilenceBeforeFailureSeconds)
            = { state.silenceBeforeLastErrorFrom.ref(), state.lastError->at.ref() };
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

    run.templates = state.templates.take();
    return run;
}

} // namespace runlens::features
