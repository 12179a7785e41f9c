#include "taxonomy.h"

#include "taxonomy/lineprefilter.h"

#include <QRegularExpression>

#include <algorithm>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace runlens::logs {

namespace {
// Prefilter anchors: cheap, case-insensitive, and implied by every rule that names them. Index 0 marks
// `##[error]` lines for the final-cause logic; no rule uses it.
enum AnchorId : unsigned {
    AnchorErrorMarker,
    AnchorExitCode,
    AnchorKilled,
    AnchorSigkill,
    AnchorSignal9,
    AnchorOom,
    AnchorShutdown,
    AnchorLostCommunication,
    AnchorOutOfMemoryError,
    AnchorGcOverhead,
    AnchorDaemonDisappeared,
    AnchorJavaHeap,
    AnchorV8Heap,
    AnchorOutOfMemory,
    AnchorVirtualMemory,
    AnchorMemoryAllocationOf,
    AnchorBadAlloc,
    AnchorEnomem,
    AnchorCannotAllocate,
    AnchorMemoryError,
    AnchorOutOfMemoryException,
    AnchorUnableToAllocate,
    AnchorNoSpace,
    AnchorCudaAlloc,
    AnchorCount
};

// Hyperscan is fastest on plain literals, so each anchor is a set of patterns, mostly literals
// (measured: one regex with alternations and repeats ran at half the speed of the same set spelled
// out as literals).
struct AnchorPattern
{
    AnchorId id;
    QByteArray pattern;
};

std::vector<AnchorPattern> anchorTable()
{
    std::vector<AnchorPattern> table;
    auto add = [&](AnchorId id, const char* pattern) { table.push_back({ id, QByteArray(pattern) }); };
    add(AnchorErrorMarker, R"(##\[error\])");
    // "<word><separator>137|143": exit codes only; the confirm rule re-checks the same shape.
    for (const char* word : { "code", "returned", "status", "error", "exit", "exited", "rc" }) {
        for (const char* separator : { " ", ": ", ":", "=", " \\(", "\\(", " #", "\\t" }) {
            for (const char* code : { "137", "143" })
                table.push_back({ AnchorExitCode, QByteArray(word) + separator + code });
        }
    }
    add(AnchorKilled, R"(\bkilled)");
    add(AnchorSigkill, "sigkill");
    add(AnchorSignal9, "signal 9");
    add(AnchorSignal9, "signal: 9");
    add(AnchorSignal9, "signal:9");
    add(AnchorOom, R"(\boom(?:[-_ ]kill|\b))");
    add(AnchorOom, R"(oomkilled"?\s*[:=]\s*"?true)");
    add(AnchorOom, R"(reason:?\s*"?oomkilled)");
    add(AnchorShutdown, "shutdown signal");
    add(AnchorLostCommunication, "lost communication with the server");
    add(AnchorOutOfMemoryError, "(?:^|[^a-z0-9_])outofmemoryerror");
    add(AnchorGcOverhead, "gc overhead limit exceeded");
    add(AnchorDaemonDisappeared, "daemon disappeared");
    add(AnchorJavaHeap, "java heap space");
    add(AnchorJavaHeap, "heap space is exhausted");
    add(AnchorJavaHeap, "could not reserve enough space for object heap");
    add(AnchorJavaHeap, "garbage collector is thrashing");
    add(AnchorV8Heap, "reached heap limit");
    add(AnchorV8Heap, "mark-compacts");
    add(AnchorOutOfMemory, "out of memory");
    add(AnchorVirtualMemory, "virtual memory exhausted");
    add(AnchorMemoryAllocationOf, "memory allocation of");
    add(AnchorBadAlloc, "bad_alloc");
    add(AnchorEnomem, "enomem");
    add(AnchorCannotAllocate, "cannot allocate memory");
    add(AnchorMemoryError, "(?:^|[^a-z0-9_])memoryerror");
    add(AnchorOutOfMemoryException, "outofmemoryexception");
    add(AnchorUnableToAllocate, "unable to allocate");
    add(AnchorNoSpace, "no space left on device");
    add(AnchorNoSpace, "enospc");
    add(AnchorNoSpace, "not enough space on the disk");
    add(AnchorCudaAlloc, "cublas_status_alloc_failed");
    add(AnchorCudaAlloc, "cudaerrormemoryallocation");
    return table;
}

struct RuleSpec
{
    MemoryCategory category;
    const char* id;
    AnchorId anchor;
    const char* pattern;
    bool caseSensitive;
    const char* negative; // a line that also matches this is not a hit
    bool needsCompanion;
};

constexpr bool CS = true;
constexpr bool CI = false;

// Ordered by priority: the first confirmed rule names the line's category. docs/taxonomy.md lists them.
const RuleSpec kRules[] = {
    { MemoryCategory::GpuOom, "cuda-oom", AnchorOutOfMemory, R"(CUDA (?:error: )?out of memory)", CI, nullptr, false },
    { MemoryCategory::GpuOom, "torch-oom", AnchorOutOfMemoryError, R"(\btorch\.(?:cuda\.)?OutOfMemoryError\b)", CS,
        nullptr, false },
    { MemoryCategory::GpuOom, "cuda-alloc", AnchorCudaAlloc, R"(CUBLAS_STATUS_ALLOC_FAILED|cudaErrorMemoryAllocation)",
        CI, nullptr, false },
    { MemoryCategory::NodeHeap, "js-heap-oom", AnchorOutOfMemory, R"(JavaScript heap out of memory)", CI, nullptr,
        false },
    { MemoryCategory::NodeHeap, "v8-heap-limit", AnchorV8Heap, R"(Reached heap limit|Ineffective mark-compacts)", CI,
        nullptr, false },
    { MemoryCategory::CompilerOom, "cc-killed", AnchorKilled, R"(Killed signal terminated program\b)", CI, nullptr,
        false },
    { MemoryCategory::CompilerOom, "vm-exhausted", AnchorVirtualMemory, R"(virtual memory exhausted)", CI, nullptr,
        false },
    { MemoryCategory::CompilerOom, "llvm-oom", AnchorOutOfMemory,
        R"(LLVM ERROR: out of memory|\bcc1(?:plus|obj)?: out of memory)", CI, nullptr, false },
    { MemoryCategory::CompilerOom, "rustc-alloc", AnchorMemoryAllocationOf, R"(memory allocation of \d+ bytes failed)",
        CI, nullptr, false },
    { MemoryCategory::JvmHeap, "java-oome", AnchorOutOfMemoryError, R"((?<![\w.])(?:java\.lang\.)?OutOfMemoryError\b)",
        CS, nullptr, false },
    { MemoryCategory::JvmHeap, "gc-overhead", AnchorGcOverhead, R"(GC overhead limit exceeded)", CI, nullptr, false },
    { MemoryCategory::JvmHeap, "gradle-daemon", AnchorDaemonDisappeared, R"(daemon disappeared unexpectedly)", CI,
        nullptr, false },
    { MemoryCategory::JvmHeap, "jvm-heap", AnchorJavaHeap,
        R"(Java heap space|heap space is exhausted|Could not reserve enough space for object heap|garbage collector is thrashing)",
        CI, nullptr, false },
    { MemoryCategory::OomKilled, "kernel-oom", AnchorOutOfMemory, R"(out of memory: Kill(?:ed)? process)", CI, nullptr,
        false },
    { MemoryCategory::NativeAlloc, "bad-alloc", AnchorBadAlloc, R"((?<!\w)(?:std::)?bad_alloc\b)", CS, nullptr, false },
    { MemoryCategory::NativeAlloc, "enomem", AnchorEnomem, R"(\bENOMEM\b)", CS, nullptr, false },
    { MemoryCategory::NativeAlloc, "cannot-allocate", AnchorCannotAllocate, R"(Cannot allocate memory)", CI, nullptr,
        false },
    { MemoryCategory::NativeAlloc, "go-runtime-oom", AnchorOutOfMemory, R"(runtime: out of memory)", CI, nullptr,
        false },
    { MemoryCategory::NativeAlloc, "python-memoryerror", AnchorMemoryError, R"((?<!\w)MemoryError\b)", CS, nullptr,
        false },
    { MemoryCategory::NativeAlloc, "dotnet-oom", AnchorOutOfMemoryException,
        R"((?<!\w)(?:System\.)?OutOfMemoryException\b)", CS, nullptr, false },
    { MemoryCategory::NativeAlloc, "numpy-alloc", AnchorUnableToAllocate, R"(Unable to allocate [\d.]+ ?[KMGTPE]i?B)",
        CI, nullptr, false },
    { MemoryCategory::NativeAlloc, "fatal-oom", AnchorOutOfMemory,
        R"(^(?:fatal|error)\b[^:]{0,30}:\s*out of memory\b|^out of memory\b)", CI, nullptr, false },
    { MemoryCategory::OomKilled, "exit-137", AnchorExitCode,
        R"((?:code|returned|status|error|exit|exited|rc)(?: |: |:|=| \(|\(| #|\t)137\b)", CI, nullptr, false },
    // A shell's report of a SIGKILLed child, never a sentence that starts with "Killed": `Killed`
    // (or macOS's `Killed: 9`) alone or as a job status padded to its column (two or more spaces or
    // a tab before the command; job control adds `[1]+`); bash's `x.sh: line 3: 4711 Killed ...`;
    // zsh's `zsh: killed   cmd`; make's `*** [target] Killed`; the kernel's `Killed process N (name)`.
    { MemoryCategory::OomKilled, "shell-killed", AnchorKilled,
        R"(^\s*(?:\[\d+\][+-]?\s+)?Killed(?:: 9)?(?:\s*$|(?: {2,}|\t)\S))"
        R"(|^.*?: line \d+:\s+(?:\d+\s+Killed(?:\s|$)|Killed(?: {2,}|\t|\s*$)))"
        R"(|^zsh: killed(?: {2,}|\t|\s*$))"
        R"(|^\S*make(?:\[\d+\])?: \*\*\* \[.*\] Killed\s*$)"
        R"(|\bKilled process \d+ \()",
        CS, nullptr, false },
    { MemoryCategory::OomKilled, "sigkill", AnchorSigkill, R"(\bSIGKILL\b)", CI, nullptr, false },
    { MemoryCategory::OomKilled, "signal-9", AnchorSignal9, R"(\bsignal:?\s?9\b)", CI, nullptr, false },
    { MemoryCategory::OomKilled, "oom-kill", AnchorOom, R"(\boom[-_ ]kill)", CI, R"(oom[-_]kill[-_]disable)", false },
    { MemoryCategory::OomKilled, "oomkilled-true", AnchorOom,
        R"(\bOOMKilled"?\s*[:=]\s*"?true\b|\breason:?\s*"?OOMKilled\b)", CI, nullptr, false },
    { MemoryCategory::OomKilled, "oom-word", AnchorOom, R"(\bOOM\b)", CS, nullptr, false },
    { MemoryCategory::RunnerLost, "runner-shutdown", AnchorShutdown, R"(received a shutdown signal)", CI, nullptr,
        false },
    { MemoryCategory::RunnerLost, "lost-communication", AnchorLostCommunication,
        R"(lost communication with the server)", CI, nullptr, false },
    { MemoryCategory::RunnerLost, "exit-143", AnchorExitCode,
        R"((?:code|returned|status|error|exit|exited|rc)(?: |: |:|=| \(|\(| #|\t)143\b)", CI, nullptr, true },
    { MemoryCategory::DiskFull, "no-space", AnchorNoSpace,
        R"(No space left on device|\bENOSPC\b|not enough space on the disk)", CI, nullptr, false },
};

struct Rule
{
    MemoryCategory category;
    QString id;
    quint64 anchorBit;
    QRegularExpression positive;
    QRegularExpression negative;
    bool needsCompanion;
};

// Counts '\n' bytes, 16 at a time with SSE2 (each compare gives -1 per newline, subtracted into byte
// counters that are summed before they can overflow), else eight at a time (SWAR: a byte is zero after
// XOR with '\n' exactly when it was one).
qint64 countNewlines(const char* p, size_t size)
{
    qint64 count = 0;
    size_t i = 0;
#if defined(__SSE2__)
    const __m128i newline = _mm_set1_epi8('\n');
    while (i + 16 <= size) {
        __m128i counters = _mm_setzero_si128();
        for (int round = 0; round < 255 && i + 16 <= size; ++round, i += 16) {
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
            counters = _mm_sub_epi8(counters, _mm_cmpeq_epi8(v, newline));
        }
        const __m128i sums = _mm_sad_epu8(counters, _mm_setzero_si128());
        // Each half holds at most 255 * 8: 32-bit reads, which 32-bit x86 has too.
        count += qint64(_mm_cvtsi128_si32(sums)) + qint64(_mm_extract_epi16(sums, 4));
    }
#else
    constexpr quint64 kOnes = 0x0101010101010101ULL;
    constexpr quint64 kLow7 = 0x7f7f7f7f7f7f7f7fULL;
    constexpr quint64 kHigh = 0x8080808080808080ULL;
    for (; i + 32 <= size; i += 32) {
        quint64 sum = 0;
        for (size_t k = 0; k < 32; k += 8) {
            quint64 v;
            std::memcpy(&v, p + i + k, 8);
            const quint64 x = v ^ (kOnes * '\n');
            const quint64 nonZero = ((x & kLow7) + kLow7) | x;
            sum += (~nonZero & kHigh) >> 7;
        }
        count += static_cast<qint64>((sum * kOnes) >> 56);
    }
#endif
    for (; i < size; ++i)
        count += p[i] == '\n';
    return count;
}

bool isDigit(QChar c)
{
    return c >= QLatin1Char('0') && c <= QLatin1Char('9');
}

// "2024-01-28T19:27:24.9408212Z " at `pos`: returns the index after it, or -1.
qsizetype timestampEnd(const QString& s, qsizetype pos)
{
    if (s.size() < pos + 20 || !isDigit(s[pos]) || !isDigit(s[pos + 3]) || s[pos + 4] != QLatin1Char('-')
        || s[pos + 10] != QLatin1Char('T'))
        return -1;
    const qsizetype limit = std::min(s.size(), pos + 40);
    for (qsizetype i = pos + 19; i < limit; ++i) {
        if (s[i] == QLatin1Char('Z'))
            return (i + 1 < s.size() && s[i + 1] == QLatin1Char(' ')) ? i + 2 : i + 1;
        if (s[i] == QLatin1Char(' '))
            return i + 1;
    }
    return -1;
}
} // namespace

