#include "redisenrichmentcache.h"

#include "integrations/redis/redisclient.h"
#include "model/redaction.h"

#include <QCoreApplication>
#include <QtEndian>

namespace agency {

namespace {

constexpr char kMagic[] = {'A', 'E', 'C', '1'};
constexpr qsizetype kMagicSize = qsizetype(sizeof(kMagic));
constexpr qsizetype kHeaderSize = kMagicSize + qsizetype(sizeof(qint64));

Credential redisCredential(const QString& url, const QString& password, const QString& userName)
{
    Credential credential;
    credential.fields.insert(QStringLiteral("url"), url);
    if (!password.isEmpty())
        credential.fields.insert(QStringLiteral("password"), password);
    if (!userName.isEmpty())
        credential.fields.insert(QStringLiteral("username"), userName);
    return credential;
}

} // namespace

QString RedisEnrichmentCache::defaultPrefix()
{
    return QStringLiteral("agency:enrich:");
}

RedisEnrichmentCache::RedisEnrichmentCache(RedisClient& client, QString prefix, Clock clock)
    : m_client(&client)
    , m_prefix(std::move(prefix))
    , m_clock(clock ? std::move(clock) : Clock([] { return QDateTime::currentDateTimeUtc(); }))
{}

RedisEnrichmentCache::RedisEnrichmentCache(std::unique_ptr<RedisClient> owned, QString prefix, Clock clock)
    : RedisEnrichmentCache(*owned, std::move(prefix), std::move(clock))
{
    m_owned = std::move(owned);
}

std::unique_ptr<RedisEnrichmentCache> RedisEnrichmentCache::connect(const QString& url,
                                                                    const QString& password,
                                                                    const QString& userName, QString prefix,
                                                                    Clock clock)
{
    auto client = std::make_unique<RedisClient>(redisCredential(url, password, userName));
    return std::unique_ptr<RedisEnrichmentCache>(
        new RedisEnrichmentCache(std::move(client), std::move(prefix), std::move(clock)));
}

RedisEnrichmentCache::~RedisEnrichmentCache() = default;

QByteArray RedisEnrichmentCache::encode(const QByteArray& value, const QDateTime& storedAt)
{
    QByteArray stored;
    stored.reserve(kHeaderSize + value.size());
    stored.append(kMagic, kMagicSize);
    char when[sizeof(qint64)];
    qToBigEndian<qint64>(storedAt.toMSecsSinceEpoch(), when);
    stored.append(when, qsizetype(sizeof(when)));
    stored.append(value);
    return stored;
}

std::optional<CachedValue> RedisEnrichmentCache::decode(const QByteArray& stored)
{
    if (stored.size() < kHeaderSize || !stored.startsWith(QByteArrayView(kMagic, kMagicSize)))
        return std::nullopt;
    CachedValue cached;
    cached.storedAt =
        QDateTime::fromMSecsSinceEpoch(qFromBigEndian<qint64>(stored.constData() + kMagicSize), Qt::UTC);
    cached.value = stored.mid(kHeaderSize);
    return cached;
}

QCoro::Task<Result<std::optional<CachedValue>, CacheError>> RedisEnrichmentCache::get(QString key)
{
    const QString name = m_prefix + key;
    const auto stored = co_await m_client->get(name);
    if (!stored.ok())
        co_return failure(cacheError(stored.error()));
    if (!stored.value())
        co_return std::optional<CachedValue>();
    // Not ours (or damaged): a miss, so the providers answer and put() overwrites it.
    co_return decode(*stored.value());
}

QCoro::Task<Result<Done, CacheError>> RedisEnrichmentCache::put(QString key, QByteArray value,
                                                                std::chrono::seconds ttl)
{
    if (ttl.count() <= 0)
        co_return failure(CacheError{
            QCoreApplication::translate("agency::RedisEnrichmentCache",
                                        "An enrichment cache entry's time-to-live must be positive (%1 s).")
                .arg(ttl.count())});
    const QString name = m_prefix + key;
    const QByteArray stored = encode(value, m_clock());
    // Whole seconds: the client sends SET … EX.
    const std::optional<std::chrono::milliseconds> lifetime(ttl);
    const auto written = co_await m_client->set(name, stored, lifetime);
    if (!written.ok())
        co_return failure(cacheError(written.error()));
    co_return Done{};
}

QCoro::Task<Result<Done, CacheError>> RedisEnrichmentCache::remove(QString key)
{
    QList<QByteArray> args{QByteArrayLiteral("DEL"), redisKey(key)};
    const auto deleted = co_await m_client->command(std::move(args));
    if (!deleted.ok())
        co_return failure(cacheError(deleted.error()));
    co_return Done{};
}

QString RedisEnrichmentCache::describe() const
{
    return QCoreApplication::translate("agency::RedisEnrichmentCache", "the team's Redis");
}

QByteArray RedisEnrichmentCache::redisKey(const QString& key) const
{
    return (m_prefix + key).toUtf8();
}

CacheError RedisEnrichmentCache::cacheError(const IntegrationError& error) const
{
    const QString server = m_client->endpointText();
    const QString text =
        server.isEmpty()
            ? QCoreApplication::translate("agency::RedisEnrichmentCache",
                                          "The team's Redis cache could not be used: %1 This lookup goes to "
                                          "the providers uncached.")
                  .arg(error.message())
            : QCoreApplication::translate(
                  "agency::RedisEnrichmentCache",
                  "The team's Redis cache at %1 could not be used: %2 This lookup goes "
                  "to the providers uncached.")
                  .arg(server, error.message());
    // The client never puts its password in an error; masking again costs nothing.
    return CacheError{Redactor::redact(text)};
}

} // namespace agency
