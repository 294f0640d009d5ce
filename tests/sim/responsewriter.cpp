#include "responsewriter.h"

#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>

#include <sys/socket.h>

namespace agency::sim {

namespace {

// How long a reset waits after the partial write, so the client has read the headers before the
// RST arrives (an RST can discard data the client has not read yet).
constexpr int kResetDelayMs = 20;
constexpr int kSlowChunks = 8;

void finish(QTcpSocket* socket, bool keepAlive)
{
    if (!keepAlive)
        socket->disconnectFromHost();
}

// Sends a body in pieces on a timer. A child of the socket: when the client disconnects, the
// socket is deleted and the dribbler with it, so it never writes to a dead socket.
class BodyDribbler : public QObject
{
public:
    BodyDribbler(QTcpSocket* socket, QByteArray body, int slowMs, bool keepAlive)
        : QObject(socket)
        , m_socket(socket)
        , m_body(std::move(body))
        , m_keepAlive(keepAlive)
    {
        const int chunks = static_cast<int>(std::clamp<qsizetype>(m_body.size(), 1, kSlowChunks));
        m_chunkSize = std::max<qsizetype>(1, (m_body.size() + chunks - 1) / chunks);
        // One interval before every chunk, the first included, so the body ends after > slowMs.
        m_timer.setInterval(slowMs / chunks + 1);
        m_timer.setTimerType(Qt::PreciseTimer); // a coarse timer may fire early and end under slowMs
        connect(&m_timer, &QTimer::timeout, this, &BodyDribbler::sendNext);
        m_timer.start();
    }

private:
    void sendNext()
    {
        if (!m_socket || m_socket->state() != QAbstractSocket::ConnectedState) {
            deleteLater();
            return;
        }
        m_socket->write(m_body.mid(m_sent, m_chunkSize));
        m_sent += m_chunkSize;
        if (m_sent >= m_body.size()) {
            m_timer.stop();
            finish(m_socket, m_keepAlive);
            deleteLater();
        }
    }

    QPointer<QTcpSocket> m_socket;
    QByteArray m_body;
    bool m_keepAlive;
    qsizetype m_chunkSize = 1;
    qsizetype m_sent = 0;
    QTimer m_timer;
};

void resetConnection(QTcpSocket* socket)
{
    // SO_LINGER with a zero timeout makes close() send RST instead of FIN: a real reset, as a
    // crashed proxy or a dropped NAT entry produces.
    const qintptr descriptor = socket->socketDescriptor();
    if (descriptor >= 0) {
        const linger option{1, 0};
        ::setsockopt(static_cast<int>(descriptor), SOL_SOCKET, SO_LINGER, &option, sizeof option);
    }
    socket->abort();
}

} // namespace

void ResponseWriter::write(QTcpSocket* socket, const SimResponse& response, const WriteOptions& options)
{
    if (options.delayMs <= 0) {
        writeNow(socket, response, options);
        return;
    }
    QPointer<QTcpSocket> guarded(socket);
    // The socket is the context object: if it is destroyed first, the timer never fires.
    QTimer::singleShot(options.delayMs, socket, [guarded, response, options] {
        if (guarded && guarded->state() == QAbstractSocket::ConnectedState)
            writeNow(guarded, response, options);
    });
}

void ResponseWriter::writeNow(QTcpSocket* socket, const SimResponse& response, const WriteOptions& options)
{
    const QByteArray body = options.headOnly ? QByteArray() : response.body;
    const qint64 length = response.body.size();

    switch (options.mode) {
    case WriteOptions::Mode::Normal:
        socket->write(head(response, length, options.keepAlive) + body);
        finish(socket, options.keepAlive);
        return;
    case WriteOptions::Mode::ResetMidResponse: {
        socket->write(head(response, length, options.keepAlive) + body.left(body.size() / 2));
        socket->flush();
        QPointer<QTcpSocket> guarded(socket);
        QTimer::singleShot(kResetDelayMs, socket, [guarded] {
            if (guarded)
                resetConnection(guarded);
        });
        return;
    }
    case WriteOptions::Mode::Truncated:
        // Promise the whole body (at least one byte more than is sent), send half, close cleanly.
        socket->write(head(response, std::max<qint64>(length, 1), false) + body.left(body.size() / 2));
        socket->disconnectFromHost();
        return;
    case WriteOptions::Mode::Slow:
        socket->write(head(response, length, options.keepAlive));
        socket->flush();
        if (body.isEmpty()) {
            finish(socket, options.keepAlive);
            return;
        }
        new BodyDribbler(socket, body, options.slowMs, options.keepAlive);
        return;
    }
}

QByteArray ResponseWriter::head(const SimResponse& response, qint64 contentLength, bool keepAlive)
{
    QByteArray out =
        "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
    for (const auto& [name, value] : response.headers) {
        // The writer owns framing: these two are always its own.
        if (name.compare("Content-Length", Qt::CaseInsensitive) == 0 ||
            name.compare("Connection", Qt::CaseInsensitive) == 0)
            continue;
        out += name + ": " + value + "\r\n";
    }
    out += "Content-Length: " + QByteArray::number(contentLength) + "\r\n";
    out += keepAlive ? QByteArrayLiteral("Connection: keep-alive\r\n")
                     : QByteArrayLiteral("Connection: close\r\n");
    out += "\r\n";
    return out;
}

QByteArray ResponseWriter::reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return QByteArrayLiteral("OK");
    case 201:
        return QByteArrayLiteral("Created");
    case 202:
        return QByteArrayLiteral("Accepted");
    case 204:
        return QByteArrayLiteral("No Content");
    case 206:
        return QByteArrayLiteral("Partial Content");
    case 400:
        return QByteArrayLiteral("Bad Request");
    case 401:
        return QByteArrayLiteral("Unauthorized");
    case 402:
        return QByteArrayLiteral("Payment Required");
    case 403:
        return QByteArrayLiteral("Forbidden");
    case 404:
        return QByteArrayLiteral("Not Found");
    case 405:
        return QByteArrayLiteral("Method Not Allowed");
    case 406:
        return QByteArrayLiteral("Not Acceptable");
    case 409:
        return QByteArrayLiteral("Conflict");
    case 415:
        return QByteArrayLiteral("Unsupported Media Type");
    case 422:
        return QByteArrayLiteral("Unprocessable Entity");
    case 429:
        return QByteArrayLiteral("Too Many Requests");
    case 500:
        return QByteArrayLiteral("Internal Server Error");
    case 502:
        return QByteArrayLiteral("Bad Gateway");
    case 503:
        return QByteArrayLiteral("Service Unavailable");
    case 504:
        return QByteArrayLiteral("Gateway Timeout");
    case 529:
        return QByteArrayLiteral("Site Overloaded");
    default:
        return QByteArrayLiteral("Status");
    }
}

} // namespace agency::sim