struct Taxonomy::Private
{
    std::shared_ptr<const LinePrefilter> prefilter;
    std::vector<Rule> rules;
};

Taxonomy::Taxonomy(std::unique_ptr<Private> data)
    : d(std::move(data))
{
}

Taxonomy::~Taxonomy() = default;

Result<std::shared_ptr<const Taxonomy>> Taxonomy::create()
{
    auto d = std::make_unique<Private>();
    const std::vector<LinePrefilter::Pattern> patterns = prefilterPatterns();
    Result<std::shared_ptr<const LinePrefilter>> prefilter
        = LinePrefilter::create(patterns, QStringLiteral("taxonomy"));
    if (!prefilter)
        return makeError(prefilter.error());
    d->prefilter = std::move(*prefilter);
    for (const RuleSpec& spec : kRules) {
        const auto options
            = spec.caseSensitive ? QRegularExpression::NoPatternOption : QRegularExpression::CaseInsensitiveOption;
        Rule rule { spec.category, QString::fromLatin1(spec.id), quint64(1) << spec.anchor,
            QRegularExpression(QString::fromUtf8(spec.pattern), options), QRegularExpression(), spec.needsCompanion };
        if (spec.negative)
            rule.negative
                = QRegularExpression(QString::fromUtf8(spec.negative), QRegularExpression::CaseInsensitiveOption);
        if (!rule.positive.isValid() || (spec.negative && !rule.negative.isValid()))
            return makeError(QStringLiteral("taxonomy: rule '%1' does not compile").arg(rule.id));
        rule.positive.optimize();
        if (spec.negative)
            rule.negative.optimize();
        d->rules.push_back(std::move(rule));
    }
    return std::shared_ptr<const Taxonomy>(new Taxonomy(std::move(d)));
}

