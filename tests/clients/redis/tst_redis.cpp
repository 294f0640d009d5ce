// RedisClient against real redis-servers: the shared one of .ci/with-services (AGENCY_TEST_REDIS_URL,
// AGENCY_TEST_REDIS_PASSWORD), and private ones this test starts, stalls and kills itself.

#include "integrations/redis/redisclient.h"
#include "integrations/redis/redisendpoint.h"
#include "model/redaction.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QHostAddress>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUuid>

#include <algorithm>
#include <array>
#include <csignal>
#include <functional>
#include <memory>

#include <qcoro/qcorotask.h>

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

Credential redisCredential(const QString& url, const QString& password, const QString& userName = QString())
{
    Credential credential;
    credential.fields.insert(QStringLiteral("url"), url);
    if (!password.isEmpty())
        credential.fields.insert(QStringLiteral("password"), password);
    if (!userName.isEmpty())
        credential.fields.insert(QStringLiteral("username"), userName);
    return credential;
}

// QVERIFY2 evaluates its message even when the check passes: never call error() on a success.
template<typename T>
const char* why(const Result<T, IntegrationError>& result)
{
    static QByteArray text;
    text = result.ok() ? QByteArray() : result.error().message().toUtf8();
    return text.constData();
}

const char* describe(const Result<RedisReply, IntegrationError>& reply)
{
    static QByteArray text;
    text = reply.ok() ? reply->describe() : reply.error().message().toUtf8();
    return text.constData();
}

template<typename T>
T run(QCoro::Task<T>&& task)
{
    return QCoro::waitFor(std::move(task));
}

// Runs the event loop until `done()` or the timeout. (QTRY_* and QTest::qWait nap 10 ms between
// passes, which would throttle the concurrent clients to a trickle.)
bool runUntil(const std::function<bool()>& done, int timeoutMs)
{
    QEventLoop loop;
    QTimer poll;
    poll.setInterval(1);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    poll.start();
    if (!done())
        loop.exec();
    return done();
}

void runFor(int ms)
{
    runUntil([] { return false; }, ms);
}

// A password-protected redis-server of the test's own on a loopback port, to stall and to kill.
class PrivateRedis
{
public:
    PrivateRedis()
        : m_password(QStringLiteral("private-") + randomToken())
    {}
    ~PrivateRedis() { kill(); }
    PrivateRedis(const PrivateRedis&) = delete;
    PrivateRedis& operator=(const PrivateRedis&) = delete;

    static QString executable() { return QStandardPaths::findExecutable(QStringLiteral("redis-server")); }

    /// Starts on `port`, or on a free port when 0; false (see error()) when it would not start.
    bool start(quint16 port = 0)
    {
        kill();
        for (int attempt = 0; attempt < 5; ++attempt) {
            m_port = port != 0 ? port : freeLoopbackPort();
            m_output.clear();
            m_process = std::make_unique<QProcess>();
            m_process->setProcessChannelMode(QProcess::MergedChannels);
            QObject::connect(m_process.get(), &QProcess::readyRead, m_process.get(),
                             [this] { m_output += m_process->readAll(); });
            m_process->start(executable(),
                             {QStringLiteral("--port"), QString::number(m_port), QStringLiteral("--bind"),
                              QStringLiteral("127.0.0.1"), QStringLiteral("--requirepass"), m_password,
                              QStringLiteral("--save"), QString(), QStringLiteral("--appendonly"),
                              QStringLiteral("no"), QStringLiteral("--dir"), m_dir.path(),
                              QStringLiteral("--daemonize"), QStringLiteral("no"),
                              QStringLiteral("--logfile"), QString()});
            if (!m_process->waitForStarted(5000)) {
                m_error = m_process->errorString();
                return false;
            }
            const bool ready = QTest::qWaitFor(
                [this] {
                    return m_output.contains("Ready to accept connections") ||
                           m_process->state() == QProcess::NotRunning;
                },
                5000);
            if (ready && m_process->state() == QProcess::Running)
                return true;
            m_error = QString::fromLocal8Bit(m_output.right(400));
            kill();
            QTest::qWait(100); // the port may still be held: try again (another one when free to)
        }
        return false;
    }

    /// SIGKILL: no shutdown, the sockets just close.
    void kill()
    {
        if (m_process && m_process->state() != QProcess::NotRunning) {
            m_process->kill();
            m_process->waitForFinished(5000);
        }
    }
    void pause() { ::kill(pid_t(m_process->processId()), SIGSTOP); }
    void resume() { ::kill(pid_t(m_process->processId()), SIGCONT); }

