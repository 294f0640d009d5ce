#pragma once
// RedisCompletion<T>: a one-shot result that a hiredis callback or a timer fills in and any number
// of coroutines co_await. Copies share one state. Waiters are resumed from the event loop, never
// from inside complete(), so no coroutine code ever runs inside a hiredis callback.

#include <QCoreApplication>
#include <QMetaObject>

#include <coroutine>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace agency {

template<typename T>
class RedisCompletion
{
public:
    RedisCompletion()
        : m_state(std::make_shared<State>())
    {}

    bool isDone() const { return m_state->value.has_value(); }

    /// Stores `value` and schedules every waiter. The first call wins; later ones return false.
    /// (const: it changes the shared state, never which state this copy refers to.)
    bool complete(T value) const
    {
        if (m_state->value)
            return false;
        m_state->value = std::move(value);
        Q_ASSERT(QCoreApplication::instance()); // waiters are resumed by the application's event loop
        for (std::coroutine_handle<> handle : std::exchange(m_state->waiters, {}))
            QMetaObject::invokeMethod(
                QCoreApplication::instance(), [handle] { handle.resume(); }, Qt::QueuedConnection);
        return true;
    }

    bool await_ready() const noexcept { return isDone(); }
    void await_suspend(std::coroutine_handle<> handle) { m_state->waiters.push_back(handle); }
    T await_resume() const { return *m_state->value; }

private:
    struct State
    {
        std::optional<T> value;
        std::vector<std::coroutine_handle<>> waiters;
    };
    std::shared_ptr<State> m_state;
};

} // namespace agency
