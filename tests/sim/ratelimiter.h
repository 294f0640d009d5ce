#pragma once
// RateLimiter: one limit per provider, enforced only where a test or demo set one — a token bucket, or
// a fixed window (Apollo counts requests per minute, hour and day in fixed windows). The clock is
// injected so refills and window ends can be tested without waiting.

#include "simhttp.h"

#include "model/providerid.h"

#include <QElapsedTimer>
#include <QMap>

#include <functional>
#include <optional>

namespace agency::sim {

class RateLimiter
{
public:
    using Clock = std::function<qint64()>; ///< monotonic milliseconds

    explicit RateLimiter(Clock clock = {});

    /// Sets the limit: `requestsPerSecond` refill, `burst` capacity. A rate ≤ 0 removes the limit.
    void setLimit(ProviderId provider, int requestsPerSecond, int burst);
    /// Sets a fixed-window limit: at most `limit` requests in each `windowMs` window, the windows
    /// counted from the limiter's start. A limit ≤ 0 removes it.
    void setWindowLimit(ProviderId provider, int limit, qint64 windowMs);
    bool isLimited(ProviderId provider) const { return m_buckets.contains(provider); }

    struct Decision
    {
        bool allowed = true;
        int retryAfterSeconds = 0; ///< when refused: until the next token
        RateWindow window;         ///< the bucket after this request, for rate-limit headers
    };

    /// Takes a token for one request; nullopt when no limit is set for the provider.
    std::optional<Decision> take(ProviderId provider);

    void clear() { m_buckets.clear(); }

private:
    struct Bucket
    {
        double ratePerSecond = 0;
        int capacity = 0;
        double tokens = 0;
        qint64 updatedMs = 0;
        qint64 windowMs = 0; ///< > 0: a fixed window of `capacity` requests instead of a bucket
        qint64 window = -1;  ///< the index of the current window
        int used = 0;        ///< requests counted in it
    };

    void refill(Bucket& bucket, qint64 now) const;
    static Decision takeFromWindow(Bucket& bucket, qint64 now);

    Clock m_clock;
    QElapsedTimer m_timer;
    QMap<ProviderId, Bucket> m_buckets;
};

} // namespace agency::sim
