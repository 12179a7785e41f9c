#include "csvtable.h"

#include "computepool.h"

#include <QFile>
#include <QSemaphore>
#include <QThreadPool>

#include <QtEndian>

#include <algorithm>
#include <atomic>
#include <bit>
#include <cerrno>
#include <charconv>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <sys/mman.h>
#include <unistd.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace runlens {

namespace {
// Splits CSV bytes into records: fields separated by commas, a record ended by LF, CRLF or a lone
// CR, a field quoted with '"' and '""' inside quotes standing for one quote (RFC 4180). A field is
// a view into the data, or for a quoted field into a scratch buffer holding it unquoted, valid until
// the next call. A line with no character at all is skipped. CsvTable::parse and
// CsvTable::readNumeric both read through it.
class RecordSplitter
{
public:
    enum class Next { Record, End, NeedMore, UnclosedQuote };

    // `data` starts at a record on line `line`. With `final` false its last record may be cut off:
    // next() then answers NeedMore, and position() / line() say where to resume with more data.
    RecordSplitter(const char* data, qsizetype size, bool final, qint64 line)
        : m_data(data)
        , m_size(size)
        , m_final(final)
        , m_line(line)
    {
    }

    Next next()
    {
        for (;;) {
            if (m_position == m_size)
                return m_final ? Next::End : Next::NeedMore;
            const Next next = splitRecord();
            if (next != Next::Record)
                return next;
            if (m_spans.size() > 1 || m_spans.front().length > 0 || m_spans.front().quoted)
                break; // not a blank line
        }
        m_fields.clear();
        for (const Span& span : m_spans)
            m_fields.emplace_back((span.quoted ? m_scratch.data() : m_data) + span.offset, span.length);
        return Next::Record;
    }

    const std::vector<QByteArrayView>& fields() const { return m_fields; }
    qint64 recordLine() const { return m_recordLine; }
    // Continues at `position`, the start of a record on line `line` (after a record read elsewhere).
    void seek(qsizetype position, qint64 line)
    {
        m_position = position;
        m_line = line;
    }
    qsizetype position() const { return m_position; }
    qint64 line() const { return m_line; }

private:
    struct Span
    {
        qsizetype offset;
        qsizetype length;
        bool quoted; // offset and length are into m_scratch
    };

    static bool endsField(char c) { return c == ',' || c == '\n' || c == '\r' || c == '"'; }

    // One record from m_position into m_spans; advances m_position and m_line only past a whole one.
    Next splitRecord()
    {
        m_spans.clear();
        m_scratch.clear();
        m_recordLine = m_line;
        qint64 line = m_line;
        qsizetype pos = m_position;
        for (;;) {
            const qsizetype start = pos;
            while (pos < m_size && !endsField(m_data[pos]))
                ++pos;
            if (pos < m_size && m_data[pos] == '"') {
                const Next quoted = splitQuoted(start, pos, line);
                if (quoted != Next::Record)
                    return quoted;
            } else {
                m_spans.push_back({ start, pos - start, false });
            }
            if (pos == m_size) {
                if (!m_final)
                    return Next::NeedMore;
                break; // the last record has no line break
            }
            const char c = m_data[pos++];
            if (c == ',')
                continue;
            if (c == '\r' && pos == m_size && !m_final)
                return Next::NeedMore; // an LF may follow
            if (c == '\r' && pos < m_size && m_data[pos] == '\n')
                ++pos;
            ++line;
            break;
        }
        m_position = pos;
        m_line = line;
        return Next::Record;
    }

    // The rest of a field whose unquoted part is [start, pos) and which continues with a quote at pos.
    Next splitQuoted(qsizetype start, qsizetype& pos, qint64& line)
    {
        const auto offset = qsizetype(m_scratch.size());
        m_scratch.append(m_data + start, std::size_t(pos - start));
        bool inQuotes = false;
        while (pos < m_size) {
            const char c = m_data[pos];
            if (inQuotes) {
                if (c == '"') {
                    if (pos + 1 == m_size && !m_final)
                        return Next::NeedMore; // a second quote may follow
                    if (pos + 1 < m_size && m_data[pos + 1] == '"') {
                        m_scratch.push_back('"');
                        pos += 2;
                        continue;
                    }
                    inQuotes = false;
                } else {
                    line += c == '\n' ? 1 : 0;
                    m_scratch.push_back(c);
                }
            } else if (c == '"') {
                inQuotes = true;
            } else if (c == ',' || c == '\n' || c == '\r') {
                break;
            } else {
                m_scratch.push_back(c);
            }
            ++pos;
        }
        if (inQuotes)
            return m_final ? Next::UnclosedQuote : Next::NeedMore;
        m_spans.push_back({ offset, qsizetype(m_scratch.size()) - offset, true });
        return Next::Record;
    }

