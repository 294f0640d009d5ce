#pragma once
// RedisEnrichmentCache: the team's enrichment cache on its Redis, so one console's paid lookup is
// every console's hit. Redis keeps the time-to-live itself (SET … EX); each value carries its
// storedAt in a 12-byte header, so one GET answers and one SET writes (no hash, no second round trip):
//   "AEC1" | stored_at_ms (signed 64-bit, big-endian) | the value's bytes.
// A value without that header (another writer, an older format) reads as a miss and is overwritten.

#include "engine/enrichmentcache.h"

#include <functional>
#include <memory>

namespace agency {

class RedisClient;
struct IntegrationError;

class RedisEnrichmentCache final : public EnrichmentCache
{
public:
    /// The time now, in UTC, for storedAt; tests inject their own. Expiry runs on the server's clock.
    using Clock = std::function<QDateTime()>;

    /// "agency:enrich:": every key this cache writes starts with it.
    static QString defaultPrefix();

    /// Over a client someone else owns (shared with the rate gate, say); it must outlive the cache.
    explicit RedisEnrichmentCache(RedisClient& client, QString prefix = defaultPrefix(), Clock clock = {});
    /// Owns a client for the server at `url` (redis://host:port/db) with `password` (from the
    /// keychain; may be empty) and an optional ACL `userName`. Connects on first use.
    static std::unique_ptr<RedisEnrichmentCache> connect(const QString& url, const QString& password,
                                                         const QString& userName = QString(),
                                                         QString prefix = defaultPrefix(), Clock clock = {});
    /// Destroy it only when no call is in flight (see RedisClient).
    ~RedisEnrichmentCache() override;
    RedisEnrichmentCache(const RedisEnrichmentCache&) = delete;
    RedisEnrichmentCache& operator=(const RedisEnrichmentCache&) = delete;

    QCoro::Task<Result<std::optional<CachedValue>, CacheError>> get(QString key) override;
    /// SET with EX `ttl`: Redis forgets the entry itself.
    QCoro::Task<Result<Done, CacheError>> put(QString key, QByteArray value,
                                              std::chrono::seconds ttl) override;
    QCoro::Task<Result<Done, CacheError>> remove(QString key) override;
    QString describe() const override;

    QString prefix() const { return m_prefix; }
    RedisClient& client() { return *m_client; }

    /// The stored form of a value: the header, then the bytes (public for tests and tools).
    static QByteArray encode(const QByteArray& value, const QDateTime& storedAt);
    /// The value and storedAt of a stored form; nothing when it has no valid header.
    static std::optional<CachedValue> decode(const QByteArray& stored);

private:
    RedisEnrichmentCache(std::unique_ptr<RedisClient> owned, QString prefix, Clock clock);
    QByteArray redisKey(const QString& key) const;
    /// Names the server (never the password) and says the lookup goes to the providers uncached.
    CacheError cacheError(const IntegrationError& error) const;

    std::unique_ptr<RedisClient> m_owned; ///< set by connect(); empty over a borrowed client
    RedisClient* m_client;
    QString m_prefix;
    Clock m_clock;
};

} // namespace agency
