#pragma once
// RedisClient: the console's Redis — a response cache and a rate limiter shared by every console of
// a team. One connection, asynchronous on the Qt event loop (hiredis async, never a blocking call);
// every call is a coroutine returning a Result. After the connection drops, the next call
// reconnects (one attempt, then an error).

#include "integrations/providerclient.h"
#include "integrations/redis/rediscompletion.h"
#include "integrations/redis/redisendpoint.h"
#include "integrations/redis/redisreply.h"
#include "integrations/redis/redisscript.h"
#include "model/credential.h"
#include "model/integrationerror.h"
#include "model/result.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>

#include <chrono>
#include <memory>
#include <optional>

#include <qcoro/qcorotask.h>

namespace agency {

class RedisConnection;

struct RedisTimeouts
{
    std::chrono::milliseconds connect{5000}; ///< name look-up plus TCP connect
    std::chrono::milliseconds command{5000}; ///< each command, from sending to its reply
};

class RedisClient : public QObject, public ProviderClient
{
    Q_OBJECT
public:
    /// What takeToken() decided.
    struct TokenDecision
    {
        bool allowed = false;
        double tokensLeft = 0;                   ///< after this call
        std::chrono::milliseconds retryAfter{0}; ///< when denied: until enough tokens have refilled
    };

    /// `credential` fields: url (redis://host:port/db), username (optional ACL user), password.
    explicit RedisClient(Credential credential, QObject* parent = nullptr);
    /// Destroy it only when no call is in flight: a coroutine awaiting a call would be resumed (with
    /// Cancelled) into a client that is gone.
    ~RedisClient() override;

    void setTimeouts(RedisTimeouts timeouts) { m_timeouts = timeouts; }
    RedisTimeouts timeouts() const { return m_timeouts; }

    /// "redis://127.0.0.1:6379/0" — never a credential; empty when the URL is not valid.
    QString endpointText() const;
    bool isConnected() const;

    ProviderId provider() const override { return ProviderId::Redis; }
    /// Connect, PING and INFO: Valid with the version and memory use, Invalid when the password is
    /// refused, Unreachable when the server is not there.
    QCoro::Task<AccountStatus> checkCredentials() override;

    /// Connects, authenticates (AUTH [user] password) and selects the URL's database, unless
    /// connected already. Concurrent callers share one attempt.
    QCoro::Task<Result<Done, IntegrationError>> connectToServer();
    /// Closes the connection; calls in flight fail with Cancelled. The next call reconnects. (A
    /// connect attempt already under way still completes.)
    void disconnectFromServer();

    QCoro::Task<Result<Done, IntegrationError>> ping();
    /// The value, or an empty optional when the key does not exist.
    QCoro::Task<Result<std::optional<QByteArray>, IntegrationError>> get(QString key);
    /// SET, with EX (whole seconds) or PX when `ttl` is given.
    QCoro::Task<Result<Done, IntegrationError>>
    set(QString key, QByteArray value, std::optional<std::chrono::milliseconds> ttl = std::nullopt);
    /// A fixed-window counter: INCR, and the window's expiry set once, atomically. The new count.
    QCoro::Task<Result<qint64, IntegrationError>> incrWithExpire(QString key,
                                                                 std::chrono::milliseconds window);
    /// Takes `cost` tokens from the shared bucket at `bucketKey` (refilling at `ratePerSecond` up to
    /// `burst`), or says how long to wait. The bucket runs on the server's clock.
    QCoro::Task<Result<TokenDecision, IntegrationError>> takeToken(QString bucketKey, double ratePerSecond,
                                                                   int burst, int cost = 1);

    /// Any other command (binary-safe arguments). A Redis error reply becomes an error. Commands
    /// that would break the shared connection (SUBSCRIBE, MONITOR, MULTI/EXEC, SELECT, HELLO, QUIT…)
    /// are refused with InvalidRequest: use evalScript() for atomic steps.
    QCoro::Task<Result<RedisReply, IntegrationError>> command(QList<QByteArray> args);
    /// Runs `script` with EVALSHA, loading it with SCRIPT LOAD once per connection and again when
    /// the server answers NOSCRIPT (flushed, restarted).
    QCoro::Task<Result<RedisReply, IntegrationError>> evalScript(RedisScript script, QList<QByteArray> keys,
                                                                 QList<QByteArray> args);

private:
    using Reply = Result<RedisReply, IntegrationError>;
    using Outcome = Result<Done, IntegrationError>;

    /// The open connection, after one connect attempt if there was none.
    QCoro::Task<Result<RedisConnection*, IntegrationError>> ready();
    /// Looks the host up, connects, authenticates and selects the database.
    QCoro::Task<Outcome> establish();
    QCoro::Task<Result<QStringList, IntegrationError>> resolve(QString host);
    /// Sends one command; Redis error replies come back as replies.
    QCoro::Task<Reply> send(QList<QByteArray> args);
    /// One EVALSHA, preceded (pipelined) by SCRIPT LOAD when the script is not loaded yet.
    QCoro::Task<Reply> evalOnce(RedisScript script, QList<QByteArray> keys, QList<QByteArray> args);

    IntegrationError errorFromReply(const RedisReply& reply, const QByteArray& command) const;
    IntegrationError unexpectedReply(const RedisReply& reply, const QByteArray& command) const;
    IntegrationError invalidArgument(const QString& detail) const;

    QString m_userName;
    QString m_password;
    Result<RedisEndpoint, IntegrationError> m_endpoint;
    RedisTimeouts m_timeouts;
    std::unique_ptr<RedisConnection> m_connection;
    std::optional<RedisCompletion<Outcome>> m_connecting; ///< the attempt in progress
    QSet<QByteArray> m_loadedScripts;                     ///< SHA1s loaded on this connection
};

} // namespace agency