    const char* m_data;
    qsizetype m_size;
    bool m_final;
    qsizetype m_position = 0;
    qint64 m_line;
    qint64 m_recordLine = 0;
    std::vector<Span> m_spans;
    std::string m_scratch;
    std::vector<QByteArrayView> m_fields;
};

QByteArrayView withoutBom(QByteArrayView data)
{
    return data.startsWith("\xEF\xBB\xBF") ? data.sliced(3) : data;
}

// std::from_chars: locale-independent, exact, and fast (libstdc++ 12 builds it on fast_float).
std::optional<double> parseNumber(QByteArrayView cell)
{
    const char* begin = cell.data();
    const char* end = begin + cell.size();
    const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'; };
    while (begin != end && space(*begin))
        ++begin;
    while (begin != end && space(end[-1]))
        --end;
    if (begin != end && *begin == '+')
        ++begin;
    double value = 0.0;
    const auto [stop, error] = std::from_chars(begin, end, value);
    if (begin == end || error != std::errc() || stop != end || !std::isfinite(value))
        return std::nullopt;
    return value;
}

// Zero bytes after the data in readNumeric()'s buffer: plainRows() reads up to 64 bytes past the data
// (a separator mask), and a zero byte ends a run of digits.
constexpr qsizetype kPadding = 64;

// Eight bytes from `p` as a word with the first in the lowest byte, each digit's byte turned into its
// value (0 to 9). The reader's buffer has kPadding zero bytes after its data.
Q_ALWAYS_INLINE std::uint64_t digitBytes(const char* p)
{
    std::uint64_t word = 0;
    std::memcpy(&word, p, sizeof word);
    return qFromLittleEndian(word) ^ 0x3030303030303030;
}

// The high bit of each byte of digitBytes() (or of its first four) that is not a digit (its value above
// 9); no carry crosses a byte.
template <class Word> Q_ALWAYS_INLINE Word nonDigits(Word bytes)
{
    constexpr Word kOnes = Word(~Word(0) / 0xFF); // 0x01 in every byte
    return (((bytes & Word(kOnes * 0x7F)) + Word(kOnes * 0x76)) | bytes) & Word(kOnes * 0x80);
}

// The value of digit bytes moved to the top of the word, zeros (leading zero digits) below, in three
// steps (fast_float's eight-digit conversion).
Q_ALWAYS_INLINE std::uint64_t valueOfDigits(std::uint64_t v)
{
    v = v * 10 + (v >> 8);
    return (((v & 0x000000FF000000FF) * 0x000F424000000064) + (((v >> 16) & 0x000000FF000000FF) * 0x0000271000000001))
        >> 32;
}

// The digits at `p`, up to eight, found and valued with a few operations on one 8-byte word and no
// branch per digit (fast_float's eight-digit conversion, extended to shorter runs): on short cells
// (1-3 digit integers, as in most ODDS sets) a branch per digit mispredicted at every cell's end.
struct DigitRun
{
    int length; // 0 to 8; 8: there may be more
    std::uint64_t value;
};

Q_ALWAYS_INLINE DigitRun digitRun(const char* p)
{
    const std::uint64_t digits = digitBytes(p);
    const std::uint64_t other = nonDigits(digits);
    // A run of eight (no bit set) without a branch: the guard bit 63 alone counts as 63 + 1.
    const int length = (std::countr_zero(other | (std::uint64_t(1) << 63)) + int(other == 0)) / 8;
    // An empty run is worth 0 (its shift masked to stay defined, its bytes dropped).
    return { length, valueOfDigits((digits << ((8 * (8 - length)) & 63)) & (0 - std::uint64_t(length != 0))) };
}

// Signs without a branch; -0 stays -0.
constexpr double kSigns[] = { 1.0, -1.0 };

// The integer that fills [p, end), when it is an optional '-' and 1 to 8 digits (the cells of most ODDS
// sets), into `value` (exact: below 10^8); false for anything else, which shortNumber() then reads. With
// the length known from the separator, the digits are checked and valued at once, without finding the
// run's end as digitRun() does, and the caller needs no NaN check. Reads 9 bytes from `p`.
Q_ALWAYS_INLINE bool smallInteger(const char* p, const char* end, double& value)
{
    const bool negative = *p == '-';
    p += negative ? 1 : 0;
    const auto length = end - p;
    const std::uint64_t bytes = digitBytes(p);
    std::uint64_t integer = 0;
    if (length >= 1 && length <= 4) {
        // Most short cells: the digits moved to the top of 32 bits, their two pairs valued by one
        // multiplication (the same steps as valueOfDigits() on half the width, with no 64-bit constants).
        const auto four = std::uint32_t(bytes);
        const int drop = int(32 - 8 * length);
        if (std::uint32_t(nonDigits(four) << drop) != 0)
            return false;
        std::uint32_t v = four << drop;
        v = v * 10 + (v >> 8);
        integer = ((v & 0x00FF00FF) * 0x00640001) >> 16;
    } else {
        const int drop = int(64 - 8 * length) & 63; // 0 for 8 bytes
        if (length == 0 || length > 8 || (nonDigits(bytes) << drop) != 0)
            return false;
        integer = valueOfDigits(bytes << drop);
    }
    value = double(integer) * kSigns[negative ? 1 : 0];
    return true;
}

// The number that fills [p, end) when it is a plain decimal: an optional '-', 1 to 8 digits, optionally a
// point and at most 16 digits, at most 2^53 as an integer m. Then the value is m / 10^k, one correctly
// rounded division of exact numbers (Clinger's fast path): the very double std::from_chars gives,
// without the call into the library that cost more than the digits on short cells. Integers of up to 8
// digits are smallInteger()'s and never come here. NaN for anything else
// (longer, an exponent, '+', spaces), which longNumber() reads. Reads up to 26 bytes from `p`.
Q_ALWAYS_INLINE double shortNumber(const char* p, const char* end)
{
    static constexpr double kPowers[]
        = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16 };
    static constexpr std::uint64_t kIntegerPowers[] = { 1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000 };
    constexpr double kNotShort = std::numeric_limits<double>::quiet_NaN();
    const bool negative = *p == '-';
    p += negative ? 1 : 0;
    if (end - p > 17)
        return kNotShort; // more than 16 digits: most of them above 2^53, read by std::from_chars at once
    const DigitRun whole = digitRun(p);
    if (whole.length == 0)
        return kNotShort;
    const char* const point = p + whole.length; // not `end`: smallInteger() read those cells
    if (*point != '.')
        return kNotShort;
    // The fraction in one or two runs of digits.
    const DigitRun first = digitRun(point + 1);
    std::uint64_t mantissa = whole.value * kIntegerPowers[first.length] + first.value;
    int fraction = first.length;
    if (point + 1 + first.length != end) {
        const DigitRun second = digitRun(point + 9);
        if (first.length != 8 || point + 9 + second.length != end || whole.length + 8 + second.length > 19)
            return kNotShort; // 19 digits and fewer fit in 64 bits
        mantissa = mantissa * kIntegerPowers[second.length] + second.value;
        fraction += second.length;
    }
    if (mantissa > (std::uint64_t(1) << 53))
        return kNotShort;
    return double(mantissa) / kPowers[fraction] * kSigns[negative ? 1 : 0];
}

