#pragma once
// Public value types of the provider simulator: what a test schedules (faults) and what it reads back
// (the request log).

#include "model/providerid.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace agency::sim {

/// The ways the simulator can misbehave on purpose, one per request.
enum class FaultKind
{
    RateLimited,      ///< the provider's own 429, with its rate-limit headers and Retry-After
    ServerError500,   ///< 500 with the provider's error body
    BadGateway502,    ///< 502 with the provider's error body
    Unavailable503,   ///< 503 with the provider's error body
    ResetMidResponse, ///< status line, headers and part of the body, then a TCP reset
    TruncatedBody,    ///< Content-Length larger than the body sent, then the connection closes
    MalformedBody,    ///< 200 with a body that is not valid JSON
    SlowBody,         ///< headers at once, then the body dribbled over more than slowMs
};

struct Fault
{
    FaultKind kind = FaultKind::ServerError500;
    int retryAfterSeconds = 1; ///< RateLimited only
    int slowMs = 0;            ///< SlowBody only
};

/// "rate_limited", "server_error_500", … — the names the control API accepts.
QString faultKindName(FaultKind kind);
std::optional<FaultKind> faultKindFromName(QStringView name);

/// One request as the simulator saw it. Credentials are masked before the entry is stored:
/// no secret ever reaches the log, its signal or the control API.
struct RecordedRequest
{
    ProviderId provider = ProviderId::Apollo;
    QByteArray method;                            ///< "GET", "POST", …
    QString path;                                 ///< the provider's own path: "/api/v1/users/api_profile"
    QString query;                                ///< without the '?', credential parameters masked
    QList<QPair<QByteArray, QByteArray>> headers; ///< as received, credential values masked
    QByteArray body;                              ///< redacted
    int status = 0;                               ///< the status line sent (also for reset/truncated answers)
    std::optional<FaultKind> fault;               ///< the scheduled fault applied to this request, if any
    QDateTime at;                                 ///< when it arrived (UTC)
};

} // namespace agency::sim
