// Both enrichment caches against the real thing: SqliteEnrichmentCache on a file in a temporary
// folder (with an injected clock), RedisEnrichmentCache on the password-protected redis-server that
// .ci/with-services starts (AGENCY_TEST_REDIS_URL, AGENCY_TEST_REDIS_PASSWORD). Without that server
// the redis rows skip, unless AGENCY_REQUIRE_SERVICES says they must run.

#include "engine/redisenrichmentcache.h"
#include "engine/sqliteenrichmentcache.h"
#include "integrations/redis/redisclient.h"

#include <QFile>
#include <QHostAddress>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <QUuid>

#include <memory>

using namespace agency;
using namespace std::chrono_literals;

namespace {

QString randomToken()
{
    return QUuid::createUuid().toString(QUuid::Id128).left(16);
}

quint16 freeLoopbackPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

template<typename T>
T run(QCoro::Task<T>&& task)
{
    return QCoro::waitFor(std::move(task));
}

// QVERIFY2 evaluates its message even when the check passes: never call error() on a success.
template<typename T>
const char* why(const Result<T, CacheError>& result)
{
    static QByteArray text;
    text = result.ok() ? QByteArray() : result.error().message.toUtf8();
    return text.constData();
}

bool redisAvailable()
{
    return qEnvironmentVariableIsSet("AGENCY_TEST_REDIS_URL");
}

QByteArray randomBytes(qsizetype size, quint32 seed)
{
    QRandomGenerator generator(seed);
    QByteArray bytes(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = char(generator.bounded(256));
    return bytes;
}

} // namespace

/// Skips a redis row when no server was started (fails instead when services are required).
#define SKIP_WITHOUT_REDIS(kind)                                                                             \
    do {                                                                                                     \
        if ((kind) == u"redis" && !redisAvailable()) {                                                       \
            if (qEnvironmentVariableIsSet("AGENCY_REQUIRE_SERVICES"))                                        \
                QFAIL("AGENCY_TEST_REDIS_URL is not set, but AGENCY_REQUIRE_SERVICES is");                   \
            QSKIP("no Redis: run under .ci/with-services");                                                  \
        }                                                                                                    \
    } while (false)

class TestEnrichmentCache : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_url;
    QString m_password;
    QString m_runPrefix; ///< this run's Redis keys: never another run's, never the console's own
    QDateTime m_now;     ///< the injected clock

    SqliteEnrichmentCache::Clock clock()
    {
        return [this] {
            return m_now;
        };
    }

    QString sqlitePath(const QString& name) const { return m_dir.filePath(name + QStringLiteral(".sqlite")); }

    std::unique_ptr<SqliteEnrichmentCache> openSqlite(const QString& name)
    {
        auto opened = SqliteEnrichmentCache::open(sqlitePath(name), clock());
        if (!opened.ok())
            qWarning().noquote() << opened.error().message;
        return opened.ok() ? std::move(opened).value() : nullptr;
    }

    std::unique_ptr<RedisEnrichmentCache> openRedis(const QString& name)
    {
        return RedisEnrichmentCache::connect(m_url, m_password, QString(), m_runPrefix + name + u':',
                                             clock());
    }

    /// A cache of `kind` named after the current test and row (and `suffix`), empty to begin with.
    std::unique_ptr<EnrichmentCache> make(const QString& kind, const QString& suffix = QString())
    {
        const QString name = QString::fromLatin1(QTest::currentTestFunction()) + u'_' +
                             QString::fromLatin1(QTest::currentDataTag()) + suffix;
        if (kind == u"redis")
            return openRedis(name);
        QFile::remove(sqlitePath(name));
        return openSqlite(name);
    }