// A number that shortNumber() does not read: std::from_chars, which must take all of [p, end). NaN when
// it does not, or when the number is not finite.
Q_NEVER_INLINE double longNumber(const char* p, const char* end)
{
    double value = 0.0;
    const auto [last, error] = std::from_chars(p, end, value);
    return error == std::errc() && last == end && std::isfinite(value) ? value
                                                                       : std::numeric_limits<double>::quiet_NaN();
}

// The positions of the bytes equal to one of `Cs` among the 64 bytes at `p`: bit i for p[i].
template <char... Cs> Q_ALWAYS_INLINE std::uint64_t bytesMask(const char* p)
{
    std::uint64_t mask = 0;
#if defined(__SSE2__)
    for (int i = 0; i < 4; ++i) {
        const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * i));
        __m128i hits = _mm_setzero_si128();
        ((hits = _mm_or_si128(hits, _mm_cmpeq_epi8(bytes, _mm_set1_epi8(Cs)))), ...);
        mask |= std::uint64_t(unsigned(_mm_movemask_epi8(hits))) << (16 * i);
    }
#else
    // The same eight bytes at a time: a byte equal to none of `Cs` has its high bit set in every
    // nonzero test; the high bits are then gathered into eight bits by one multiplication.
    const auto nonzero
        = [](std::uint64_t x) { return (((x & 0x7F7F7F7F7F7F7F7F) + 0x7F7F7F7F7F7F7F7F) | x) & 0x8080808080808080; };
    for (int i = 0; i < 8; ++i) {
        std::uint64_t word = 0;
        std::memcpy(&word, p + 8 * i, sizeof word);
        word = qFromLittleEndian(word);
        const std::uint64_t hits
            = ~(nonzero(word ^ (0x0101010101010101 * std::uint8_t(Cs))) & ...) & 0x8080808080808080;
        mask |= (((hits >> 7) * 0x0102040810204080) >> 56) << (8 * i);
    }
#endif
    return mask;
}

// The positions of the separators (',', '\n', '\r') among the 64 bytes at `p`.
std::uint64_t separatorMask(const char* p)
{
    return bytesMask<',', '\n', '\r'>(p);
}

// The separators of the data from `at` on, in order, found 64 bytes at a time: a cell's end comes from
// a bit mask, not from its digits, so that the cells of a record are parsed independently of one
// another. Reads up to 64 bytes past `end`: kPadding zero bytes must follow the data.
class SeparatorCursor
{
public:
    SeparatorCursor(const char* at, const char* end)
        : m_base(at)
        , m_end(end)
        , m_mask(separatorMask(at))
    {
    }

    // The next separator, or `end` when there is none (none is found past it: the kPadding bytes after
    // the data are zeros).
    const char* next()
    {
        while (m_mask == 0) {
            m_base += 64;
            if (m_base >= m_end)
                return m_end;
            m_mask = separatorMask(m_base);
        }
        const char* at = m_base + std::countr_zero(m_mask);
        m_mask &= m_mask - 1;
        return at;
    }

private:
    const char* m_base;
    const char* m_end;
    std::uint64_t m_mask;
};

// Faults in the pages of `values`' spare capacity in one call (Linux 5.14 and later; elsewhere nothing):
// page by page, as the values are written, the faults took a third of reading a file of short integers
// (8 bytes of values for every 2.6 bytes of text).
void prefault(const double* from, const double* to)
{
#if defined(MADV_POPULATE_WRITE)
    const auto pageSize = std::uintptr_t(sysconf(_SC_PAGESIZE));
    const auto begin = (reinterpret_cast<std::uintptr_t>(from) + pageSize - 1) & ~(pageSize - 1);
    const auto end = reinterpret_cast<std::uintptr_t>(to) & ~(pageSize - 1);
    if (end > begin)
        madvise(reinterpret_cast<void*>(begin), end - begin, MADV_POPULATE_WRITE); // a failure costs only time
#else
    Q_UNUSED(from);
    Q_UNUSED(to);
#endif
}

void prefault(std::vector<double>& values)
{
    prefault(values.data() + values.size(), values.data() + values.capacity());
}

// The values written straight into the vector's tail, grown a chunk at a time (zeroed by resize() while
// the chunk is in cache), with the write position held here rather than in the vector: push_back()
// stored and reloaded the vector's end for every cell. The vector is cut to what was committed at the end.
class ValueSink
{
public:
    explicit ValueSink(std::vector<double>& values)
        : m_values(values)
        , m_start(values.size())
        , m_used(values.size())
    {
    }
    ~ValueSink() { m_values.resize(m_used); }
    ValueSink(const ValueSink&) = delete;
    ValueSink& operator=(const ValueSink&) = delete;

    // Room for `n` values after the committed ones.
    double* room(std::size_t n)
    {
        if (m_values.size() - m_used < n) [[unlikely]] {
            // As much as this sink wrote so far, between n and kChunk (a call that reads one record
            // zeroes one record's room), and within the capacity reserved while it has room for n.
            constexpr std::size_t kChunk = 8192;
            std::size_t grow = std::max(n, std::min(m_used - m_start, kChunk));
            if (m_values.capacity() - m_used >= n)
                grow = std::min(grow, m_values.capacity() - m_used);
            m_values.resize(m_used + grow);
        }
        return m_values.data() + m_used;
    }
    void commit(std::size_t n) { m_used += n; }

private:
    std::vector<double>& m_values;
    std::size_t m_start;
    std::size_t m_used;
};

