#pragma once
// SimHttpServer: a QAbstractHttpServer that hands every parsed request, with its raw socket, to one
// callback. The raw socket is the point: faults need to write broken responses, which
// QHttpServerResponder cannot.

#include <QAbstractHttpServer>

#include <functional>

class QHttpServerRequest;
class QTcpSocket;

namespace agency::sim {

class SimHttpServer : public QAbstractHttpServer
{
    Q_OBJECT

public:
    using Handler = std::function<void(const QHttpServerRequest&, QTcpSocket*)>;

    explicit SimHttpServer(Handler handler, QObject* parent = nullptr);

    /// Listens on 127.0.0.1 only: the simulator must never be reachable from another machine. After
    /// stopListening() it listens again with the same server (`port` 0: the port it had).
    bool listenLoopback(quint16 port);
    /// Closes the port (new connections are refused) and cuts every open connection, as a network
    /// cut would. port() keeps the port it had.
    void stopListening();
    bool isListening() const;
    quint16 port() const { return m_port; }

protected:
    bool handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) override;
    void missingHandler(const QHttpServerRequest& request, QTcpSocket* socket) override;

private:
    Handler m_handler;
    quint16 m_port = 0;
};

} // namespace agency::sim
