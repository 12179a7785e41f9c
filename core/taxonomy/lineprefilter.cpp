#include "taxonomy/lineprefilter.h"

#include <hs/hs.h>

#include <algorithm>
#include <cstring>

namespace runlens::logs {

struct LinePrefilter::Private
{
    hs_database_t* database = nullptr;
    ~Private()
    {
        if (database)
            hs_free_database(database);
    }
};

struct LinePrefilter::Scratch::State
{
    ~State()
    {
        if (scratch)
            hs_free_scratch(scratch);
    }
    hs_scratch_t* scratch = nullptr;
    std::vector<Line> hits; // one per match while scanning, then merged to one per line
};

LinePrefilter::Scratch::Scratch()
    : m_state(std::make_unique<State>())
{
}

LinePrefilter::Scratch::~Scratch() = default;

LinePrefilter::LinePrefilter(std::unique_ptr<Private> data)
    : d(std::move(data))
{
}

LinePrefilter::~LinePrefilter() = default;

Result<std::shared_ptr<const LinePrefilter>> LinePrefilter::create(
    std::span<const Pattern> patterns, const QString& what)
{
    auto d = std::make_unique<Private>();
    std::vector<const char*> expressions;
    std::vector<unsigned> flags;
    std::vector<unsigned> ids;
    for (const Pattern& pattern : patterns) {
        if (pattern.id >= 64)
            return makeError(QStringLiteral("%1: pattern id %2 is over 63").arg(what).arg(pattern.id));
        expressions.push_back(pattern.expression.constData());
        flags.push_back(HS_FLAG_MULTILINE | (pattern.caseless ? HS_FLAG_CASELESS : 0u));
        ids.push_back(pattern.id);
    }
    hs_compile_error_t* compileError = nullptr;
    if (hs_compile_multi(expressions.data(), flags.data(), ids.data(), unsigned(expressions.size()), HS_MODE_BLOCK,
            nullptr, &d->database, &compileError)
        != HS_SUCCESS) {
        const int index = compileError->expression;
        const QString pattern = index >= 0 && size_t(index) < expressions.size()
            ? QString::fromUtf8(expressions[size_t(index)])
            : QString::number(index);
        const QString message = QStringLiteral("%1: anchor '%2' does not compile: %3")
                                    .arg(what, pattern, QString::fromUtf8(compileError->message));
        hs_free_compile_error(compileError);
        return makeError(message);
    }
    return std::shared_ptr<const LinePrefilter>(new LinePrefilter(std::move(d)));
}

std::unique_ptr<LinePrefilter::Scratch> LinePrefilter::makeScratch() const
{
    std::unique_ptr<Scratch> scratch(new Scratch());
    if (hs_alloc_scratch(d->database, &scratch->m_state->scratch) != HS_SUCCESS)
        qFatal("line prefilter: cannot allocate Hyperscan scratch space (out of memory)");
    return scratch;
}

namespace {
struct ScanContext
{
    const char* base; // the whole text
    size_t offset; // of the block being scanned in the text
    size_t size; // of the whole text
    std::vector<LinePrefilter::Line>* hits;
};

int onMatch(unsigned int id, unsigned long long /*from*/, unsigned long long to, unsigned int /*flags*/, void* context)
{
    auto* ctx = static_cast<ScanContext*>(context);
    const size_t last = ctx->offset + (to > 0 ? size_t(to - 1) : 0); // last byte of the match
    auto& hits = *ctx->hits;
    if (!hits.empty() && last >= hits.back().start && last < hits.back().end) {
        hits.back().mask |= quint64(1) << id;
        return 0;
    }
    const void* nl = std::memchr(ctx->base + last, '\n', ctx->size - last);
    const size_t lineEnd = nl ? size_t(static_cast<const char*>(nl) - ctx->base) : ctx->size;
    // memrchr: a byte-by-byte walk back to the line's start cost as much as the rest of this callback.
    const void* previousNl = last > 0 ? memrchr(ctx->base, '\n', last) : nullptr;
    const size_t lineStart = previousNl ? size_t(static_cast<const char*>(previousNl) - ctx->base) + 1 : 0;
    hits.push_back({ lineStart, lineEnd, quint64(1) << id });
    return 0;
}
} // namespace

const std::vector<LinePrefilter::Line>& LinePrefilter::scan(QByteArrayView text, Scratch& scratch) const
{
    auto& hits = scratch.m_state->hits;
    hits.clear();
    ScanContext context { text.data(), 0, size_t(text.size()), &hits };
    // Hyperscan takes 32-bit lengths: scan blocks of at most 1 GiB ending at a newline, so that no line
    // straddles two blocks.
    constexpr size_t kMaxBlock = size_t(1) << 30;
    while (context.offset < context.size) {
        size_t end = std::min(context.size, context.offset + kMaxBlock);
        if (end < context.size) {
            const void* nl = std::memchr(text.data() + end, '\n', context.size - end);
            end = nl ? size_t(static_cast<const char*>(nl) - text.data()) + 1 : context.size;
        }
        hs_scan(d->database, text.data() + context.offset, unsigned(end - context.offset), 0, scratch.m_state->scratch,
            onMatch, &context);
        context.offset = end;
    }
    // Matches are not reported strictly in text order: sort by line, then merge each line's masks.
    std::sort(hits.begin(), hits.end(), [](const Line& a, const Line& b) { return a.start < b.start; });
    size_t out = 0;
    for (size_t i = 0; i < hits.size(); ++i) {
        if (out > 0 && hits[out - 1].start == hits[i].start)
            hits[out - 1].mask |= hits[i].mask;
        else
            hits[out++] = hits[i];
    }
    hits.resize(out);
    return hits;
}

QByteArray LinePrefilter::literal(QByteArrayView text)
{
    QByteArray expression;
    expression.reserve(text.size() * 2);
    for (char c : text) {
        const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' '
            || c == '_' || c == '-' || c == ':' || c == ',' || c == '=' || c == '!' || c == '#';
        if (plain) {
            expression += c;
        } else {
            static constexpr char kHex[] = "0123456789abcdef";
            const auto byte = static_cast<unsigned char>(c);
            expression += "\\x";
            expression += kHex[byte >> 4];
            expression += kHex[byte & 15];
        }
    }
    return expression;
}

} // namespace runlens::logs
