#include "requestpacer.h"

#include <algorithm>
#include <cmath>

namespace agency {

RequestPacer::RequestPacer(PacingConfig config, QObject* parent)
    : QObject(parent)
    , m_config(config)
    , m_tokens(std::max(1.0, config.burst))
{
    m_clock.start();
    m_refillTimer.setSingleShot(true);
    m_refillTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_refillTimer, &QTimer::timeout, this, &RequestPacer::pump);
}

void RequestPacer::setConfig(PacingConfig config)
{
    refill();
    m_config = config;
    m_tokens = std::min(m_tokens, std::max(1.0, config.burst));
    pump();
}

void RequestPacer::refill()
{
    const qint64 now = m_clock.nsecsElapsed();
    if (m_config.ratePerSecond > 0) {
        // While callers wait, the refill timer fires a little late; keeping up to one token of that
        // lateness holds the average rate exactly instead of drifting below it. Idle time still
        // only fills the bucket to its burst.
        const double cap = std::max(1.0, m_config.burst) + (m_queue.empty() ? 0.0 : 1.0);
        const double elapsed = double(now - m_lastRefillNs) / 1e9;
        m_tokens = std::min(cap, m_tokens + elapsed * m_config.ratePerSecond);
    }
    m_lastRefillNs = now;
}

bool RequestPacer::mayGo()
{
    if (m_config.maxConcurrent > 0 && m_inFlight >= m_config.maxConcurrent)
        return false;
    if (m_config.ratePerSecond <= 0)
        return true;
    refill();
    return m_tokens >= 1.0;
}

void RequestPacer::take()
{
    if (m_config.ratePerSecond > 0)
        m_tokens -= 1.0;
    ++m_inFlight;
}

void RequestPacer::resumeLater(Waiter* waiter)
{
    // Resumed from the event loop, never from inside pump(): no re-entrancy, no deep stacks. The
    // handle is read then, because a waiter granted inside acquire() has not suspended yet.
    QMetaObject::invokeMethod(
        this, [waiter] { waiter->handle.resume(); }, Qt::QueuedConnection);
}

void RequestPacer::pump()
{
    while (!m_queue.empty()) {
        if (!mayGo()) {
            const bool slotBound = m_config.maxConcurrent > 0 && m_inFlight >= m_config.maxConcurrent;
            if (!slotBound && !m_refillTimer.isActive()) {
                const double missing = std::max(0.0, 1.0 - m_tokens);
                m_refillTimer.start(std::max(1, int(std::ceil(missing / m_config.ratePerSecond * 1000.0))));
            }
            return;
        }
        Waiter* head = m_queue.front();
        m_queue.pop_front();
        take();
        head->granted = true;
        resumeLater(head);
    }
}

QCoro::Task<bool> RequestPacer::acquire(CancelToken cancel)
{
    if (cancel.isCancelled())
        co_return false;
    if (m_queue.empty() && mayGo()) {
        take();
        co_return true;
    }
    Waiter waiter;
    m_queue.push_back(&waiter);
    const auto connection = connect(cancel.state(), &CancellationState::cancelled, this, [this, &waiter] {
        const auto it = std::find(m_queue.begin(), m_queue.end(), &waiter);
        if (it == m_queue.end())
            return; // already granted; the caller sees the cancel itself
        m_queue.erase(it);
        resumeLater(&waiter);
    });
    pump();
    Suspend suspend{&waiter};
    co_await suspend;
    disconnect(connection);
    co_return waiter.granted;
}

void RequestPacer::release()
{
    Q_ASSERT(m_inFlight > 0);
    --m_inFlight;
    pump();
}

} // namespace agency
