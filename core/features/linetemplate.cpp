#include "linetemplate.h"

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <vector>

namespace runlens::features {

namespace {
constexpr quint64 kFnvOffset = 1469598103934665603ULL;
constexpr quint64 kFnvPrime = 1099511628211ULL;

inline void mix(quint64& hash, unsigned char c)
{
    hash ^= c;
    hash *= kFnvPrime;
}

// Byte classes, one table lookup per byte instead of a chain of comparisons.
enum : quint8 {
    Space = 1, // ' ', '\t', '\r', '\n': separates tokens
    Digit = 2,
    Hex = 4, // digits and a-f, A-F
    Letter = 8, // ASCII letters
    Slash = 16, // '/', '\\'
    NumberSeparator = 32, // '.', ':', ',' between digits stay inside a number
};

constexpr std::array<quint8, 256> makeClasses()
{
    std::array<quint8, 256> classes {};
    for (int c = 0; c < 256; ++c) {
        quint8 k = 0;
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            k |= Space;
        if (c >= '0' && c <= '9')
            k |= Digit | Hex;
        if ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))
            k |= Hex;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
            k |= Letter;
        if (c == '/' || c == '\\')
            k |= Slash;
        if (c == '.' || c == ':' || c == ',')
            k |= NumberSeparator;
        classes[size_t(c)] = k;
    }
    return classes;
}
constexpr std::array<quint8, 256> kClasses = makeClasses();

inline quint8 classOf(char c)
{
    return kClasses[static_cast<unsigned char>(c)];
}

// The template of `text` as the bytes the hash mixes, written to `out` (room for 2 * size bytes): each
// token's text with digit runs as '#' and rulers as their byte and '*', or 'P' for a path or 'H' for an id
// (known at the token's end: the token's bytes are then taken back), then ' '. A look-ahead past the
// token meets a space or the end, never a digit or a repeated non-space byte, so it stops where the token
// does. Returns the number of bytes written.
qsizetype writeTemplateScalar(const char* p, qsizetype n, char* out)
{
    char* o = out;
    qsizetype i = 0;
    while (i < n) {
        while (i < n && (classOf(p[i]) & Space))
            ++i;
        const qsizetype start = i;
        char* const tokenOut = o;
        quint8 any = 0;
        quint8 all = 0xff;
        for (; i < n; ++i) {
            const char c = p[i];
            const quint8 k = classOf(c);
            if (k & Space)
                break;
            any |= k;
            all &= k;
            if (k & Letter) {
                *o++ = c;
            } else if (k & Digit) {
                // Each run of digits (and the separators inside a number, as in 3.4, 12:30:01 or 1,024) is one '#'.
                while (i + 1 < n
                    && ((classOf(p[i + 1]) & Digit)
                        || ((classOf(p[i + 1]) & NumberSeparator) && i + 2 < n && (classOf(p[i + 2]) & Digit)))) {
                    ++i;
                    any |= classOf(p[i]);
                    all &= classOf(p[i]);
                }
                *o++ = '#';
            } else if (i + 2 < n && p[i + 1] == c && p[i + 2] == c) {
                // Rulers ("-----", "=====") differ in length between tools and runs: one mark per run.
                while (i + 1 < n && p[i + 1] == c)
                    ++i;
                *o++ = c;
                *o++ = '*';
            } else {
                *o++ = c;
            }
        }
        const qsizetype size = i - start;
        if (size == 0)
            continue;
        if ((any & Slash) && size > 1) { // paths and URLs vary between runs (temp folders, versions)
            o = tokenOut;
            *o++ = 'P';
        } else if (((all & Hex) && (any & Digit) && size >= 7) // commit shas, object ids, addresses
            || (size > 2 && p[start] == '0' && (p[start + 1] == 'x' || p[start + 1] == 'X'))) {
            o = tokenOut;
            *o++ = 'H';
        }
        *o++ = ' ';
    }
    return qsizetype(o - out);
}

