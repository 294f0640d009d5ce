#pragma once
// SqliteEnrichmentCache: this computer's enrichment cache — its own SQLite file (WAL), apart from the
// ledger, so clearing or losing it never touches spend. One table: key, value, stored and expiry times.

#include "engine/enrichmentcache.h"

#include <QSqlDatabase>

#include <functional>
#include <memory>

namespace agency {

class SqliteEnrichmentCache final : public EnrichmentCache
{
public:
    /// The time now, in UTC; tests inject their own to expire entries without waiting.
    using Clock = std::function<QDateTime()>;

    /// QStandardPaths::CacheLocation/enrichment-cache.sqlite (the folder may not exist yet).
    static QString defaultPath();

    /// Opens (creating the file, not its folder) and brings the schema up to date; expired entries
    /// are purged on the way. A CacheError names the file when it cannot be opened or written.
    static Result<std::unique_ptr<SqliteEnrichmentCache>, CacheError> open(const QString& path,
                                                                           Clock clock = {});
    /// open(defaultPath()), creating the cache folder first.
    static Result<std::unique_ptr<SqliteEnrichmentCache>, CacheError> openDefault(Clock clock = {});

    ~SqliteEnrichmentCache() override;
    SqliteEnrichmentCache(const SqliteEnrichmentCache&) = delete;
    SqliteEnrichmentCache& operator=(const SqliteEnrichmentCache&) = delete;

    /// Synchronous SQL on the opening thread (Qt Sql connections belong to one thread); the
    /// coroutines complete without suspending.
    QCoro::Task<Result<std::optional<CachedValue>, CacheError>> get(QString key) override;
    QCoro::Task<Result<Done, CacheError>> put(QString key, QByteArray value,
                                              std::chrono::seconds ttl) override;
    QCoro::Task<Result<Done, CacheError>> remove(QString key) override;
    QString describe() const override;

    /// Deletes every expired entry; how many there were.
    Result<int, CacheError> purgeExpired();

    QString path() const { return m_path; }

private:
    SqliteEnrichmentCache(QSqlDatabase db, QString path, QString connectionName, Clock clock);
    Result<Done, CacheError> prepareSchema();
    qint64 nowMs() const;
    CacheError sqlError(const QString& what, const QString& driverText) const;

    QSqlDatabase m_db;
    QString m_path;
    QString m_connectionName;
    Clock m_clock;
};

} // namespace agency
