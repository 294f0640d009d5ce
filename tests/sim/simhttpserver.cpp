#include "simhttpserver.h"

#include "responsewriter.h"

#include <QHostAddress>
#include <QTcpSocket>

namespace agency::sim {

SimHttpServer::SimHttpServer(Handler handler, QObject* parent)
    : QAbstractHttpServer(parent)
    , m_handler(std::move(handler))
{}

bool SimHttpServer::listenLoopback(quint16 port)
{
    m_port = listen(QHostAddress(QHostAddress::LocalHost), port);
    return m_port != 0;
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
