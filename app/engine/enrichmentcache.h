#pragma once
// EnrichmentCache: what lookups found (and missed), kept for a time-to-live so nobody pays twice for
// the same lead. SqliteEnrichmentCache is this computer's; RedisEnrichmentCache is the team's.

#include "model/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <chrono>
#include <optional>

#include <qcoro/qcorotask.h>

namespace agency {

struct CacheError
{
    QString message; ///< names the cache ("The Redis cache at 10.0.0.5:6379 refused …")
};

struct CachedValue
{
    QByteArray value;   ///< an EnrichmentResult's JSON
    QDateTime storedAt; ///< UTC
};

class EnrichmentCache
{
public:
    virtual ~EnrichmentCache() = default;
    /// The value under `key`, or nothing when absent or older than its time-to-live.
    virtual QCoro::Task<Result<std::optional<CachedValue>, CacheError>> get(QString key) = 0;
    /// Stores (or replaces) `value` under `key` for `ttl`.
    virtual QCoro::Task<Result<Done, CacheError>> put(QString key, QByteArray value,
                                                      std::chrono::seconds ttl) = 0;
    virtual QCoro::Task<Result<Done, CacheError>> remove(QString key) = 0;
    /// "this computer (SQLite)" / "the team's Redis": for messages and the panel.
    virtual QString describe() const = 0;
};

} // namespace agency
