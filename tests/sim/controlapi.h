#pragma once
// ControlApi: the simulator's own HTTP API under /__sim/, so out-of-process tests and demos can do
// what in-process tests do through ProviderSimulator's methods.
//
//   GET  /__sim/requests[?provider=ID]   the request log (redacted), as a JSON array
//   GET  /__sim/providers                {"apollo": "http://127.0.0.1:P/apollo/api/v1", …}
//   POST /__sim/faults
//   {"provider":"apollo","path":"/people","faults":[{"kind":"rate_limited","retry_after":1},
//                                                                            {"kind":"slow_body","slow_ms":300}]}
//   POST /__sim/latency     {"provider":"apollo","ms":50}
//   POST /__sim/ratelimit   {"provider":"apollo","per_second":2,"burst":5}
//                           {"provider":"apollo","per_minute":400[,"window_seconds":60]}  (fixed window)
//   POST /__sim/reset

#include "simhttp.h"
#include "simtypes.h"

#include <QJsonObject>

namespace agency::sim {

class ProviderSimulator;

class ControlApi
{
public:
    explicit ControlApi(ProviderSimulator& simulator)
        : m_simulator(simulator)
    {}

    /// `path` is below /__sim, e.g. "/faults".
    SimResponse handle(const QByteArray& method, const QString& path, const QUrlQuery& query,
                       const QByteArray& body);

    static QJsonObject toJson(const RecordedRequest& request);

private:
    SimResponse requests(const QUrlQuery& query) const;
    SimResponse providers() const;
    SimResponse faults(const QJsonObject& body);
    SimResponse latency(const QJsonObject& body);
    SimResponse rateLimit(const QJsonObject& body);

    ProviderSimulator& m_simulator;
};

} // namespace agency::sim
