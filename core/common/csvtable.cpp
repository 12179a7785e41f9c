#include "csvtable.h"

#include <QFile>

#include <algorithm>
#include <charconv>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <vector>

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

// Clinger's fast path, inline: a decimal of at most 15 digits (so an integer below 2^53, exact in a
// double) with at most 15 after the point (10^k exact) is m / 10^k, one correctly rounded division:
// the very value std::from_chars gives, without the call into the library that cost more than the
// digits on short cells (integers, labels, 8-digit decimals). Returns the end of the number, or
// nullptr for anything else (more digits, an exponent, no digit), which std::from_chars reads.
const char* shortDecimal(const char* p, const char* end, double& value)
{
    static constexpr double kPowers[]
        = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15 };
    constexpr int kMaxDigits = 15;
    const bool negative = p != end && *p == '-';
    p += negative ? 1 : 0;
    // Sixteen digits from the third character on (as in "1.2345678901234567"): too long, known without
    // reading them one by one (SWAR, as fast_float tests eight digits).
    const auto eightDigits = [](const char* at) {
        std::uint64_t word = 0;
        std::memcpy(&word, at, sizeof word);
        return ((word & 0xF0F0F0F0F0F0F0F0) | (((word + 0x0606060606060606) & 0xF0F0F0F0F0F0F0F0) >> 4))
            == 0x3333333333333333;
    };
    if (end - p >= 18 && eightDigits(p + 2) && eightDigits(p + 10))
        return nullptr;
    std::uint64_t mantissa = 0;
    const char* const start = p;
    const char* point = nullptr;
    for (; p != end; ++p) {
        const unsigned digit = unsigned(*p - '0');
        if (digit < 10)
            mantissa = mantissa * 10 + digit; // wraps past 19 digits: refused below
        else if (*p == '.' && !point)
            point = p;
        else
            break;
    }
    const auto digits = (p - start) - (point ? 1 : 0);
    if (digits == 0 || digits > kMaxDigits || (p != end && (*p == 'e' || *p == 'E')))
        return nullptr;
    const auto fraction = point ? p - point - 1 : 0;
    value = fraction > 0 ? double(mantissa) / kPowers[fraction] : double(mantissa); // integers: no division
    value = negative ? -value : value;
    return p;
}

