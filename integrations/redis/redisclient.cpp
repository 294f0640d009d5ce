#include "redisclient.h"

#include "integrations/redis/redisconnection.h"
#include "integrations/redis/redislogcategory.h"
#include "model/redaction.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QHostInfo>
#include <QTimer>

#include <cmath>

namespace agency {

namespace {

using namespace std::chrono_literals;

IntegrationError redisError(IntegrationError::Kind kind, const QString& detail)
{
    IntegrationError error;
    error.kind = kind;
    error.provider = ProviderId::Redis;
    error.detail = detail;
    return error;
}

/// "key:value" lines of an INFO reply; "# Section" lines and blanks skipped.
QHash<QString, QString> parseInfo(const QByteArray& text)
{
    QHash<QString, QString> fields;
    for (const QByteArray& line : text.split('\n')) {
        const QByteArray trimmed = line.trimmed();
        const qsizetype colon = trimmed.indexOf(':');
        if (trimmed.isEmpty() || trimmed.startsWith('#') || colon <= 0)
            continue;
        fields.insert(QString::fromUtf8(trimmed.left(colon)), QString::fromUtf8(trimmed.mid(colon + 1)));
    }
    return fields;
}

QString humanDuration(qint64 seconds)
{
    if (seconds < 60)
        return QStringLiteral("%1 s").arg(seconds);
    if (seconds < 3600)
        return QStringLiteral("%1 min").arg(seconds / 60);
    if (seconds < 86400)
        return QStringLiteral("%1 h %2 min").arg(seconds / 3600).arg(seconds % 3600 / 60);
    return QStringLiteral("%1 d %2 h").arg(seconds / 86400).arg(seconds % 86400 / 3600);
}

QString withoutStop(QString text)
{
    text = text.trimmed();
    while (text.endsWith(u'.'))
        text.chop(1);
    return text;
}

// Commands that would break one shared connection: replies no longer one per command (pub/sub,
// MONITOR), another protocol (HELLO 3), state that other callers' commands would fall into
// (MULTI, WATCH, SELECT) or a closed socket (QUIT). Scripts give atomicity instead.
bool acceptsCommand(const QByteArray& name)
{
    static const QSet<QByteArray> refused = {
        "SUBSCRIBE", "PSUBSCRIBE", "SSUBSCRIBE", "UNSUBSCRIBE", "PUNSUBSCRIBE", "SUNSUBSCRIBE",
        "MONITOR",   "HELLO",      "RESET",      "QUIT",        "MULTI",        "EXEC",
        "DISCARD",   "WATCH",      "UNWATCH",    "SELECT",
    };
    return !name.isEmpty() && !refused.contains(name);
}

} // namespace

RedisClient::RedisClient(Credential credential, QObject* parent)
    : QObject(parent)
    , m_userName(credential.value(QStringLiteral("username")).trimmed())
    , m_password(credential.value(QStringLiteral("password")))
    , m_endpoint(RedisEndpoint::parse(credential.value(QStringLiteral("url"))))
{
    Redactor::registerSecret(m_password);
    if (m_userName.isEmpty() && m_endpoint.ok())
        m_userName = m_endpoint.value().userName;
}

RedisClient::~RedisClient() = default;

QString RedisClient::endpointText() const
{
    return m_endpoint.ok() ? m_endpoint.value().toString() : QString();
}

bool RedisClient::isConnected() const
{
    return !m_connecting && m_connection && m_connection->isOpen();
}

void RedisClient::disconnectFromServer()
{
    m_connection.reset();
    m_loadedScripts.clear();
}

QCoro::Task<Result<Done, IntegrationError>> RedisClient::connectToServer()
{
    auto connection = co_await ready();
    if (!connection.ok())
        co_return failure(connection.error());
    co_return Done{};
}

QCoro::Task<Result<RedisConnection*, IntegrationError>> RedisClient::ready()
{
    if (isConnected())
        co_return m_connection.get();
    if (m_connecting) {
        // Someone else is connecting: share their attempt rather than open a second connection.
        RedisCompletion<Outcome> attempt = *m_connecting;
        const Outcome outcome = co_await attempt;
        if (!outcome.ok())
            co_return failure(outcome.error());
    } else {
        RedisCompletion<Outcome> attempt;
        m_connecting = attempt;
        const Outcome outcome = co_await establish();
        m_connecting.reset();
        attempt.complete(outcome);
        if (!outcome.ok())
            co_return failure(outcome.error());
    }
    if (!isConnected())
        co_return failure(redisError(
            IntegrationError::Kind::Network,
            QStringLiteral("the connection to %1 closed right after it opened").arg(endpointText())));
    co_return m_connection.get();
}

QCoro::Task<RedisClient::Outcome> RedisClient::establish()
{
    // Whatever connection there was is closed: nothing waits on it any more.
    m_connection.reset();
    m_loadedScripts.clear();
    if (!m_endpoint.ok())
        co_return failure(m_endpoint.error());
    const RedisEndpoint endpoint = m_endpoint.value();
    if (endpoint.tls)
        co_return failure(redisError(IntegrationError::Kind::Configuration,
                                     QStringLiteral("TLS Redis is not supported in this build (rediss://); "
                                                    "use redis:// on a trusted network or a TLS tunnel")));
    const auto addresses = co_await resolve(endpoint.host);
    if (!addresses.ok())
        co_return failure(addresses.error());

    std::unique_ptr<RedisConnection> connection;
    IntegrationError lastError;
    for (const QString& address : addresses.value()) {
        auto candidate = std::make_unique<RedisConnection>(m_timeouts.command);
        auto opening = candidate->open(address, endpoint.port, m_timeouts.connect);
        const Outcome opened = co_await opening;
        if (opened.ok()) {
            connection = std::move(candidate);
            break;
        }
        lastError = opened.error();
        // A refused address may have a sibling that answers (localhost: ::1, then 127.0.0.1).
        if (lastError.kind != IntegrationError::Kind::Network)
            break;
    }
    if (!connection)
        co_return failure(lastError);

    if (!m_password.isEmpty() || !m_userName.isEmpty()) {
        QList<QByteArray> auth{QByteArrayLiteral("AUTH")};
        if (!m_userName.isEmpty())
            auth.append(m_userName.toUtf8());
        auth.append(m_password.toUtf8());
        auto sending = connection->send(auth);
        const Reply reply = co_await sending;
        if (!reply.ok())
            co_return failure(reply.error());
        if (reply->isError())
            co_return failure(errorFromReply(reply.value(), QByteArrayLiteral("AUTH")));
    }
    if (endpoint.database != 0) {
        auto sending = connection->send({QByteArrayLiteral("SELECT"), QByteArray::number(endpoint.database)});
        const Reply reply = co_await sending;
        if (!reply.ok())
            co_return failure(reply.error());
        if (reply->isError())
            co_return failure(errorFromReply(reply.value(), QByteArrayLiteral("SELECT")));
    }
    qCDebug(lcRedis).noquote() << "Redis: ready on" << endpoint.toString();
    m_connection = std::move(connection);
    m_loadedScripts.clear();
    co_return Done{};
}

QCoro::Task<Result<QStringList, IntegrationError>> RedisClient::resolve(QString host)
{
    if (QHostAddress literal; literal.setAddress(host))
        co_return QStringList{literal.toString()};
    // hiredis would call getaddrinfo() on the GUI thread; Qt looks the name up on a worker thread.
    RedisCompletion<QHostInfo> lookup;
    QHostInfo::lookupHost(host, this, [lookup](const QHostInfo& info) { lookup.complete(info); });
    const auto timeout = m_timeouts.connect;
    QTimer::singleShot(timeout, this, [lookup, timeout] {
        QHostInfo expired;
        expired.setError(QHostInfo::UnknownError);
        expired.setErrorString(QStringLiteral("no answer within %1 ms").arg(timeout.count()));
        lookup.complete(expired);
    });
    const QHostInfo info = co_await lookup;
    QStringList addresses;
    for (const QHostAddress& address : info.addresses())
        addresses.append(address.toString());
    if (info.error() != QHostInfo::NoError || addresses.isEmpty())
        co_return failure(
            redisError(IntegrationError::Kind::Network,
                       QStringLiteral("could not look up %1: %2")
                           .arg(host, info.errorString().isEmpty() ? QStringLiteral("no address")
                                                                   : info.errorString())));
    co_return addresses;
}

QCoro::Task<RedisClient::Reply> RedisClient::send(QList<QByteArray> args)
{
    const auto connection = co_await ready();
    if (!connection.ok())
        co_return failure(connection.error());
    auto sending = connection.value()->send(args);
    const Reply reply = co_await sending;
    co_return reply;
}

QCoro::Task<Result<RedisReply, IntegrationError>> RedisClient::command(QList<QByteArray> args)
{
    const QByteArray name = args.isEmpty() ? QByteArray() : args.first().toUpper();
    if (!acceptsCommand(name))
        co_return failure(
            invalidArgument(QStringLiteral("%1 is not supported on the console's shared Redis connection")
                                .arg(QString::fromUtf8(name))));
    const Reply reply = co_await send(std::move(args));
    if (reply.ok() && reply->isError())
        co_return failure(errorFromReply(reply.value(), name));
    co_return reply;
}

QCoro::Task<Result<Done, IntegrationError>> RedisClient::ping()
{
    // Arguments are built before the co_await: GCC 12 miscompiles literals inside an awaited call.
    QList<QByteArray> args{QByteArrayLiteral("PING")};
    const Reply reply = co_await command(std::move(args));
    if (!reply.ok())
        co_return failure(reply.error());
    if (reply->type != RedisReply::Type::Status || reply->text != "PONG")
        co_return failure(unexpectedReply(reply.value(), QByteArrayLiteral("PING")));
    co_return Done{};
}

QCoro::Task<Result<std::optional<QByteArray>, IntegrationError>> RedisClient::get(QString key)
{
    QList<QByteArray> args{QByteArrayLiteral("GET"), key.toUtf8()};
    const Reply reply = co_await command(std::move(args));
    if (!reply.ok())
        co_return failure(reply.error());
    if (reply->isNil())
        co_return std::optional<QByteArray>();
    if (reply->type != RedisReply::Type::String)
        co_return failure(unexpectedReply(reply.value(), QByteArrayLiteral("GET")));
    co_return std::optional<QByteArray>(reply->text);
}

QCoro::Task<Result<Done, IntegrationError>> RedisClient::set(QString key, QByteArray value,
                                                             std::optional<std::chrono::milliseconds> ttl)
{
    QList<QByteArray> args{QByteArrayLiteral("SET"), key.toUtf8(), value};
    if (ttl) {
        if (ttl->count() <= 0)
            co_return failure(invalidArgument(QStringLiteral("a cache entry's lifetime must be positive")));
        if (ttl->count() % 1000 == 0)
            args << QByteArrayLiteral("EX") << QByteArray::number(ttl->count() / 1000);
        else
            args << QByteArrayLiteral("PX") << QByteArray::number(qint64(ttl->count()));
    }
    const Reply reply = co_await command(std::move(args));
    if (!reply.ok())
        co_return failure(reply.error());
    if (reply->type != RedisReply::Type::Status)
        co_return failure(unexpectedReply(reply.value(), QByteArrayLiteral("SET")));
    co_return Done{};
}

QCoro::Task<Result<qint64, IntegrationError>> RedisClient::incrWithExpire(QString key,
                                                                          std::chrono::milliseconds window)
{
    if (window.count() <= 0)
        co_return failure(invalidArgument(QStringLiteral("a counter's window must be positive")));
    QList<QByteArray> keys{key.toUtf8()};
    QList<QByteArray> args{QByteArray::number(qint64(window.count()))};
    const Reply reply = co_await evalScript(RedisScript::incrWithExpire(), std::move(keys), std::move(args));
    if (!reply.ok())
        co_return failure(reply.error());
    if (reply->type != RedisReply::Type::Integer)
        co_return failure(unexpectedReply(reply.value(), QByteArrayLiteral("EVALSHA")));
    co_return reply->integer;
}

QCoro::Task<Result<RedisClient::TokenDecision, IntegrationError>>
RedisClient::takeToken(QString bucketKey, double ratePerSecond, int burst, int cost)
{
    if (!(ratePerSecond > 0) || !std::isfinite(ratePerSecond) || burst < 1 || cost < 1 || cost > burst)
        co_return failure(invalidArgument(
            QStringLiteral(
                "a token bucket needs a positive rate and 1 ≤ cost ≤ burst (rate %1, burst %2, cost %3)")
                .arg(ratePerSecond)
                .arg(burst)
                .arg(cost)));
    QList<QByteArray> keys{bucketKey.toUtf8()};
    QList<QByteArray> args{QByteArray::number(ratePerSecond, 'g', 17), QByteArray::number(burst),
                           QByteArray::number(cost)};
    const Reply reply = co_await evalScript(RedisScript::tokenBucket(), std::move(keys), std::move(args));
    if (!reply.ok())
        co_return failure(reply.error());
    const auto& values = reply->elements;
    if (reply->type != RedisReply::Type::Array || values.size() != 3 ||
        values[0].type != RedisReply::Type::Integer || values[1].type != RedisReply::Type::Integer ||
        values[2].type != RedisReply::Type::Integer)
        co_return failure(unexpectedReply(reply.value(), QByteArrayLiteral("EVALSHA")));
    TokenDecision decision;
    decision.allowed = values[0].integer == 1;
    decision.tokensLeft = double(values[1].integer) / 1000.0;
    decision.retryAfter = std::chrono::milliseconds(values[2].integer);
    co_return decision;
}

QCoro::Task<Result<RedisReply, IntegrationError>>
RedisClient::evalScript(RedisScript script, QList<QByteArray> keys, QList<QByteArray> args)
{
    Reply reply = co_await evalOnce(script, keys, args);
    if (reply.ok() && reply->errorCode() == "NOSCRIPT") {
        // The server lost it (SCRIPT FLUSH, a restart): load it again and retry, once.
        qCInfo(lcRedis).noquote() << "Redis: script" << script.name << "not on the server; loading it again";
        m_loadedScripts.remove(script.sha1);
        reply = co_await evalOnce(script, keys, args);
    }
    if (reply.ok() && reply->isError())
        co_return failure(errorFromReply(reply.value(), QByteArrayLiteral("EVALSHA ") + script.name));
    co_return reply;
}

QCoro::Task<RedisClient::Reply> RedisClient::evalOnce(RedisScript script, QList<QByteArray> keys,
                                                      QList<QByteArray> args)
{
    const auto connection = co_await ready();
    if (!connection.ok())
        co_return failure(connection.error());
    RedisConnection* open = connection.value();
    std::optional<RedisCompletion<Reply>> loading;
    if (!m_loadedScripts.contains(script.sha1)) {
        // Marked before the reply comes: one connection runs commands in order, so any EVALSHA
        // queued after this SCRIPT LOAD finds the script, and concurrent callers load it once.
        m_loadedScripts.insert(script.sha1);
        loading = open->send({QByteArrayLiteral("SCRIPT"), QByteArrayLiteral("LOAD"), script.source});
    }
    QList<QByteArray> evalsha{QByteArrayLiteral("EVALSHA"), script.sha1, QByteArray::number(keys.size())};
    evalsha += keys;
    evalsha += args;
    auto evaluating = open->send(evalsha);
    // `open` may be gone after the first co_await; only the completions are used from here on.
    if (loading) {
        const Reply loaded = co_await *loading;
        if (!loaded.ok() || loaded->isError()) {
            m_loadedScripts.remove(script.sha1);
            if (!loaded.ok())
                co_return loaded;
            co_return failure(
                errorFromReply(loaded.value(), QByteArrayLiteral("SCRIPT LOAD ") + script.name));
        }
        if (loaded->text != script.sha1)
            qCWarning(lcRedis).noquote() << "Redis: SCRIPT LOAD returned" << loaded->text << "for"
                                         << script.name << "- expected" << script.sha1;
    }
    const Reply reply = co_await evaluating;
    co_return reply;
}

QCoro::Task<AccountStatus> RedisClient::checkCredentials()
{
    QElapsedTimer clock;
    clock.start();
    const auto elapsed = [&clock] {
        return std::chrono::milliseconds(clock.elapsed());
    };

    const auto connected = co_await connectToServer();
    if (!connected.ok())
        co_return accountStatusFromError(connected.error(), elapsed());
    const auto pong = co_await ping();
    if (!pong.ok())
        co_return accountStatusFromError(pong.error(), elapsed());
    QList<QByteArray> infoServer{QByteArrayLiteral("INFO"), QByteArrayLiteral("server")};
    const Reply server = co_await command(std::move(infoServer));
    if (!server.ok())
        co_return accountStatusFromError(server.error(), elapsed());
    QList<QByteArray> infoMemory{QByteArrayLiteral("INFO"), QByteArrayLiteral("memory")};
    const Reply memory = co_await command(std::move(infoMemory));
    if (!memory.ok())
        co_return accountStatusFromError(memory.error(), elapsed());

    const QHash<QString, QString> info = parseInfo(server->text);
    const QHash<QString, QString> mem = parseInfo(memory->text);
    const QString version = info.value(QStringLiteral("redis_version"), QStringLiteral("?"));
    const QString used = mem.value(QStringLiteral("used_memory_human"), QStringLiteral("?"));

    AccountStatus status;
    status.state = AccountStatus::State::Valid;
    status.summary = QStringLiteral("Redis %1 · %2 used").arg(version, used);
    status.details.append({QStringLiteral("Server"), endpointText()});
    status.details.append({QStringLiteral("Version"), version});
    if (info.contains(QStringLiteral("redis_mode")))
        status.details.append({QStringLiteral("Mode"), info.value(QStringLiteral("redis_mode"))});
    if (info.contains(QStringLiteral("uptime_in_seconds")))
        status.details.append({QStringLiteral("Uptime"),
                               humanDuration(info.value(QStringLiteral("uptime_in_seconds")).toLongLong())});
    status.details.append({QStringLiteral("Memory used"), used});
    const QString maxMemory = mem.value(QStringLiteral("maxmemory_human"));
    if (!maxMemory.isEmpty())
        status.details.append(
            {QStringLiteral("Memory limit"), maxMemory == u"0B" ? QStringLiteral("none") : maxMemory});
    status.details.append(
        {QStringLiteral("User"), m_userName.isEmpty() ? QStringLiteral("default") : m_userName});
    status.latency = elapsed();
    status.checkedAt = QDateTime::currentDateTimeUtc();
    co_return status;
}

IntegrationError RedisClient::errorFromReply(const RedisReply& reply, const QByteArray& command) const
{
    const QByteArray code = reply.errorCode();
    const QString text = withoutStop(QString::fromUtf8(reply.text));
    IntegrationError error = redisError(IntegrationError::Kind::InvalidRequest, QString::fromUtf8(command));
    error.providerCode = QString::fromUtf8(code);
    error.providerMessage = text;
    if (code == "WRONGPASS" || text.startsWith(u"ERR invalid password", Qt::CaseInsensitive) ||
        text.contains(u"without any password configured", Qt::CaseInsensitive)) {
        error.kind = IntegrationError::Kind::Auth;
        error.providerMessage = QStringLiteral("Redis refused the password (%1)").arg(text);
    } else if (code == "NOAUTH") {
        error.kind = IntegrationError::Kind::Auth;
        error.providerMessage = QStringLiteral("Redis needs a password (%1)").arg(text);
    } else if (code == "NOPERM") {
        error.kind = IntegrationError::Kind::Auth;
        error.providerMessage = QStringLiteral("the Redis user may not run %1 (%2)").arg(error.detail, text);
    } else if (code == "OOM" || code == "LOADING" || code == "BUSY" || code == "MASTERDOWN" ||
               code == "TRYAGAIN" || code == "CLUSTERDOWN" || code == "MISCONF" || code == "READONLY") {
        error.kind = IntegrationError::Kind::Server;
    }
    return error;
}

IntegrationError RedisClient::unexpectedReply(const RedisReply& reply, const QByteArray& command) const
{
    return redisError(IntegrationError::Kind::Decode,
                      QStringLiteral("unexpected reply to %1: %2")
                          .arg(QString::fromUtf8(command), QString::fromUtf8(reply.describe().left(120))));
}

IntegrationError RedisClient::invalidArgument(const QString& detail) const
{
    IntegrationError error = redisError(IntegrationError::Kind::InvalidRequest, detail);
    error.providerMessage = detail;
    return error;
}

} // namespace agency
