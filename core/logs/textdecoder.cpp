#include "logs/textdecoder.h"

#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace runlens::logs {

namespace {

constexpr char kReplacement[] = "\xEF\xBF\xBD"; // U+FFFD

inline void appendReplacement(QByteArray& out)
{
    out.append(kReplacement, 3);
}

inline void appendCodePoint(QByteArray& out, char32_t cp)
{
    if (cp == 0xFEFF)
        return; // BOMs are dropped wherever they appear
    char buf[4];
    int n;
    if (cp < 0x80) {
        buf[0] = char(cp);
        n = 1;
    } else if (cp < 0x800) {
        buf[0] = char(0xC0 | (cp >> 6));
        buf[1] = char(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        buf[0] = char(0xE0 | (cp >> 12));
        buf[1] = char(0x80 | ((cp >> 6) & 0x3F));
        buf[2] = char(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        buf[0] = char(0xF0 | (cp >> 18));
        buf[1] = char(0x80 | ((cp >> 12) & 0x3F));
        buf[2] = char(0x80 | ((cp >> 6) & 0x3F));
        buf[3] = char(0x80 | (cp & 0x3F));
        n = 4;
    }
    out.append(buf, n);
}

// Length of the ASCII run starting at p (8 bytes at a time).
inline qsizetype asciiRun(const unsigned char* p, qsizetype n)
{
    qsizetype i = 0;
#if defined(__SSE2__)
    // 64 bytes per test: every log is decoded (or checked to be clean) before it is read.
    const auto load = [p](qsizetype at) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + at)); };
    while (i + 64 <= n) {
        const __m128i any = _mm_or_si128(_mm_or_si128(load(i), load(i + 16)), _mm_or_si128(load(i + 32), load(i + 48)));
        if (_mm_movemask_epi8(any) != 0)
            break;
        i += 64;
    }
#endif
    while (i + 8 <= n) {
        quint64 w;
        std::memcpy(&w, p + i, 8);
        if (w & 0x8080808080808080ULL)
            break;
        i += 8;
    }
    while (i < n && p[i] < 0x80)
        ++i;
    return i;
}

inline bool isCont(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

// What a UTF-8 lead byte announces: how many continuation bytes follow and the allowed range of the
// first one (which excludes overlong forms, surrogates and code points past U+10FFFF). need is 0 for a
// byte that cannot start a sequence.
struct Utf8Lead
{
    int need = 0;
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;
};

Utf8Lead utf8Lead(unsigned char c)
{
    Utf8Lead lead;
    if (c >= 0xC2 && c <= 0xDF) {
        lead.need = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
        lead.need = 2;
        if (c == 0xE0)
            lead.lo = 0xA0;
        else if (c == 0xED)
            lead.hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        lead.need = 3;
        if (c == 0xF0)
            lead.lo = 0x90;
        else if (c == 0xF4)
            lead.hi = 0x8F;
    }
    return lead;
}

// Length of the prefix of p[0, n) that is valid UTF-8 holding no U+FEFF. When the scan stops at a
// sequence that is merely cut off by the end of the buffer, *cutOff is set.
qsizetype cleanPrefix(const unsigned char* p, qsizetype n, bool* cutOff)
{
    *cutOff = false;
    qsizetype i = 0;
    while (i < n) {
        i += asciiRun(p + i, n - i);
        if (i >= n)
            break;
        const unsigned char c = p[i];
        const Utf8Lead lead = utf8Lead(c);
        const int need = lead.need;
        const unsigned char lo = lead.lo;
        const unsigned char hi = lead.hi;
        if (need == 0) {
            return i;
        }
        for (int k = 1; k <= need; ++k) {
            if (i + k >= n) {
                *cutOff = true;
                return i;
            }
            const unsigned char cc = p[i + k];
            if (k == 1 ? (cc < lo || cc > hi) : !isCont(cc))
                return i;
        }
        if (need == 2 && c == 0xEF && p[i + 1] == 0xBB && p[i + 2] == 0xBF)
            return i; // U+FEFF must be dropped
        i += need + 1;
    }
    return i;
}

} // namespace

QByteArrayView TextDecoder::decode(QByteArrayView raw)
{
    m_out.resize(0);
    if (!m_detected) {
        if (m_pending.size() + raw.size() < 4) {
            m_pending.append(raw.data(), raw.size());
            return {};
        }
        QByteArray head = m_pending;
        head.append(raw.data(), 4 - head.size());
        const auto* p = reinterpret_cast<const unsigned char*>(head.constData());
        if (p[0] == 0xFF && p[1] == 0xFE)
            m_encoding = TextEncoding::Utf16LE;
        else if (p[0] == 0xFE && p[1] == 0xFF)
            m_encoding = TextEncoding::Utf16BE;
        else if (p[0] != 0 && p[1] == 0 && p[2] != 0 && p[3] == 0)
            m_encoding = TextEncoding::Utf16LE;
        else if (p[0] == 0 && p[1] != 0 && p[2] == 0 && p[3] != 0)
            m_encoding = TextEncoding::Utf16BE;
        m_detected = true;
    }
    if (m_encoding != TextEncoding::Utf8) {
        decodeUtf16(raw, false);
        return QByteArrayView(m_out);
    }
    if (m_pending.isEmpty()) {
        // Fast path: clean UTF-8 is handed back without a copy, after the BOM most logs start with (dropped
        // like every U+FEFF).
        const auto* p = reinterpret_cast<const unsigned char*>(raw.data());
        const qsizetype from = raw.size() >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF ? 3 : 0;
        bool cutOff = false;
        const qsizetype clean = from + cleanPrefix(p + from, raw.size() - from, &cutOff);
        if (clean == raw.size())
            return raw.sliced(from);
        if (cutOff) {
            m_pending = raw.sliced(clean).toByteArray();
            return raw.sliced(from, clean - from);
        }
    }
    decodeUtf8(raw, false);
    return QByteArrayView(m_out);
}

