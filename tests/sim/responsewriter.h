#pragma once
// ResponseWriter: puts an HTTP/1.1 response on a socket — normally, or in one of the broken ways the
// fault layer asks for (reset, truncated, dribbled). The only class that touches the socket.

#include "simhttp.h"

#include <QByteArray>

class QTcpSocket;

namespace agency::sim {

struct WriteOptions
{
    enum class Mode
    {
        Normal,
        ResetMidResponse, ///< headers and half the body, then a TCP reset
        Truncated,        ///< Content-Length promises more than is sent, then a clean close
        Slow,             ///< headers at once, the body in pieces spread over more than slowMs
    };

    Mode mode = Mode::Normal;
    int slowMs = 0;
    bool headOnly = false; ///< a HEAD request: headers (with the body's length) but no body
    bool keepAlive = true; ///< false when the client sent "Connection: close"
    int delayMs = 0;       ///< latency before the first byte
};

class ResponseWriter
{
public:
    /// Writes `response` now, or after options.delayMs. A socket that goes away in between is
    /// simply skipped (the client gave up).
    static void write(QTcpSocket* socket, const SimResponse& response, const WriteOptions& options);

    /// "HTTP/1.1 200 OK\r\nheaders…\r\n\r\n" with the given Content-Length.
    static QByteArray head(const SimResponse& response, qint64 contentLength, bool keepAlive);
    static QByteArray reasonPhrase(int status);

private:
    static void writeNow(QTcpSocket* socket, const SimResponse& response, const WriteOptions& options);
};

} // namespace agency::sim