// Where readNumeric() puts the values of a record: room() for its features, then commit() with its
// label (dropped without a label column). A GrowingSink appends to the vectors of a NumericCsv (the
// streaming read); a FixedSink writes into rows allocated beforehand (a chunk of the parallel read).
class GrowingSink
{
public:
    // `out` has its feature names; `bytes`: the file's size (0 for a pipe).
    GrowingSink(NumericCsv& out, bool labelled, qint64 bytes)
        : m_out(out)
        , m_values(out.values)
        , m_labelled(labelled)
        , m_bytes(bytes)
    {
    }
    double* room(std::size_t n) { return m_values.room(n); }
    void commit(std::size_t n, double label)
    {
        m_values.commit(n);
        if (m_labelled)
            m_out.labels.push_back(label);
    }
    // The first `bytes` of the file gave `rows` rows: the first time there are some, room for the whole
    // file at the mean row size so far (and 5% more) is reserved and faulted in, so the values grow once.
    void blockRead(qint64 bytes, int rows)
    {
        if (m_reserved || rows == 0)
            return;
        m_reserved = true;
        const double expected = double(m_bytes) * rows / double(std::max<qint64>(bytes, 1)) * 1.05 + 16;
        m_out.values.reserve(std::size_t(expected) * std::size_t(m_out.featureNames.size()));
        prefault(m_out.values);
        if (m_labelled) {
            m_out.labels.reserve(std::size_t(expected));
            prefault(m_out.labels);
        }
    }

private:
    NumericCsv& m_out;
    ValueSink m_values;
    bool m_labelled;
    qint64 m_bytes;
    bool m_reserved = false;
};

class FixedSink
{
public:
    // `labels` null without a label column.
    FixedSink(double* values, double* labels)
        : m_values(values)
        , m_labels(labels)
    {
    }
    double* room(std::size_t) { return m_values; }
    void commit(std::size_t n, double label)
    {
        m_values += n;
        if (m_labels)
            *m_labels++ = label;
    }
    void blockRead(qint64, int) { }

private:
    double* m_values;
    double* m_labels;
};

// The fast path for the common records of readNumeric(): `columns` plain numbers (no quotes, spaces or
// '+') separated by commas and ended by LF or CRLF, parsed where they stand, as many records as there
// are from `at` (at most `maxRows`). Puts their values into `sink` and returns the position after the
// last one and how many were read; stops before a record it cannot read whole (or that the data cuts
// off), which the RecordSplitter then reads (and names what is wrong with it). Reads up to 64 bytes
// past `data` (a BlockReader's kPadding zero bytes). Not inlined: inlined into the block loop of the
// one-thread reader its values went through the stack (the read took 50% longer).
struct PlainRows
{
    qsizetype end;
    int rows;
};

template <class Sink>
Q_NEVER_INLINE PlainRows plainRows(
    QByteArrayView data, qsizetype at, int maxRows, qsizetype columns, qsizetype labelIndex, Sink& sink)
{
    const char* const end = data.data() + data.size();
    const char* p = data.data() + at;
    const auto features = std::size_t(labelIndex < 0 ? columns : columns - 1);
    SeparatorCursor separators(p, end);
    int rows = 0;
    for (; rows < maxRows; ++rows) {
        double* row = sink.room(features);
        double label = 0.0;
        const char* q = p;
        for (qsizetype c = 0; c < columns; ++c) {
            const char* const separator = separators.next();
            double value = 0.0;
            if (!smallInteger(q, separator, value)) {
                value = shortNumber(q, separator);
                if (std::isnan(value)) [[unlikely]]
                    value = longNumber(q, separator);
                if (std::isnan(value))
                    return { p - data.data(), rows };
            }
            if (separator >= end)
                return { p - data.data(), rows };
            if (c == labelIndex)
                label = value;
            else
                *row++ = value;
            q = separator + 1;
            if (*separator == (c + 1 < columns ? ',' : '\n'))
                continue;
            // CRLF: the LF is the next separator.
            if (c + 1 < columns || *separator != '\r' || separators.next() != q || *q != '\n')
                return { p - data.data(), rows };
            ++q;
        }
        sink.commit(features, label);
        p = q;
    }
    return { p - data.data(), rows };
}

Error notANumber(const QString& what, qint64 line, const QString& column, const QString& cell)
{
    return makeError(
        QStringLiteral("%1, line %2, column '%3': '%4' is not a finite number").arg(what).arg(line).arg(column, cell));
}

Error fieldCount(const QString& what, qint64 line, qsizetype fields, qsizetype columns)
{
    return makeError(
        QStringLiteral("%1, line %2: %3 fields, the header has %4").arg(what).arg(line).arg(fields).arg(columns));
}

Error unclosedQuote(const QString& what, qint64 line)
{
    return makeError(QStringLiteral("%1, line %2: a quoted field is not closed").arg(what).arg(line));
}

QStringList headerOf(const std::vector<QByteArrayView>& fields)
{
    QStringList header;
    for (const QByteArrayView field : fields)
        header.append(QString::fromUtf8(field).trimmed());
    return header;
}

// What readNumeric() learnt from the header line.
struct Columns
{
    QString what;
    QStringList header;
    int labelIndex = -1;
    std::size_t features = 0;
};

// The header record `fields` into `columns` and `out`'s feature names.
Status readHeader(
    const std::vector<QByteArrayView>& fields, const QString& labelColumn, Columns& columns, NumericCsv& out)
{
    columns.header = headerOf(fields);
    columns.labelIndex = labelColumn.isEmpty() ? -1 : int(columns.header.indexOf(labelColumn));
    if (!labelColumn.isEmpty() && columns.labelIndex < 0)
        return makeError(QStringLiteral("%1: no column '%2' in the header").arg(columns.what, labelColumn));
    out.featureNames = columns.header;
    if (columns.labelIndex >= 0)
        out.featureNames.removeAt(columns.labelIndex);
    if (out.featureNames.isEmpty())
        return makeError(QStringLiteral("%1: no feature columns").arg(columns.what));
    columns.features = std::size_t(out.featureNames.size());
    return {};
}

