#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <memory>
#include <span>
#include <vector>

namespace runlens::logs {

// A set of patterns searched over whole buffers at once (Hyperscan), reporting the lines that hold at
// least one of them with a bit mask of which. Scanners use it to skip the precise per-line work on the
// many lines that cannot need it: the taxonomy's anchors, the feature extractor's markers.
// Immutable after create(); share one instance between threads, give each thread its own Scratch.
class LinePrefilter
{
public:
    struct Pattern
    {
        unsigned id = 0; // bit `id` of a line's mask; < 64
        QByteArray expression; // Hyperscan (PCRE-like) syntax; see literal()
        bool caseless = true; // ASCII case-insensitive
    };

    // A line with at least one match: [start, end) in the scanned text, `end` at its '\n' or the text's end.
    struct Line
    {
        size_t start = 0;
        size_t end = 0;
        quint64 mask = 0;
    };

    // Per-thread matcher state and the result of the last scan(); make one with makeScratch() and reuse it.
    class Scratch
    {
    public:
        ~Scratch();
        Scratch(const Scratch&) = delete;
        Scratch& operator=(const Scratch&) = delete;

    private:
        friend class LinePrefilter;
        Scratch();
        struct State;
        std::unique_ptr<State> m_state;
    };

    // `what` names the pattern set in errors ("taxonomy: anchor '...' does not compile: ...").
    static Result<std::shared_ptr<const LinePrefilter>> create(std::span<const Pattern> patterns, const QString& what);
    ~LinePrefilter();
    LinePrefilter(const LinePrefilter&) = delete;
    LinePrefilter& operator=(const LinePrefilter&) = delete;

    std::unique_ptr<Scratch> makeScratch() const;

    // The lines of `text` holding a match, in order, one entry per line with the ids of all its matches.
    // Valid until the next scan() with the same scratch.
    const std::vector<Line>& scan(QByteArrayView text, Scratch& scratch) const;

    // `text` as an expression that matches it literally.
    static QByteArray literal(QByteArrayView text);

private:
    struct Private;
    explicit LinePrefilter(std::unique_ptr<Private> d);
    std::unique_ptr<Private> d;
};

} // namespace runlens::logs
