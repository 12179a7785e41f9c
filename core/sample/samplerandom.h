#pragma once

#include <QByteArray>

#include <cstdint>
#include <span>

namespace runlens::sample {

// xoshiro256** seeded through splitmix64: small, fast, and identical on every platform, so a
// seed always yields the same corpus (std::mt19937's distributions are not portable).
class SampleRandom
{
public:
    explicit SampleRandom(quint64 seed)
    {
        quint64 x = seed;
        for (quint64& s : m_state)
            s = splitmix64(x);
    }

    // Mixes values into one seed; used to derive independent streams (per run, per attempt).
    static quint64 derive(quint64 seed, quint64 a, quint64 b = 0, quint64 c = 0)
    {
        quint64 x = seed ^ 0x9e3779b97f4a7c15ULL;
        quint64 h = splitmix64(x);
        for (quint64 v : { a, b, c }) {
            x = h ^ v;
            h = splitmix64(x);
        }
        return h;
    }

    quint64 next()
    {
        const quint64 result = rotl(m_state[1] * 5, 7) * 9;
        const quint64 t = m_state[1] << 17;
        m_state[2] ^= m_state[0];
        m_state[3] ^= m_state[1];
        m_state[1] ^= m_state[2];
        m_state[0] ^= m_state[3];
        m_state[2] ^= t;
        m_state[3] = rotl(m_state[3], 45);
        return result;
    }

    // Uniform in [0, 1).
    double uniform() { return double(next() >> 11) * 0x1.0p-53; }

    // Uniform integer in [lo, hi] (inclusive).
    qint64 range(qint64 lo, qint64 hi)
    {
        if (hi <= lo)
            return lo;
        const quint64 span = quint64(hi - lo) + 1;
        return lo + qint64(next() % span);
    }

    bool chance(double p) { return uniform() < p; }

    // Index picked with probability proportional to its weight; -1 if all weights are zero.
    int weighted(std::span<const double> weights)
    {
        double total = 0;
        for (double w : weights)
            total += w > 0 ? w : 0;
        if (total <= 0)
            return -1;
        double x = uniform() * total;
        int last = -1;
        for (int i = 0; i < int(weights.size()); ++i) {
            if (weights[i] <= 0)
                continue;
            last = i;
            if (x < weights[i])
                return i;
            x -= weights[i];
        }
        return last;
    }

    template <typename T> const T& pick(std::span<const T> items)
    {
        return items[size_t(range(0, qint64(items.size()) - 1))];
    }

    // Hex string of `digits` characters (commit SHAs, cache keys).
    QByteArray hex(int digits)
    {
        static constexpr char kHex[] = "0123456789abcdef";
        QByteArray s;
        s.reserve(digits);
        quint64 bits = 0;
        for (int i = 0; i < digits; ++i) {
            if (i % 16 == 0)
                bits = next();
            s.append(kHex[bits & 15]);
            bits >>= 4;
        }
        return s;
    }

private:
    static quint64 splitmix64(quint64& x)
    {
        quint64 z = (x += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    static quint64 rotl(quint64 x, int k) { return (x << k) | (x >> (64 - k)); }

    quint64 m_state[4] {};
};

} // namespace runlens::sample
