#pragma once
// RateLimiter: one token bucket per provider, enforced only where a test or demo set a limit.
// The clock is injected so the refill can be tested without waiting.

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
    };

    void refill(Bucket& bucket, qint64 now) const;

    Clock m_clock;
    QElapsedTimer m_timer;
    QMap<ProviderId, Bucket> m_buckets;
};

} // namespace agency::sim
