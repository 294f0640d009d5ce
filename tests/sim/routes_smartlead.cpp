// Smartlead (shared/providers/smartlead.md): the key as the api_key query parameter, GET /campaigns/ as
// the credential check (a JSON array), X-RateLimit-* headers with a Unix-timestamp reset.

#include "providerspec.h"
#include "routekit.h"

#include <QDateTime>

namespace agency::sim {

namespace {

constexpr int kRequestsPerMinute = 60; // Standard tier

SimResponse campaigns(const SimData& data)
{
    static const QStringList statuses = {QStringLiteral("ACTIVE"), QStringLiteral("PAUSED"),
                                         QStringLiteral("DRAFTED"), QStringLiteral("COMPLETED")};
    // unverified: the field list comes from community clients.
    QJsonArray list;
    const int count = static_cast<int>(data.range(u"smartlead:campaigns", 2, 4));
    for (int i = 0; i < count; ++i) {
        const QString salt = QStringLiteral("smartlead:campaign:%1").arg(i);
        const QString created = isoMillis(data.dateTime(salt));
        list.append(QJsonObject{
            {QStringLiteral("id"), data.range(salt, 100000, 999999)},
            {QStringLiteral("user_id"), data.range(u"smartlead:user", 10000, 99999)},
            {QStringLiteral("created_at"), created},
            {QStringLiteral("updated_at"), created},
            {QStringLiteral("status"), i == 0 ? QStringLiteral("ACTIVE") : data.pick(salt, statuses)},
            {QStringLiteral("name"), QStringLiteral("%1 outreach %2").arg(data.companyName(salt)).arg(i + 1)},
            {QStringLiteral("track_settings"), QJsonArray{QStringLiteral("DONT_TRACK_EMAIL_OPEN")}},
            {QStringLiteral("scheduler_cron_value"),
             QJsonObject{{QStringLiteral("tz"), QStringLiteral("Australia/Sydney")},
                         {QStringLiteral("days"), QJsonArray{1, 2, 3, 4, 5}},
                         {QStringLiteral("endHour"), QStringLiteral("17:00")},
                         {QStringLiteral("startHour"), QStringLiteral("09:00")}}},
            {QStringLiteral("min_time_btwn_emails"), 10},
            {QStringLiteral("max_leads_per_day"), 20},
            {QStringLiteral("stop_lead_settings"), QStringLiteral("REPLY_TO_AN_EMAIL")},
            {QStringLiteral("unsubscribe_text"), QString()},
            {QStringLiteral("client_id"), QJsonValue::Null},
            {QStringLiteral("parent_campaign_id"), QJsonValue::Null},
        });
    }
    return SimResponse::json(200, list);
}

void addRateHeaders(SimResponse& response, const SimRequest& request, bool exhausted)
{
    const int limit = request.rate ? request.rate->limit : kRequestsPerMinute;
    const int remaining =
        exhausted ? 0
                  : (request.rate ? request.rate->remaining
                                  : std::max(0, kRequestsPerMinute - static_cast<int>(request.sequence)));
    // X-RateLimit-Reset is the Unix time the window ends.
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const qint64 reset = request.rate ? now + std::max(1, request.rate->resetSeconds) : now - now % 60 + 60;
    response.setHeader("X-RateLimit-Limit", QByteArray::number(limit))
        .setHeader("X-RateLimit-Remaining", QByteArray::number(remaining))
        .setHeader("X-RateLimit-Reset", QByteArray::number(reset));
}

} // namespace

ProviderSpec smartleadSpec(const SimData& data)
{
    ProviderSpec spec;
    spec.id = ProviderId::Smartlead;

    spec.authenticate = [](const SimRequest& request) {
        return outcomeFor(request.queryValue(QStringLiteral("api_key")));
    };
    spec.rejectCredentials = [](const SimRequest&) {
        // unverified: the text is from the endpoint docs; the body shape varies (clients read message first).
        return SimResponse::json(
            401, QJsonObject{{QStringLiteral("message"), QStringLiteral("Invalid or missing API key")}});
    };
    spec.rateLimited = [](const SimRequest& request, int retryAfterSeconds) {
        SimResponse response = SimResponse::json(
            429,
            QJsonObject{{QStringLiteral("error"),
                         QJsonObject{{QStringLiteral("code"), QStringLiteral("RATE_LIMIT_EXCEEDED")},
                                     {QStringLiteral("message"),
                                      QStringLiteral("Rate limit exceeded. Please retry after %1 seconds.")
                                          .arg(retryAfterSeconds)},
                                     {QStringLiteral("retry_after"), retryAfterSeconds}}}});
        addRateHeaders(response, request, true);
        response.setHeader("Retry-After", QByteArray::number(retryAfterSeconds));
        return response;
    };
    spec.serverError = [](const SimRequest&, int status) {
        // unverified: the 5xx body shape varies.
        return SimResponse::json(
            status, QJsonObject{{QStringLiteral("message"), QStringLiteral("Internal server error")}});
    };
    spec.notFound = [](const SimRequest& request) {
        return SimResponse::text(
            404,
            QStringLiteral("Cannot %1 %2").arg(QString::fromLatin1(request.method), request.path).toUtf8());
    };
    spec.decorate = [](const SimRequest& request, SimResponse& response) {
        if (response.status != 429)
            addRateHeaders(response, request, false);
    };

    // The documented path ends in '/'; the server is assumed to accept it without one too.
    const auto list = [data](const SimRequest&) {
        return campaigns(data);
    };
    spec.routes.add("GET", QStringLiteral("/campaigns/"), list);
    spec.routes.add("GET", QStringLiteral("/campaigns"), list);
    return spec;
}

} // namespace agency::sim
