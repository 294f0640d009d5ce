#include "sqliteenrichmentcache.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>

#include <limits>

namespace agency {

namespace {

constexpr int kSchemaVersion = 1;

// A null QString or QByteArray binds as SQL NULL; the cache stores empty ones as empty.
QString textOf(const QString& text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

QByteArray bytesOf(const QByteArray& bytes)
{
    return bytes.isNull() ? QByteArray("") : bytes;
}

// now + ttl, saturating: a "forever" TTL must not wrap into the past.
qint64 expiryMs(qint64 nowMs, std::chrono::seconds ttl)
{
    constexpr qint64 max = std::numeric_limits<qint64>::max();
    const qint64 seconds = ttl.count();
    if (seconds > (max - nowMs) / 1000)
        return max;
    return nowMs + seconds * 1000;
}

} // namespace

QString SqliteEnrichmentCache::defaultPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::CacheLocation))
        .filePath(QStringLiteral("enrichment-cache.sqlite"));
}

Result<std::unique_ptr<SqliteEnrichmentCache>, CacheError> SqliteEnrichmentCache::openDefault(Clock clock)
{
    const QString path = defaultPath();
    // open() leaves a missing folder an error (a mistyped path should say so); the default is ours.
    QDir().mkpath(QFileInfo(path).absolutePath());
    return open(path, std::move(clock));
}

Result<std::unique_ptr<SqliteEnrichmentCache>, CacheError> SqliteEnrichmentCache::open(const QString& path,
                                                                                       Clock clock)
{
    static QAtomicInteger<quint64> counter;
    const QString name = QStringLiteral("agency-enrichment-cache-%1").arg(counter.fetchAndAddRelaxed(1));
    if (!clock)
        clock = [] {
            return QDateTime::currentDateTimeUtc();
        };
    std::unique_ptr<SqliteEnrichmentCache> cache;
    {
        // Scoped: no copy of the connection may outlive the cache, or removing it warns.
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
        cache.reset(new SqliteEnrichmentCache(db, path, name, std::move(clock)));
    }
    if (path.isEmpty() || !cache->m_db.open())
        return failure(CacheError{
            QCoreApplication::translate("agency::SqliteEnrichmentCache",
                                        "The enrichment cache file %1 could not be opened: %2")
                .arg(QDir::toNativeSeparators(path),
                     path.isEmpty() ? QStringLiteral("no path") : cache->m_db.lastError().text())});
    // Pragmas and the schema are the first real writes: a folder that refuses them fails here.
    auto prepared = cache->prepareSchema();
    if (!prepared)
        return failure(prepared.error());
    auto purged = cache->purgeExpired();
    if (!purged)
        return failure(purged.error());
    return cache;
}

SqliteEnrichmentCache::SqliteEnrichmentCache(QSqlDatabase db, QString path, QString connectionName,
                                             Clock clock)
    : m_db(std::move(db))
    , m_path(std::move(path))
    , m_connectionName(std::move(connectionName))
    , m_clock(std::move(clock))
{}

