#pragma once

#include <cstddef>
#include <cstring>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace runlens::logs {

// std::string_view::find(needle, from) for the short needles and lines of the checks on log lines. The
// standard find calls memchr for the needle's first byte and memcmp at each of its occurrences, two calls
// per common letter of a line; this compares the needle's first and last byte at 16 positions at once
// (SSE2) and the bytes between only where both match. Same result as std::string_view::find.
inline size_t findText(std::string_view text, std::string_view needle, size_t from = 0)
{
    const size_t n = text.size();
    const size_t m = needle.size();
    if (from > n || m > n - from)
        return std::string_view::npos;
    if (m == 0)
        return from;
    const char* const p = text.data();
    if (m == 1) {
        const void* at = std::memchr(p + from, needle[0], n - from);
        return at ? size_t(static_cast<const char*>(at) - p) : std::string_view::npos;
    }
    const char first = needle[0];
    const char last = needle[m - 1];
    const auto middleMatches = [&](size_t at) {
        for (size_t k = 1; k + 1 < m; ++k) {
            if (p[at + k] != needle[k])
                return false;
        }
        return true;
    };
    const size_t lastStart = n - m;
    size_t i = from;
#if defined(__SSE2__)
    const __m128i firsts = _mm_set1_epi8(first);
    const __m128i lasts = _mm_set1_epi8(last);
    // Starts i..i+15 are all candidates, and the loads end at p[i + 15 + m - 1] <= p[n - 1].
    for (; i + 15 <= lastStart; i += 16) {
        const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
        const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + m - 1));
        unsigned mask = unsigned(_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a, firsts), _mm_cmpeq_epi8(b, lasts))));
        while (mask != 0) {
            const size_t at = i + size_t(__builtin_ctz(mask));
            if (middleMatches(at))
                return at;
            mask &= mask - 1;
        }
    }
#endif
    for (; i <= lastStart; ++i) {
        if (p[i] == first && p[i + m - 1] == last && middleMatches(i))
            return i;
    }
    return std::string_view::npos;
}

inline bool containsText(std::string_view text, std::string_view needle)
{
    return findText(text, needle) != std::string_view::npos;
}

} // namespace runlens::logs
