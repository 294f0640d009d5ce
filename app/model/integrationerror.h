#pragma once
// IntegrationError: the one error type of every provider call — what kind of failure, which
// provider, the HTTP status and request id, the provider's own message, and a sentence for a dialog.

#include "model/providerid.h"

#include <QString>

#include <chrono>
#include <optional>

namespace agency {

struct IntegrationError
{
    enum class Kind
    {
        Network,        ///< could not connect, connection reset, TLS failure
        Timeout,        ///< no complete answer within the request's timeout
        Auth,           ///< 401/403: the credential was refused
        RateLimited,    ///< 429 (or the provider's equivalent); see retryAfter
        InvalidRequest, ///< 4xx: the provider refused the request; see providerMessage
        Server,         ///< 5xx / 529: the provider failed
        Decode,         ///< the answer could not be read (malformed or unexpected JSON)
        BudgetExceeded, ///< refused before sending: a spend limit would be crossed
        Cancelled,      ///< the user or the caller cancelled
        Configuration,  ///< refused before sending: plain HTTP to a remote host, missing credential…
    };

    Kind kind = Kind::Network;
    ProviderId provider = ProviderId::Apollo;
    int httpStatus = 0;      ///< 0 when no HTTP answer arrived
    QString requestId;       ///< the provider's request id, for support
    QString providerMessage; ///< the provider's own words, from its error body
    QString providerCode;    ///< the provider's error code or type ("rate_limit_error", "20003")
    std::optional<std::chrono::milliseconds> retryAfter;
    QString detail; ///< extra context (a network error string, a parse error); never a secret

    /// A sentence fit for a dialog: "Apollo: insufficient credits." — names the provider, says what
    /// happened in the provider's words where it gave any, and what to do where that is clear.
    QString message() const;
    /// True for failures a later attempt may not repeat (network, timeout, 429, 5xx).
    bool isTransient() const;
};

QString integrationErrorKindName(IntegrationError::Kind kind); ///< "rate-limited", for JSON and logs

} // namespace agency
