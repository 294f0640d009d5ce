#pragma once
// Result<T, E>: a value or an error, for outcomes that cross the event loop (no exceptions).

#include <utility>
#include <variant>

namespace agency {

template<typename E>
struct Failure
{
    E error;
};

template<typename E>
Failure<std::decay_t<E>> failure(E&& error)
{
    return {std::forward<E>(error)};
}

template<typename T, typename E>
class [[nodiscard]] Result
{
public:
    /// A failure holding E{}: exists only because coroutine promises store a default value first.
    Result()
        : m_state(std::in_place_index<1>)
    {}
    Result(T value)
        : m_state(std::in_place_index<0>, std::move(value))
    {}
    template<typename F>
    Result(Failure<F> failed)
        : m_state(std::in_place_index<1>, std::move(failed.error))
    {}

    bool ok() const { return m_state.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T& value() const& { return std::get<0>(m_state); }
    T& value() & { return std::get<0>(m_state); }
    T&& value() && { return std::get<0>(std::move(m_state)); }
    const E& error() const { return std::get<1>(m_state); }
    /// The value, or `fallback` on failure (where a failure needs no words of its own).
    T value_or(T fallback) const { return ok() ? value() : std::move(fallback); }

    const T* operator->() const { return &value(); }
    const T& operator*() const { return value(); }

private:
    std::variant<T, E> m_state;
};

/// For operations that return nothing but may fail.
struct Done
{
};

} // namespace agency