// One record that plainRows() did not read, split by the RecordSplitter, into `sink`.
template <class Sink>
Status readFields(const std::vector<QByteArrayView>& fields, qint64 line, const Columns& columns, Sink& sink)
{
    if (qsizetype(fields.size()) != columns.header.size())
        return fieldCount(columns.what, line, qsizetype(fields.size()), columns.header.size());
    double* row = sink.room(columns.features);
    double label = 0.0;
    for (std::size_t c = 0; c < fields.size(); ++c) {
        const std::optional<double> value = parseNumber(fields[c]);
        if (!value)
            return notANumber(
                columns.what, line, columns.header.at(qsizetype(c)), QString::fromUtf8(fields[c]).trimmed());
        if (int(c) == columns.labelIndex)
            label = *value;
        else
            *row++ = *value;
    }
    sink.commit(columns.features, label);
    return {};
}

// The data records of `data` from the splitter's position on (up to a record cut off when the splitter
// is not final), at most `maxRows` in all: the plain ones by plainRows(), the others through the
// splitter. Adds them to `rows`.
template <class Sink>
Status readRecords(
    QByteArrayView data, RecordSplitter& splitter, const Columns& columns, Sink& sink, int maxRows, int& rows)
{
    for (;;) {
        const PlainRows plain
            = plainRows(data, splitter.position(), maxRows - rows, columns.header.size(), columns.labelIndex, sink);
        if (plain.rows > 0) {
            splitter.seek(plain.end, splitter.line() + plain.rows);
            rows += plain.rows;
            continue;
        }
        const RecordSplitter::Next next = splitter.next();
        if (next == RecordSplitter::Next::UnclosedQuote)
            return unclosedQuote(columns.what, splitter.recordLine());
        if (next != RecordSplitter::Next::Record)
            return {};
        if (rows == maxRows)
            return makeError(QStringLiteral("%1: more than %2 rows").arg(columns.what).arg(maxRows));
        if (Status read = readFields(splitter.fields(), splitter.recordLine(), columns, sink); !read)
            return read;
        ++rows;
    }
}

// Up to `size` bytes of the file at offset `at` by pread(), again when a signal interrupts it: the count
// read, 0 at the end, or -1 (errno says why).
qint64 readAt(QFile& file, char* to, qint64 size, qint64 at)
{
    qint64 got;
    do
        got = pread(file.handle(), to, std::size_t(size), at);
    while (got < 0 && errno == EINTR);
    return got;
}

// The bytes of a file, or of a part of it, a block at a time, in a buffer that holds the bytes not
// consumed yet, then the next block, then kPadding zero bytes (the parsers read past the data); the byte
// before data() is the last one consumed (a LF at the start). A block of 64 KiB read into a reused buffer
// costs no page fault, where a file read whole into a fresh buffer took one per 4 KiB, and its copy and
// faults took a seventh of reading a file of short integers in a new process.
class BlockReader
{
public:
    // The file from where it is to its end, read by QFile::read() (a pipe too).
    explicit BlockReader(QFile& file)
        : m_file(file)
    {
    }
    // Bytes [begin, end) of the file, read by pread(): several readers of one file can read at once.
    BlockReader(QFile& file, qint64 begin, qint64 end)
        : m_file(file)
        , m_offset(begin)
        , m_end(end)
    {
    }

    // Drops the first `consumed` bytes of data() and reads the next block after the rest. False when the
    // read fails (errorString() says why).
    bool next(qsizetype consumed)
    {
        constexpr qsizetype kBlock = qsizetype(1) << 16;
        const qsizetype rest = m_filled - consumed;
        if (consumed > 0)
            m_before = m_buffer[std::size_t(consumed)]; // data()[consumed - 1]
        if (m_capacity < rest + kBlock) { // the first block, or a record longer than a block
            m_capacity = rest + kBlock;
            std::unique_ptr<char[]> bigger
                = std::make_unique_for_overwrite<char[]>(std::size_t(1 + m_capacity + kPadding));
            if (rest > 0)
                std::memcpy(bigger.get() + 1, m_buffer.get() + 1 + consumed, std::size_t(rest));
            m_buffer = std::move(bigger);
        } else if (rest > 0) {
            std::memmove(m_buffer.get() + 1, m_buffer.get() + 1 + consumed, std::size_t(rest));
        }
        m_buffer[0] = m_before;
        m_offset += consumed;
        m_filled = rest;
        char* const to = m_buffer.get() + 1 + m_filled;
        qint64 got = 0;
        if (m_end < 0) {
            got = m_file.read(to, kBlock);
            m_final = got == 0 || (got > 0 && !m_file.isSequential() && m_file.atEnd()); // a pipe ends at a read of 0
        } else {
            const qint64 at = m_offset + m_filled; // of the next byte to read in the file
            got = readAt(m_file, to, std::min<qint64>(kBlock, m_end - at), at);
            m_error = got < 0 ? errno : 0;
            m_final = got == 0 || at + got == m_end; // a file cut short meanwhile ends where it ends
        }
        m_filled += qsizetype(std::max<qint64>(got, 0));
        std::memset(m_buffer.get() + 1 + m_filled, 0, kPadding);
        return got >= 0;
    }

    QByteArrayView data() const { return { m_buffer.get() + 1, m_filled }; }
    // Nothing follows data() in the file (or the part).
    bool final() const { return m_final; }
    // The offset of data() in the file.
    qint64 offset() const { return m_offset; }
    QString errorString() const { return m_end < 0 ? m_file.errorString() : qt_error_string(m_error); }

private:
    QFile& m_file;
    std::unique_ptr<char[]> m_buffer; // the byte before the data, the data, kPadding zero bytes
    qsizetype m_capacity = 0;
    qsizetype m_filled = 0;
    char m_before = '\n';
    bool m_final = false;
    int m_error = 0;
    qint64 m_offset = 0;
    qint64 m_end = -1; // -1: read by QFile::read()
};

Error cannotRead(const QString& what, const BlockReader& reader)
{
    return makeError(QStringLiteral("%1: cannot read: %2").arg(what, reader.errorString()));
}

