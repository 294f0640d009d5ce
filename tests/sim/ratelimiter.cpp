#include "ratelimiter.h"

#include <algorithm>
#include <cmath>

namespace agency::sim {

RateLimiter::RateLimiter(Clock clock)
    : m_clock(std::move(clock))
{
    m_timer.start();
    if (!m_clock)
        m_clock = [this] {
            return m_timer.elapsed();
        };
}

void RateLimiter::setLimit(ProviderId provider, int requestsPerSecond, int burst)
{
    if (requestsPerSecond <= 0) {
        m_buckets.remove(provider);
        return;
    }
    Bucket bucket;
    bucket.ratePerSecond = requestsPerSecond;
    bucket.capacity = std::max(1, burst);
    bucket.tokens = bucket.capacity; // a fresh limit starts with a full bucket
    bucket.updatedMs = m_clock();
    m_buckets.insert(provider, bucket);
}

void RateLimiter::setWindowLimit(ProviderId provider, int limit, qint64 windowMs)
{
    if (limit <= 0 || windowMs <= 0) {
        m_buckets.remove(provider);
        return;
    }
    Bucket bucket;
    bucket.capacity = limit;
    bucket.windowMs = windowMs;
    m_buckets.insert(provider, bucket);
}

RateLimiter::Decision RateLimiter::takeFromWindow(Bucket& bucket, qint64 now)
{
    const qint64 window = now / bucket.windowMs;
    if (window != bucket.window) {
        bucket.window = window;
        bucket.used = 0;
    }
    const qint64 msLeft = (window + 1) * bucket.windowMs - now;
    Decision decision;
    decision.window.limit = bucket.capacity;
    if (bucket.used < bucket.capacity)
        ++bucket.used;
    else
        decision.allowed = false;
    decision.window.remaining = bucket.capacity - bucket.used;
    decision.window.resetSeconds = static_cast<int>((msLeft + 999) / 1000);
    decision.retryAfterSeconds = std::max(1, decision.window.resetSeconds);
    return decision;
}

void RateLimiter::refill(Bucket& bucket, qint64 now) const
{
    const double elapsedSeconds = static_cast<double>(std::max<qint64>(0, now - bucket.updatedMs)) / 1000.0;
    bucket.tokens = std::min<double>(bucket.capacity, bucket.tokens + elapsedSeconds * bucket.ratePerSecond);
    bucket.updatedMs = now;
}

std::optional<RateLimiter::Decision> RateLimiter::take(ProviderId provider)
{
    const auto it = m_buckets.find(provider);
    if (it == m_buckets.end())
        return std::nullopt;
    Bucket& bucket = it.value();
    if (bucket.windowMs > 0)
        return takeFromWindow(bucket, m_clock());
    refill(bucket, m_clock());

    Decision decision;
    decision.window.limit = bucket.capacity;
    if (bucket.tokens >= 1.0) {
        bucket.tokens -= 1.0;
    } else {
        decision.allowed = false;
        // Retry-After is whole seconds, and never 0: "now" would invite a tight retry loop.
        decision.retryAfterSeconds =
            std::max(1, static_cast<int>(std::ceil((1.0 - bucket.tokens) / bucket.ratePerSecond)));
    }
    decision.window.remaining = static_cast<int>(std::floor(bucket.tokens));
    decision.window.resetSeconds =
        static_cast<int>(std::ceil((bucket.capacity - bucket.tokens) / bucket.ratePerSecond));
    return decision;
}

} // namespace agency::sim
