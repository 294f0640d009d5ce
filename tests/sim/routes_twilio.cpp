// Twilio 2010 API (shared/providers/twilio.md, contracts/specs/twilio.json): HTTP Basic (account or
// API-key SID, auth token), GET /2010-04-01/Accounts/{sid}.json and …/Balance.json as the checks,
// classic error bodies {"code","message","more_info","status"}.

#include "providerspec.h"
#include "routekit.h"

namespace agency::sim {

namespace {

SimResponse twilioError(int status, int code, const QString& message)
{
    return SimResponse::json(status,
                             QJsonObject{{QStringLiteral("code"), code},
                                         {QStringLiteral("message"), message},
                                         {QStringLiteral("more_info"),
                                          QStringLiteral("https://www.twilio.com/docs/errors/%1").arg(code)},
                                         {QStringLiteral("status"), status}});
}

SimResponse account(const SimData& data, const SimRequest& request)
{
    const QString sid = request.params.value(QStringLiteral("sid"));
    const QString base = QStringLiteral("/2010-04-01/Accounts/") + sid;
    QJsonObject subresources;
    for (const char16_t* name :
         {u"addresses", u"calls", u"messages", u"incoming_phone_numbers", u"recordings", u"usage", u"keys",
          u"applications", u"queues", u"notifications"}) {
        const QString key = QString::fromUtf16(name);
        QString resource = key;
        resource[0] = resource[0].toUpper();
        if (key == u"incoming_phone_numbers")
            resource = QStringLiteral("IncomingPhoneNumbers");
        subresources.insert(key, QString(base + u'/' + resource + QStringLiteral(".json")));
    }
    subresources.insert(QStringLiteral("balance"), QString(base + QStringLiteral("/Balance.json")));
    const QString created = rfc2822(data.dateTime(u"twilio:created"));
    return SimResponse::json(
        200,
        QJsonObject{
            {QStringLiteral("sid"), sid},
            {QStringLiteral("owner_account_sid"), sid},
            {QStringLiteral("friendly_name"), data.companyName(u"twilio:account")},
            {QStringLiteral("status"), QStringLiteral("active")},
            // "sim-limited": a trial account (verified numbers only, trial credit).
            {QStringLiteral("type"), request.limited() ? QStringLiteral("Trial") : QStringLiteral("Full")},
            // The real body carries the auth token; a seeded stand-in, never the one sent.
            {QStringLiteral("auth_token"), data.hex(u"twilio:auth-token", 32)},
            {QStringLiteral("date_created"), created},
            {QStringLiteral("date_updated"), created},
            {QStringLiteral("uri"), QString(base + QStringLiteral(".json"))},
            {QStringLiteral("subresource_uris"), subresources},
        });
}

SimResponse balance(const SimData& data, const SimRequest& request)
{
    const double amount = request.limited() ? data.amount(u"twilio:trial-balance", 5, 15, 2)
                                            : data.amount(u"twilio:balance", 20, 400, 5);
    return SimResponse::json(
        200, QJsonObject{{QStringLiteral("account_sid"), request.params.value(QStringLiteral("sid"))},
                         // a string, as Twilio sends it
                         {QStringLiteral("balance"), QString::number(amount, 'f', 5)},
                         {QStringLiteral("currency"), QStringLiteral("USD")}});
}

} // namespace

ProviderSpec twilioSpec(const SimData& data)
{
    ProviderSpec spec;
    spec.id = ProviderId::Twilio;

    spec.authenticate = [](const SimRequest& request) {
        return basicAuthOutcome(request);
    };
    spec.rejectCredentials = [](const SimRequest&) {
        // The same 20003 for a missing and a wrong credential.
        return twilioError(401, 20003, QStringLiteral("Authenticate"));
    };
    spec.rateLimited = [](const SimRequest&, int retryAfterSeconds) {
        // unverified: twilio.md says Retry-After may not always be present; the simulator sends it.
        return twilioError(429, 20429, QStringLiteral("Too Many Requests"))
            .withHeader("Retry-After", QByteArray::number(retryAfterSeconds))
            .withHeader("Twilio-Concurrent-Requests", "100");
    };
    spec.serverError = [](const SimRequest&, int status) {
        if (status == 503)
            return twilioError(503, 20503, QStringLiteral("Service Unavailable"));
        return twilioError(status, 20500, QStringLiteral("Internal Server Error"));
    };
    spec.notFound = [](const SimRequest& request) {
        return twilioError(404, 20404,
                           QStringLiteral("The requested resource %1 was not found").arg(request.path));
    };
    spec.decorate = [](const SimRequest&, SimResponse& response) {
        if (response.status != 429)
            response.withHeader("Twilio-Concurrent-Requests", "1");
    };

    spec.routes.add("GET", QStringLiteral("/2010-04-01/Accounts/{sid}.json"),
                    [data](const SimRequest& request) { return account(data, request); });
    spec.routes.add("GET", QStringLiteral("/2010-04-01/Accounts/{sid}/Balance.json"),
                    [data](const SimRequest& request) { return balance(data, request); });
    return spec;
}

} // namespace agency::sim