// The header record at the start of `reader`'s bytes (after a UTF-8 BOM) into `columns` and `out`; sets
// `consumed` (in reader.data()) and `line` to where the data records start.
Status readHeaderRecord(BlockReader& reader, const QString& labelColumn, Columns& columns, NumericCsv& out,
    qsizetype& consumed, qint64& line)
{
    do {
        if (!reader.next(0))
            return cannotRead(columns.what, reader);
    } while (!reader.final() && reader.data().size() < 3); // enough to see a BOM
    const qsizetype bom = reader.data().size() - withoutBom(reader.data()).size();
    for (;;) {
        const QByteArrayView data = reader.data().sliced(bom);
        RecordSplitter splitter(data.data(), data.size(), reader.final(), 1);
        const RecordSplitter::Next next = splitter.next();
        if (next == RecordSplitter::Next::UnclosedQuote)
            return unclosedQuote(columns.what, splitter.recordLine());
        if (next == RecordSplitter::Next::End)
            return makeError(QStringLiteral("%1: empty, no header line").arg(columns.what));
        if (next == RecordSplitter::Next::Record) {
            consumed = bom + splitter.position();
            line = splitter.line();
            return readHeader(splitter.fields(), labelColumn, columns, out);
        }
        if (!reader.next(0)) // the header goes on in the next block
            return cannotRead(columns.what, reader);
    }
}

// The data records of `reader`'s bytes from data()[consumed] (on line `line`) to their end, at most
// `maxRows` in all, a block at a time (a record cut off by a block's end is read whole with the next),
// into `sink`. Adds them to `rows`.
template <class Sink>
Status readBody(
    BlockReader& reader, qsizetype consumed, qint64 line, const Columns& columns, Sink& sink, int maxRows, int& rows)
{
    for (;;) {
        const QByteArrayView data = reader.data().sliced(consumed);
        RecordSplitter splitter(data.data(), data.size(), reader.final(), line);
        if (Status read = readRecords(data, splitter, columns, sink, maxRows, rows); !read)
            return read;
        sink.blockRead(reader.offset() + consumed + splitter.position(), rows);
        if (reader.final())
            return {};
        line = splitter.line();
        if (!reader.next(consumed + splitter.position()))
            return cannotRead(columns.what, reader);
        consumed = 0;
    }
}

// A part of the data records of a file read in parallel: bytes [begin, end) of the file, starting at a
// record, after a line break, and but for the last part ending after a LF.
struct Chunk
{
    Chunk(qint64 from, qint64 to)
        : begin(from)
        , end(to)
    {
    }
    qint64 begin;
    qint64 end;
    qint64 rows = 0; // records that are not blank lines
    qint64 lines = 0; // line breaks: LF, CRLF or a lone CR
    bool quoted = false; // a '"' somewhere: a quoted field may hold a line break
    qint64 firstRow = 0;
    qint64 firstLine = 0;
    Status status;
};

// Counts the records, line breaks and quotes of [p, end) into `chunk`. A record that is not a blank line
// starts where a byte other than CR and LF follows a CR or LF, and a line break is a LF or a CR not
// followed by one. Reads the byte before `p` and the one at `end`.
void countBytes(const char* p, const char* const end, Chunk& chunk)
{
#if defined(__SSE2__)
    // 16 bytes at a time, into byte counters summed every 255 steps (the classic newline count).
    const auto sum = [](__m128i counts) {
        const __m128i sums = _mm_sad_epu8(counts, _mm_setzero_si128());
        return qint64(_mm_cvtsi128_si32(sums)) + qint64(_mm_extract_epi16(sums, 4));
    };
    const auto load = [](const char* at) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(at)); };
    const __m128i lf = _mm_set1_epi8('\n');
    const __m128i cr = _mm_set1_epi8('\r');
    const __m128i quote = _mm_set1_epi8('"');
    __m128i quotes = _mm_setzero_si128();
    while (end - p >= 16) {
        const char* const stop = p + 16 * std::min<qsizetype>((end - p) / 16, 255);
        __m128i rows = _mm_setzero_si128();
        __m128i lines = _mm_setzero_si128();
        for (; p != stop; p += 16) {
            const __m128i bytes = load(p);
            const __m128i before = load(p - 1);
            const __m128i isLf = _mm_cmpeq_epi8(bytes, lf);
            const __m128i isCr = _mm_cmpeq_epi8(bytes, cr);
            const __m128i afterBreak = _mm_or_si128(_mm_cmpeq_epi8(before, lf), _mm_cmpeq_epi8(before, cr));
            rows = _mm_sub_epi8(rows, _mm_andnot_si128(_mm_or_si128(isLf, isCr), afterBreak));
            const __m128i loneCr = _mm_andnot_si128(_mm_cmpeq_epi8(load(p + 1), lf), isCr);
            lines = _mm_sub_epi8(lines, _mm_or_si128(isLf, loneCr));
            quotes = _mm_or_si128(quotes, _mm_cmpeq_epi8(bytes, quote));
        }
        chunk.rows += sum(rows);
        chunk.lines += sum(lines);
    }
    chunk.quoted = chunk.quoted || _mm_movemask_epi8(quotes) != 0;
#endif
    const auto isBreak = [](char c) { return c == '\n' || c == '\r'; };
    for (; p != end; ++p) {
        chunk.rows += !isBreak(p[0]) && isBreak(p[-1]) ? 1 : 0;
        chunk.lines += p[0] == '\n' || (p[0] == '\r' && p[1] != '\n') ? 1 : 0;
        chunk.quoted = chunk.quoted || p[0] == '"';
    }
}

// The first chunk's failure, in file order, or success.
Status firstFailure(const std::vector<Chunk>& chunks)
{
    for (const Chunk& chunk : chunks) {
        if (!chunk.status)
            return chunk.status;
    }
    return {};
}

