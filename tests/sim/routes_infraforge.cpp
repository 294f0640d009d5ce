// InfraForge (shared/providers/infraforge.md): the raw key in "Authorization: <key>" (no Bearer),
// GET /workspaces and GET /credits/balance as the cheap reads. Weakly documented: everything here is
// the md's best guess from community clients.

#include "providerspec.h"
#include "routekit.h"

namespace agency::sim {

namespace {

SimResponse infraError(int status, const QString& message)
{
    // unverified: infraforge.md says the error body shape is unknown (clients read the text).
    return SimResponse::json(status, QJsonObject{{QStringLiteral("message"), message}});
}

SimResponse workspaces(const SimData& data)
{
    // unverified: a bare array (clients also accept one wrapped in data/workspaces).
    QJsonArray list;
    const int count = static_cast<int>(data.range(u"infra:workspaces", 1, 3));
    for (int i = 0; i < count; ++i) {
        const QString salt = QStringLiteral("infra:workspace:%1").arg(i);
        const QString name = data.companyName(salt);
        QJsonObject workspace{
            {QStringLiteral("id"), data.uuid(salt)},
            {QStringLiteral("name"), name},
            {QStringLiteral("slug"), name.toLower().replace(u' ', u'-')},
            {QStringLiteral("accountId"), data.uuid(u"infra:account")},
            {QStringLiteral("createdAt"), isoMillis(data.dateTime(salt))},
        };
        // The first workspace has a dedicated sending IP (TEST-NET-3, never routable).
        workspace.insert(QStringLiteral("ip"),
                         i == 0 ? QJsonValue(QStringLiteral("203.0.113.%1").arg(data.range(salt, 2, 254)))
                                : QJsonValue(QJsonValue::Null));
        list.append(workspace);
    }
    return SimResponse::json(200, list);
}

SimResponse creditsBalance(const SimData& data)
{
    // Credits are in cents (availability prices are in dollars).
    return SimResponse::json(
        200, QJsonObject{
                 {QStringLiteral("availableAmountCents"), data.range(u"infra:credits", 500, 50000)},
                 {QStringLiteral("topupSettings"), QJsonObject{{QStringLiteral("isEnabled"), false},
                                                               {QStringLiteral("amount"), 10000},
                                                               {QStringLiteral("topupThreshold"), 2000}}}});
}

} // namespace

ProviderSpec infraForgeSpec(const SimData& data)
{
    ProviderSpec spec;
    spec.id = ProviderId::InfraForge;

    // unverified: the raw key without a Bearer prefix; "Bearer sim-valid" is therefore a wrong key.
    spec.authenticate = [](const SimRequest& request) {
        return secretFromHeader(request, "Authorization");
    };
    spec.rejectCredentials = [](const SimRequest& request) {
        if (request.credential == CredentialState::Missing)
            return infraError(401, QStringLiteral("missing API key"));
        return infraError(401, QStringLiteral("invalid API key"));
    };
    spec.rateLimited = [](const SimRequest&, int) {
        // unverified: rate limits are not documented; 429 is seen by clients.
        return infraError(429, QStringLiteral("too many requests"));
    };
    spec.serverError = [](const SimRequest&, int status) {
        return infraError(status, QStringLiteral("internal server error"));
    };
    spec.notFound = [](const SimRequest&) {
        return infraError(404, QStringLiteral("not found"));
    };

    spec.routes.add("GET", QStringLiteral("/workspaces"),
                    [data](const SimRequest&) { return workspaces(data); });
    spec.routes.add("GET", QStringLiteral("/credits/balance"),
                    [data](const SimRequest&) { return creditsBalance(data); });
    return spec;
}

} // namespace agency::sim
