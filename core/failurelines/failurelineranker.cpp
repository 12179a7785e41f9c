#include "failurelines/failurelineranker.h"

#include "failurelines/storedrunlogs.h"
#include "features/linetemplate.h"
#include "features/templatebaseline.h"
#include "logs/errorcue.h"
#include "logs/linesplitter.h"
#include "logs/logsource.h"
#include "logs/runentries.h"
#include "logs/steprange.h"
#include "taxonomy/memorycategory.h"
#include "taxonomy/taxonomy.h"
#include "workspace/workspace.h"

#include <QHash>
#include <QPromise>
#include <QSet>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <optional>
#include <queue>

namespace runlens::failurelines {

namespace {
using logs::ErrorCues;

// Weights of the signals (docs/failure-lines.md explains each). Chosen from first principles, not fitted
// to the development cases: a confirmed final cause outranks everything, an annotation or an error
// statement outranks a bare novel line, and a line that passing runs print too is mostly noise.
constexpr double kFinalCause = 8;
constexpr double kTaxonomyHit = 3;
constexpr double kAnnotation = 3;
constexpr double kGenericAnnotation = 1; // "Process completed with exit code N" says which step failed, not why
constexpr double kErrorStatement = 2;
constexpr double kExtraCue = 0.5; // per further kind of cue on the same line, at most two
constexpr double kStackFrame = 0.4;
constexpr double kNovel = 1.5;
constexpr double kKnownFactor = 0.15; // a template some passing run printed
constexpr double kNearFailure = 1.0; // decays with the distance (lines) to the next failure anchor
constexpr double kNearFailureScale = 30;
constexpr double kFailingStep = 0.3;
constexpr double kOutcomeFactor = 0.3; // "BUILD FAILURE" where passing runs print "BUILD SUCCESS"
constexpr double kRepeatDamping = 0.5; // score / (1 + 0.5 log2(occurrences in the failed run))
constexpr double kBlockSize = 0.1; // block score bonus per doubling of its size
constexpr double kMemberFactor = 0.5; // a non-head line of a block: the head already led the reader there
constexpr double kDuplicateFactor = 0.3; // a template already listed higher up
constexpr double kMinScore = 0.05;
constexpr int kMaxBlankBridge = 2; // blank lines inside a block do not end it
constexpr qint64 kCancelEvery = 4096;

enum class Taxo : quint8 { None, Hit, Final };

struct Line
{
    qint64 offset = 0;
    qint32 length = 0;
    quint64 hash = 0;
    ErrorCues cues = logs::NoCue;
    Taxo taxonomy = Taxo::None;
    bool annotation = false;
    bool generic = false;
    bool blank = false;
    bool novel = false;
    bool known = false;
    bool outcome = false; // novel, but a passing run printed its success variant
    bool failingStep = false;
    qint32 step = -1;
    qint32 block = -1;
    qint64 distance = -1; // lines to the next failure anchor at or after this line; -1 when none
    double score = 0;
};

struct Entry
{
    int index = -1;
    QString name;
    QString job;
    QString stepName; // a step entry (step file, gh run view group)
    QByteArray data;
    std::vector<Line> lines;
    QList<logs::StepRange> steps;
    QHash<qint64, logs::TaxonomyMatch> hits; // line -> confirmed taxonomy match
};

struct Block
{
    int entry = 0;
    qint64 head = 0; // index into Entry::lines
    int members = 0;
    double score = 0;
};

struct Candidate
{
    double key = 0;
    int entry = 0;
    qint64 line = 0; // index into Entry::lines
    bool demoted = false;
    bool operator<(const Candidate& other) const
    {
        if (key != other.key)
            return key < other.key;
        if (entry != other.entry)
            return entry > other.entry;
        return line > other.line;
    }
};

// The template of a line with its outcome words masked: "Finished: FAILURE" and "Finished: SUCCESS" share
// it. A novel line whose outcome template a passing run printed reports the outcome, not its cause.
// Salted so that it never equals a plain template.
bool isOutcomeWord(QByteArrayView word)
{
    static constexpr QByteArrayView kWords[] = { "success", "successful", "successfully", "succeeded", "failure",
        "failures", "failed", "fail", "failing", "passed", "pass", "ok", "okay" };
    if (word.size() < 2 || word.size() > 12)
        return false;
    const char first = char(word[0] | 0x20);
    if (first != 's' && first != 'f' && first != 'p' && first != 'o')
        return false;
    return std::any_of(std::begin(kWords), std::end(kWords),
        [&](QByteArrayView w) { return w.size() == word.size() && word.compare(w, Qt::CaseInsensitive) == 0; });
}

// The template of a line with its outcome words masked: "Finished: FAILURE" and "Finished: SUCCESS" share
// it. A novel line whose outcome template a passing run printed reports the outcome, not its cause.
// Salted so that it never equals a plain template.
std::optional<quint64> outcomeTemplate(QByteArrayView text, QByteArray& scratch)
{
    constexpr quint64 kSalt = 0x9e3779b97f4a7c15ULL;
    auto isLetter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    bool masked = false;
    qsizetype copied = 0; // text before this offset is in scratch
    for (qsizetype i = 0; i < text.size();) {
        if (!isLetter(text[i])) {
            ++i;
            continue;
        }
        qsizetype end = i;
        while (end < text.size() && isLetter(text[end]))
            ++end;
        if (isOutcomeWord(text.sliced(i, end - i))) {
            if (!masked)
                scratch.clear();
            masked = true;
            scratch.append(text.sliced(copied, i - copied));
            scratch.append('\x01');
            copied = end;
        }
        i = end;
    }
    if (!masked)
        return std::nullopt;
    scratch.append(text.sliced(copied));
    return features::lineTemplateHash(scratch) ^ kSalt;
}

bool isBlank(QByteArrayView text)
{
    return std::all_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

// Calls f(entryIndex, decoded text) for every entry that holds the run's lines.
Status forEachRunEntry(const logs::LogSource& source, const std::function<Status(int, QByteArray)>& f)
{
    for (int index : logs::entriesHoldingRunLines(source)) {
        Result<QByteArray> data = source.readEntry(index);
        if (!data)
            return Error { data.error() };
        if (Status status = f(index, std::move(data).value()); !status)
            return status;
    }
    return {};
}

Error cancelledError(const QString& path)
{
    return Error { QStringLiteral("'%1': ranking cancelled").arg(path) };
}

QString stepOf(const Entry& entry, const Line& line)
{
    if (line.step >= 0)
        return entry.steps.at(line.step).name;
    return entry.stepName;
}
} // namespace

FailureLineRanker::FailureLineRanker(std::shared_ptr<const logs::Taxonomy> taxonomy)
    : m_taxonomy(std::move(taxonomy))
{
}

Result<FailureLineRanker> FailureLineRanker::create()
{
    auto taxonomy = logs::Taxonomy::create();
    if (!taxonomy)
        return Error { taxonomy.error() };
    return FailureLineRanker(std::move(taxonomy).value());
}

Result<std::vector<quint64>> FailureLineRanker::runTemplates(const QString& path, const CancelCheck& cancelled)
{
    Result<logs::LogSource> source = logs::LogSource::open(path);
    if (!source)
        return Error { source.error() };
    std::vector<quint64> templates;
    QByteArray scratch;
    QByteArray outcomeScratch;
    bool stopped = false;
    const Status status = forEachRunEntry(*source, [&](int, QByteArray data) -> Status {
        logs::forEachRawLine(data, [&](QByteArrayView raw, qint64, qint64 number) {
            if (number % kCancelEvery == 0 && cancelled && cancelled()) {
                stopped = true;
                return false;
            }
            const logs::LogLine line = logs::parseLine(raw, scratch);
            templates.push_back(features::lineTemplateHash(line.match));
            if (const std::optional<quint64> outcome = outcomeTemplate(line.match, outcomeScratch))
                templates.push_back(*outcome);
            return true;
        });
        return stopped ? Status(cancelledError(path)) : Status();
    });
    if (!status)
        return Error { status.error() };
    std::sort(templates.begin(), templates.end());
    templates.erase(std::unique(templates.begin(), templates.end()), templates.end());
    return templates;
}

Result<FailureLinesResult> FailureLineRanker::rank(const QString& failedPath, const QStringList& baselinePaths,
    const FailureLinesOptions& options, const CancelCheck& cancelled) const
{
    features::TemplateBaseline baseline;
    for (const QString& path : baselinePaths) {
        Result<std::vector<quint64>> templates = runTemplates(path, cancelled);
        if (!templates)
            return Error { templates.error() };
        baseline.addRun(*templates);
    }
    Result<FailureLinesResult> result = rank(failedPath, baseline, options, cancelled);
    if (result) {
        result->baselines = baselinePaths;
        result->baselineNames = baselinePaths;
    }
    return result;
}

Result<FailureLinesResult> FailureLineRanker::rank(const QString& failedPath,
    const features::TemplateBaseline& baseline, const FailureLinesOptions& options, const CancelCheck& cancelled) const
{
    Result<logs::LogSource> source = logs::LogSource::open(failedPath);
    if (!source)
        return Error { source.error() };
    const bool withBaseline = !baseline.isEmpty();

    // Pass 1: read every entry once: templates, cues, annotations, taxonomy hits, steps.
    std::vector<Entry> entries;
    QHash<quint64, int> occurrences;
    const std::unique_ptr<logs::Taxonomy::Scratch> scratch = m_taxonomy->makeScratch();
    std::optional<std::pair<size_t, qint64>> lastHit; // (entry, line) of the run's last taxonomy hit
    QSet<std::pair<size_t, qint64>> finals;
    std::vector<std::pair<size_t, qint64>> companions;
    bool companionConfirmed = false;
    bool anyAnnotation = false;
    bool stopped = false;
    QByteArray lineScratch;
    QByteArray outcomeScratch;
    const Status read = forEachRunEntry(*source, [&](int index, QByteArray data) -> Status {
        const logs::LogEntry& info = source->entries().at(index);
        Entry entry;
        entry.index = index;
        entry.name = info.name;
        entry.job = info.jobName;
        if (info.kind == logs::EntryKind::StepLog)
            entry.stepName = info.stepName;
        entry.data = std::move(data);
        const size_t entryIndex = entries.size();

        std::optional<qint64> entryLastHit;
        m_taxonomy->scanLines(entry.data, 1, *scratch, [&](const logs::TaxonomyLineEvent& event) {
            if (event.match) {
                if (event.match->needsCompanion) {
                    companions.emplace_back(entryIndex, event.line);
                } else {
                    companionConfirmed |= event.match->category == logs::MemoryCategory::RunnerLost;
                    entryLastHit = event.line;
                    lastHit = std::make_pair(entryIndex, event.line);
                }
                entry.hits.insert(event.line, *event.match);
            }
            if (event.errorMarker && entryLastHit)
                finals.insert({ entryIndex, *entryLastHit });
        });

        if (info.kind == logs::EntryKind::JobLog || info.kind == logs::EntryKind::LegacyJobLog)
            entry.steps = logs::stepsFromGroupMarkers(entry.data, entry.job, index);
        qsizetype stepAt = 0;
        logs::forEachRawLine(entry.data, [&](QByteArrayView raw, qint64 offset, qint64 number) {
            if (number % kCancelEvery == 0 && cancelled && cancelled()) {
                stopped = true;
                return false;
            }
            const logs::LogLine parsed = logs::parseLine(raw, lineScratch);
            Line line;
            line.offset = offset;
            line.length = qint32(qMin<qsizetype>(raw.size(), std::numeric_limits<qint32>::max()));
            line.hash = features::lineTemplateHash(parsed.match);
            line.blank = isBlank(parsed.match);
            line.cues = line.blank ? ErrorCues(logs::NoCue) : logs::errorCues(parsed.match);
            line.annotation = parsed.marker == logs::Marker::Error;
            line.generic = line.annotation && parsed.match.startsWith("Process completed with exit code");
            anyAnnotation |= line.annotation;
            while (stepAt < entry.steps.size() && number > entry.steps.at(stepAt).lastLine)
                ++stepAt;
            if (stepAt < entry.steps.size() && number >= entry.steps.at(stepAt).firstLine)
                line.step = qint32(stepAt);
            if (withBaseline) {
                line.known = !baseline.isNovel(line.hash);
                line.novel = !line.known && !line.blank;
                if (line.novel) {
                    const std::optional<quint64> outcome = outcomeTemplate(parsed.match, outcomeScratch);
                    line.outcome = outcome && !baseline.isNovel(*outcome);
                }
            }
            ++occurrences[line.hash];
            entry.lines.push_back(line);
            return true;
        });
        entries.push_back(std::move(entry));
        return stopped ? Status(cancelledError(failedPath)) : Status();
    });
    if (!read)
        return Error { read.error() };

    // Taxonomy: exit 143 counts only next to a runner-lost line; with no error marker after any hit, the
    // run's last hit is the final cause (as `scan` decides).
    if (!companionConfirmed) {
        for (const auto& [entry, line] : companions)
            entries[entry].hits.remove(line);
    }
    if (finals.isEmpty() && lastHit)
        finals.insert(*lastHit);

    // Pass 2: anchors, failing steps and line scores.
    for (size_t e = 0; e < entries.size(); ++e) {
        Entry& entry = entries[e];
        std::vector<bool> failingSteps(size_t(entry.steps.size()), false);
        bool entryAnnotated = false;
        for (const Line& line : entry.lines) {
            if (line.annotation) {
                entryAnnotated = true;
                if (line.step >= 0)
                    failingSteps[size_t(line.step)] = true;
            }
        }
        // Failure anchors: the error annotations; without any in the whole run, the end of each entry.
        qint64 anchor = -1;
        if (!anyAnnotation) {
            for (qint64 i = qint64(entry.lines.size()) - 1; i >= 0; --i) {
                if (!entry.lines[size_t(i)].blank) {
                    anchor = i;
                    break;
                }
            }
        }
        for (qint64 i = qint64(entry.lines.size()) - 1; i >= 0; --i) {
            Line& line = entry.lines[size_t(i)];
            if (line.annotation)
                anchor = i;
            line.distance = anchor >= 0 ? anchor - i : -1;
            line.failingStep = (line.step >= 0 && failingSteps[size_t(line.step)])
                || (line.step < 0 && !entry.stepName.isEmpty() && entryAnnotated);
            if (const auto hit = entry.hits.constFind(i + 1); hit != entry.hits.cend())
                line.taxonomy = finals.contains({ e, i + 1 }) ? Taxo::Final : Taxo::Hit;
            if (line.blank)
                continue;
            double s = 0;
            if (line.taxonomy == Taxo::Final)
                s += kFinalCause;
            else if (line.taxonomy == Taxo::Hit)
                s += kTaxonomyHit;
            if (line.annotation)
                s += line.generic ? kGenericAnnotation : kAnnotation;
            if (logs::isErrorStatement(line.cues)) {
                const int kinds = std::popcount(unsigned(line.cues & ~ErrorCues(logs::CueStackFrame)));
                s += kErrorStatement + kExtraCue * std::min(kinds - 1, 2);
            } else if (line.cues & logs::CueStackFrame) {
                s += kStackFrame;
            }
            if (line.distance >= 0)
                s += kNearFailure * std::exp(-double(line.distance) / kNearFailureScale);
            if (line.failingStep && s > 0)
                s += kFailingStep;
            if (line.outcome)
                s *= kOutcomeFactor;
            else if (line.novel)
                s += kNovel;
            else if (withBaseline)
                s *= kKnownFactor;
            s /= 1 + kRepeatDamping * std::log2(double(occurrences.value(line.hash, 1)));
            line.score = s;
        }
    }

    // Blocks: contiguous novel lines (without a baseline: contiguous lines with a cue), within one step.
    std::vector<Block> blocks;
    for (size_t e = 0; e < entries.size(); ++e) {
        Entry& entry = entries[e];
        auto isMember = [&](const Line& line) {
            if (line.blank)
                return false;
            if (withBaseline)
                return line.novel;
            return line.cues != logs::NoCue || line.annotation || line.taxonomy != Taxo::None;
        };
        int open = -1;
        int blanks = 0;
        bool blockHasCue = false;
        for (size_t i = 0; i < entry.lines.size(); ++i) {
            Line& line = entry.lines[i];
            if (line.blank && open >= 0 && ++blanks <= kMaxBlankBridge)
                continue;
            // A block ends at a non-member, at a step boundary, and where the first error statement follows
            // novel lines without any cue (the report starts there, not at the novel lines before it).
            const bool statement = logs::isErrorStatement(line.cues) || line.annotation || line.taxonomy != Taxo::None;
            if (open >= 0
                && (!isMember(line) || line.step != entry.lines[size_t(blocks[size_t(open)].head)].step
                    || (statement && !blockHasCue)))
                open = -1;
            if (open < 0)
                blockHasCue = false;
            blockHasCue |= line.cues != logs::NoCue || statement;
            blanks = 0;
            if (!isMember(line))
                continue;
            if (open < 0) {
                open = int(blocks.size());
                blocks.push_back({ int(e), qint64(i), 0, 0 });
            }
            Block& block = blocks[size_t(open)];
            line.block = open;
            ++block.members;
            block.score = std::max(block.score, line.score);
        }
    }
    for (Block& block : blocks)
        block.score += kBlockSize * std::log2(double(block.members));

    // Ranking: block heads by their block's score, other lines by their own; a template already listed
    // moves down.
    std::priority_queue<Candidate> queue;
    for (size_t e = 0; e < entries.size(); ++e) {
        const Entry& entry = entries[e];
        for (size_t i = 0; i < entry.lines.size(); ++i) {
            const Line& line = entry.lines[i];
            double key = line.score;
            if (line.block >= 0) {
                const Block& block = blocks[size_t(line.block)];
                // Lines that name the failure themselves (a specific annotation, a taxonomy hit) keep their
                // score inside a block.
                const bool namesFailure = (line.annotation && !line.generic) || line.taxonomy != Taxo::None;
                key = block.head == qint64(i) ? block.score : line.score * (namesFailure ? 1.0 : kMemberFactor);
            }
            if (key >= kMinScore)
                queue.push({ key, int(e), qint64(i), false });
        }
    }
    std::vector<Candidate> ranked;
    QSet<quint64> listed;
    while (!queue.empty()) {
        Candidate c = queue.top();
        queue.pop();
        const quint64 hash = entries[size_t(c.entry)].lines[size_t(c.line)].hash;
        if (!c.demoted && listed.contains(hash)) {
            c.key *= kDuplicateFactor;
            c.demoted = true;
            if (c.key >= kMinScore)
                queue.push(c);
            continue;
        }
        listed.insert(hash);
        ranked.push_back(c);
    }

    FailureLinesResult result;
    result.failed = failedPath;
    result.rankedLines = qint64(ranked.size());
    for (const Entry& entry : entries)
        result.totalLines += qint64(entry.lines.size());
    const size_t shown = options.top > 0 ? std::min(ranked.size(), size_t(options.top)) : ranked.size();
    QHash<int, int> blockIds;
    for (size_t r = 0; r < shown; ++r) {
        const Candidate& c = ranked[r];
        const Entry& entry = entries[size_t(c.entry)];
        const Line& line = entry.lines[size_t(c.line)];
        FailureLine out;
        out.rank = int(r) + 1;
        out.entry = entry.name;
        out.line = c.line + 1;
        out.text = logs::Taxonomy::messageText(QByteArrayView(entry.data).sliced(line.offset, line.length));
        out.score = std::round(c.key * 1000) / 1000;
        out.job = entry.job;
        out.step = stepOf(entry, line);
        if (line.taxonomy != Taxo::None) {
            const logs::TaxonomyMatch& match = entry.hits.value(c.line + 1);
            out.reasons << logs::categoryId(match.category)
                    + (line.taxonomy == Taxo::Final ? QStringLiteral(" final") : QString());
        }
        if (line.annotation)
            out.reasons << QStringLiteral("error annotation");
        out.reasons << logs::errorCueNames(line.cues);
        if (line.novel)
            out.reasons << QStringLiteral("novel");
        if (line.outcome)
            out.reasons << QStringLiteral("outcome line");
        if (line.block >= 0) {
            if (!blockIds.contains(line.block))
                blockIds.insert(line.block, int(blockIds.size()) + 1);
            out.block = blockIds.value(line.block);
            const Block& block = blocks[size_t(line.block)];
            if (block.head == c.line && block.members > 1)
                out.reasons << QStringLiteral("block head (%1 lines)").arg(block.members);
        }
        if (line.failingStep)
            out.reasons << QStringLiteral("failing step");
        if (line.distance >= 0 && line.distance <= 20)
            out.reasons << QStringLiteral("near failure");
        if (const int n = occurrences.value(line.hash); n > 1)
            out.reasons << QStringLiteral("repeated %1x").arg(n);
        if (c.demoted)
            out.reasons << QStringLiteral("listed above");
        result.lines.push_back(std::move(out));
    }
    if (options.keepKnownLines) {
        for (const Entry& entry : entries) {
            FailureLinesEntry known { entry.name, entry.job, qint64(entry.lines.size()), {} };
            if (withBaseline) {
                known.known.reserve(entry.lines.size());
                for (const Line& line : entry.lines)
                    known.known.push_back(line.known);
            }
            result.entries.push_back(std::move(known));
        }
    }
    return result;
}

QFuture<Result<FailureLinesResult>> FailureLineRanker::start(FailureLinesRequest request)
{
    return QtConcurrent::run([request = std::move(request)](QPromise<Result<FailureLinesResult>>& promise) {
        static const Result<FailureLineRanker> ranker = create(); // thread-safe, once per process
        if (!ranker) {
            promise.addResult(Result<FailureLinesResult>(Error { ranker.error() }));
            return;
        }
        QStringList baselines = request.baselines;
        QStringList names = request.baselineNames.isEmpty() ? request.baselines : request.baselineNames;
        if (!request.workspaceDir.isEmpty()) {
            // This thread's own connection; a run without a baseline is still ranked.
            workspace::Workspace ws;
            if (ws.open(request.workspaceDir)) {
                if (Result<StoredRunLogs> stored = storedRunLogs(ws, request.runId, request.attempt)) {
                    baselines = stored->baselines + baselines;
                    names = stored->baselineNames + names;
                }
            }
        }
        Result<FailureLinesResult> result
            = ranker->rank(request.failed, baselines, request.options, [&promise] { return promise.isCanceled(); });
        if (result)
            result->baselineNames = names;
        promise.addResult(std::move(result));
    });
}

} // namespace runlens::failurelines