#if defined(__x86_64__) && defined(__GNUC__)
#define RUNLENS_TEMPLATE_MASKS 1
// writeTemplateScalar() without a branch per byte, where the CPU has AVX-512 VBMI2 (checked at run time):
// 64 bytes at a time are classified into bit masks of the line (bit i for byte i), the rules become
// operations on the masks (a token is a run of non-space bytes, a number a run of digits and of
// separators between two digits, a ruler the second and later bytes of a run of 3 or more of one
// punctuation byte), the replacements are blended in and the kept bytes compressed out in one
// instruction. Lines of up to kMaskedBytes bytes (nearly all); longer ones take the scalar path.
__extension__ typedef unsigned __int128 Bits; // GCC and Clang
constexpr qsizetype kMaskedBytes = 120;
constexpr qsizetype kMaskedSlack = 64; // bytes past the template the masked path may write

inline int lowestBit(Bits bits)
{
    const auto low = quint64(bits);
    return low ? std::countr_zero(low) : 64 + std::countr_zero(quint64(bits >> 64));
}

inline int highestBit(Bits bits)
{
    const auto high = quint64(bits >> 64);
    return high ? 127 - std::countl_zero(high) : 63 - std::countl_zero(quint64(bits));
}

struct Classes
{
    Bits space = 0, digit = 0, hex = 0, letter = 0, slash = 0, separator = 0;
    Bits same = 0; // byte i equals byte i + 1
};

// What the template makes of each byte of a line of n bytes: kept (as itself or replaced) or dropped.
struct Plan
{
    Bits keep = 0;
    Bits number = 0; // '#'
    Bits star = 0; // '*' after a ruler's byte
    Bits space = 0; // ' ' after a token (at the space after it, or past the end)
    Bits path = 0; // 'P' for a whole token
    Bits id = 0; // 'H' for a whole token
};

inline Plan planOf(const char* p, qsizetype n, const Classes& c)
{
    Plan plan;
    const Bits valid = (Bits(1) << n) - 1;
    const Bits token = ~c.space & valid;
    const Bits digit = c.digit & valid;
    const Bits inside = c.separator & (digit << 1) & (digit >> 1);
    const Bits number = digit | inside;
    plan.number = number & ~(number << 1);
    const Bits punctuation = token & ~c.letter & ~digit & ~inside;
    const Bits same = c.same & (valid >> 1); // byte i + 1 is in the line too
    const Bits rulerRest = punctuation & (same << 1) & (same << 2);
    plan.star = punctuation & (same << 1) & ~(same << 2) & same;
    plan.space = (token << 1) & ~token & ((valid << 1) | 1);
    plan.keep = (token & ~(number & ~plan.number) & ~rulerRest) | plan.space;
    // Tokens with a slash or a digit may be a path or an id as a whole.
    const Bits starts = token & ~(token << 1);
    const Bits ends = token & ~(token >> 1);
    for (Bits candidates = (c.slash | digit) & token; candidates;) {
        const int b = lowestBit(candidates);
        const int start = highestBit(starts & ((Bits(2) << b) - 1));
        const int end = lowestBit(ends & ~((Bits(1) << b) - 1));
        const Bits range = ((Bits(2) << end) - 1) & ~((Bits(1) << start) - 1);
        const int size = end - start + 1;
        candidates &= ~range;
        Bits* whole = nullptr;
        if ((range & c.slash) && size > 1)
            whole = &plan.path;
        else if (((range & ~c.hex) == 0 && (range & digit) && size >= 7)
            || (size > 2 && p[start] == '0' && (p[start + 1] == 'x' || p[start + 1] == 'X')))
            whole = &plan.id;
        if (whole) {
            plan.keep = (plan.keep & ~range) | (Bits(1) << start);
            *whole |= Bits(1) << start;
        }
    }
    return plan;
}

#define RUNLENS_AVX512 gnu::target("avx512f,avx512bw,avx512vbmi2,bmi,bmi2,lzcnt,popcnt")

// Bytes of v equal to x.
[[RUNLENS_AVX512]] inline quint64 equal(__m512i v, char x)
{
    return _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8(x));
}

