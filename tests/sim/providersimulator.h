#pragma once
// ProviderSimulator: fakes the sixteen HTTP providers on one loopback port, faithful to
// shared/providers/*.md (paths, auth checks, the providers' own error bodies and rate-limit headers),
// with deterministic seeded data, fault injection and a redacted request log.
//
//   ProviderSimulator sim(/*seed*/ 7);
//   sim.listen();
//   client.setBaseUrl(sim.baseUrl(ProviderId::Apollo));   // http://127.0.0.1:P/apollo/api/v1
//   sim.scheduleFaults(ProviderId::Apollo, u"/people"_s, {{FaultKind::RateLimited, 2}});
//
// Every secret credential value "sim-valid" is accepted; anything else gets the provider's own
// rejection. "sim-ratelimited" always gets the provider's 429; "sim-limited" is valid but limited
// where the provider has such a notion (a Resend send-only key, a Deepgram member key, …).

#include "simtypes.h"

#include "model/providerid.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

#include <chrono>
#include <memory>
#include <optional>

class QHttpServerRequest;
class QTcpSocket;

namespace agency::sim {

class ProviderSimulator : public QObject
{
    Q_OBJECT

public:
    explicit ProviderSimulator(quint64 seed = 1, QObject* parent = nullptr);
    ~ProviderSimulator() override;

    /// Every provider the simulator fakes: all but Redis, which tests run against a real server.
    static QList<ProviderId> simulatedProviders();
    static bool isSimulated(ProviderId provider);
    /// The provider's real base path, taken from the catalogue: "/api/v1" for Apollo, "" for Twilio.
    static QString basePath(ProviderId provider);

    /// Listens on 127.0.0.1 (never another interface); port 0 picks a free one — or, after stop(),
    /// the port it had.
    bool listen(quint16 port = 0);
    /// A network cut: the port refuses connections and every open connection is cut (a request in
    /// flight gets no answer, though the provider may have acted on it). What the providers remember,
    /// the request log and every setting stay, so listen() brings the same providers back.
    void stop();
    bool isListening() const;
    /// The port it listens on (after stop(), the port it listened on).
    quint16 port() const;
    quint64 seed() const;

    /// http://127.0.0.1:<port>/<provider-id><real base path>; a client appends its real paths.
    /// Empty for a provider that is not simulated.
    QUrl baseUrl(ProviderId provider) const;
    /// http://127.0.0.1:<port>/__sim — the control API for out-of-process tests and demos.
    QUrl controlUrl() const;

    /// Delay before every answer of this provider (0 removes it).
    void setLatency(ProviderId provider, std::chrono::milliseconds latency);
    /// Applies `faults`, in order, one per request, to the next requests to `provider` whose path
    /// (the provider's own, e.g. "/api/v1/people/match") contains `pathContains`.
    void scheduleFaults(ProviderId provider, const QString& pathContains, QList<Fault> faults);
    /// Enforces a token bucket: past it, the provider's own 429 with Retry-After. rps ≤ 0 removes it.
    void setRateLimit(ProviderId provider, int requestsPerSecond, int burst);
    /// A fixed-window limit (as Apollo counts): at most `limit` requests in each window.
    void setWindowRateLimit(ProviderId provider, int limit, std::chrono::milliseconds window);

    QList<RecordedRequest> requestLog(std::optional<ProviderId> provider = std::nullopt) const;
    void clearLog();
    /// Clears faults, latencies, rate limits, the log, the request counters and what providers
    /// remember (Resend's idempotency keys, Twilio's created messages).
    void reset();

Q_SIGNALS:
    void requestHandled(const agency::sim::RecordedRequest& request);

private:
    void dispatch(const QHttpServerRequest& request, QTcpSocket* socket);

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace agency::sim
