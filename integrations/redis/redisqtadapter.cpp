#include "redisqtadapter.h"

#include <QSocketNotifier>

#include <csignal>
#include <pthread.h>

#include <hiredis/async.h>

namespace agency {

namespace {

// hiredis 0.14 writes with write(2): on a socket the peer has reset, that raises SIGPIPE, whose
// default action kills the process. Blocks SIGPIPE on this thread for the duration of one write
// and swallows a SIGPIPE that write raised (libpq does the same), leaving the process's
// signal dispositions alone.
class SigpipeBlocker
{
public:
    SigpipeBlocker()
    {
        sigset_t pipe;
        sigemptyset(&pipe);
        sigaddset(&pipe, SIGPIPE);
        pthread_sigmask(SIG_BLOCK, &pipe, &m_previous);
        m_wasPending = sigismember(&m_previous, SIGPIPE) && isPending();
    }
    ~SigpipeBlocker()
    {
        if (!m_wasPending && isPending()) {
            sigset_t pipe;
            sigemptyset(&pipe);
            sigaddset(&pipe, SIGPIPE);
            const timespec zero{0, 0};
            sigtimedwait(&pipe, nullptr, &zero);
        }
        pthread_sigmask(SIG_SETMASK, &m_previous, nullptr);
    }
    SigpipeBlocker(const SigpipeBlocker&) = delete;
    SigpipeBlocker& operator=(const SigpipeBlocker&) = delete;

private:
    static bool isPending()
    {
        sigset_t pending;
        sigemptyset(&pending);
        return sigpending(&pending) == 0 && sigismember(&pending, SIGPIPE);
    }

    sigset_t m_previous;
    bool m_wasPending = false;
};

} // namespace

RedisQtAdapter::RedisQtAdapter(QObject* parent)
    : QObject(parent)
{}

RedisQtAdapter::~RedisQtAdapter()
{
    // Normally hiredis's cleanup hook has run already; if not, the context must not call us again.
    if (m_context) {
        m_context->ev = {};
        m_context = nullptr;
    }
}

void RedisQtAdapter::attach(redisAsyncContext* context)
{
    Q_ASSERT(!m_context && !m_read && context && context->c.fd >= 0);
    m_context = context;
    // Created once and toggled: hiredis adds and removes write interest around every command.
    m_read = new QSocketNotifier(context->c.fd, QSocketNotifier::Read, this);
    m_write = new QSocketNotifier(context->c.fd, QSocketNotifier::Write, this);
    m_read->setEnabled(false);
    m_write->setEnabled(false);
    connect(m_read, &QSocketNotifier::activated, this, &RedisQtAdapter::handleRead);
    connect(m_write, &QSocketNotifier::activated, this, &RedisQtAdapter::handleWrite);
    context->ev.data = this;
    context->ev.addRead = &RedisQtAdapter::addRead;
    context->ev.delRead = &RedisQtAdapter::delRead;
    context->ev.addWrite = &RedisQtAdapter::addWrite;
    context->ev.delWrite = &RedisQtAdapter::delWrite;
    context->ev.cleanup = &RedisQtAdapter::cleanup;
}

void RedisQtAdapter::setEnabled(QSocketNotifier* notifier, bool enabled)
{
    if (notifier && m_context && notifier->isEnabled() != enabled)
        notifier->setEnabled(enabled);
}

void RedisQtAdapter::addRead(void* self)
{
    auto* adapter = static_cast<RedisQtAdapter*>(self);
    adapter->setEnabled(adapter->m_read, true);
}

void RedisQtAdapter::delRead(void* self)
{
    auto* adapter = static_cast<RedisQtAdapter*>(self);
    adapter->setEnabled(adapter->m_read, false);
}

void RedisQtAdapter::addWrite(void* self)
{
    auto* adapter = static_cast<RedisQtAdapter*>(self);
    adapter->setEnabled(adapter->m_write, true);
}

void RedisQtAdapter::delWrite(void* self)
{
    auto* adapter = static_cast<RedisQtAdapter*>(self);
    adapter->setEnabled(adapter->m_write, false);
}

void RedisQtAdapter::cleanup(void* self)
{
    // Called by hiredis just before it frees the context (and closes the socket).
    auto* adapter = static_cast<RedisQtAdapter*>(self);
    adapter->m_read->setEnabled(false);
    adapter->m_write->setEnabled(false);
    adapter->m_context = nullptr;
}

void RedisQtAdapter::handleRead()
{
    // The context may have been freed earlier in this event-loop pass.
    if (m_context)
        redisAsyncHandleRead(m_context);
}

void RedisQtAdapter::handleWrite()
{
    if (m_context) {
        const SigpipeBlocker blocker;
        redisAsyncHandleWrite(m_context);
    }
}

} // namespace agency