std::unique_ptr<Taxonomy::Scratch> Taxonomy::makeScratch() const
{
    return d->prefilter->makeScratch();
}

qint64 Taxonomy::scanLines(QByteArrayView text, qint64 firstLine, Scratch& scratch, const LineSink& sink) const
{
    if (text.isEmpty())
        return 0;
    return reportLines(text, firstLine, d->prefilter->scan(text, scratch), sink);
}

std::vector<LinePrefilter::Pattern> Taxonomy::prefilterPatterns()
{
    static_assert(AnchorCount <= kPrefilterIds);
    std::vector<LinePrefilter::Pattern> patterns;
    for (const AnchorPattern& anchor : anchorTable())
        patterns.push_back({ anchor.id, anchor.pattern, true });
    return patterns;
}

qint64 Taxonomy::reportLines(
    QByteArrayView text, qint64 firstLine, std::span<const LinePrefilter::Line> lines, const LineSink& sink) const
{
    constexpr quint64 kTaxonomyBits = (quint64(1) << kPrefilterIds) - 1;
    constexpr quint64 kErrorMarkerBit = quint64(1) << AnchorErrorMarker;
    qint64 newlines = 0;
    size_t counted = 0;
    for (const LinePrefilter::Line& candidate : lines) {
        const quint64 mask = candidate.mask & kTaxonomyBits;
        if (!mask)
            continue;
        newlines += countNewlines(text.data() + counted, candidate.start - counted);
        counted = candidate.start;
        TaxonomyLineEvent event;
        event.line = firstLine + newlines;
        event.raw = text.sliced(qsizetype(candidate.start), qsizetype(candidate.end - candidate.start));
        event.errorMarker = mask & kErrorMarkerBit;
        if (mask & ~kErrorMarkerBit)
            event.match = confirm(event.raw, mask);
        if (event.match || event.errorMarker)
            sink(event);
    }
    newlines += countNewlines(text.data() + counted, size_t(text.size()) - counted);
    return newlines;
}

