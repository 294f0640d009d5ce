// Postmark (shared/providers/postmark.md, contracts/specs/postmark.json): X-Postmark-Server-Token,
// GET /server as the credential check, errors as {"ErrorCode","Message"} (10 = bad or missing token).

#include "providerspec.h"
#include "routekit.h"

namespace agency::sim {

namespace {

SimResponse postmarkError(int status, int code, const QString& message)
{
    return SimResponse::json(
        status, QJsonObject{{QStringLiteral("ErrorCode"), code}, {QStringLiteral("Message"), message}});
}

SimResponse server(const SimData& data)
{
    const QString hash = data.hex(u"postmark:inbound-hash", 32);
    const qint64 id = data.range(u"postmark:server-id", 1000000, 9999999);
    return SimResponse::json(
        200,
        QJsonObject{
            {QStringLiteral("ID"), id},
            {QStringLiteral("Name"),
             QString(data.companyName(u"postmark:server") + QStringLiteral(" Replies"))},
            // The real answer lists the server's tokens; a seeded stand-in, never the one sent.
            {QStringLiteral("ApiTokens"), QJsonArray{data.uuid(u"postmark:token")}},
            {QStringLiteral("ServerLink"),
             QStringLiteral("https://account.postmarkapp.com/servers/%1/streams").arg(id)},
            {QStringLiteral("Color"),
             data.pick(u"postmark:color",
                       {QStringLiteral("blue"), QStringLiteral("green"), QStringLiteral("purple")})},
            {QStringLiteral("InboundAddress"), QString(hash + QStringLiteral("@inbound.postmarkapp.com"))},
            {QStringLiteral("InboundHash"), hash},
            {QStringLiteral("InboundDomain"), QString()},
            {QStringLiteral("InboundHookUrl"),
             QStringLiteral("https://hooks.agency.example/postmark/inbound")},
            {QStringLiteral("InboundSpamThreshold"), 5},
            {QStringLiteral("RawEmailEnabled"), false},
            {QStringLiteral("SmtpApiActivated"), true},
            {QStringLiteral("TrackOpens"), false},
            {QStringLiteral("TrackLinks"), QStringLiteral("None")},
            {QStringLiteral("BounceHookUrl"), QString()},
            {QStringLiteral("OpenHookUrl"), QString()},
            {QStringLiteral("ClickHookUrl"), QString()},
            {QStringLiteral("DeliveryHookUrl"), QString()},
            {QStringLiteral("PostFirstOpenOnly"), false},
        });
}

} // namespace

ProviderSpec postmarkSpec(const SimData& data)
{
    ProviderSpec spec;
    spec.id = ProviderId::Postmark;

    spec.authenticate = [](const SimRequest& request) {
        return secretFromHeader(request, "X-Postmark-Server-Token");
    };
    spec.rejectCredentials = [](const SimRequest& request) {
        // unverified: code 10 and the 401 are documented; the two message texts are not.
        if (request.credential == CredentialState::Missing) {
            return postmarkError(
                401, 10,
                QStringLiteral("No Account or Server API tokens were supplied in the HTTP headers. "
                               "Please add a header for either X-Postmark-Server-Token or "
                               "X-Postmark-Account-Token."));
        }
        return postmarkError(
            401, 10,
            QStringLiteral("The Server API token you provided in the X-Postmark-Server-Token request "
                           "header was invalid. Please verify that you are using a valid token."));
    };
    spec.rateLimited = [](const SimRequest&, int) {
        // unverified: no rate-limit headers or numbers are documented; ErrorCode 429 is.
        return postmarkError(429, 429, QStringLiteral("Rate limit exceeded."));
    };
    spec.serverError = [](const SimRequest&, int status) {
        if (status == 503) // ErrorCode 100: maintenance
            return postmarkError(503, 100, QStringLiteral("Postmark is in maintenance mode."));
        // unverified: the spec declares the 500 without a body; a plain-text one is the harder case.
        return SimResponse::text(status, status == 502 ? QByteArrayLiteral("Bad Gateway")
                                                       : QByteArrayLiteral("Internal Server Error"));
    };
    spec.notFound = [](const SimRequest&) {
        return postmarkError(404, 404, QStringLiteral("The requested resource was not found."));
    };

    spec.routes.add("GET", QStringLiteral("/server"), [data](const SimRequest&) { return server(data); });
    return spec;
}

} // namespace agency::sim