QByteArrayView TextDecoder::finish()
{
    m_out.resize(0);
    if (!m_detected) {
        // Fewer than 4 bytes in all: only a BOM can tell UTF-16 here.
        const auto* p = reinterpret_cast<const unsigned char*>(m_pending.constData());
        if (m_pending.size() >= 2 && p[0] == 0xFF && p[1] == 0xFE)
            m_encoding = TextEncoding::Utf16LE;
        else if (m_pending.size() >= 2 && p[0] == 0xFE && p[1] == 0xFF)
            m_encoding = TextEncoding::Utf16BE;
        m_detected = true;
    }
    QByteArray rest = std::move(m_pending);
    m_pending.clear();
    if (m_encoding == TextEncoding::Utf8)
        decodeUtf8(rest, true);
    else
        decodeUtf16(rest, true);
    return QByteArrayView(m_out);
}

QByteArray TextDecoder::decodeAll(QByteArrayView raw)
{
    TextDecoder decoder;
    const QByteArrayView a = decoder.decode(raw);
    QByteArray out;
    out.reserve(a.size() + 4);
    out.append(a.data(), a.size());
    const QByteArrayView b = decoder.finish();
    out.append(b.data(), b.size());
    return out;
}

void TextDecoder::decodeUtf8(QByteArrayView in, bool final)
{
    QByteArray joined;
    if (!m_pending.isEmpty()) {
        joined = m_pending;
        joined.append(in.data(), in.size());
        m_pending.clear();
        in = QByteArrayView(joined);
    }
    const auto* p = reinterpret_cast<const unsigned char*>(in.data());
    const qsizetype n = in.size();
    m_out.reserve(m_out.size() + n + 16);
    qsizetype i = 0;
    while (i < n) {
        const qsizetype run = asciiRun(p + i, n - i);
        if (run) {
            m_out.append(reinterpret_cast<const char*>(p + i), run);
            i += run;
            if (i >= n)
                break;
        }
        const unsigned char c = p[i];
        const Utf8Lead lead = utf8Lead(c);
        const int need = lead.need;
        const unsigned char lo = lead.lo;
        const unsigned char hi = lead.hi;
        if (need == 0) {
            appendReplacement(m_out);
            ++i;
            continue;
        }
        // Validate as many continuation bytes as are present.
        qsizetype k = 1;
        bool bad = false;
        while (k <= need && i + k < n) {
            const unsigned char cc = p[i + k];
            const bool ok = k == 1 ? (cc >= lo && cc <= hi) : isCont(cc);
            if (!ok) {
                bad = true;
                break;
            }
            ++k;
        }
        if (bad) {
            appendReplacement(m_out); // the maximal invalid prefix becomes one U+FFFD
            i += k;
            continue;
        }
        if (k <= need) { // ran out of input mid-sequence
            if (final) {
                appendReplacement(m_out);
            } else {
                m_pending = QByteArray(reinterpret_cast<const char*>(p + i), n - i);
            }
            return;
        }
        if (need == 2 && c == 0xEF && p[i + 1] == 0xBB && p[i + 2] == 0xBF) {
            i += 3; // U+FEFF
            continue;
        }
        m_out.append(reinterpret_cast<const char*>(p + i), need + 1);
        i += need + 1;
    }
}

void TextDecoder::decodeUtf16(QByteArrayView in, bool final)
{
    QByteArray joined;
    if (!m_pending.isEmpty()) {
        joined = m_pending;
        joined.append(in.data(), in.size());
        m_pending.clear();
        in = QByteArrayView(joined);
    }
    const auto* p = reinterpret_cast<const unsigned char*>(in.data());
    const qsizetype n = in.size();
    const bool le = m_encoding == TextEncoding::Utf16LE;
    m_out.reserve(m_out.size() + n / 2 * 3 / 2 + 16);
    qsizetype i = 0;
    for (; i + 1 < n; i += 2) {
        const char16_t u = le ? char16_t(p[i] | (p[i + 1] << 8)) : char16_t((p[i] << 8) | p[i + 1]);
        if (m_highSurrogate) {
            const char16_t high = m_highSurrogate;
            m_highSurrogate = 0;
            if (u >= 0xDC00 && u <= 0xDFFF) {
                appendCodePoint(m_out, 0x10000 + ((char32_t(high) - 0xD800) << 10) + (char32_t(u) - 0xDC00));
                continue;
            }
            appendReplacement(m_out);
        }
        if (u >= 0xD800 && u <= 0xDBFF) {
            m_highSurrogate = u;
        } else if (u >= 0xDC00 && u <= 0xDFFF) {
            appendReplacement(m_out);
        } else if (u < 0x80) {
            m_out.append(char(u));
        } else {
            appendCodePoint(m_out, u);
        }
    }
    if (i < n) {
        if (final)
            appendReplacement(m_out);
        else
            m_pending = QByteArray(reinterpret_cast<const char*>(p + i), n - i);
    }
    if (final && m_highSurrogate) {
        m_highSurrogate = 0;
        appendReplacement(m_out);
    }
}

} // namespace runlens::logs