std::optional<TaxonomyMatch> Taxonomy::confirm(QByteArrayView raw, quint64 anchorMask) const
{
    const QString message = messageText(raw);
    for (const Rule& rule : d->rules) {
        if (!(anchorMask & rule.anchorBit))
            continue;
        if (!rule.positive.match(message).hasMatch())
            continue;
        if (rule.negative.isValid() && !rule.negative.pattern().isEmpty() && rule.negative.match(message).hasMatch())
            continue;
        return TaxonomyMatch { rule.category, rule.id, rule.needsCompanion };
    }
    return std::nullopt;
}

std::optional<TaxonomyMatch> Taxonomy::classifyLine(QByteArrayView line) const
{
    std::optional<TaxonomyMatch> result;
    auto scratch = makeScratch();
    scanLines(line, 1, *scratch, [&](const TaxonomyLineEvent& event) {
        if (event.match && !result)
            result = event.match;
    });
    return result;
}

QStringList Taxonomy::anchorPatterns()
{
    QStringList patterns;
    for (const AnchorPattern& anchor : anchorTable())
        patterns << QString::fromUtf8(anchor.pattern);
    return patterns;
}

QString Taxonomy::evidenceText(QByteArrayView raw)
{
    static const QRegularExpression ansi(QStringLiteral("\\x{1b}\\[[0-9;?]*[ -/]*[@-~]"));
    QString text = QString::fromUtf8(raw.first(std::min<qsizetype>(raw.size(), 4096)));
    text.remove(QChar(0xFEFF));
    text.remove(QLatin1Char('\r'));
    if (text.contains(QChar(0x1b)))
        text.remove(ansi);
    if (text.size() > 1000)
        text.truncate(1000);
    return text;
}

QString Taxonomy::messageText(QByteArrayView raw)
{
    QString text = evidenceText(raw);
    // gh run view --log: "job<TAB>step<TAB>timestamp text"
    const qsizetype tab1 = text.indexOf(QLatin1Char('\t'));
    if (tab1 >= 0 && tab1 < 300) {
        const qsizetype tab2 = text.indexOf(QLatin1Char('\t'), tab1 + 1);
        if (tab2 >= 0 && timestampEnd(text, tab2 + 1) >= 0)
            text.remove(0, tab2 + 1);
    }
    const qsizetype end = timestampEnd(text, 0);
    if (end > 0)
        text.remove(0, end);
    return text;
}

} // namespace runlens::logs