// Counts the chunk's records, line breaks and quotes, reading it from `file` a block at a time.
void countChunk(QFile& file, const QString& what, Chunk& chunk)
{
    BlockReader reader(file, chunk.begin, chunk.end);
    for (qsizetype consumed = 0;;) {
        if (!reader.next(consumed)) {
            chunk.status = cannotRead(what, reader);
            return;
        }
        // All but the last byte, whose meaning (a CR) depends on the next block's first.
        const QByteArrayView data = reader.data();
        consumed = reader.final() ? data.size() : std::max<qsizetype>(data.size() - 1, 0);
        countBytes(data.data(), data.data() + consumed, chunk);
        if (reader.final())
            return;
    }
}

// Runs `work` on every chunk, in this thread and in compute-pool threads, each taking the next chunk
// nobody has taken, and returns when all are done. This thread, which is running already, reads on
// while a pool thread waits for a core, and it does not wait for a pool thread that took no chunk: on a
// busy machine a pool thread's start (or a held-up chunk) cost more than the chunk's work. This thread
// runs `first` before it takes a chunk.
template <class Work, class First> void forEachChunk(std::vector<Chunk>& chunks, Work work, First first)
{
    struct Shared
    {
        std::atomic<std::size_t> next = 0;
        QSemaphore done;
    };
    const auto shared = std::make_shared<Shared>();
    const std::size_t count = chunks.size();
    // A pool thread may run this after forEachChunk() returned: then it finds no chunk left and touches
    // only `shared`.
    const auto take = [shared, count, &chunks, &work] {
        for (std::size_t i = shared->next++; i < count; i = shared->next++) {
            work(chunks[i]);
            shared->done.release();
        }
    };
    for (int h = 1; h < std::min(computePool()->maxThreadCount(), int(count)); ++h)
        computePool()->start(take);
    first();
    take();
    shared->done.acquire(int(count));
}

template <class Work> void forEachChunk(std::vector<Chunk>& chunks, Work work)
{
    forEachChunk(chunks, work, [] {});
}

// `values` sized to `n`, their pages faulted in beforehand in one call (prefault()) when they grow: one
// by one, as resize() zeroes them, the faults took twice as long.
void sizeValues(std::vector<double>& values, std::size_t n)
{
    if (n > values.capacity()) {
        values = std::vector<double>();
        values.reserve(n);
        prefault(values);
    }
    values.resize(n);
}

// Files from this size on are parsed in parallel when the compute pool has several threads. In a new
// process the parallel read costs a fifth more CPU than the one-thread read (the count, and zeroing the
// values out of cache where the one-thread read zeroes them a block at a time, in cache), which a second
// idle core repays only from about 1 MB on: on an otherwise idle machine the parallel read of shuttle
// (1.3 MB) took 15-25% less wall time than one thread, that of satellite (0.8 MB, 36 columns) 10% more
// (docs/benchmarks.md, issue 16, sixth pass). With the other core busy, one thread is faster at any size.
constexpr qint64 kParallelBytes = qint64(1) << 20;

// The offset after the first LF in bytes [at, end) of the file, or `end` when there is none.
qint64 lineStartAfter(QFile& file, qint64 at, qint64 end)
{
    char window[256];
    while (at < end) {
        const qint64 got = readAt(file, window, std::min<qint64>(qint64(sizeof window), end - at), at);
        if (got <= 0)
            return end; // the chunks' reads will say what is wrong
        if (const void* lf = std::memchr(window, '\n', std::size_t(got)))
            return at + (static_cast<const char*>(lf) - window) + 1;
        at += got;
    }
    return end;
}

// readNumeric() by `threads` threads, each chunk read a block at a time by pread() (not mapped: a mapped
// file that another process truncates meanwhile stops the reader with SIGBUS; a hostile input must give
// an error): the data records split into four chunks per thread, each starting after a LF; each chunk's
// rows counted (in parallel), then parsed (in parallel) straight into its rows of the values, with the
// file's line numbers in its errors; the first error in file order is reported. Nothing (std::nullopt)
// when there is a quote after the header, as a quoted field may hold a line break: then the file is
// read in one thread.
std::optional<Result<NumericCsv>> readInChunks(
    QFile& file, const QString& what, const QString& labelColumn, int threads)
{
    const qint64 size = file.size();
    NumericCsv out;
    Columns columns;
    columns.what = what;
    qsizetype consumed = 0;
    qint64 firstLine = 1;
    BlockReader header(file, 0, size);
    if (Status read = readHeaderRecord(header, labelColumn, columns, out, consumed, firstLine); !read)
        return makeError(read.error());
    const bool labelled = columns.labelIndex >= 0;

    // Four chunks a thread: one thread's chunk held up by the scheduler leaves the others to the rest.
    const qint64 body = header.offset() + consumed; // after the header's line break
    const int parts = 4 * threads;
    std::vector<Chunk> chunks;
    for (qint64 begin = body, k = 1; begin < size; ++k) {
        const qint64 end
            = k < parts ? lineStartAfter(file, std::max(begin, body + (size - body) * k / parts), size) : size;
        chunks.emplace_back(begin, end);
        begin = end;
    }
    if (chunks.empty())
        return makeError(QStringLiteral("%1: no data rows").arg(what));
    // While the pool's threads count the rows, this thread sizes the values for the rows expected from
    // the line breaks of the first block (and 3% more): for a file of short integers, faulting in and
    // zeroing 8 bytes of values for every 2.6 bytes of text takes longer than counting the rows. At most
    // as many rows as the body can hold (blank lines are line breaks, not rows).
    const QByteArrayView firstRows = header.data().sliced(consumed);
    // A record of numbers holds a byte per field and a comma between fields: no more rows fit in the body.
    const qint64 mostRows = (size - body) / (2 * columns.header.size() - 1) + 1;
    const double breaks = double(std::count(firstRows.begin(), firstRows.end(), '\n'));
    const auto expected = std::size_t(std::min(
        double(size - body) * breaks / double(std::max<qsizetype>(firstRows.size(), 1)) * 1.03 + 16, double(mostRows)));
    forEachChunk(
        chunks, [&file, &what](Chunk& chunk) { countChunk(file, what, chunk); },
        [&] {
            sizeValues(out.values, expected * columns.features);
            if (labelled)
                sizeValues(out.labels, expected);
        });
    if (const Status status = firstFailure(chunks); !status)
        return makeError(status.error());
    if (std::any_of(chunks.begin(), chunks.end(), [](const Chunk& chunk) { return chunk.quoted; }))
        return std::nullopt;
    qint64 rows = 0;
    qint64 line = firstLine;
    for (Chunk& chunk : chunks) {
        chunk.firstRow = rows;
        chunk.firstLine = line;
        rows += chunk.rows;
        line += chunk.lines;
    }
    if (rows > INT_MAX)
        return makeError(QStringLiteral("%1: more than %2 rows").arg(what).arg(INT_MAX));
    if (rows == 0)
        return makeError(QStringLiteral("%1: no data rows").arg(what));
    if (rows > mostRows) // short records: the one-thread reader names the first, without sizing the values for them all
        return std::nullopt;
    out.rows = int(rows);
    sizeValues(out.values, std::size_t(rows) * columns.features);
    if (labelled)
        sizeValues(out.labels, std::size_t(rows));
    forEachChunk(chunks, [&](Chunk& chunk) {
        BlockReader reader(file, chunk.begin, chunk.end);
        FixedSink sink(out.values.data() + std::size_t(chunk.firstRow) * columns.features,
            labelled ? out.labels.data() + chunk.firstRow : nullptr);
        int read = 0;
        chunk.status = reader.next(0) ? readBody(reader, 0, chunk.firstLine, columns, sink, int(chunk.rows), read)
                                      : cannotRead(what, reader);
        if (chunk.status && read != chunk.rows) // the count and the parser disagree: a bug, or the file changed
            chunk.status = makeError(QStringLiteral("%1, line %2: %3 rows read of %4 counted")
                                         .arg(what)
                                         .arg(chunk.firstLine)
                                         .arg(read)
                                         .arg(chunk.rows));
    });
    if (const Status status = firstFailure(chunks); !status)
        return makeError(status.error());
    return out;
}

