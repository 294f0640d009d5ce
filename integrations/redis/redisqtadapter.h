#pragma once
// RedisQtAdapter: drives one hiredis async context from the Qt event loop. hiredis asks for read
// and write readiness through its ev hooks; two QSocketNotifiers answer. (Debian's adapters/qt.h
// is written for Qt 5's activated(int) and string-based connects.)

#include <QObject>

struct redisAsyncContext;
class QSocketNotifier;

namespace agency {

class RedisQtAdapter : public QObject
{
    Q_OBJECT
public:
    explicit RedisQtAdapter(QObject* parent = nullptr);
    ~RedisQtAdapter() override;

    /// Installs the ev hooks on a freshly connected context (one context per adapter). hiredis's
    /// cleanup hook detaches the adapter again before it frees the context.
    void attach(redisAsyncContext* context);

private:
    static void addRead(void* self);
    static void delRead(void* self);
    static void addWrite(void* self);
    static void delWrite(void* self);
    static void cleanup(void* self);

    void handleRead();
    void handleWrite();
    void setEnabled(QSocketNotifier* notifier, bool enabled);

    redisAsyncContext* m_context = nullptr;
    QSocketNotifier* m_read = nullptr;
    QSocketNotifier* m_write = nullptr;
};

} // namespace agency