    quint16 port() const { return m_port; }
    QString password() const { return m_password; }
    QString url() const { return QStringLiteral("redis://127.0.0.1:%1/0").arg(m_port); }
    QString error() const { return m_error; }

private:
    QTemporaryDir m_dir;
    QString m_password;
    quint16 m_port = 0;
    std::unique_ptr<QProcess> m_process;
    QByteArray m_output;
    QString m_error;
};

// How many times SCRIPT LOAD ran on a server (INFO commandstats; the line is per subcommand on 7.x).
qint64 scriptLoadCalls(RedisClient& client)
{
    const auto reply = run(client.command({"INFO", "commandstats"}));
    if (!reply.ok())
        return -1;
    for (const QByteArray& line : reply->text.split('\n')) {
        if (!line.startsWith("cmdstat_script|load:") && !line.startsWith("cmdstat_script:"))
            continue;
        const qsizetype start = line.indexOf("calls=") + 6;
        return line.mid(start, line.indexOf(',', start) - start).toLongLong();
    }
    return 0;
}

struct Tally
{
    int granted = 0;
    int denied = 0;
    int errors = 0;
    int finished = 0;
    QString firstError;
};

} // namespace

class TestRedis : public QObject
{
    Q_OBJECT

private:
    QString m_url;
    QString m_password;
    QString m_prefix;
    QStringList m_secrets; ///< every password this run used: none may reach a message
    QStringList m_texts;   ///< every error text and status line this run produced

    QString key(const QString& name) const { return m_prefix + name; }

    void remember(const IntegrationError& error)
    {
        m_texts << error.message() << error.detail << error.providerMessage;
    }

    bool sharedServerMissing() const { return m_url.isEmpty(); }

    static bool servicesRequired() { return qEnvironmentVariableIsSet("AGENCY_REQUIRE_SERVICES"); }

    // One hammering stream: takes tokens from `bucket` as fast as replies come, until `untilMs`.
    static QCoro::Task<> hammer(RedisClient& client, QString bucket, const QElapsedTimer& clock,
                                qint64 untilMs, Tally& tally)
    {
        while (clock.elapsed() < untilMs) {
            const auto decision = co_await client.takeToken(bucket, 50.0, 10);
            if (!decision.ok()) {
                ++tally.errors;
                if (tally.firstError.isEmpty())
                    tally.firstError = decision.error().message();
                break;
            }
            if (decision->allowed)
                ++tally.granted;
            else
                ++tally.denied;
        }
        ++tally.finished;
    }

    struct Outcome
    {
        int operations = 0;
        bool done = false;
        std::optional<IntegrationError> error;
        qint64 failedAt = 0;
    };

    // Mixed traffic until the first error, which is recorded with its time.
    static QCoro::Task<> untilFailure(RedisClient& client, QString prefix, const QElapsedTimer& clock,
                                      Outcome& outcome)
    {
        // Built outside the co_await expressions: GCC 12 miscompiles literals inside them.
        const QString bucket = prefix + QStringLiteral("bucket");
        const QString counter = prefix + QStringLiteral("counter");
        const QString cached = prefix + QStringLiteral("value");
        const QByteArray value("v");
        for (;;) {
            std::optional<IntegrationError> error;
            switch (outcome.operations % 4) {
            case 0: {
                const auto r = co_await client.takeToken(bucket, 1000.0, 100);
                if (!r.ok())
                    error = r.error();
                break;
            }
            case 1: {
                const auto r = co_await client.incrWithExpire(counter, 10s);
                if (!r.ok())
                    error = r.error();
                break;
            }
            case 2: {
                const auto r = co_await client.set(cached, value, 10s);
                if (!r.ok())
                    error = r.error();
                break;
            }
            default: {
                const auto r = co_await client.get(cached);
                if (!r.ok())
                    error = r.error();
                break;
            }
            }
            if (error) {
                outcome.error = error;
                outcome.failedAt = clock.elapsed();
                break;
            }
            ++outcome.operations;
        }
        outcome.done = true;
    }

#define REQUIRE_SHARED_REDIS()                                                                               \
    do {                                                                                                     \
        if (sharedServerMissing()) {                                                                         \
            if (servicesRequired())                                                                          \
                QFAIL("AGENCY_TEST_REDIS_URL is not set, but AGENCY_REQUIRE_SERVICES is");                   \
            QSKIP("no shared Redis: run under .ci/with-services");                                           \
        }                                                                                                    \
    } while (false)

#define REQUIRE_REDIS_SERVER()                                                                               \
    do {                                                                                                     \
        if (PrivateRedis::executable().isEmpty()) {                                                          \
            if (servicesRequired())                                                                          \
                QFAIL("redis-server is not installed, but AGENCY_REQUIRE_SERVICES is set");                  \
            QSKIP("redis-server is not installed");                                                          \
        }                                                                                                    \
    } while (false)

private Q_SLOTS:
    void initTestCase()
    {
        m_url = qEnvironmentVariable("AGENCY_TEST_REDIS_URL");
        m_password = qEnvironmentVariable("AGENCY_TEST_REDIS_PASSWORD");
        m_prefix = QStringLiteral("agency-test:redis:%1:").arg(randomToken());
        if (!m_password.isEmpty())
            m_secrets << m_password;
    }

