// Clay Public API v0 (shared/providers/clay.md, contracts/specs/clay.json): clay-api-key header,
// GET /me as the credential check, errors as {"message": "..."}.

#include "providerspec.h"
#include "routekit.h"

namespace agency::sim {

namespace {

SimResponse clayError(int status, const QString& message)
{
    return SimResponse::json(status, QJsonObject{{QStringLiteral("message"), message}});
}

SimResponse me(const SimData& data)
{
    return SimResponse::json(
        200,
        QJsonObject{
            {QStringLiteral("user"),
             QJsonObject{{QStringLiteral("id"), QString::number(data.range(u"clay:user", 100000, 999999))},
                         {QStringLiteral("name"),
                          QString(data.firstName(u"clay:user") + u' ' + data.lastName(u"clay:user"))},
                         {QStringLiteral("cli_onboarded"), false}}},
            {QStringLiteral("workspace"),
             QJsonObject{
                 {QStringLiteral("id"), QString::number(data.range(u"clay:workspace", 10000, 99999))}}}});
}

} // namespace

ProviderSpec claySpec(const SimData& data)
{
    ProviderSpec spec;
    spec.id = ProviderId::Clay;

    spec.authenticate = [](const SimRequest& request) {
        return secretFromHeader(request, "clay-api-key");
    };
    spec.rejectCredentials = [](const SimRequest& request) {
        // unverified: the spec gives the {"message"} shape but no texts.
        if (request.credential == CredentialState::Missing)
            return clayError(401, QStringLiteral("Missing API key. Send it in the clay-api-key header."));
        return clayError(401, QStringLiteral("Invalid API key."));
    };
    spec.rateLimited = [](const SimRequest& request, int retryAfterSeconds) {
        // unverified: Retry-After and X-RateLimit-* come from a third-party reading of the rate-limit page.
        SimResponse response = clayError(429, QStringLiteral("Too many requests. Please retry later."));
        response.withHeader("Retry-After", QByteArray::number(retryAfterSeconds))
            .withHeader("X-RateLimit-Limit", QByteArray::number(request.rate ? request.rate->limit : 60))
            .withHeader("X-RateLimit-Remaining", "0")
            .withHeader("X-RateLimit-Reset", QByteArray::number(retryAfterSeconds));
        return response;
    };
    spec.serverError = [](const SimRequest&, int status) {
        return clayError(status, QStringLiteral("Internal server error."));
    };
    spec.notFound = [](const SimRequest&) {
        return clayError(404, QStringLiteral("Not found."));
    };

    spec.routes.add("GET", QStringLiteral("/me"), [data](const SimRequest&) { return me(data); });
    return spec;
}

} // namespace agency::sim
