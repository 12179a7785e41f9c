#pragma once

#include "common/result.h"
#include "taxonomy/lineprefilter.h"
#include "taxonomy/memorycategory.h"

#include <QByteArrayView>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <vector>

namespace runlens::logs {

// One confirmed taxonomy match on a line.
struct TaxonomyMatch
{
    MemoryCategory category = MemoryCategory::OomKilled;
    QString rule; // id of the rule that confirmed it, e.g. "exit-137" (docs/taxonomy.md)
    // Set for rules that only count together with another hit of the same run (exit 143 needs a runner
    // shutdown or lost-communication line to mean runner-lost).
    bool needsCompanion = false;
};

// A line the scan reports: a taxonomy match, a `##[error]` marker line, or both.
struct TaxonomyLineEvent
{
    qint64 line = 0; // 1-based line number
    QByteArrayView raw; // the line without its newline, valid only during the callback
    std::optional<TaxonomyMatch> match;
    bool errorMarker = false;
};

// The memory-failure taxonomy: a fast case-insensitive anchor prefilter (Hyperscan) over whole buffers,
// confirmed by precise per-rule regular expressions on the few candidate lines only.
// Immutable after create(); share one instance between threads, give each thread its own Scratch.
class Taxonomy
{
public:
    // Per-thread matcher state (the prefilter's); make one with makeScratch() and reuse it.
    using Scratch = LinePrefilter::Scratch;
    using LineSink = std::function<void(const TaxonomyLineEvent&)>;

    static Result<std::shared_ptr<const Taxonomy>> create();
    ~Taxonomy();
    Taxonomy(const Taxonomy&) = delete;
    Taxonomy& operator=(const Taxonomy&) = delete;

    std::unique_ptr<Scratch> makeScratch() const;

    // Scans `text` (UTF-8, whole lines; the last line may lack its newline) whose first line is
    // `firstLine`, calling `sink` for each reported line in order. Returns the number of '\n' in `text`.
    qint64 scanLines(QByteArrayView text, qint64 firstLine, Scratch& scratch, const LineSink& sink) const;

    // The prefilter's anchors (ids below kPrefilterIds), for a scanner that searches them together with
    // its own patterns in one LinePrefilter pass (the feature extractor).
    static constexpr unsigned kPrefilterIds = 32;
    static std::vector<LinePrefilter::Pattern> prefilterPatterns();
    // What scanLines() reports, from the lines such a combined LinePrefilter found in `text` (bits from
    // kPrefilterIds up are not the taxonomy's and are ignored).
    qint64 reportLines(
        QByteArrayView text, qint64 firstLine, std::span<const LinePrefilter::Line> lines, const LineSink& sink) const;

    // Classifies one line (timestamps, gh-view prefixes and ANSI escapes are ignored) through the same
    // prefilter and rules as scanLines().
    std::optional<TaxonomyMatch> classifyLine(QByteArrayView line) const;

    // The prefilter anchors as regular expressions that ripgrep also understands (for benchmarks).
    static QStringList anchorPatterns();

    // The line as evidence: ANSI escapes, BOM and CR removed, at most 1000 characters.
    static QString evidenceText(QByteArrayView raw);
    // The line's message: evidenceText() without a leading gh-view "job<TAB>step<TAB>" and timestamp.
    static QString messageText(QByteArrayView raw);

private:
    struct Private;
    explicit Taxonomy(std::unique_ptr<Private> d);
    std::optional<TaxonomyMatch> confirm(QByteArrayView raw, quint64 anchorMask) const;

    std::unique_ptr<Private> d;
};

} // namespace runlens::logs