    static void addRows()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        QTest::newRow("redis") << QStringLiteral("redis");
    }

    // The TTL Redis keeps for `key` in `cache`, in seconds (-2: no such key).
    static qint64 redisTtl(RedisEnrichmentCache& cache, const QString& key)
    {
        const auto reply = run(cache.client().command({"TTL", (cache.prefix() + key).toUtf8()}));
        return reply.ok() ? reply->integer : -100;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_url = qEnvironmentVariable("AGENCY_TEST_REDIS_URL");
        m_password = qEnvironmentVariable("AGENCY_TEST_REDIS_PASSWORD");
        m_runPrefix = QStringLiteral("agency-test:enrich:%1:").arg(randomToken());
    }

    void init() { m_now = QDateTime(QDate(2025, 3, 14), QTime(9, 26, 53, 589), Qt::UTC); }

    void missPutHit_data() { addRows(); }
    void missPutHit()
    {
        QFETCH(QString, kind);
        SKIP_WITHOUT_REDIS(kind);
        auto cache = make(kind);
        QVERIFY(cache);
        QVERIFY(!cache->describe().isEmpty());
        const QString key = QStringLiteral("person:email:jane@acme.com");

        const auto miss = run(cache->get(key));
        QVERIFY2(miss.ok(), why(miss));
        QVERIFY(!miss.value());

        const QByteArray value = R"({"fields":{"email":{"value":"jane@acme.com","source":"apollo"}}})";
        const auto put = run(cache->put(key, value, 3600s));
        QVERIFY2(put.ok(), why(put));

        const auto hit = run(cache->get(key));
        QVERIFY2(hit.ok(), why(hit));
        QVERIFY(hit.value());
        QCOMPARE(hit.value()->value, value);
        QCOMPARE(hit.value()->storedAt, m_now);
        QCOMPARE(hit.value()->storedAt.timeSpec(), Qt::UTC);
    }

    void replace_data() { addRows(); }
    void replace()
    {
        QFETCH(QString, kind);
        SKIP_WITHOUT_REDIS(kind);
        auto cache = make(kind);
        QVERIFY(cache);
        const QString key = QStringLiteral("company:acme.com");
        QVERIFY(run(cache->put(key, "first", 60s)).ok());
        const QDateTime first = m_now;
        m_now = m_now.addSecs(30);
        const auto replaced = run(cache->put(key, "second, longer", 3600s));
        QVERIFY2(replaced.ok(), why(replaced));

        const auto hit = run(cache->get(key));
        QVERIFY2(hit.ok(), why(hit));
        QVERIFY(hit.value());
        QCOMPARE(hit.value()->value, QByteArray("second, longer"));
        QCOMPARE(hit.value()->storedAt, m_now);
        QVERIFY(hit.value()->storedAt != first);

        // The replacement's TTL counts, not the first one's.
        if (kind == u"sqlite") {
            m_now = first.addSecs(120);
            const auto later = run(cache->get(key));
            QVERIFY2(later.ok(), why(later));
            QVERIFY(later.value());
        } else {
            QVERIFY(redisTtl(static_cast<RedisEnrichmentCache&>(*cache), key) > 60);
        }
    }

    void remove_data() { addRows(); }
    void remove()
    {
        QFETCH(QString, kind);
        SKIP_WITHOUT_REDIS(kind);
        auto cache = make(kind);
        QVERIFY(cache);
        const QString key = QStringLiteral("person:linkedin:linkedin.com/in/jane");
        QVERIFY(run(cache->put(key, "value", 60s)).ok());
        QVERIFY(run(cache->put(key + u'2', "other", 60s)).ok());
        const auto removed = run(cache->remove(key));
        QVERIFY2(removed.ok(), why(removed));
        const auto miss = run(cache->get(key));
        QVERIFY2(miss.ok(), why(miss));
        QVERIFY(!miss.value());
        // Only that key.
        const auto other = run(cache->get(key + u'2'));
        QVERIFY(other.ok() && other.value() && other.value()->value == "other");
        // Removing what is not there is no error.
        const auto again = run(cache->remove(key));
        QVERIFY2(again.ok(), why(again));
    }

    void expiry_data() { addRows(); }
    void expiry()
    {
        QFETCH(QString, kind);
        SKIP_WITHOUT_REDIS(kind);
        auto cache = make(kind);
        QVERIFY(cache);
        const QString key = QStringLiteral("person:name:jane|doe|acme.com");
        if (kind == u"sqlite") {
            QVERIFY(run(cache->put(key, "value", 60s)).ok());
            m_now = m_now.addSecs(59);
            const auto fresh = run(cache->get(key));
            QVERIFY2(fresh.ok(), why(fresh));
            QVERIFY(fresh.value());
            m_now = m_now.addSecs(1);
            const auto expired = run(cache->get(key));
            QVERIFY2(expired.ok(), why(expired));
            QVERIFY(!expired.value());
            // The expired row went when it was read: nothing left for a purge.
            auto& sqlite = static_cast<SqliteEnrichmentCache&>(*cache);
            const auto purged = sqlite.purgeExpired();
            QVERIFY2(purged.ok(), why(purged));
            QCOMPARE(purged.value(), 0);
            // Going back in time does not bring it back.
            m_now = m_now.addSecs(-30);
            const auto gone = run(cache->get(key));
            QVERIFY(gone.ok() && !gone.value());
        } else {
            auto& redis = static_cast<RedisEnrichmentCache&>(*cache);
            QVERIFY(run(cache->put(key, "long", 600s)).ok());
            const qint64 ttl = redisTtl(redis, key);
            QVERIFY2(ttl > 590 && ttl <= 600, QByteArray::number(ttl).constData());
            QVERIFY(run(cache->put(key, "value", 1s)).ok());
            const auto fresh = run(cache->get(key));
            QVERIFY2(fresh.ok(), why(fresh));
            QVERIFY(fresh.value());
            QTest::qWait(1500);
            const auto expired = run(cache->get(key));
            QVERIFY2(expired.ok(), why(expired));
            QVERIFY(!expired.value());
            QCOMPARE(redisTtl(redis, key), -2);
        }
    }

    void nonPositiveTtlIsRefused_data() { addRows(); }
    void nonPositiveTtlIsRefused()
    {
        QFETCH(QString, kind);
        SKIP_WITHOUT_REDIS(kind);
        auto cache = make(kind);
        QVERIFY(cache);
        const auto zero = run(cache->put(QStringLiteral("k"), "v", 0s));
        QVERIFY(!zero.ok());
        QVERIFY(zero.error().message.contains(u"time-to-live"));
        QVERIFY(!run(cache->put(QStringLiteral("k"), "v", -5s)).ok());
        const auto miss = run(cache->get(QStringLiteral("k")));
        QVERIFY(miss.ok() && !miss.value());
    }

    void keysAreIsolated_data() { addRows(); }
    void keysAreIsolated()
    {
        QFETCH(QString, kind);
        SKIP_WITHOUT_REDIS(kind);
        // Two caches: two files, or two prefixes on one server.
        auto first = make(kind, QStringLiteral("_a"));
        auto second = make(kind, QStringLiteral("_b"));
        QVERIFY(first && second);
        const QString key = QStringLiteral("company:acme.com");
        QVERIFY(run(first->put(key, "from a", 60s)).ok());
        const auto absent = run(second->get(key));
        QVERIFY2(absent.ok(), why(absent));
        QVERIFY(!absent.value());
        QVERIFY(run(second->put(key, "from b", 60s)).ok());
        const auto a = run(first->get(key));
        const auto b = run(second->get(key));
        QVERIFY(a.ok() && a.value() && a.value()->value == "from a");
        QVERIFY(b.ok() && b.value() && b.value()->value == "from b");
        QVERIFY(run(first->remove(key)).ok());
        const auto stillB = run(second->get(key));
        QVERIFY(stillB.ok() && stillB.value() && stillB.value()->value == "from b");

        // Keys match exactly: no prefix match, no case folding.
        const auto longer = run(second->get(key + QStringLiteral(".au")));
        const auto shorter = run(second->get(QStringLiteral("company:acme")));
        const auto upper = run(second->get(key.toUpper()));
        QVERIFY(longer.ok() && !longer.value());
        QVERIFY(shorter.ok() && !shorter.value());
        QVERIFY(upper.ok() && !upper.value());

        if (kind == u"redis") {
            // The prefix really is on the server's key.
            auto& redis = static_cast<RedisEnrichmentCache&>(*second);
            QVERIFY(redis.prefix().startsWith(m_runPrefix));
            const auto exists = run(redis.client().command({"EXISTS", (redis.prefix() + key).toUtf8()}));
            QVERIFY(exists.ok());
            QCOMPARE(exists->integer, 1);
            const auto bare = run(redis.client().command({"EXISTS", key.toUtf8()}));
            QVERIFY(bare.ok());
            QCOMPARE(bare->integer, 0);
        }
    }

    void binaryAndUtf8RoundTrip_data() { addRows(); }
    void binaryAndUtf8RoundTrip()
    {
        QFETCH(QString, kind);
        SKIP_WITHOUT_REDIS(kind);
        auto cache = make(kind);
        QVERIFY(cache);
        QByteArray binary;
        for (int i = 0; i < 256; ++i)
            binary.append(char(i));
        binary.append(QByteArray("\0\0AEC1\r\n\0", 10));
        const QByteArray utf8 = QStringLiteral("Zoë Ångström — 東京 🚀 “quoted”").toUtf8();
        const QString utf8Key = QStringLiteral("person:name:zoë|ångström|東京.jp");
        const QByteArray empty("");

        QVERIFY(run(cache->put(QStringLiteral("binary"), binary, 60s)).ok());
        QVERIFY(run(cache->put(utf8Key, utf8, 60s)).ok());
        QVERIFY(run(cache->put(QStringLiteral("empty"), empty, 60s)).ok());

        const auto b = run(cache->get(QStringLiteral("binary")));
        QVERIFY2(b.ok(), why(b));
        QVERIFY(b.value());
        QCOMPARE(b.value()->value, binary);
        const auto u = run(cache->get(utf8Key));
        QVERIFY2(u.ok(), why(u));
        QVERIFY(u.value());
        QCOMPARE(u.value()->value, utf8);
        QCOMPARE(QString::fromUtf8(u.value()->value), QStringLiteral("Zoë Ångström — 東京 🚀 “quoted”"));
        const auto e = run(cache->get(QStringLiteral("empty")));
        QVERIFY2(e.ok(), why(e));
        QVERIFY(e.value()); // an empty value is still a hit
        QVERIFY(e.value()->value.isEmpty());
    }

    void largeValue_data() { addRows(); }
    void largeValue()
    {
        QFETCH(QString, kind);
        SKIP_WITHOUT_REDIS(kind);
        auto cache = make(kind);
        QVERIFY(cache);
        const QByteArray large = randomBytes(1024 * 1024, 42);
        const auto put = run(cache->put(QStringLiteral("large"), large, 60s));
        QVERIFY2(put.ok(), why(put));
        const auto hit = run(cache->get(QStringLiteral("large")));
        QVERIFY2(hit.ok(), why(hit));
        QVERIFY(hit.value());
        QCOMPARE(hit.value()->value.size(), large.size());
        QVERIFY(hit.value()->value == large);
    }

    // SQLite only: the purge, persistence across opens, WAL.

    void sqlitePurgeExpired()
    {
        auto cache = openSqlite(QStringLiteral("purge"));
        QVERIFY(cache);
        QVERIFY(run(cache->put(QStringLiteral("a"), "a", 10s)).ok());
        QVERIFY(run(cache->put(QStringLiteral("b"), "b", 20s)).ok());
        QVERIFY(run(cache->put(QStringLiteral("c"), "c", 3600s)).ok());
        m_now = m_now.addSecs(20);
        const auto purged = cache->purgeExpired();
        QVERIFY2(purged.ok(), why(purged));
        QCOMPARE(purged.value(), 2);
        const auto again = cache->purgeExpired();
        QVERIFY(again.ok());
        QCOMPARE(again.value(), 0);
        const auto c = run(cache->get(QStringLiteral("c")));
        QVERIFY(c.ok() && c.value());
    }

    void sqlitePersistsAndUsesWal()
    {
        const QString name = QStringLiteral("persist");
        QFile::remove(sqlitePath(name));
        {
            auto cache = openSqlite(name);
            QVERIFY(cache);
            QCOMPARE(cache->path(), sqlitePath(name));
            QVERIFY(run(cache->put(QStringLiteral("kept"), "kept", 3600s)).ok());
            QVERIFY(run(cache->put(QStringLiteral("dies"), "dies", 10s)).ok());
        }
        m_now = m_now.addSecs(60);
        {
            // Opening again finds the kept entry; the expired one is purged on the way in.
            auto cache = openSqlite(name);
            QVERIFY(cache);
            const auto kept = run(cache->get(QStringLiteral("kept")));
            QVERIFY2(kept.ok(), why(kept));
            QVERIFY(kept.value());
            QCOMPARE(kept.value()->value, QByteArray("kept"));
            QCOMPARE(kept.value()->storedAt, m_now.addSecs(-60));
            const auto purged = cache->purgeExpired();
            QVERIFY(purged.ok());
            QCOMPARE(purged.value(), 0);
        }
        {
            // WAL is a property of the file; a second connection sees it.
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("probe"));
            db.setDatabaseName(sqlitePath(name));
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("PRAGMA journal_mode")) && query.next());
            QCOMPARE(query.value(0).toString(), QStringLiteral("wal"));
            QVERIFY(query.exec(QStringLiteral("SELECT count(*) FROM enrichment_cache")) && query.next());
            QCOMPARE(query.value(0).toInt(), 1);
        }
        QSqlDatabase::removeDatabase(QStringLiteral("probe"));
    }

    void sqliteDefaultPath()
    {
        const QString path = SqliteEnrichmentCache::defaultPath();
        QVERIFY(path.endsWith(u"/enrichment-cache.sqlite"));
        QVERIFY(!path.startsWith(u"/enrichment-cache"));
    }

    void sqliteOpenErrorNamesTheFile_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("missing folder") << m_dir.filePath(QStringLiteral("no/such/folder/cache.sqlite"));
        // A folder that is really a file: not writable even for root (which ignores permissions).
        QFile blocker(m_dir.filePath(QStringLiteral("a-file")));
        if (blocker.open(QIODevice::WriteOnly))
            blocker.write("x");
        QTest::newRow("under a file") << m_dir.filePath(QStringLiteral("a-file/cache.sqlite"));
        // Not a database at all.
        QFile garbage(m_dir.filePath(QStringLiteral("garbage.sqlite")));
        if (garbage.open(QIODevice::WriteOnly))
            garbage.write(QByteArray(4096, 'g'));
        QTest::newRow("not a database") << m_dir.filePath(QStringLiteral("garbage.sqlite"));
    }
    void sqliteOpenErrorNamesTheFile()
    {
        QFETCH(QString, path);
        const auto opened = SqliteEnrichmentCache::open(path, clock());
        QVERIFY(!opened.ok());
        QVERIFY2(opened.error().message.contains(path), qPrintable(opened.error().message));
    }

    // Redis only: errors that name the server and never the password, and values not ours.

    void redisUnreachableNamesTheServer()
    {
        const quint16 port = freeLoopbackPort();
        QVERIFY(port != 0);
        const QString password = QStringLiteral("never-shown-") + randomToken();
        auto cache =
            RedisEnrichmentCache::connect(QStringLiteral("redis://127.0.0.1:%1/0").arg(port), password);
        const QString server = QStringLiteral("127.0.0.1:%1").arg(port);

        const auto got = run(cache->get(QStringLiteral("company:acme.com")));
        QVERIFY(!got.ok());
        const auto put = run(cache->put(QStringLiteral("company:acme.com"), "v", 60s));
        QVERIFY(!put.ok());
        const auto removed = run(cache->remove(QStringLiteral("company:acme.com")));
        QVERIFY(!removed.ok());
        for (const QString& message : {got.error().message, put.error().message, removed.error().message}) {
            QVERIFY2(message.contains(server), qPrintable(message));
            QVERIFY2(message.contains(u"uncached"), qPrintable(message));
            QVERIFY2(!message.contains(password), "the password reached an error message");
            QVERIFY2(!message.contains(u"never-shown"), "part of the password reached an error message");
        }
    }

    void redisWrongPasswordNamesTheServer()
    {
        SKIP_WITHOUT_REDIS(QStringLiteral("redis"));
        const QString wrong = QStringLiteral("wrong-password-") + randomToken();
        auto cache = RedisEnrichmentCache::connect(m_url, wrong, QString(), m_runPrefix);
        const auto got = run(cache->get(QStringLiteral("company:acme.com")));
        QVERIFY(!got.ok());
        const QString message = got.error().message;
        QVERIFY2(message.contains(QUrl(m_url).host() + u':' + QString::number(QUrl(m_url).port())),
                 qPrintable(message));
        QVERIFY2(message.contains(u"uncached"), qPrintable(message));
        QVERIFY2(!message.contains(wrong), "the wrong password reached an error message");
        QVERIFY2(m_password.isEmpty() || !message.contains(m_password),
                 "the password reached an error message");
    }

    void redisValueNotOursIsAMiss()
    {
        SKIP_WITHOUT_REDIS(QStringLiteral("redis"));
        auto cache = openRedis(QStringLiteral("foreign"));
        const QString key = QStringLiteral("company:acme.com");
        const auto raw =
            run(cache->client().set(cache->prefix() + key, QByteArray("plain json, no header"), 60000ms));
        QVERIFY(raw.ok());
        const auto got = run(cache->get(key));
        QVERIFY2(got.ok(), why(got));
        QVERIFY(!got.value());
        // And put() takes the key back.
        QVERIFY(run(cache->put(key, "ours", 60s)).ok());
        const auto ours = run(cache->get(key));
        QVERIFY(ours.ok() && ours.value() && ours.value()->value == "ours");
    }

    void redisEncoding()
    {
        const QDateTime at = QDateTime(QDate(2025, 3, 14), QTime(9, 26, 53, 589), Qt::UTC);
        const QByteArray stored = RedisEnrichmentCache::encode("value", at);
        QCOMPARE(stored.size(), 12 + 5);
        QVERIFY(stored.startsWith("AEC1"));
        const auto decoded = RedisEnrichmentCache::decode(stored);
        QVERIFY(decoded);
        QCOMPARE(decoded->value, QByteArray("value"));
        QCOMPARE(decoded->storedAt, at);
        QVERIFY(!RedisEnrichmentCache::decode("AEC1short"));
        QVERIFY(!RedisEnrichmentCache::decode(QByteArray("XEC1") + stored.mid(4)));
        QVERIFY(
            RedisEnrichmentCache::decode(RedisEnrichmentCache::encode(QByteArray(), at))->value.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestEnrichmentCache)
#include "tst_enrichmentcache.moc"
