// Apollo (shared/providers/apollo.md): X-Api-Key auth, GET /users/api_profile as the credential check,
// x-rate-limit-* / x-*-usage / x-*-requests-left headers with fixed minute, hour and day windows.

#include "providerspec.h"
#include "routekit.h"

namespace agency::sim {

namespace {

struct Windows
{
    int minute;
    int hourly;
    int daily;
};

Windows windowsFor(const SimData& data)
{
    // The docs' 50/100/300 are illustrations; a seeded plan-like allowance instead.
    const int minute = static_cast<int>(data.range(u"apollo:minute", 2, 4)) * 100;
    return {minute, minute * 5, minute * 20};
}

void addRateHeaders(SimResponse& response, const SimRequest& request, const Windows& windows, bool exhausted)
{
    int minuteLimit = windows.minute;
    int minuteLeft = std::max(0, windows.minute - static_cast<int>(request.sequence));
    if (request.rate) {
        minuteLimit = request.rate->limit;
        minuteLeft = request.rate->remaining;
    }
    if (exhausted)
        minuteLeft = 0;
    const auto used = [](int limit, int left) {
        return QByteArray::number(std::max(0, limit - left));
    };
    const int hourlyLeft = std::max(0, windows.hourly - static_cast<int>(request.sequence));
    const int dailyLeft = std::max(0, windows.daily - static_cast<int>(request.sequence));
    response.withHeader("x-rate-limit-minute", QByteArray::number(minuteLimit))
        .withHeader("x-rate-limit-hourly", QByteArray::number(windows.hourly))
        .withHeader("x-rate-limit-daily", QByteArray::number(windows.daily))
        .withHeader("x-minute-usage", used(minuteLimit, minuteLeft))
        .withHeader("x-hourly-usage", used(windows.hourly, hourlyLeft))
        .withHeader("x-daily-usage", used(windows.daily, dailyLeft))
        .withHeader("x-minute-requests-left", QByteArray::number(minuteLeft))
        .withHeader("x-hourly-requests-left", QByteArray::number(hourlyLeft))
        .withHeader("x-daily-requests-left", QByteArray::number(dailyLeft));
}

SimResponse apiProfile(const SimData& data, const SimRequest& request)
{
    const QString first = data.firstName(u"apollo:user");
    const QString last = data.lastName(u"apollo:user");
    QJsonObject profile{
        {QStringLiteral("id"), data.hex(u"apollo:user-id", 24)},
        {QStringLiteral("team_id"), data.hex(u"apollo:team-id", 24)},
        {QStringLiteral("first_name"), first},
        {QStringLiteral("last_name"), last},
        {QStringLiteral("name"), QString(first + u' ' + last)},
        {QStringLiteral("email"), data.email(u"apollo:user")},
        {QStringLiteral("title"),
         data.pick(u"apollo:title", {QStringLiteral("Founder"), QStringLiteral("Head of Growth")})},
        {QStringLiteral("created_at"), isoMillis(data.dateTime(u"apollo:created"))},
    };
    if (request.queryValue(QStringLiteral("include_credit_usage")) == u"true") {
        // unverified: apollo.md says the names of the credit fields are unverified; these are a guess.
        const qint64 limit = data.range(u"apollo:credit-limit", 10, 40) * 500;
        const qint64 used = data.range(u"apollo:credit-used", 0, limit);
        profile.insert(QStringLiteral("credit_usage"),
                       QJsonObject{{QStringLiteral("credits_limit"), limit},
                                   {QStringLiteral("credits_used"), used},
                                   {QStringLiteral("credits_remaining"), limit - used}});
    }
    return SimResponse::json(200, profile);
}

} // namespace

ProviderSpec apolloSpec(const SimData& data)
{
    const Windows windows = windowsFor(data);
    ProviderSpec spec;
    spec.id = ProviderId::Apollo;

    spec.authenticate = [](const SimRequest& request) {
        AuthOutcome outcome = secretFromHeader(request, "X-Api-Key");
        if (outcome.state == CredentialState::Missing) {
            // An API key sent as "Authorization: Bearer" is refused with 401 (Bearer is for partner
            // OAuth tokens), whatever its value.
            if (const std::optional<QString> bearer = authorizationToken(request, "Bearer")) {
                outcome = outcomeFor(*bearer);
                outcome.state = CredentialState::Invalid;
            }
        }
        return outcome;
    };
    spec.rejectCredentials = [](const SimRequest&) {
        // unverified: the text is from a third-party report; whether it is plain text or JSON is not
        // known, so the simulator sends the harder case (plain text) and clients must parse defensively.
        return SimResponse::text(401, QByteArrayLiteral("Invalid access credentials."));
    };
    spec.rateLimited = [windows](const SimRequest& request, int) {
        // unverified: apollo.md records no 429 body; this message follows the plan-limit wording.
        SimResponse response = SimResponse::json(
            429, QJsonObject{
                     {QStringLiteral("message"),
                      QStringLiteral("The maximum number of api calls allowed for %1 is %2 times per minute. "
                                     "Please upgrade your plan.")
                          .arg(request.path)
                          .arg(request.rate ? request.rate->limit : windows.minute)}});
        // unverified: the md lists these headers on successful answers; they are on the 429 too (with 0 left)
        // so a client can see which window ran out.
        addRateHeaders(response, request, windows, true);
        return response;
    };
    spec.serverError = [](const SimRequest&, int status) {
        // unverified: apollo.md says the error body shape is unverified.
        return SimResponse::json(
            status, QJsonObject{{QStringLiteral("error"), QStringLiteral("Internal Server Error")}});
    };
    spec.notFound = [](const SimRequest&) {
        return SimResponse::json(404, QJsonObject{{QStringLiteral("error"), QStringLiteral("Not Found")}});
    };
    spec.decorate = [windows](const SimRequest& request, SimResponse& response) {
        if (response.status >= 200 && response.status < 300)
            addRateHeaders(response, request, windows, false);
    };

    spec.routes.add("GET", QStringLiteral("/users/api_profile"),
                    [data](const SimRequest& request) { return apiProfile(data, request); });
    return spec;
}

} // namespace agency::sim
