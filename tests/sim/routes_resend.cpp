// Resend (shared/providers/resend.md, contracts/specs/resend.yaml): Bearer re_… keys, GET /domains as
// the credential check, errors as {"statusCode","name","message"}, IETF ratelimit-* headers.
// A send-only key ("sim-limited") is valid but gets 401 restricted_api_key on /domains.

#include "providerspec.h"
#include "routekit.h"

namespace agency::sim {

namespace {

// Default team limit: 2 requests per second.
constexpr int kRequestsPerSecond = 2;

SimResponse resendError(int status, const QString& name, const QString& message)
{
    return SimResponse::json(status, QJsonObject{{QStringLiteral("statusCode"), status},
                                                 {QStringLiteral("name"), name},
                                                 {QStringLiteral("message"), message}});
}

SimResponse domains(const SimData& data, const SimRequest& request)
{
    if (request.limited()) {
        return resendError(401, QStringLiteral("restricted_api_key"),
                           QStringLiteral("This API key is restricted to only send emails."));
    }
    static const QStringList statuses = {QStringLiteral("verified"), QStringLiteral("verified"),
                                         QStringLiteral("pending"), QStringLiteral("not_started")};
    const int total = static_cast<int>(data.range(u"resend:domains", 2, 4));
    const int limit = limitParameter(request, QStringLiteral("limit"), 20, 100);
    QJsonArray items;
    for (int i = 0; i < std::min(total, limit); ++i) {
        const QString salt = QStringLiteral("resend:domain:%1").arg(i);
        const QString status = i == 0 ? QStringLiteral("verified") : data.pick(salt, statuses);
        items.append(QJsonObject{
            {QStringLiteral("id"), data.uuid(salt)},
            {QStringLiteral("name"),
             QStringLiteral("mail%1.%2.example").arg(i + 1).arg(data.lastName(salt).toLower())},
            {QStringLiteral("status"), status},
            {QStringLiteral("created_at"),
             QString(data.dateTime(salt).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")) +
                     QStringLiteral("412+00"))},
            {QStringLiteral("region"), QStringLiteral("ap-northeast-1")},
            {QStringLiteral("open_tracking"), false},
            {QStringLiteral("click_tracking"), false},
            {QStringLiteral("capabilities"),
             QJsonObject{{QStringLiteral("sending"), QStringLiteral("enabled")},
                         {QStringLiteral("receiving"), QStringLiteral("disabled")}}},
        });
    }
    return SimResponse::json(200, QJsonObject{{QStringLiteral("object"), QStringLiteral("list")},
                                              {QStringLiteral("has_more"), total > limit},
                                              {QStringLiteral("data"), items}});
}

void addRateHeaders(SimResponse& response, const SimRequest& request, bool exhausted)
{
    const int limit = request.rate ? request.rate->limit : kRequestsPerSecond;
    const int remaining = exhausted ? 0 : (request.rate ? request.rate->remaining : kRequestsPerSecond - 1);
    response.setHeader("ratelimit-limit", QByteArray::number(limit))
        .setHeader("ratelimit-remaining", QByteArray::number(remaining))
        .setHeader("ratelimit-reset",
                   QByteArray::number(request.rate ? std::max(1, request.rate->resetSeconds) : 1));
}

} // namespace

ProviderSpec resendSpec(const SimData& data)
{
    ProviderSpec spec;
    spec.id = ProviderId::Resend;

    spec.authenticate = [](const SimRequest& request) {
        if (!request.hasHeader("Authorization"))
            return AuthOutcome{};
        AuthOutcome outcome = outcomeFor(authorizationToken(request, "Bearer").value_or(QString()));
        if (outcome.state == CredentialState::Missing) // a header without a Bearer token is a bad key
            outcome.state = CredentialState::Invalid;
        return outcome;
    };
    spec.rejectCredentials = [](const SimRequest& request) {
        if (request.credential == CredentialState::Missing) {
            return resendError(
                401, QStringLiteral("missing_api_key"),
                QStringLiteral("Missing API key in the authorization header. Include the following "
                               "header in the request: Authorization: Bearer YOUR_API_KEY"));
        }
        // Newer docs: a bad key on a non-sending endpoint answers 400 validation_error (sending
        // endpoints 401); older docs said 403 invalid_api_key. /domains is the only route here.
        return resendError(400, QStringLiteral("validation_error"), QStringLiteral("API key is invalid"));
    };
    spec.rateLimited = [](const SimRequest& request, int retryAfterSeconds) {
        SimResponse response = resendError(
            429, QStringLiteral("rate_limit_exceeded"),
            QStringLiteral(
                "Too many requests. You can only make %1 requests per second. See rate limit response "
                "headers for more information.")
                .arg(request.rate ? request.rate->limit : kRequestsPerSecond));
        addRateHeaders(response, request, true);
        response.setHeader("retry-after", QByteArray::number(retryAfterSeconds));
        return response;
    };
    spec.serverError = [](const SimRequest&, int status) {
        return resendError(status, QStringLiteral("api_error"),
                           QStringLiteral("An unexpected error occurred."));
    };
    spec.notFound = [](const SimRequest&) {
        return resendError(404, QStringLiteral("not_found"),
                           QStringLiteral("The requested endpoint does not exist."));
    };
    spec.decorate = [](const SimRequest& request, SimResponse& response) {
        if (response.status != 429)
            addRateHeaders(response, request, false);
    };

    spec.routes.add("GET", QStringLiteral("/domains"),
                    [data](const SimRequest& request) { return domains(data, request); });
    return spec;
}

} // namespace agency::sim