    void endpointParsing_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<int>("database");
        QTest::addColumn<bool>("tls");
        QTest::newRow("full") << "redis://127.0.0.1:6380/2" << true << "127.0.0.1" << 6380 << 2 << false;
        QTest::newRow("defaults") << "redis://cache.example" << true << "cache.example" << 6379 << 0 << false;
        QTest::newRow("slash only") << "redis://cache.example/" << true << "cache.example" << 6379 << 0
                                    << false;
        QTest::newRow("tls") << "rediss://cache.example:6390/1" << true << "cache.example" << 6390 << 1
                             << true;
        QTest::newRow("ipv6") << "redis://[::1]:7000/0" << true << "::1" << 7000 << 0 << false;
        QTest::newRow("http") << "http://cache.example" << false << "" << 0 << 0 << false;
        QTest::newRow("no host") << "redis://" << false << "" << 0 << 0 << false;
        QTest::newRow("database not a number") << "redis://h/abc" << false << "" << 0 << 0 << false;
        QTest::newRow("empty") << "" << false << "" << 0 << 0 << false;
    }
    void endpointParsing()
    {
        QFETCH(QString, url);
        QFETCH(bool, valid);
        const auto endpoint = RedisEndpoint::parse(url);
        QCOMPARE(endpoint.ok(), valid);
        if (!valid) {
            QCOMPARE(endpoint.error().kind, IntegrationError::Kind::Configuration);
            return;
        }
        QTEST(endpoint->host, "host");
        QTEST(int(endpoint->port), "port");
        QTEST(endpoint->database, "database");
        QTEST(endpoint->tls, "tls");
    }

    void urlWithPasswordIsRefusedAndMasked()
    {
        const QString secret = QStringLiteral("inurl-") + randomToken();
        m_secrets << secret;
        const auto endpoint = RedisEndpoint::parse(QStringLiteral("redis://user:%1@h:6379/0").arg(secret));
        QVERIFY(!endpoint.ok());
        QCOMPARE(endpoint.error().kind, IntegrationError::Kind::Configuration);
        remember(endpoint.error());
        QVERIFY(!endpoint.error().message().contains(secret));
        QVERIFY(RedisEndpoint::parse(QStringLiteral("redis://acl-user@h/0"))->userName == u"acl-user");
    }

    void connectAndPing()
    {
        REQUIRE_SHARED_REDIS();
        RedisClient client(redisCredential(m_url, m_password));
        QCOMPARE(client.provider(), ProviderId::Redis);
        QVERIFY(!client.isConnected());
        const auto connected = run(client.connectToServer());
        QVERIFY2(connected.ok(), why(connected));
        QVERIFY(client.isConnected());
        const auto pong = run(client.ping());
        QVERIFY2(pong.ok(), why(pong));
        QVERIFY(client.endpointText().startsWith(u"redis://127.0.0.1:"));
        QVERIFY(!client.endpointText().contains(m_password));

        // A host name is looked up off the event loop; every address is tried (localhost may be ::1
        // first while the server listens on 127.0.0.1 only).
        const auto endpoint = RedisEndpoint::parse(m_url);
        QVERIFY(endpoint.ok());
        RedisClient named(
            redisCredential(QStringLiteral("redis://localhost:%1/0").arg(endpoint->port), m_password));
        const auto namedPong = run(named.ping());
        QVERIFY2(namedPong.ok(), why(namedPong));
    }

    void databaseIndexIsSelected()
    {
        REQUIRE_SHARED_REDIS();
        const auto endpoint = RedisEndpoint::parse(m_url);
        QVERIFY(endpoint.ok());
        const QString base = QStringLiteral("redis://127.0.0.1:%1/").arg(endpoint->port);
        RedisClient db0(redisCredential(base + u'0', m_password));
        RedisClient db1(redisCredential(base + u'1', m_password));
        const QString k = key(QStringLiteral("db1-only"));
        const auto stored = run(db1.set(k, "one", 5s));
        QVERIFY2(stored.ok(), why(stored));
        const auto seen = run(db1.get(k));
        QVERIFY(seen.ok() && seen->has_value());
        const auto other = run(db0.get(k));
        QVERIFY2(other.ok(), why(other));
        QVERIFY(!other->has_value());
    }

    void wrongPasswordIsAuth()
    {
        REQUIRE_SHARED_REDIS();
        const QString wrong = QStringLiteral("wrong-") + randomToken();
        m_secrets << wrong;
        RedisClient client(redisCredential(m_url, wrong));
        const auto connected = run(client.connectToServer());
        QVERIFY(!connected.ok());
        remember(connected.error());
        QCOMPARE(connected.error().kind, IntegrationError::Kind::Auth);
        QVERIFY2(connected.error().message().contains(u"Redis refused the password"), why(connected));
        QVERIFY(!client.isConnected());
        // Every later call tries again (once) and says the same.
        const auto pong = run(client.ping());
        QVERIFY(!pong.ok());
        remember(pong.error());
        QCOMPARE(pong.error().kind, IntegrationError::Kind::Auth);
    }

    void missingPasswordIsAuth()
    {
        REQUIRE_SHARED_REDIS();
        RedisClient client(redisCredential(m_url, QString()));
        const auto pong = run(client.ping());
        QVERIFY(!pong.ok());
        remember(pong.error());
        QCOMPARE(pong.error().kind, IntegrationError::Kind::Auth);
        QCOMPARE(pong.error().providerCode, QStringLiteral("NOAUTH"));
        QVERIFY2(pong.error().message().contains(u"needs a password"), why(pong));
    }

    void nothingListeningIsNetwork()
    {
        const quint16 port = freeLoopbackPort();
        QVERIFY(port != 0);
        const QString password = QStringLiteral("unused-") + randomToken();
        m_secrets << password;
        RedisClient client(redisCredential(QStringLiteral("redis://127.0.0.1:%1/0").arg(port), password));
        QElapsedTimer clock;
        clock.start();
        const auto connected = run(client.connectToServer());
        QVERIFY(!connected.ok());
        remember(connected.error());
        QCOMPARE(connected.error().kind, IntegrationError::Kind::Network);
        QVERIFY2(connected.error().message().contains(u"could not reach"), why(connected));
        QVERIFY2(clock.elapsed() < 2000, qPrintable(QString::number(clock.elapsed())));
    }

    void tlsIsRefusedClearly()
    {
        RedisClient client(
            redisCredential(QStringLiteral("rediss://127.0.0.1:6380/0"), QStringLiteral("tls-pass-1")));
        const auto connected = run(client.connectToServer());
        QVERIFY(!connected.ok());
        QCOMPARE(connected.error().kind, IntegrationError::Kind::Configuration);
        QVERIFY2(connected.error().message().contains(u"TLS Redis is not supported in this build"),
                 why(connected));
    }

    void badArgumentsAreRefusedBeforeSending()
    {
        RedisClient client(redisCredential(QStringLiteral("redis://127.0.0.1:1/0"), QString()));
        const auto zeroRate = run(client.takeToken(key(QStringLiteral("b")), 0.0, 10));
        QVERIFY(!zeroRate.ok());
        QCOMPARE(zeroRate.error().kind, IntegrationError::Kind::InvalidRequest);
        const auto costOverBurst = run(client.takeToken(key(QStringLiteral("b")), 10.0, 2, 3));
        QVERIFY(!costOverBurst.ok());
        QCOMPARE(costOverBurst.error().kind, IntegrationError::Kind::InvalidRequest);
        const auto zeroTtl = run(client.set(key(QStringLiteral("k")), "v", 0ms));
        QVERIFY(!zeroTtl.ok());
        QCOMPARE(zeroTtl.error().kind, IntegrationError::Kind::InvalidRequest);
        // Would break the one shared connection: refused before connecting.
        for (const char* name : {"SUBSCRIBE", "monitor", "MULTI", "SELECT"}) {
            const auto refused = run(client.command({name, "x"}));
            QVERIFY(!refused.ok());
            QCOMPARE(refused.error().kind, IntegrationError::Kind::InvalidRequest);
        }
    }

    void getSetWithExpiry()
    {
        REQUIRE_SHARED_REDIS();
        RedisClient client(redisCredential(m_url, m_password));
        const QString shortLived = key(QStringLiteral("cache:short"));
        const auto missing = run(client.get(shortLived));
        QVERIFY2(missing.ok(), why(missing));
        QVERIFY(!missing->has_value());

        const QByteArray value("{\"person\":null}\0binary", 22); // binary-safe, NUL included
        const auto stored = run(client.set(shortLived, value, 150ms));
        QVERIFY2(stored.ok(), why(stored));
        const auto read = run(client.get(shortLived));
        QVERIFY(read.ok() && read->has_value());
        QCOMPARE(read->value(), value);
        const auto pttl = run(client.command({"PTTL", shortLived.toUtf8()}));
        QVERIFY(pttl.ok());
        QVERIFY2(pttl->integer > 0 && pttl->integer <= 150, describe(pttl));

        // Whole seconds go as EX.
        const QString longLived = key(QStringLiteral("cache:long"));
        QVERIFY(run(client.set(longLived, "x", 10s)).ok());
        const auto ttl = run(client.command({"TTL", longLived.toUtf8()}));
        QVERIFY(ttl.ok());
        QVERIFY2(ttl->integer >= 9 && ttl->integer <= 10, describe(ttl));
        QVERIFY(run(client.command({"DEL", longLived.toUtf8()})).ok());

        QTest::qWait(400);
        const auto expired = run(client.get(shortLived));
        QVERIFY(expired.ok());
        QVERIFY(!expired->has_value());

        // A Redis error reply becomes an error, with the server's own words.
        const auto wrongType = run(client.command({"HGET", shortLived.toUtf8()}));
        QVERIFY(!wrongType.ok());
        QCOMPARE(wrongType.error().kind, IntegrationError::Kind::InvalidRequest);
        QVERIFY(!wrongType.error().providerMessage.isEmpty());
    }

    void incrWithExpireSetsTtlOnce()
    {
        REQUIRE_SHARED_REDIS();
        RedisClient client(redisCredential(m_url, m_password));
        const QString counter = key(QStringLiteral("rl:window"));
        const auto first = run(client.incrWithExpire(counter, 2000ms));
        QVERIFY2(first.ok(), why(first));
        QCOMPARE(first.value(), 1);
        const auto ttl1 = run(client.command({"PTTL", counter.toUtf8()}));
        QVERIFY(ttl1.ok());
        QVERIFY2(ttl1->integer > 1500 && ttl1->integer <= 2000, describe(ttl1));

        QTest::qWait(150);
        const auto second = run(client.incrWithExpire(counter, 2000ms));
        QVERIFY(second.ok());
        QCOMPARE(second.value(), 2);
        const auto ttl2 = run(client.command({"PTTL", counter.toUtf8()}));
        QVERIFY(ttl2.ok());
        // The window was not restarted: the expiry kept running down.
        QVERIFY2(ttl2->integer > 0 && ttl2->integer <= ttl1->integer - 100,
                 qPrintable(QStringLiteral("%1 then %2").arg(ttl1->integer).arg(ttl2->integer)));

        // A counter left without an expiry (the race redis.md describes) gets one.
        const QString orphan = key(QStringLiteral("rl:orphan"));
        QVERIFY(run(client.command({"SET", orphan.toUtf8(), "5"})).ok());
        const auto adopted = run(client.incrWithExpire(orphan, 1000ms));
        QVERIFY(adopted.ok());
        QCOMPARE(adopted.value(), 6);
        const auto ttl3 = run(client.command({"PTTL", orphan.toUtf8()}));
        QVERIFY2(ttl3.ok() && ttl3->integer > 0 && ttl3->integer <= 1000, describe(ttl3));

        // Concurrent increments: every count once, one expiry.
        const QString busy = key(QStringLiteral("rl:busy"));
        QList<qint64> counts;
        int finished = 0;
        auto increment = [](RedisClient& c, QString k, QList<qint64>& out, int& done) -> QCoro::Task<> {
            const auto r = co_await c.incrWithExpire(k, 5000ms);
            if (r.ok())
                out.append(r.value());
            ++done;
        };
        for (int i = 0; i < 20; ++i)
            increment(client, busy, counts, finished);
        QVERIFY(runUntil([&] { return finished == 20; }, 5000));
        std::sort(counts.begin(), counts.end());
        QCOMPARE(counts.size(), 20);
        for (int i = 0; i < 20; ++i)
            QCOMPARE(counts.at(i), qint64(i + 1));
        const auto ttl4 = run(client.command({"PTTL", busy.toUtf8()}));
        QVERIFY2(ttl4.ok() && ttl4->integer > 4000 && ttl4->integer <= 5000, describe(ttl4));
    }

    void scriptLoadedOnceAndReloadedAfterFlush()
    {
        REQUIRE_REDIS_SERVER();
        PrivateRedis server;
        QVERIFY2(server.start(), qPrintable(server.error()));
        m_secrets << server.password();
        RedisClient client(redisCredential(server.url(), server.password()));
        for (int i = 0; i < 5; ++i) {
            const auto decision = run(client.takeToken(QStringLiteral("tb:script"), 1000.0, 100));
            QVERIFY2(decision.ok(), why(decision));
            QVERIFY(decision->allowed);
        }
        QCOMPARE(scriptLoadCalls(client), 1);

        // A second client firing concurrently loads it once more, not once per call.
        RedisClient other(redisCredential(server.url(), server.password()));
        int finished = 0;
        int allowed = 0;
        auto take = [](RedisClient& c, QString bucket, int& done, int& ok) -> QCoro::Task<> {
            const auto r = co_await c.takeToken(bucket, 1000.0, 100);
            if (r.ok() && r->allowed)
                ++ok;
            ++done;
        };
        for (int i = 0; i < 10; ++i)
            take(other, QStringLiteral("tb:script"), finished, allowed);
        QVERIFY(runUntil([&] { return finished == 10; }, 5000));
        QCOMPARE(allowed, 10);
        QCOMPARE(scriptLoadCalls(client), 2);

        // The server forgets every script: EVALSHA answers NOSCRIPT, the client loads it again.
        QVERIFY(run(client.command({"SCRIPT", "FLUSH"})).ok());
        const auto afterFlush = run(client.takeToken(QStringLiteral("tb:script"), 1000.0, 100));
        QVERIFY2(afterFlush.ok(), why(afterFlush));
        QCOMPARE(scriptLoadCalls(client), 3);
        QVERIFY(run(client.takeToken(QStringLiteral("tb:script"), 1000.0, 100)).ok());
        QCOMPARE(scriptLoadCalls(client), 3);
    }

    void tokenBucketDeniesWithWaitTime()
    {
        REQUIRE_SHARED_REDIS();
        RedisClient client(redisCredential(m_url, m_password));
        const QString bucket = key(QStringLiteral("tb:wait"));
        // 4/s, bucket of 3: three at once, then a token every 250 ms.
        for (int i = 0; i < 3; ++i) {
            const auto decision = run(client.takeToken(bucket, 4.0, 3));
            QVERIFY2(decision.ok(), why(decision));
            QVERIFY(decision->allowed);
        }
        const auto denied = run(client.takeToken(bucket, 4.0, 3));
        QVERIFY2(denied.ok(), why(denied));
        QVERIFY(!denied->allowed);
        QVERIFY2(denied->retryAfter > 0ms && denied->retryAfter <= 250ms,
                 qPrintable(QString::number(denied->retryAfter.count())));
        QVERIFY(denied->tokensLeft < 1.0);
        QTest::qWait(int(denied->retryAfter.count()) + 20);
        const auto later = run(client.takeToken(bucket, 4.0, 3));
        QVERIFY2(later.ok(), why(later));
        QVERIFY(later->allowed);
    }

    void tokenBucketHoldsRateUnderConcurrentClients()
    {
        REQUIRE_SHARED_REDIS();
        constexpr double rate = 50.0;
        constexpr int burst = 10;
        constexpr int clientCount = 4;
        constexpr int streamsPerClient = 2;
        constexpr qint64 runMs = 1000;
        const QString bucket = key(QStringLiteral("tb:shared"));

        std::vector<std::unique_ptr<RedisClient>> clients;
        for (int i = 0; i < clientCount; ++i) {
            clients.push_back(std::make_unique<RedisClient>(redisCredential(m_url, m_password)));
            const auto connected = run(clients.back()->connectToServer());
            QVERIFY2(connected.ok(), why(connected));
        }
        Tally tally;
        QElapsedTimer clock;
        clock.start();
        for (auto& client : clients)
            for (int s = 0; s < streamsPerClient; ++s)
                hammer(*client, bucket, clock, runMs, tally);
        QVERIFY(runUntil([&] { return tally.finished == clientCount * streamsPerClient; }, 10000));
        const double elapsed = double(clock.elapsed()) / 1000.0; // first request sent → last reply read
        QVERIFY2(tally.errors == 0, qPrintable(tally.firstError));

        // The server's window lies inside ours, so it can have granted no more than this.
        const double ceiling = burst + rate * elapsed;
        const double expected = burst + rate * double(runMs) / 1000.0;
        qInfo("token bucket %.0f/s burst %d, %d clients × %d streams: %d granted, %d denied in %.3f s "
              "(ceiling %.1f, %.0f calls/s)",
              rate, burst, clientCount, streamsPerClient, tally.granted, tally.denied, elapsed, ceiling,
              double(tally.granted + tally.denied) / elapsed);
        QVERIFY2(tally.granted <= int(ceiling),
                 qPrintable(QStringLiteral("%1 granted > ceiling %2").arg(tally.granted).arg(ceiling)));
        QVERIFY2(
            tally.granted >= int(expected * 0.9),
            qPrintable(QStringLiteral("%1 granted, expected about %2").arg(tally.granted).arg(expected)));
        QVERIFY(tally.denied > 0);
    }

    void serverKilledMidRun()
    {
        REQUIRE_REDIS_SERVER();
        PrivateRedis server;
        QVERIFY2(server.start(), qPrintable(server.error()));
        m_secrets << server.password();
        RedisClient client(redisCredential(server.url(), server.password()));
        const RedisTimeouts timeouts{1000ms, 2000ms};
        client.setTimeouts(timeouts);
        QVERIFY(run(client.connectToServer()).ok());

        QElapsedTimer clock;
        clock.start();
        std::array<Outcome, 4> outcomes;
        for (std::size_t i = 0; i < outcomes.size(); ++i)
            untilFailure(client, QStringLiteral("kill:%1:").arg(i), clock, outcomes[i]);
        runFor(150);
        for (const Outcome& outcome : outcomes)
            QVERIFY2(outcome.operations > 0 && !outcome.done, "traffic should be flowing before the kill");

        const qint64 killedAt = clock.elapsed();
        server.kill();
        const auto allDone = [&] {
            return std::all_of(outcomes.begin(), outcomes.end(), [](const Outcome& o) { return o.done; });
        };
        QVERIFY(runUntil(allDone, int(timeouts.command.count()) + 2000));
        for (const Outcome& outcome : outcomes) {
            QVERIFY(outcome.error);
            remember(*outcome.error);
            QVERIFY2(outcome.error->kind == IntegrationError::Kind::Network,
                     qPrintable(outcome.error->message()));
            QVERIFY2(outcome.error->message().contains(u"could not reach"),
                     qPrintable(outcome.error->message()));
            QVERIFY2(outcome.failedAt - killedAt <= timeouts.command.count(),
                     qPrintable(QString::number(outcome.failedAt - killedAt)));
        }
        QVERIFY(!client.isConnected());
        qint64 slowest = 0;
        for (const Outcome& outcome : outcomes)
            slowest = std::max(slowest, outcome.failedAt - killedAt);
        qInfo("server killed: %zu streams failed with Network errors, the last %lld ms after the kill",
              outcomes.size(), slowest);

        // Still down: the next call tries to reconnect once, and fails fast.
        QElapsedTimer retry;
        retry.start();
        const auto down = run(client.ping());
        QVERIFY(!down.ok());
        remember(down.error());
        QCOMPARE(down.error().kind, IntegrationError::Kind::Network);
        QVERIFY2(retry.elapsed() < timeouts.connect.count() + 500,
                 qPrintable(QString::number(retry.elapsed())));

        // Back on the same port: the next call reconnects and works (the script is loaded anew).
        QVERIFY2(server.start(server.port()), qPrintable(server.error()));
        const auto pong = run(client.ping());
        QVERIFY2(pong.ok(), why(pong));
        const auto decision = run(client.takeToken(QStringLiteral("kill:bucket"), 10.0, 5));
        QVERIFY2(decision.ok(), why(decision));
        QVERIFY(decision->allowed);
        const auto gone = run(client.get(QStringLiteral("kill:0:value")));
        QVERIFY(gone.ok());
        QVERIFY(!gone->has_value()); // a fresh server: nothing was persisted
    }

    void stalledServerTimesOut()
    {
        REQUIRE_REDIS_SERVER();
        PrivateRedis server;
        QVERIFY2(server.start(), qPrintable(server.error()));
        m_secrets << server.password();
        RedisClient client(redisCredential(server.url(), server.password()));
        client.setTimeouts({1000ms, 300ms});
        QVERIFY(run(client.connectToServer()).ok());

        server.pause();
        QElapsedTimer clock;
        clock.start();
        const auto stalled = run(client.ping());
        const qint64 waited = clock.elapsed();
        // The kernel still accepts connections for a stopped server: the AUTH is what times out.
        RedisClient late(redisCredential(server.url(), server.password()));
        late.setTimeouts({1000ms, 300ms});
        const auto handshake = run(late.connectToServer());
        server.resume();
        QVERIFY(!handshake.ok());
        remember(handshake.error());
        QCOMPARE(handshake.error().kind, IntegrationError::Kind::Timeout);
        QVERIFY(!stalled.ok());
        remember(stalled.error());
        QCOMPARE(stalled.error().kind, IntegrationError::Kind::Timeout);
        QVERIFY2(waited >= 250 && waited < 1500, qPrintable(QString::number(waited)));

        // The connection was dropped (its replies can no longer be trusted); the next call reconnects.
        const auto pong = run(client.ping());
        QVERIFY2(pong.ok(), why(pong));
    }

    void checkCredentialsValid()
    {
        REQUIRE_SHARED_REDIS();
        RedisClient client(redisCredential(m_url, m_password));
        const AccountStatus status = run(client.checkCredentials());
        m_texts << status.summary;
        QVERIFY2(status.state == AccountStatus::State::Valid, qPrintable(status.summary));
        QVERIFY2(status.summary.startsWith(u"Redis ") && status.summary.endsWith(u" used"),
                 qPrintable(status.summary));
        QVERIFY(status.checkedAt.isValid());
        QVERIFY(status.latency >= 0ms);
        QStringList labels;
        for (const auto& [label, value] : status.details) {
            labels << label;
            m_texts << value;
        }
        QVERIFY(labels.contains(u"Version"));
        QVERIFY(labels.contains(u"Uptime"));
        QVERIFY(labels.contains(u"Memory used"));
        qInfo("%s (%lld ms)", qPrintable(status.summary), qint64(status.latency.count()));
    }

    void checkCredentialsWrongPassword()
    {
        REQUIRE_SHARED_REDIS();
        const QString wrong = QStringLiteral("check-wrong-") + randomToken();
        m_secrets << wrong;
        RedisClient client(redisCredential(m_url, wrong));
        const AccountStatus status = run(client.checkCredentials());
        m_texts << status.summary;
        QCOMPARE(status.state, AccountStatus::State::Invalid);
        QVERIFY(status.error && status.error->kind == IntegrationError::Kind::Auth);
        remember(*status.error);
        QVERIFY2(status.summary.contains(u"Redis refused the password"), qPrintable(status.summary));
    }

    void checkCredentialsUnreachable()
    {
        const QString password = QStringLiteral("check-unreachable-") + randomToken();
        m_secrets << password;
        RedisClient client(
            redisCredential(QStringLiteral("redis://127.0.0.1:%1/0").arg(freeLoopbackPort()), password));
        const AccountStatus status = run(client.checkCredentials());
        m_texts << status.summary;
        QCOMPARE(status.state, AccountStatus::State::Unreachable);
        QVERIFY(status.error && status.error->kind == IntegrationError::Kind::Network);
        remember(*status.error);
    }

    void checkCredentialsNotConfigured()
    {
        RedisClient client(redisCredential(QString(), QString()));
        const AccountStatus status = run(client.checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::NotConfigured);
    }

    // Last: every error text and status line of the run, raw fields included, checked for passwords.
    void passwordNeverAppears()
    {
        QVERIFY(!m_texts.isEmpty());
        for (const QString& secret : std::as_const(m_secrets))
            for (const QString& text : std::as_const(m_texts))
                QVERIFY2(!text.contains(secret), qPrintable(Redactor::redact(text)));
    }
};

QTEST_GUILESS_MAIN(TestRedis)
#include "tst_redis.moc"
