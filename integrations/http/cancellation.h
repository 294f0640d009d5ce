#pragma once
// Cancellation: a token a caller keeps to stop a request — while it waits for pacing, while it is
// in flight (the reply is aborted) and while it waits to retry.

#include <QObject>

#include <memory>

namespace agency {

class CancellationState : public QObject
{
    Q_OBJECT
public:
    bool isCancelled() const { return m_cancelled; }
    void cancel()
    {
        if (m_cancelled)
            return;
        m_cancelled = true;
        Q_EMIT cancelled();
    }
Q_SIGNALS:
    void cancelled();

private:
    bool m_cancelled = false;
};

/// Cheap to copy; every copy shares one state. A default token is never cancelled.
class CancelToken
{
public:
    CancelToken()
        : m_state(std::make_shared<CancellationState>())
    {}
    void cancel() const { m_state->cancel(); }
    bool isCancelled() const { return m_state->isCancelled(); }
    CancellationState* state() const { return m_state.get(); }

private:
    std::shared_ptr<CancellationState> m_state;
};

} // namespace agency
