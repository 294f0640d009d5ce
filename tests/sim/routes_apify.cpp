// Apify (shared/providers/apify.md, contracts/specs/apify.yaml): Bearer token or ?token=, GET /v2/users/me
// and /v2/users/me/limits, errors as {"error":{"type","message"}}, X-RateLimit-Limit on every answer.

#include "providerspec.h"
#include "routekit.h"

namespace agency::sim {

namespace {

// Per-resource default from the spec: 60 requests per second.
constexpr int kResourceRateLimit = 60;

SimResponse apifyError(int status, const QString& type, const QString& message)
{
    return SimResponse::json(
        status, QJsonObject{{QStringLiteral("error"), QJsonObject{{QStringLiteral("type"), type},
                                                                  {QStringLiteral("message"), message}}}});
}

QJsonObject feature(bool enabled)
{
    return QJsonObject{
        {QStringLiteral("isEnabled"), enabled},
        {QStringLiteral("disabledReason"),
         enabled ? QJsonValue(QJsonValue::Null) : QJsonValue(QStringLiteral("Not included in your plan."))},
        {QStringLiteral("disabledReasonType"),
         enabled ? QJsonValue(QJsonValue::Null) : QJsonValue(QStringLiteral("DISABLED"))},
        {QStringLiteral("isTrial"), false},
        {QStringLiteral("trialExpirationAt"), QJsonValue::Null},
    };
}

SimResponse usersMe(const SimData& data, const SimRequest& request)
{
    // "sim-limited": a free account, not paying, without residential proxies.
    const bool paying = !request.limited();
    const QString username = data.firstName(u"apify:user").toLower() + QStringLiteral("_scraper");
    QJsonObject plan{
        {QStringLiteral("id"), paying ? QStringLiteral("STARTER") : QStringLiteral("FREE")},
        {QStringLiteral("description"),
         paying ? QStringLiteral("For small teams.") : QStringLiteral("Free plan.")},
        {QStringLiteral("isEnabled"), true},
        {QStringLiteral("monthlyBasePriceUsd"), paying ? 39 : 0},
        {QStringLiteral("monthlyUsageCreditsUsd"), paying ? 39 : 5},
        {QStringLiteral("usageDiscountPercent"), 0},
        {QStringLiteral("enabledPlatformFeatures"),
         QJsonArray{QStringLiteral("ACTORS"), QStringLiteral("STORAGE"), QStringLiteral("PROXY_SERPS"),
                    QStringLiteral("SCHEDULER"), QStringLiteral("WEBHOOKS")}},
        {QStringLiteral("maxMonthlyUsageUsd"), paying ? 1000 : 5},
        {QStringLiteral("maxActorMemoryGbytes"), paying ? 32 : 8},
        {QStringLiteral("maxMonthlyActorComputeUnits"), paying ? 1000 : 25},
        {QStringLiteral("maxMonthlyResidentialProxyGbytes"), paying ? 10 : 0},
        {QStringLiteral("maxMonthlyProxySerps"), paying ? 30000 : 50},
        {QStringLiteral("maxMonthlyExternalDataTransferGbytes"), paying ? 1000 : 7},
        {QStringLiteral("maxActorCount"), 100},
        {QStringLiteral("maxActorTaskCount"), 1000},
        {QStringLiteral("dataRetentionDays"), paying ? 14 : 7},
        {QStringLiteral("availableProxyGroups"),
         QJsonObject{{QStringLiteral("DATACENTER"), 500}, {QStringLiteral("GOOGLE_SERP"), 200}}},
        {QStringLiteral("teamAccountSeatCount"), 1},
        {QStringLiteral("supportLevel"), QStringLiteral("COMMUNITY")},
        {QStringLiteral("availableAddOns"), QJsonArray()},
        {QStringLiteral("tier"), paying ? QStringLiteral("STARTER") : QStringLiteral("FREE")},
        {QStringLiteral("maxConcurrentActorRuns"), paying ? 32 : 25},
    };
    QJsonObject features;
    for (const char16_t* name :
         {u"ACTORS", u"STORAGE", u"SCHEDULER", u"PROXY", u"PROXY_EXTERNAL_ACCESS", u"PROXY_SERPS",
          u"WEBHOOKS", u"ACTORS_PUBLIC_ALL", u"ACTORS_PUBLIC_DEVELOPER"})
        features.insert(QString::fromUtf16(name), feature(true));
    features.insert(QStringLiteral("PROXY_RESIDENTIAL"), feature(paying));

    const QJsonObject user{
        {QStringLiteral("id"), data.alnum(u"apify:user-id", 17)},
        {QStringLiteral("username"), username},
        {QStringLiteral("profile"),
         QJsonObject{{QStringLiteral("name"),
                      QString(data.firstName(u"apify:user") + u' ' + data.lastName(u"apify:user"))},
                     {QStringLiteral("bio"), QJsonValue::Null},
                     {QStringLiteral("pictureUrl"), QJsonValue::Null}}},
        {QStringLiteral("email"), data.email(u"apify:user")},
        {QStringLiteral("proxy"),
         QJsonObject{{QStringLiteral("password"), data.alnum(u"apify:proxy-password", 14)},
                     {QStringLiteral("groups"),
                      QJsonArray{QJsonObject{
                          {QStringLiteral("name"), QStringLiteral("DATACENTER")},
                          {QStringLiteral("description"), QStringLiteral("Shared datacenter proxies")},
                          {QStringLiteral("availableCount"), 500}}}}}},
        {QStringLiteral("plan"), plan},
        {QStringLiteral("effectivePlatformFeatures"), features},
        {QStringLiteral("createdAt"), isoMillis(data.dateTime(u"apify:created"))},
        {QStringLiteral("isPaying"), paying},
    };
    return SimResponse::json(200, QJsonObject{{QStringLiteral("data"), user}});
}

SimResponse usersMeLimits(const SimData& data, const SimRequest& request)
{
    const bool paying = !request.limited();
    const double maxUsd = paying ? 1000 : 5;
    const double usedUsd = data.amount(u"apify:usage-usd", 0, paying ? 60 : 4.5, 2);
    const QJsonObject limits{
        {QStringLiteral("monthlyUsageCycle"),
         QJsonObject{{QStringLiteral("startAt"), QStringLiteral("2026-01-01T00:00:00.000Z")},
                     {QStringLiteral("endAt"), QStringLiteral("2026-01-31T23:59:59.999Z")}}},
        {QStringLiteral("limits"),
         QJsonObject{{QStringLiteral("maxMonthlyUsageUsd"), maxUsd},
                     {QStringLiteral("maxMonthlyActorComputeUnits"), paying ? 1000 : 25},
                     {QStringLiteral("maxMonthlyExternalDataTransferGbytes"), paying ? 1000 : 7},
                     {QStringLiteral("maxMonthlyProxySerps"), paying ? 30000 : 50},
                     {QStringLiteral("maxMonthlyResidentialProxyGbytes"), paying ? 10 : 0},
                     {QStringLiteral("maxActorMemoryGbytes"), paying ? 32 : 8},
                     {QStringLiteral("maxActorCount"), 100},
                     {QStringLiteral("maxActorTaskCount"), 1000},
                     {QStringLiteral("maxConcurrentActorJobs"), paying ? 32 : 25},
                     {QStringLiteral("maxTeamAccountSeatCount"), 1},
                     {QStringLiteral("dataRetentionDays"), paying ? 14 : 7}}},
        {QStringLiteral("current"),
         QJsonObject{
             {QStringLiteral("monthlyUsageUsd"), usedUsd},
             {QStringLiteral("monthlyActorComputeUnits"), data.amount(u"apify:cu", 0, paying ? 200 : 20, 3)},
             {QStringLiteral("monthlyExternalDataTransferGbytes"), data.amount(u"apify:transfer", 0, 3, 3)},
             {QStringLiteral("monthlyProxySerps"), data.range(u"apify:serps", 0, 40)},
             {QStringLiteral("monthlyResidentialProxyGbytes"), 0},
             {QStringLiteral("actorMemoryGbytes"), 0},
             {QStringLiteral("actorCount"), data.range(u"apify:actors", 1, 12)},
             {QStringLiteral("actorTaskCount"), data.range(u"apify:tasks", 0, 20)},
             {QStringLiteral("activeActorJobCount"), 0},
             {QStringLiteral("teamAccountSeatCount"), 1}}},
    };
    return SimResponse::json(200, QJsonObject{{QStringLiteral("data"), limits}});
}

} // namespace

ProviderSpec apifySpec(const SimData& data)
{
    ProviderSpec spec;
    spec.id = ProviderId::Apify;

    spec.authenticate = [](const SimRequest& request) {
        if (const std::optional<QString> bearer = authorizationToken(request, "Bearer"))
            return outcomeFor(*bearer);
        // The less safe alternative the docs allow: ?token=<API_TOKEN>.
        return outcomeFor(request.queryValue(QStringLiteral("token")));
    };
    spec.rejectCredentials = [](const SimRequest& request) {
        if (request.credential == CredentialState::Missing)
            return apifyError(401, QStringLiteral("token-not-provided"),
                              QStringLiteral("Authentication token was not provided"));
        return apifyError(401, QStringLiteral("invalid-token"),
                          QStringLiteral("Authentication token is not valid."));
    };
    spec.rateLimited = [](const SimRequest&, int) {
        return apifyError(429, QStringLiteral("rate-limit-exceeded"),
                          QStringLiteral("You have exceeded the rate limit. Please try again later."));
    };
    spec.serverError = [](const SimRequest&, int status) {
        // unverified: the spec lists no 5xx example; the type follows its kebab-case naming.
        return apifyError(status, QStringLiteral("internal-server-error"),
                          QStringLiteral("Server encountered an error. Please try again later."));
    };
    spec.notFound = [](const SimRequest&) {
        return apifyError(404, QStringLiteral("page-not-found"),
                          QStringLiteral("We have bad news: there is no API endpoint at this URL."));
    };
    spec.decorate = [](const SimRequest& request, SimResponse& response) {
        response.setHeader("X-RateLimit-Limit",
                           QByteArray::number(request.rate ? request.rate->limit : kResourceRateLimit));
    };

    spec.routes.add("GET", QStringLiteral("/v2/users/me"),
                    [data](const SimRequest& request) { return usersMe(data, request); });
    spec.routes.add("GET", QStringLiteral("/v2/users/me/limits"),
                    [data](const SimRequest& request) { return usersMeLimits(data, request); });
    return spec;
}

} // namespace agency::sim
