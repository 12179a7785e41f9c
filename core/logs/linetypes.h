#pragma once

#include <QtGlobal>

#include <compare>

namespace runlens::logs {

// Positions in a log as distinct types (klogg's linetypes.h), so that a 1-based line number, a number
// of lines and a byte offset into the decoded text cannot be passed for one another. Each wraps a
// qint64; construction from a raw number is explicit and get() reads it back.
template <typename Tag> class StrongCount
{
public:
    constexpr StrongCount() = default;
    constexpr explicit StrongCount(qint64 value)
        : m_value(value)
    {
    }
    constexpr qint64 get() const { return m_value; }
    friend constexpr auto operator<=>(StrongCount, StrongCount) = default;

private:
    qint64 m_value = 0;
};

using LinesCount = StrongCount<struct LinesCountTag>;
using OffsetInFile = StrongCount<struct OffsetInFileTag>;

// A 1-based line number; 0 means "no line".
class LineNumber
{
public:
    constexpr LineNumber() = default;
    constexpr explicit LineNumber(qint64 value)
        : m_value(value)
    {
    }
    constexpr qint64 get() const { return m_value; }
    constexpr bool isValid() const { return m_value > 0; }
    // The last line of a log of `count` lines.
    static constexpr LineNumber last(LinesCount count) { return LineNumber(count.get()); }
    // Whether the line exists in a log of `count` lines.
    constexpr bool isIn(LinesCount count) const { return m_value >= 1 && m_value <= count.get(); }

    constexpr LineNumber& operator++()
    {
        ++m_value;
        return *this;
    }
    friend constexpr LineNumber operator+(LineNumber line, LinesCount count)
    {
        return LineNumber(line.m_value + count.get());
    }
    friend constexpr LineNumber operator-(LineNumber line, LinesCount count)
    {
        return LineNumber(line.m_value - count.get());
    }
    friend constexpr LinesCount operator-(LineNumber a, LineNumber b) { return LinesCount(a.m_value - b.m_value); }
    friend constexpr auto operator<=>(LineNumber, LineNumber) = default;

private:
    qint64 m_value = 0;
};

} // namespace runlens::logs
