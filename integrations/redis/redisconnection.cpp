#include "redisconnection.h"

#include "integrations/redis/redislogcategory.h"

#include <algorithm>
#include <vector>

#include <hiredis/async.h>

namespace agency {

namespace {

using Clock = std::chrono::steady_clock;

RedisReply convert(const redisReply* reply)
{
    RedisReply out;
    switch (reply->type) {
    case REDIS_REPLY_STATUS:
        out.type = RedisReply::Type::Status;
        break;
    case REDIS_REPLY_ERROR:
        out.type = RedisReply::Type::Error;
        break;
    case REDIS_REPLY_INTEGER:
        out.type = RedisReply::Type::Integer;
        out.integer = reply->integer;
        break;
    case REDIS_REPLY_STRING:
        out.type = RedisReply::Type::String;
        break;
    case REDIS_REPLY_ARRAY:
        out.type = RedisReply::Type::Array;
        out.elements.reserve(reply->elements);
        for (std::size_t i = 0; i < reply->elements; ++i)
            out.elements.push_back(convert(reply->element[i]));
        break;
    case REDIS_REPLY_NIL:
    default:
        out.type = RedisReply::Type::Nil;
        break;
    }
    if (reply->type == REDIS_REPLY_STATUS || reply->type == REDIS_REPLY_ERROR ||
        reply->type == REDIS_REPLY_STRING)
        out.text = QByteArray(reply->str, qsizetype(reply->len));
    return out;
}

QString hiredisError(const redisAsyncContext* context)
{
    const QString text = QString::fromLocal8Bit(context->c.errstr).trimmed();
    return text.isEmpty() ? QStringLiteral("connection closed") : text;
}

} // namespace

RedisConnection::RedisConnection(std::chrono::milliseconds commandTimeout, QObject* parent)
    : QObject(parent)
    , m_commandTimeout(commandTimeout)
{
    m_connectTimer.setSingleShot(true);
    connect(&m_connectTimer, &QTimer::timeout, this, [this] {
        if (m_state != State::Connecting)
            return;
        IntegrationError error;
        error.kind = IntegrationError::Kind::Timeout;
        error.provider = ProviderId::Redis;
        error.detail = QStringLiteral("no connection to %1 within %2 ms")
                           .arg(m_peer)
                           .arg(m_connectTimer.intervalAsDuration().count());
        abort(error);
    });
    // Replies come back in send order, so the oldest command's deadline is the one to watch.
    m_deadlineTimer.setInterval(
        std::clamp(m_commandTimeout / 10, std::chrono::milliseconds(10), std::chrono::milliseconds(250)));
    connect(&m_deadlineTimer, &QTimer::timeout, this, &RedisConnection::checkDeadlines);
}

RedisConnection::~RedisConnection()
{
    IntegrationError reason;
    reason.kind = IntegrationError::Kind::Cancelled;
    reason.provider = ProviderId::Redis;
    reason.detail = QStringLiteral("the connection was closed");
    abort(reason);
}

RedisCompletion<RedisConnection::Opened> RedisConnection::open(const QString& address, quint16 port,
                                                               std::chrono::milliseconds timeout)
{
    Q_ASSERT(m_state == State::Idle);
    m_peer = (address.contains(u':') ? u'[' + address + u']' : address) + u':' + QString::number(port);
    m_state = State::Connecting;
    // Non-blocking: connect(2) returns at once; completion is reported on the first write event.
    redisAsyncContext* context = redisAsyncConnect(address.toUtf8().constData(), port);
    if (!context || context->err) {
        const IntegrationError error =
            networkError(context ? QString::fromLocal8Bit(context->errstr) : QStringLiteral("out of memory"));
        if (context)
            redisAsyncFree(context);
        markClosed();
        m_opened.complete(failure(error));
        return m_opened;
    }
    m_context = context;
    context->data = this;
    m_adapter.attach(context);
    redisAsyncSetDisconnectCallback(context, &RedisConnection::onDisconnect);
    redisAsyncSetConnectCallback(context, &RedisConnection::onConnect); // also asks for write readiness
    m_connectTimer.start(timeout);
    return m_opened;
}

RedisCompletion<RedisConnection::Reply> RedisConnection::send(const QList<QByteArray>& args)
{
    auto pending = std::make_shared<Pending>();
    pending->deadline = Clock::now() + m_commandTimeout;
    if (args.isEmpty()) {
        IntegrationError error;
        error.kind = IntegrationError::Kind::InvalidRequest;
        error.provider = ProviderId::Redis;
        error.detail = QStringLiteral("empty command");
        pending->completion.complete(failure(error));
        return pending->completion;
    }
    if (m_state != State::Open || !m_context) {
        pending->completion.complete(
            failure(networkError(QStringLiteral("not connected to %1").arg(m_peer))));
        return pending->completion;
    }
    std::vector<const char*> argv;
    std::vector<std::size_t> lengths;
    argv.reserve(std::size_t(args.size()));
    lengths.reserve(std::size_t(args.size()));
    for (const QByteArray& arg : args) {
        argv.push_back(arg.constData());
        lengths.push_back(std::size_t(arg.size()));
    }
    // hiredis calls onReply exactly once per queued command: with the reply, or with NULL when the
    // context goes away. The heap-held reference keeps the state alive until then.
    auto* privdata = new std::shared_ptr<Pending>(pending);
    const int status = redisAsyncCommandArgv(m_context, &RedisConnection::onReply, privdata, int(argv.size()),
                                             argv.data(), lengths.data());
    if (status != REDIS_OK) {
        delete privdata;
        pending->completion.complete(
            failure(networkError(QStringLiteral("could not queue a command to %1").arg(m_peer))));
        return pending->completion;
    }
    m_pending.push_back(pending);
    if (!m_deadlineTimer.isActive())
        m_deadlineTimer.start();
    return pending->completion;
}

void RedisConnection::abort(const IntegrationError& reason)
{
    if (!m_abortReason)
        m_abortReason = reason;
    m_opened.complete(failure(reason));
    redisAsyncContext* context = std::exchange(m_context, nullptr);
    markClosed();
    // Runs onReply(NULL) for every waiting command, then the adapter's cleanup, then frees.
    if (context)
        redisAsyncFree(context);
}

IntegrationError RedisConnection::networkError(const QString& what) const
{
    IntegrationError error;
    error.kind = IntegrationError::Kind::Network;
    error.provider = ProviderId::Redis;
    error.detail = what;
    return error;
}

IntegrationError RedisConnection::lostError(const redisAsyncContext* context) const
{
    if (m_abortReason)
        return *m_abortReason;
    return networkError(QStringLiteral("connection to %1 lost: %2").arg(m_peer, hiredisError(context)));
}

void RedisConnection::markClosed()
{
    m_state = State::Closed;
    m_connectTimer.stop();
    m_deadlineTimer.stop();
}

void RedisConnection::checkDeadlines()
{
    if (m_pending.empty()) {
        m_deadlineTimer.stop();
        return;
    }
    if (Clock::now() < m_pending.front()->deadline)
        return;
    // The connection's state is unknown now (a stalled server, a dead route): drop it rather than
    // let later replies be matched to the wrong commands.
    IntegrationError error;
    error.kind = IntegrationError::Kind::Timeout;
    error.provider = ProviderId::Redis;
    error.detail = QStringLiteral("no reply from %1 within %2 ms").arg(m_peer).arg(m_commandTimeout.count());
    qCWarning(lcRedis).noquote() << "Redis:" << error.detail << "- closing the connection";
    abort(error);
}

void RedisConnection::forget(const Pending* pending)
{
    const auto it = std::find_if(m_pending.begin(), m_pending.end(),
                                 [pending](const std::shared_ptr<Pending>& p) { return p.get() == pending; });
    if (it != m_pending.end())
        m_pending.erase(it);
    if (m_pending.empty())
        m_deadlineTimer.stop();
}

void RedisConnection::onConnect(const redisAsyncContext* context, int status)
{
    auto* self = static_cast<RedisConnection*>(context->data);
    if (!self)
        return;
    self->m_connectTimer.stop();
    if (status == REDIS_OK) {
        self->m_state = State::Open;
        qCDebug(lcRedis).noquote() << "Redis: connected to" << self->m_peer;
        self->m_opened.complete(Done{});
        return;
    }
    const IntegrationError error =
        self->networkError(self->m_peer + QStringLiteral(": ") + hiredisError(context));
    self->m_context = nullptr; // hiredis frees the context when this returns
    self->markClosed();
    self->m_opened.complete(failure(error));
}

void RedisConnection::onDisconnect(const redisAsyncContext* context, int status)
{
    auto* self = static_cast<RedisConnection*>(context->data);
    if (!self)
        return;
    if (status != REDIS_OK && !self->m_abortReason)
        qCWarning(lcRedis).noquote() << "Redis: connection to" << self->m_peer
                                     << "lost:" << hiredisError(context);
    self->m_context = nullptr; // hiredis frees the context when this returns
    self->markClosed();
}

void RedisConnection::onReply(redisAsyncContext* context, void* reply, void* privdata)
{
    const std::unique_ptr<std::shared_ptr<Pending>> holder(static_cast<std::shared_ptr<Pending>*>(privdata));
    const std::shared_ptr<Pending> pending = *holder;
    auto* self = static_cast<RedisConnection*>(context->data);
    if (reply) {
        pending->completion.complete(convert(static_cast<const redisReply*>(reply)));
    } else {
        // A NULL reply means the context is being freed: the connection is gone.
        IntegrationError error;
        if (self) {
            error = self->lostError(context);
            self->m_context = nullptr;
            self->markClosed();
        } else {
            error.kind = IntegrationError::Kind::Network;
            error.provider = ProviderId::Redis;
            error.detail = QStringLiteral("connection lost: %1").arg(hiredisError(context));
        }
        pending->completion.complete(failure(error));
    }
    if (self)
        self->forget(pending.get());
}

} // namespace agency
