#pragma once
// Endpoint: everything the core needs to know about one provider for one client — where it is,
// how it authenticates, how it retries, and how to read its error bodies and rate-limit headers.

#include "integrations/http/httprequest.h"
#include "integrations/http/requestpacer.h"
#include "model/integrationerror.h"
#include "model/providerid.h"

#include <QUrl>

#include <chrono>
#include <functional>

namespace agency {

struct RetryPolicy
{
    int maxAttempts = 3;
    std::chrono::milliseconds initialBackoff{2'000};
    std::chrono::milliseconds maxBackoff{10'000};
    double jitter = 0.2; ///< each wait is multiplied by a random factor in [1 - jitter, 1 + jitter]
    /// Longest Retry-After (or reset header) the core waits out; a longer one is returned to the caller.
    std::chrono::milliseconds maxRetryAfter{60'000};
    /// Tests shrink every wait with this factor; the computed (unscaled) waits are still reported.
    double timeScale = 1.0;
};

/// What a provider's error body says, parsed by its client.
struct ProviderErrorInfo
{
    QString message;
    QString code;
    /// Set when the provider's body says more than the status does (DataForSEO 200 + status_code 40xxx).
    std::optional<IntegrationError::Kind> kind;
};

struct Endpoint
{
    ProviderId provider = ProviderId::Apollo;
    QUrl baseUrl;
    Auth auth;
    HeaderList defaultHeaders; ///< sent with every request (anthropic-version, User-Agent…)
    RetryPolicy retry;
    /// Parses the provider's error body; the core falls back to the status when it returns nothing.
    std::function<ProviderErrorInfo(int status, const QByteArray& body)> parseError;
    /// Reads the provider's own reset headers when there is no Retry-After (x-ratelimit-reset…).
    std::function<std::optional<std::chrono::milliseconds>(const HttpResponse&)> readRetryAfter;
    /// Reads the account's own request allowance from a response (Apollo's x-rate-limit-minute), so a
    /// paced provider is paced to the plan it is on rather than the lowest plan's documented rate.
    std::function<std::optional<PacingConfig>(const HttpResponse&)> pacingFromHeaders;
    /// Response headers that carry the provider's request id, in order of preference.
    QByteArrayList requestIdHeaders = {"request-id", "x-request-id", "x-amzn-requestid", "twilio-request-id",
                                       "cf-ray"};
};

} // namespace agency
