// Deepgram (shared/providers/deepgram.md, contracts/specs/deepgram.yaml): "Authorization: Token <key>"
// (Bearer is for short-lived JWTs), GET /v1/projects as the check, balances per project, legacy error
// bodies {"err_code","err_msg","request_id"}.

#include "providerspec.h"
#include "routekit.h"

namespace agency::sim {

namespace {

SimResponse deepgramError(const SimRequest& request, int status, const QString& code, const QString& message)
{
    return SimResponse::json(status, QJsonObject{{QStringLiteral("err_code"), code},
                                                 {QStringLiteral("err_msg"), message},
                                                 {QStringLiteral("request_id"), request.requestId}});
}

QString projectId(const SimData& data)
{
    return data.uuid(u"deepgram:project");
}

SimResponse insufficientPermissions(const SimRequest& request)
{
    // A member (transcription-only) key: valid for /v1/listen, not for projects and balances.
    return deepgramError(request, 401, QStringLiteral("INSUFFICIENT_PERMISSIONS"),
                         QStringLiteral("User does not have sufficient permissions."));
}

QJsonObject balanceObject(const SimData& data)
{
    return QJsonObject{{QStringLiteral("balance_id"), data.uuid(u"deepgram:balance")},
                       {QStringLiteral("amount"), data.amount(u"deepgram:amount", 10, 200, 4)},
                       {QStringLiteral("units"), QStringLiteral("usd")},
                       {QStringLiteral("purchase_order_id"), data.uuid(u"deepgram:po")}};
}

// The project routes answer only for the one seeded project.
bool knownProject(const SimData& data, const SimRequest& request)
{
    return request.params.value(QStringLiteral("project_id")) == projectId(data);
}

SimResponse projectNotFound(const SimRequest& request)
{
    return deepgramError(request, 404, QStringLiteral("PROJECT_NOT_FOUND"),
                         QStringLiteral("Project not found."));
}

} // namespace

ProviderSpec deepgramSpec(const SimData& data)
{
    ProviderSpec spec;
    spec.id = ProviderId::Deepgram;

    spec.authenticate = [](const SimRequest& request) {
        if (!request.hasHeader("Authorization"))
            return AuthOutcome{};
        std::optional<QString> token = authorizationToken(request, "Token");
        if (!token)
            token = authorizationToken(request, "Bearer");
        AuthOutcome outcome = outcomeFor(token.value_or(QString()));
        if (outcome.state == CredentialState::Missing)
            outcome.state = CredentialState::Invalid;
        return outcome;
    };
    spec.rejectCredentials = [](const SimRequest& request) {
        // unverified: the missing-header answer is assumed to be the same INVALID_AUTH.
        return deepgramError(request, 401, QStringLiteral("INVALID_AUTH"),
                             QStringLiteral("Invalid credentials."));
    };
    spec.rateLimited = [](const SimRequest& request, int) {
        // unverified: no rate-limit headers or Retry-After are documented.
        return deepgramError(request, 429, QStringLiteral("TOO_MANY_REQUESTS"),
                             QStringLiteral("Too many requests. Please try again later"));
    };
    spec.serverError = [](const SimRequest& request, int status) {
        // unverified: deepgram.md lists no 5xx err_code.
        return deepgramError(request, status, QStringLiteral("INTERNAL_SERVER_ERROR"),
                             QStringLiteral("An internal server error occurred."));
    };
    spec.notFound = [](const SimRequest&) {
        return SimResponse::text(404, QByteArrayLiteral("Not Found"));
    };

    spec.routes.add("GET", QStringLiteral("/v1/projects"), [data](const SimRequest& request) {
        if (request.limited())
            return insufficientPermissions(request);
        return SimResponse::json(
            200,
            QJsonObject{
                {QStringLiteral("projects"),
                 QJsonArray{QJsonObject{{QStringLiteral("project_id"), projectId(data)},
                                        {QStringLiteral("name"), data.companyName(u"deepgram:project")}}}}});
    });
    spec.routes.add("GET", QStringLiteral("/v1/projects/{project_id}"), [data](const SimRequest& request) {
        if (request.limited())
            return insufficientPermissions(request);
        if (!knownProject(data, request))
            return projectNotFound(request);
        return SimResponse::json(200,
                                 QJsonObject{{QStringLiteral("project_id"), projectId(data)},
                                             {QStringLiteral("name"), data.companyName(u"deepgram:project")},
                                             {QStringLiteral("mip_opt_out"), false}});
    });
    spec.routes.add("GET", QStringLiteral("/v1/projects/{project_id}/balances"),
                    [data](const SimRequest& request) {
                        if (request.limited())
                            return insufficientPermissions(request);
                        if (!knownProject(data, request))
                            return projectNotFound(request);
                        return SimResponse::json(
                            200, QJsonObject{{QStringLiteral("balances"), QJsonArray{balanceObject(data)}}});
                    });
    spec.routes.add("GET", QStringLiteral("/v1/projects/{project_id}/balances/{balance_id}"),
                    [data](const SimRequest& request) {
                        if (request.limited())
                            return insufficientPermissions(request);
                        if (!knownProject(data, request))
                            return projectNotFound(request);
                        const QJsonObject balance = balanceObject(data);
                        if (request.params.value(QStringLiteral("balance_id")) !=
                            balance.value(QStringLiteral("balance_id")).toString()) {
                            return deepgramError(request, 404, QStringLiteral("BALANCE_NOT_FOUND"),
                                                 QStringLiteral("Balance not found."));
                        }
                        return SimResponse::json(200, balance);
                    });
    return spec;
}

} // namespace agency::sim
