// ClickSend v3 (shared/providers/clicksend.md, contracts/specs/clicksend.yaml): HTTP Basic with the
// username and API key, GET /v3/account as the credential check, every answer in the
// {"http_code","response_code","response_msg","data"} envelope.

#include "providerspec.h"
#include "routekit.h"

namespace agency::sim {

namespace {

SimResponse envelope(int status, const QString& code, const QString& message, const QJsonValue& data)
{
    return SimResponse::json(status, QJsonObject{{QStringLiteral("http_code"), status},
                                                 {QStringLiteral("response_code"), code},
                                                 {QStringLiteral("response_msg"), message},
                                                 {QStringLiteral("data"), data}});
}

SimResponse account(const SimData& data, const SimRequest& request)
{
    const QString username = basicCredentials(request).value_or(BasicCredentials{}).user;
    const QString email = data.email(u"clicksend:user");
    const qint64 userId = data.range(u"clicksend:user-id", 100000, 999999);
    // "sim-limited": a subaccount without Post access (the letters API refuses it).
    const int postAccess = request.limited() ? 0 : 1;
    const QJsonObject subaccount{
        {QStringLiteral("subaccount_id"), data.range(u"clicksend:sub-id", 100000, 999999)},
        {QStringLiteral("api_username"), username},
        {QStringLiteral("email"), email},
        {QStringLiteral("first_name"), data.firstName(u"clicksend:user")},
        {QStringLiteral("last_name"), data.lastName(u"clicksend:user")},
        {QStringLiteral("access_users"), 1},
        {QStringLiteral("access_billing"), 1},
        {QStringLiteral("access_reporting"), 1},
        {QStringLiteral("access_contacts"), 1},
        {QStringLiteral("access_settings"), 1},
        {QStringLiteral("access_sms"), 1},
        {QStringLiteral("access_email"), 1},
        {QStringLiteral("access_voice"), 1},
        {QStringLiteral("access_fax"), 0},
        {QStringLiteral("access_post"), postAccess},
        {QStringLiteral("access_mms"), 1},
        {QStringLiteral("is_main"), 1},
    };
    const QJsonObject account{
        {QStringLiteral("user_id"), userId},
        {QStringLiteral("username"), username},
        {QStringLiteral("user_email"), email},
        {QStringLiteral("active"), 1},
        {QStringLiteral("banned"), 0},
        {QStringLiteral("balance"), QString::number(data.amount(u"clicksend:balance", 5, 250, 6), 'f', 6)},
        {QStringLiteral("user_first_name"), data.firstName(u"clicksend:user")},
        {QStringLiteral("user_last_name"), data.lastName(u"clicksend:user")},
        {QStringLiteral("account_name"), data.companyName(u"clicksend:account")},
        {QStringLiteral("country"), QStringLiteral("AU")},
        {QStringLiteral("default_country_sms"), QStringLiteral("AU")},
        {QStringLiteral("auto_recharge"), 0},
        {QStringLiteral("auto_recharge_amount"), QStringLiteral("20.00")},
        {QStringLiteral("low_credit_amount"), QStringLiteral("5.00")},
        {QStringLiteral("timezone"), QStringLiteral("Australia/Melbourne")},
        {QStringLiteral("on_trial"), 0},
        {QStringLiteral("trial_expiry"), QJsonValue::Null},
        {QStringLiteral("_currency"),
         QJsonObject{{QStringLiteral("currency_name_short"), QStringLiteral("AUD")},
                     {QStringLiteral("currency_prefix_d"), QStringLiteral("$")},
                     {QStringLiteral("currency_prefix_c"), QStringLiteral("c")},
                     {QStringLiteral("currency_name_long"), QStringLiteral("Australian Dollars")},
                     {QStringLiteral("min_recharge_amount"), QStringLiteral("20.00")},
                     {QStringLiteral("max_recharge_amount"), QStringLiteral("10000.00")}}},
        {QStringLiteral("_subaccount"), subaccount},
    };
    return envelope(200, QStringLiteral("SUCCESS"), QStringLiteral("Here's your account."), account);
}

} // namespace

ProviderSpec clickSendSpec(const SimData& data)
{
    ProviderSpec spec;
    spec.id = ProviderId::ClickSend;

    spec.authenticate = [](const SimRequest& request) {
        return basicAuthOutcome(request);
    };
    spec.rejectCredentials = [](const SimRequest&) {
        // unverified: clicksend.md expects the envelope with a non-SUCCESS code such as UNAUTHORIZED.
        return envelope(401, QStringLiteral("UNAUTHORIZED"), QStringLiteral("Invalid credentials."),
                        QJsonValue::Null);
    };
    spec.rateLimited = [](const SimRequest&, int) {
        // unverified: a throttled request gets 429 per a third-party summary; the code name is a guess.
        return envelope(429, QStringLiteral("TOO_MANY_REQUESTS"), QStringLiteral("Too many requests."),
                        QJsonValue::Null);
    };
    spec.serverError = [](const SimRequest&, int status) {
        // unverified: only 400 BAD_REQUEST appears in the spec.
        return envelope(status, QStringLiteral("INTERNAL_SERVER_ERROR"),
                        QStringLiteral("Something went wrong."), QJsonValue::Null);
    };
    spec.notFound = [](const SimRequest&) {
        return envelope(404, QStringLiteral("NOT_FOUND"), QStringLiteral("Resource not found."),
                        QJsonValue::Null);
    };

    spec.routes.add("GET", QStringLiteral("/v3/account"),
                    [data](const SimRequest& request) { return account(data, request); });
    return spec;
}

} // namespace agency::sim
