// HeyReach public API (shared/providers/heyreach.md): X-API-KEY header, GET /auth/CheckApiKey as the
// credential check (200 with an empty body), errors as {"errorMessage": "..."}, 300 requests a minute.

#include "providerspec.h"
#include "routekit.h"

namespace agency::sim {

namespace {

SimResponse heyReachError(int status, const QString& message)
{
    // unverified: heyreach.md calls {"errorMessage"} the shape actually observed; an
    // {"error":{"code","message"}} variant in the docs transcription is unverified.
    return SimResponse::json(status, QJsonObject{{QStringLiteral("errorMessage"), message}});
}

} // namespace

ProviderSpec heyReachSpec(const SimData&)
{
    ProviderSpec spec;
    spec.id = ProviderId::HeyReach;

    spec.authenticate = [](const SimRequest& request) {
        return secretFromHeader(request, "X-API-KEY");
    };
    spec.rejectCredentials = [](const SimRequest& request) {
        // unverified: 401 is documented (403 also possible); the texts are not.
        if (request.credential == CredentialState::Missing)
            return heyReachError(401,
                                 QStringLiteral("No API key was provided. Send it in the X-API-KEY header."));
        return heyReachError(401, QStringLiteral("The API key is invalid or has been deactivated."));
    };
    spec.rateLimited = [](const SimRequest&, int) {
        // unverified: heyreach.md documents no rate-limit headers; Retry-After is added by the simulator.
        return heyReachError(429, QStringLiteral("Rate limit exceeded: 300 requests per minute."));
    };
    spec.serverError = [](const SimRequest&, int status) {
        return heyReachError(status,
                             QStringLiteral("An internal error occurred while processing your request."));
    };
    spec.notFound = [](const SimRequest&) {
        return heyReachError(404, QStringLiteral("Not found."));
    };

    // "200 (empty or minimal body)": the simulator sends an empty one.
    spec.routes.add("GET", QStringLiteral("/auth/CheckApiKey"),
                    [](const SimRequest&) { return SimResponse::empty(200); });
    return spec;
}

} // namespace agency::sim
