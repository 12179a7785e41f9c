#pragma once

#include <QString>

#include <cassert>
#include <utility>
#include <variant>

namespace runlens {

// An error whose message names the input it is about ("archive 'x.zip': entry '../a' escapes ...").
struct Error
{
    QString message;
};

// Expected-style result used throughout the core (std::expected is C++23). `E` is Error, or an error
// type that also carries what a caller decides on (github::ApiError: the HTTP status); every error type
// has a `message` naming the input.
template <typename T, typename E = Error> class [[nodiscard]] Result
{
public:
    Result(T value)
        : m_data(std::in_place_index<0>, std::move(value))
    {
    }
    Result(E error)
        : m_data(std::in_place_index<1>, std::move(error))
    {
    }

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() &
    {
        assert(ok());
        return std::get<0>(m_data);
    }
    const T& value() const&
    {
        assert(ok());
        return std::get<0>(m_data);
    }
    T&& value() &&
    {
        assert(ok());
        return std::get<0>(std::move(m_data));
    }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const QString& error() const
    {
        assert(!ok());
        return std::get<1>(m_data).message;
    }
    // The whole error, for error types that carry more than the message.
    const E& failure() const
    {
        assert(!ok());
        return std::get<1>(m_data);
    }

private:
    std::variant<T, E> m_data;
};

// Success or an error, for operations that produce nothing.
class [[nodiscard]] Status
{
public:
    Status() = default;
    Status(Error error)
        : m_error(std::move(error.message))
        , m_failed(true)
    {
    }

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const QString& error() const { return m_error; }

private:
    QString m_error;
    bool m_failed = false;
};

inline Error makeError(QString message)
{
    return Error { std::move(message) };
}

} // namespace runlens