// The fast path for the common record of readNumeric(): `columns` plain numbers (no quotes, spaces or
// '+') separated by commas and ended by LF or CRLF, parsed where they stand. Appends them and returns
// the position after the record; for anything else appends nothing and returns -1, and the
// RecordSplitter reads the record (and names what is wrong with it).
qsizetype plainRow(QByteArrayView data, qsizetype at, qsizetype columns, qsizetype labelIndex, NumericCsv& out)
{
    const char* p = data.data() + at;
    const char* end = data.data() + data.size();
    const std::size_t values = out.values.size();
    const std::size_t labels = out.labels.size();
    for (qsizetype c = 0; c < columns; ++c) {
        double value = 0.0;
        const char* stop = shortDecimal(p, end, value);
        if (!stop) {
            const auto [last, error] = std::from_chars(p, end, value);
            if (error != std::errc() || !std::isfinite(value))
                break;
            stop = last;
        }
        if (stop == end)
            break;
        (c == labelIndex ? out.labels : out.values).push_back(value);
        if (c + 1 < columns) {
            if (*stop != ',')
                break;
            p = stop + 1;
        } else if (*stop == '\n') {
            return stop + 1 - data.data();
        } else if (*stop == '\r' && stop + 1 != end && stop[1] == '\n') {
            return stop + 2 - data.data();
        }
    }
    out.values.resize(values);
    out.labels.resize(labels);
    return -1;
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
    // A small first block, so that the values are reserved (from its mean row size) before they grow.
    constexpr qsizetype kFirstBlock = qsizetype(1) << 16;
    constexpr qsizetype kBlock = qsizetype(1) << 20;

    NumericCsv out;
    QStringList header;
    int labelIndex = -1;
    bool reserved = false;
    qint64 consumed = 0; // bytes of the records read so far
    // The unread tail of the previous block, then the next block: a record cut by the block end is
    // read again whole with the next one. The buffer grows only for a record longer than a block. It
    // is left uninitialised: zeroing it cost as much as parsing a small file.
    std::unique_ptr<char[]> buffer;
    qsizetype capacity = 0;
    qsizetype filled = 0;
    qint64 line = 1;
    bool first = true;
    for (bool final = false; !final;) {
        const qsizetype block = first ? kFirstBlock : kBlock;
        if (capacity < filled + block) {
            capacity = filled + block;
            std::unique_ptr<char[]> bigger = std::make_unique_for_overwrite<char[]>(std::size_t(capacity));
            if (filled > 0)
                std::memcpy(bigger.get(), buffer.get(), std::size_t(filled));
            buffer = std::move(bigger);
        }
        const qint64 got = file.read(buffer.get() + filled, block);
        if (got < 0)
            return makeError(QStringLiteral("%1: cannot read: %2").arg(what, file.errorString()));
        filled += qsizetype(got);
        final = got == 0 || (!file.isSequential() && file.atEnd()); // a pipe ends only at a read of 0
        QByteArrayView data(buffer.get(), filled);
        if (first) {
            if (!final && filled < 3)
                continue;
            data = withoutBom(data);
            first = false;
        }
        RecordSplitter splitter(data.data(), data.size(), final, line);
        RecordSplitter::Next next;
        for (;;) {
            if (out.rows == INT_MAX)
                return makeError(QStringLiteral("%1: more than %2 rows").arg(what).arg(INT_MAX));
            if (!header.isEmpty()) {
                const qsizetype end = plainRow(data, splitter.position(), header.size(), labelIndex, out);
                if (end >= 0) {
                    splitter.seek(end, splitter.line() + 1);
                    ++out.rows;
                    continue;
                }
            }
            if ((next = splitter.next()) != RecordSplitter::Next::Record)
                break;
            const std::vector<QByteArrayView>& fields = splitter.fields();
            if (header.isEmpty()) {
                header = headerOf(fields);
                labelIndex = labelColumn.isEmpty() ? -1 : int(header.indexOf(labelColumn));
                if (!labelColumn.isEmpty() && labelIndex < 0)
                    return makeError(QStringLiteral("%1: no column '%2' in the header").arg(what, labelColumn));
                out.featureNames = header;
                if (labelIndex >= 0)
                    out.featureNames.removeAt(labelIndex);
                if (out.featureNames.isEmpty())
                    return makeError(QStringLiteral("%1: no feature columns").arg(what));
                continue;
            }
            if (qsizetype(fields.size()) != header.size())
                return fieldCount(what, splitter.recordLine(), qsizetype(fields.size()), header.size());
            for (std::size_t c = 0; c < fields.size(); ++c) {
                const std::optional<double> value = parseNumber(fields[c]);
                if (!value)
                    return notANumber(
                        what, splitter.recordLine(), header.at(qsizetype(c)), QString::fromUtf8(fields[c]).trimmed());
                (int(c) == labelIndex ? out.labels : out.values).push_back(*value);
            }
            ++out.rows;
        }
        if (next == RecordSplitter::Next::UnclosedQuote)
            return unclosedQuote(what, splitter.recordLine());
        // Room for the whole file at the mean row size so far (and 5% more): the values grow once.
        consumed += splitter.position();
        if (!reserved && out.rows > 0) {
            reserved = true;
            const double rows = double(file.size()) * out.rows / double(std::max<qint64>(consumed, 1)) * 1.05 + 16;
            out.values.reserve(std::size_t(rows) * std::size_t(out.featureNames.size()));
            if (labelIndex >= 0)
                out.labels.reserve(std::size_t(rows));
        }
        const qsizetype rest = data.size() - splitter.position();
        std::memmove(buffer.get(), data.data() + splitter.position(), std::size_t(rest));
        filled = rest;
        line = splitter.line();
    }
    if (header.isEmpty())
        return makeError(QStringLiteral("%1: empty, no header line").arg(what));
    if (out.rows == 0)
        return makeError(QStringLiteral("%1: no data rows").arg(what));
    return out;
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
