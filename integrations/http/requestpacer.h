#pragma once
// RequestPacer: one provider's token bucket and concurrency cap. Callers wait their turn in order;
// only the head of the queue is woken, and a cancelled caller leaves the queue at once.

#include "integrations/http/cancellation.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <coroutine>
#include <list>

#include <qcoro/qcorotask.h>

namespace agency {

struct PacingConfig
{
    double ratePerSecond = 0; ///< 0 = no rate limit
    double burst = 1;         ///< tokens the bucket holds; 1 = evenly spaced requests
    int maxConcurrent = 0;    ///< 0 = no cap
};

class RequestPacer : public QObject
{
    Q_OBJECT
public:
    explicit RequestPacer(PacingConfig config = {}, QObject* parent = nullptr);

    void setConfig(PacingConfig config);
    PacingConfig config() const { return m_config; }

    /// Waits for a token and a concurrency slot; false when `cancel` fired first.
    /// Every successful acquire must be matched by one release().
    QCoro::Task<bool> acquire(CancelToken cancel);
    void release();

    int inFlight() const { return m_inFlight; }
    int waiting() const { return int(m_queue.size()); }

private:
    struct Waiter
    {
        std::coroutine_handle<> handle;
        bool granted = false;
    };
    struct Suspend
    {
        Waiter* waiter;
        bool await_ready() const noexcept { return false; }
        void await_suspend(std::coroutine_handle<> handle) noexcept { waiter->handle = handle; }
        void await_resume() const noexcept {}
    };

    bool mayGo();
    void take();
    /// Grants the queue's head as long as tokens and slots allow; arms the refill timer otherwise.
    void pump();
    void resumeLater(Waiter* waiter);
    void refill();

    PacingConfig m_config;
    double m_tokens = 0;
    QElapsedTimer m_clock;
    qint64 m_lastRefillNs = 0;
    int m_inFlight = 0;
    std::list<Waiter*> m_queue;
    QTimer m_refillTimer;
};

} // namespace agency