// readNumeric() a block at a time, in one thread.
Result<NumericCsv> readStreaming(QFile& file, const QString& what, const QString& labelColumn)
{
    NumericCsv out;
    Columns columns;
    columns.what = what;
    BlockReader reader(file);
    qsizetype consumed = 0;
    qint64 line = 1;
    if (Status read = readHeaderRecord(reader, labelColumn, columns, out, consumed, line); !read)
        return makeError(read.error());
    {
        GrowingSink sink(out, columns.labelIndex >= 0, file.size());
        if (Status read = readBody(reader, consumed, line, columns, sink, INT_MAX, out.rows); !read)
            return makeError(read.error());
    }
    if (out.rows == 0)
        return makeError(QStringLiteral("%1: no data rows").arg(what));
    return out;
}

} // namespace

Result<CsvTable> CsvTable::read(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("file '%1': cannot read: %2").arg(path, file.errorString()));
    return parse(file.readAll(), QStringLiteral("file '%1'").arg(path));
}

Result<CsvTable> CsvTable::parse(const QByteArray& data, const QString& what)
{
    const QByteArrayView bytes = withoutBom(data);
    RecordSplitter splitter(bytes.data(), bytes.size(), true, 1);
    CsvTable table;
    table.m_what = what;
    bool haveHeader = false;
    for (;;) {
        const RecordSplitter::Next next = splitter.next();
        if (next == RecordSplitter::Next::UnclosedQuote)
            return unclosedQuote(what, splitter.recordLine());
        if (next != RecordSplitter::Next::Record)
            break;
        const std::vector<QByteArrayView>& fields = splitter.fields();
        if (!haveHeader) {
            haveHeader = true;
            table.m_header = headerOf(fields);
            continue;
        }
        if (qsizetype(fields.size()) != table.m_header.size())
            return fieldCount(what, splitter.recordLine(), qsizetype(fields.size()), table.m_header.size());
        QStringList record;
        record.reserve(qsizetype(fields.size()));
        for (const QByteArrayView field : fields)
            record.append(QString::fromUtf8(field));
        table.m_rows.push_back(std::move(record));
        table.m_lines.push_back(int(splitter.recordLine()));
    }
    if (table.m_header.isEmpty())
        return makeError(QStringLiteral("%1: empty, no header line").arg(what));
    return table;
}

Result<NumericCsv> CsvTable::readNumeric(const QString& path, const QString& labelColumn)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("file '%1': cannot read: %2").arg(path, file.errorString()));
    const QString what = QStringLiteral("file '%1'").arg(path);
    const int threads = computePool()->maxThreadCount();
    // In parallel: a file of kParallelBytes or more, not a pipe, nor a Qt resource (pread() needs a descriptor).
    if (threads > 1 && !file.isSequential() && file.handle() >= 0 && file.size() >= kParallelBytes) {
        if (std::optional<Result<NumericCsv>> read = readInChunks(file, what, labelColumn, threads))
            return std::move(*read);
        if (!file.seek(0))
            return makeError(QStringLiteral("%1: cannot read: %2").arg(what, file.errorString()));
    }
    return readStreaming(file, what, labelColumn);
}

Result<double> CsvTable::number(int row, int column) const
{
    const QString cell = m_rows[std::size_t(row)].value(column).trimmed();
    const std::optional<double> value = parseNumber(cell.toUtf8());
    if (!value)
        return notANumber(m_what, lineOf(row), m_header.value(column), cell);
    return *value;
}

QString CsvTable::quote(const QString& field)
{
    if (!field.contains(QLatin1Char(',')) && !field.contains(QLatin1Char('"')) && !field.contains(QLatin1Char('\n'))
        && !field.contains(QLatin1Char('\r')))
        return field;
    QString quoted = field;
    quoted.replace(QStringLiteral("\""), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString CsvTable::line(const QStringList& fields)
{
    QStringList quoted;
    quoted.reserve(fields.size());
    for (const QString& field : fields)
        quoted.append(quote(field));
    return quoted.join(QLatin1Char(',')) + QLatin1Char('\n');
}

} // namespace runlens
