#include "simhttpserver.h"

#include "responsewriter.h"

#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>

namespace agency::sim {

SimHttpServer::SimHttpServer(Handler handler, QObject* parent)
    : QAbstractHttpServer(parent)
    , m_handler(std::move(handler))
{}

bool SimHttpServer::listenLoopback(quint16 port)
{
    const QList<QTcpServer*> bound = servers();
    if (bound.isEmpty()) {
        m_port = listen(QHostAddress(QHostAddress::LocalHost), port);
        return m_port != 0;
    }
    // Stopped before: the same QTcpServer listens again, still connected to this server's handler
    // (QTcpServer sets SO_REUSEADDR, so the port is free at once despite TIME_WAIT).
    QTcpServer* server = bound.first();
    if (server->isListening())
        return port == 0 || port == m_port;
    if (!server->listen(QHostAddress(QHostAddress::LocalHost), port == 0 ? m_port : port))
        return false;
    m_port = server->serverPort();
    return true;
}

void SimHttpServer::stopListening()
{
    for (QTcpServer* server : servers())
        server->close();
    // The accepted connections are the servers' children: abort them, so a client's keep-alive
    // connection breaks too instead of being served by a server that is "down".
    for (QTcpSocket* socket : findChildren<QTcpSocket*>())
        socket->abort();
}

bool SimHttpServer::isListening() const
{
    const QList<QTcpServer*> bound = servers();
    return !bound.isEmpty() && bound.first()->isListening();
}

bool SimHttpServer::handleRequest(const QHttpServerRequest& request, QTcpSocket* socket)
{
    m_handler(request, socket);
    return true;
}

void SimHttpServer::missingHandler(const QHttpServerRequest&, QTcpSocket* socket)
{
    // Not reached (handleRequest takes everything), but an answer is better than a hung client.
    ResponseWriter::write(socket, SimResponse::text(404, QByteArrayLiteral("Not Found")), {});
}

} // namespace agency::sim