// Bytes of v in [low, high]: v - low <= high - low, unsigned.
[[RUNLENS_AVX512]] inline quint64 within(__m512i v, char low, char high)
{
    return _mm512_cmple_epu8_mask(_mm512_sub_epi8(v, _mm512_set1_epi8(low)), _mm512_set1_epi8(char(high - low)));
}

// The first `count` bytes at p, zeros after them (masked loads read nothing past them).
[[RUNLENS_AVX512]] inline __m512i loadUpTo(const char* p, qsizetype count)
{
    const __mmask64 load = count >= 64 ? ~__mmask64(0) : (__mmask64(1) << std::max<qsizetype>(count, 0)) - 1;
    return _mm512_maskz_loadu_epi8(load, p);
}

// Adds the classes of the line's 64 bytes from `at`.
[[RUNLENS_AVX512]] inline void classify64(const char* p, qsizetype n, qsizetype at, Classes& c)
{
    const __m512i v = loadUpTo(p + at, n - at);
    const __m512i next = loadUpTo(p + at + 1, n - at - 1);
    const __m512i lower = _mm512_or_si512(v, _mm512_set1_epi8(0x20)); // ASCII letters in lower case
    const quint64 digit = within(v, '0', '9');
    const int shift = int(at);
    c.space |= Bits(equal(v, ' ') | equal(v, '\t') | equal(v, '\r') | equal(v, '\n')) << shift;
    c.digit |= Bits(digit) << shift;
    c.hex |= Bits(digit | within(lower, 'a', 'f')) << shift;
    c.letter |= Bits(within(lower, 'a', 'z')) << shift;
    c.slash |= Bits(equal(v, '/') | equal(v, '\\')) << shift;
    c.separator |= Bits(equal(v, '.') | equal(v, ':') | equal(v, ',')) << shift;
    c.same |= Bits(quint64(_mm512_cmpeq_epi8_mask(v, next))) << shift;
}

[[RUNLENS_AVX512]] qsizetype writeTemplateAvx512(const char* p, qsizetype n, char* out)
{
    Classes c;
    classify64(p, n, 0, c);
    if (n > 64)
        classify64(p, n, 64, c);
    const Plan plan = planOf(p, n, c);
    char* o = out;
    // The separator after a last token of 64 bytes is bit 64: a second block then, of no bytes.
    for (int at = 0; at < 128; at += 64) {
        const auto keep = __mmask64(quint64(plan.keep >> at));
        if (!keep)
            break;
        __m512i v = loadUpTo(p + at, n - at);
        v = _mm512_mask_mov_epi8(v, __mmask64(quint64(plan.number >> at)), _mm512_set1_epi8('#'));
        v = _mm512_mask_mov_epi8(v, __mmask64(quint64(plan.star >> at)), _mm512_set1_epi8('*'));
        v = _mm512_mask_mov_epi8(v, __mmask64(quint64(plan.space >> at)), _mm512_set1_epi8(' '));
        v = _mm512_mask_mov_epi8(v, __mmask64(quint64(plan.path >> at)), _mm512_set1_epi8('P'));
        v = _mm512_mask_mov_epi8(v, __mmask64(quint64(plan.id >> at)), _mm512_set1_epi8('H'));
        _mm512_storeu_si512(o, _mm512_maskz_compress_epi8(keep, v));
        o += std::popcount(quint64(keep));
    }
    return qsizetype(o - out);
}

bool hasAvx512Vbmi2()
{
    static const bool has = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw")
        && __builtin_cpu_supports("avx512vbmi2") && __builtin_cpu_supports("bmi2") && __builtin_cpu_supports("popcnt");
    return has;
}
#else
constexpr qsizetype kMaskedSlack = 0;
#endif

// `out` has room for 2 * n + kMaskedSlack bytes.
qsizetype writeTemplate(const char* p, qsizetype n, char* out)
{
#ifdef RUNLENS_TEMPLATE_MASKS
    if (n <= kMaskedBytes && hasAvx512Vbmi2())
        return writeTemplateAvx512(p, n, out);
#endif
    return writeTemplateScalar(p, n, out);
}