SqliteEnrichmentCache::~SqliteEnrichmentCache()
{
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

Result<Done, CacheError> SqliteEnrichmentCache::prepareSchema()
{
    QSqlQuery query(m_db);
    // WAL: a reader never blocks a writer (two consoles on one computer share the file).
    for (const QString& pragma :
         {QStringLiteral("PRAGMA journal_mode=WAL"), QStringLiteral("PRAGMA synchronous=NORMAL")}) {
        if (!query.exec(pragma))
            return failure(sqlError(pragma, query.lastError().text()));
    }
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next())
        return failure(sqlError(QStringLiteral("PRAGMA user_version"), query.lastError().text()));
    const int version = query.value(0).toInt();
    query.finish();
    if (version == kSchemaVersion)
        return Done{};
    if (version > kSchemaVersion)
        return failure(
            CacheError{QCoreApplication::translate(
                           "agency::SqliteEnrichmentCache",
                           "The enrichment cache file %1 was written by a newer console (schema %2).")
                           .arg(QDir::toNativeSeparators(m_path))
                           .arg(version)});
    // Version 1, in one transaction so a half-made schema never stays behind.
    const QStringList steps = {
        QStringLiteral("BEGIN IMMEDIATE"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS enrichment_cache ("
                       " key TEXT PRIMARY KEY,"
                       " value BLOB NOT NULL,"
                       " stored_at_ms INTEGER NOT NULL,"
                       " expires_at_ms INTEGER NOT NULL)"),
        QStringLiteral(
            "CREATE INDEX IF NOT EXISTS enrichment_cache_expiry ON enrichment_cache (expires_at_ms)"),
        QStringLiteral("PRAGMA user_version=%1").arg(kSchemaVersion),
        QStringLiteral("COMMIT"),
    };
    for (const QString& step : steps) {
        if (!query.exec(step)) {
            const CacheError error = sqlError(QStringLiteral("the schema"), query.lastError().text());
            query.exec(QStringLiteral("ROLLBACK"));
            return failure(error);
        }
    }
    return Done{};
}

QCoro::Task<Result<std::optional<CachedValue>, CacheError>> SqliteEnrichmentCache::get(QString key)
{
    const qint64 now = nowMs();
    QSqlQuery query(m_db);
    query.prepare(
        QStringLiteral("SELECT value, stored_at_ms, expires_at_ms FROM enrichment_cache WHERE key = ?"));
    query.addBindValue(textOf(key));
    if (!query.exec())
        co_return failure(sqlError(QStringLiteral("a look-up"), query.lastError().text()));
    if (!query.next())
        co_return std::optional<CachedValue>();
    if (query.value(2).toLongLong() <= now) {
        query.finish();
        // Lazily: the expired row goes now rather than waiting for purgeExpired().
        QSqlQuery drop(m_db);
        drop.prepare(QStringLiteral("DELETE FROM enrichment_cache WHERE key = ? AND expires_at_ms <= ?"));
        drop.addBindValue(textOf(key));
        drop.addBindValue(now);
        if (!drop.exec())
            co_return failure(
                sqlError(QStringLiteral("an expired entry's removal"), drop.lastError().text()));
        co_return std::optional<CachedValue>();
    }
    CachedValue cached;
    cached.value = bytesOf(query.value(0).toByteArray());
    cached.storedAt = QDateTime::fromMSecsSinceEpoch(query.value(1).toLongLong(), Qt::UTC);
    co_return std::optional<CachedValue>(std::move(cached));
}

QCoro::Task<Result<Done, CacheError>> SqliteEnrichmentCache::put(QString key, QByteArray value,
                                                                 std::chrono::seconds ttl)
{
    if (ttl.count() <= 0)
        co_return failure(CacheError{
            QCoreApplication::translate("agency::SqliteEnrichmentCache",
                                        "An enrichment cache entry's time-to-live must be positive (%1 s).")
                .arg(ttl.count())});
    const qint64 now = nowMs();
    QSqlQuery query(m_db);
    query.prepare(
        QStringLiteral("INSERT INTO enrichment_cache (key, value, stored_at_ms, expires_at_ms)"
                       " VALUES (?, ?, ?, ?)"
                       " ON CONFLICT (key) DO UPDATE SET value = excluded.value,"
                       " stored_at_ms = excluded.stored_at_ms, expires_at_ms = excluded.expires_at_ms"));
    query.addBindValue(textOf(key));
    query.addBindValue(bytesOf(value));
    query.addBindValue(now);
    query.addBindValue(expiryMs(now, ttl));
    if (!query.exec())
        co_return failure(sqlError(QStringLiteral("a write"), query.lastError().text()));
    co_return Done{};
}

QCoro::Task<Result<Done, CacheError>> SqliteEnrichmentCache::remove(QString key)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("DELETE FROM enrichment_cache WHERE key = ?"));
    query.addBindValue(textOf(key));
    if (!query.exec())
        co_return failure(sqlError(QStringLiteral("a removal"), query.lastError().text()));
    co_return Done{};
}

QString SqliteEnrichmentCache::describe() const
{
    return QCoreApplication::translate("agency::SqliteEnrichmentCache", "this computer (SQLite)");
}

Result<int, CacheError> SqliteEnrichmentCache::purgeExpired()
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("DELETE FROM enrichment_cache WHERE expires_at_ms <= ?"));
    query.addBindValue(nowMs());
    if (!query.exec())
        return failure(sqlError(QStringLiteral("the purge of expired entries"), query.lastError().text()));
    return query.numRowsAffected();
}

qint64 SqliteEnrichmentCache::nowMs() const
{
    return m_clock().toMSecsSinceEpoch();
}

CacheError SqliteEnrichmentCache::sqlError(const QString& what, const QString& driverText) const
{
    return CacheError{QCoreApplication::translate("agency::SqliteEnrichmentCache",
                                                  "The enrichment cache file %1 refused %2: %3")
                          .arg(QDir::toNativeSeparators(m_path), what, driverText)};
}

} // namespace agency
