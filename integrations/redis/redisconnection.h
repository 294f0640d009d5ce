#pragma once
// RedisConnection: one TCP connection to Redis through hiredis's async API on the Qt event loop.
// Opens with a timeout, sends binary-safe commands each bounded by the command timeout, and, when
// the connection drops or a command times out, fails every command still waiting. Single use: once
// closed it stays closed (RedisClient makes a new one to reconnect).

#include "integrations/redis/rediscompletion.h"
#include "integrations/redis/redisqtadapter.h"
#include "integrations/redis/redisreply.h"
#include "model/integrationerror.h"
#include "model/result.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <deque>
#include <memory>
#include <optional>

struct redisAsyncContext;
struct redisReply;

namespace agency {

class RedisConnection : public QObject
{
    Q_OBJECT
public:
    using Reply = Result<RedisReply, IntegrationError>;
    using Opened = Result<Done, IntegrationError>;

    explicit RedisConnection(std::chrono::milliseconds commandTimeout, QObject* parent = nullptr);
    /// Fails the commands still waiting (Cancelled) and closes the socket.
    ~RedisConnection() override;

    /// Starts connecting to a numeric address (no name look-up here: hiredis would block on it).
    /// Completes with Done, a Network error (refused, unreachable) or a Timeout error.
    RedisCompletion<Opened> open(const QString& address, quint16 port, std::chrono::milliseconds timeout);

    bool isOpen() const { return m_state == State::Open; }
    QString peer() const { return m_peer; }

    /// Queues one command. Completes with the server's reply — Redis error replies included, as
    /// RedisReply::Type::Error — or with a Network / Timeout error when no reply can come.
    RedisCompletion<Reply> send(const QList<QByteArray>& args);

    /// Closes at once; the commands still waiting fail with `reason`.
    void abort(const IntegrationError& reason);

private:
    enum class State
    {
        Idle,
        Connecting,
        Open,
        Closed,
    };
    struct Pending
    {
        RedisCompletion<Reply> completion;
        std::chrono::steady_clock::time_point deadline;
    };

    static void onConnect(const redisAsyncContext* context, int status);
    static void onDisconnect(const redisAsyncContext* context, int status);
    static void onReply(redisAsyncContext* context, void* reply, void* privdata);

    IntegrationError networkError(const QString& what) const;
    /// The error for commands that lose their reply: the abort reason, or what hiredis saw.
    IntegrationError lostError(const redisAsyncContext* context) const;
    void markClosed();
    void checkDeadlines();
    void forget(const Pending* pending);

    std::chrono::milliseconds m_commandTimeout;
    State m_state = State::Idle;
    QString m_peer;
    redisAsyncContext* m_context = nullptr;
    RedisQtAdapter m_adapter;
    RedisCompletion<Opened> m_opened;
    QTimer m_connectTimer;
    QTimer m_deadlineTimer;
    std::deque<std::shared_ptr<Pending>> m_pending; ///< in send order, which is reply order
    std::optional<IntegrationError> m_abortReason;
};

} // namespace agency
