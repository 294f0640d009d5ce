#pragma once
// MemoryEnrichmentCache: the service's contract with a cache, in memory, for tests above the cache
// (the SQLite and Redis caches have their own tests). Counts reads, so a test can prove none happened.

#include "engine/enrichmentcache.h"

#include <QHash>

namespace agency::test {

class MemoryEnrichmentCache final : public EnrichmentCache
{
public:
    QHash<QString, QByteArray> values;
    int reads = 0;

    QCoro::Task<Result<std::optional<CachedValue>, CacheError>> get(QString key) override
    {
        ++reads;
        if (!values.contains(key))
            co_return std::optional<CachedValue>();
        co_return std::optional<CachedValue>(CachedValue{values.value(key), QDateTime::currentDateTimeUtc()});
    }
    QCoro::Task<Result<Done, CacheError>> put(QString key, QByteArray value, std::chrono::seconds) override
    {
        values.insert(key, value);
        co_return Done{};
    }
    QCoro::Task<Result<Done, CacheError>> remove(QString key) override
    {
        values.remove(key);
        co_return Done{};
    }
    QString describe() const override { return QStringLiteral("memory"); }
};

} // namespace agency::test