quint64 fnv1a(const char* p, qsizetype n)
{
    quint64 hash = kFnvOffset;
    for (qsizetype i = 0; i < n; ++i)
        mix(hash, static_cast<unsigned char>(p[i]));
    return hash;
}

} // namespace

quint64 lineTemplateHash(QByteArrayView text)
{
    constexpr qsizetype kStackBytes = 2048;
    if (2 * text.size() + kMaskedSlack <= kStackBytes) {
        char out[kStackBytes];
        return fnv1a(out, writeTemplate(text.data(), text.size(), out));
    }
    std::vector<char> out(size_t(2 * text.size() + kMaskedSlack));
    return fnv1a(out.data(), writeTemplate(text.data(), text.size(), out.data()));
}

size_t LineTemplateBatch::add(QByteArrayView text)
{
    const qsizetype at = m_bytes.size();
    m_bytes.resize(at + 2 * text.size() + kMaskedSlack); // uninitialized room
    m_bytes.resize(at + writeTemplate(text.data(), text.size(), m_bytes.data() + at));
    m_ends.push_back(size_t(m_bytes.size()));
    return m_ends.size() - 1;
}

const std::vector<quint64>& LineTemplateBatch::hashes()
{
    // Four lanes, each hashing one line and taking the next line when it is done: four independent
    // multiply chains keep the multiplier busy where one chain waits for each product.
    constexpr int kLanes = 4;
    const size_t count = m_ends.size();
    m_hashes.assign(count, kFnvOffset);
    const auto* const bytes = reinterpret_cast<const unsigned char*>(m_bytes.constData());
    const unsigned char* at[kLanes];
    const unsigned char* end[kLanes];
    quint64 hash[kLanes];
    size_t line[kLanes];
    size_t next = 0;
    // Gives `lane` the next line with any bytes; false when there is none (empty templates keep the offset).
    const auto take = [&](int lane) {
        for (; next < count; ++next) {
            const size_t from = next == 0 ? 0 : m_ends[next - 1];
            if (from == m_ends[next])
                continue;
            at[lane] = bytes + from;
            end[lane] = bytes + m_ends[next];
            hash[lane] = kFnvOffset;
            line[lane] = next++;
            return true;
        }
        return false;
    };
    int lanes = 0;
    while (lanes < kLanes && take(lanes))
        ++lanes;
    while (lanes == kLanes) {
        // As many bytes as the shortest line has left, in every lane at once, without a check per byte.
        size_t steps = size_t(end[0] - at[0]);
        for (int l = 1; l < kLanes; ++l)
            steps = std::min(steps, size_t(end[l] - at[l]));
        quint64 h0 = hash[0], h1 = hash[1], h2 = hash[2], h3 = hash[3];
        const unsigned char *p0 = at[0], *p1 = at[1], *p2 = at[2], *p3 = at[3];
        for (size_t k = 0; k < steps; ++k) {
            mix(h0, p0[k]);
            mix(h1, p1[k]);
            mix(h2, p2[k]);
            mix(h3, p3[k]);
        }
        hash[0] = h0, hash[1] = h1, hash[2] = h2, hash[3] = h3;
        for (int l = 0; l < kLanes; ++l)
            at[l] += steps;
        for (int l = 0; l < lanes;) {
            if (at[l] != end[l]) {
                ++l;
                continue;
            }
            m_hashes[line[l]] = hash[l];
            if (take(l)) {
                ++l;
                continue;
            }
            // No line left for this lane: the last lane takes its place, and the rest finish one by one.
            --lanes;
            std::swap(at[l], at[lanes]);
            std::swap(end[l], end[lanes]);
            std::swap(hash[l], hash[lanes]);
            std::swap(line[l], line[lanes]);
        }
    }
    for (int l = 0; l < lanes; ++l) {
        for (; at[l] != end[l]; ++at[l])
            mix(hash[l], *at[l]);
        m_hashes[line[l]] = hash[l];
    }
    return m_hashes;
}

void LineTemplateBatch::clear()
{
    m_bytes.clear();
    m_ends.clear();
    m_hashes.clear();
}

} // namespace runlens::features
