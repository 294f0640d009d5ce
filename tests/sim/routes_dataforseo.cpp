// DataForSEO v3 (shared/providers/dataforseo.md): HTTP Basic with the API login and password,
// GET /v3/appendix/user_data as the free credential check. Every answer is the common envelope, and
// success is status_code 20000 at both levels; rate limits come back as HTTP 200 with 40202.

#include "providerspec.h"
#include "routekit.h"

namespace agency::sim {

namespace {

const QString kVersion = QStringLiteral("0.1.20260101");

QJsonObject envelope(const SimData& data, const SimRequest& request, int statusCode, const QString& message,
                     const QJsonArray& tasks)
{
    int errors = 0;
    for (const QJsonValue& task : tasks) {
        if (task.toObject().value(QStringLiteral("status_code")).toInt() != 20000)
            ++errors;
    }
    return QJsonObject{
        {QStringLiteral("version"), kVersion},
        {QStringLiteral("status_code"), statusCode},
        {QStringLiteral("status_message"), message},
        {QStringLiteral("time"), QStringLiteral("%1 sec.").arg(data.amount(
                                     QStringLiteral("dfs:time:%1").arg(request.sequence), 0.01, 0.2, 4))},
        {QStringLiteral("cost"), 0},
        {QStringLiteral("tasks_count"), tasks.size()},
        {QStringLiteral("tasks_error"), errors},
        {QStringLiteral("tasks"), tasks.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(tasks)},
    };
}

SimResponse envelopeError(const SimData& data, const SimRequest& request, int httpStatus, int statusCode,
                          const QString& message)
{
    return SimResponse::json(httpStatus, envelope(data, request, statusCode, message, {}));
}

SimResponse userData(const SimData& data, const SimRequest& request)
{
    const double total = data.range(u"dfs:deposits", 2, 20) * 50.0;
    const double balance = data.amount(u"dfs:balance", 5, total, 4);
    const QJsonObject result{
        {QStringLiteral("login"),
         QString(data.firstName(u"dfs:login").toLower() + QStringLiteral("@agency.example"))},
        {QStringLiteral("timezone"), QStringLiteral("Australia/Sydney")},
        {QStringLiteral("rates"),
         QJsonObject{{QStringLiteral("limits"),
                      QJsonObject{{QStringLiteral("day"), 0}, {QStringLiteral("minute"), 2000}}},
                     {QStringLiteral("statistics"),
                      QJsonObject{{QStringLiteral("day"),
                                   QJsonObject{{QStringLiteral("total"), qint64(request.sequence)}}},
                                  {QStringLiteral("minute"), QJsonObject{{QStringLiteral("total"), 1}}}}}}},
        {QStringLiteral("money"),
         QJsonObject{{QStringLiteral("total"), total},
                     {QStringLiteral("balance"), balance},
                     {QStringLiteral("limits"),
                      QJsonObject{{QStringLiteral("day"), QJsonObject{{QStringLiteral("total"), 0}}},
                                  {QStringLiteral("minute"), QJsonObject{{QStringLiteral("total"), 0}}}}},
                     {QStringLiteral("statistics"),
                      QJsonObject{{QStringLiteral("day"), QJsonObject{{QStringLiteral("total"), 0}}},
                                  {QStringLiteral("minute"), QJsonObject{{QStringLiteral("total"), 0}}}}}}},
        // The live price table has dynamic keys; two entries are enough for a client to show it.
        {QStringLiteral("price"),
         QJsonObject{
             {QStringLiteral("dataforseo_labs"),
              QJsonObject{
                  {QStringLiteral("domain_rank_overview"),
                   QJsonObject{{QStringLiteral("live"),
                                QJsonObject{{QStringLiteral("cost_type"), QStringLiteral("per_request")},
                                            {QStringLiteral("cost"), 0.0101}}}}}}},
             {QStringLiteral("backlinks"),
              QJsonObject{
                  {QStringLiteral("summary"),
                   QJsonObject{{QStringLiteral("live"),
                                QJsonObject{{QStringLiteral("cost_type"), QStringLiteral("per_request")},
                                            {QStringLiteral("cost"), 0.02}}}}}}}}},
        // "sim-limited": an account without a Backlinks subscription.
        {QStringLiteral("backlinks_subscription_expiry_date"),
         request.limited() ? QJsonValue(QJsonValue::Null)
                           : QJsonValue(QStringLiteral("2026-12-31 23:59:59 +00:00"))},
        {QStringLiteral("llm_mentions_subscription_expiry_date"), QJsonValue::Null},
    };
    const QJsonObject task{
        {QStringLiteral("id"), data.uuid(QStringLiteral("dfs:task:%1").arg(request.sequence))},
        {QStringLiteral("status_code"), 20000},
        {QStringLiteral("status_message"), QStringLiteral("Ok.")},
        {QStringLiteral("time"), QStringLiteral("0.0035 sec.")},
        {QStringLiteral("cost"), 0},
        {QStringLiteral("result_count"), 1},
        {QStringLiteral("path"),
         QJsonArray{QStringLiteral("v3"), QStringLiteral("appendix"), QStringLiteral("user_data")}},
        {QStringLiteral("data"), QJsonObject{{QStringLiteral("api"), QStringLiteral("appendix")},
                                             {QStringLiteral("function"), QStringLiteral("user_data")}}},
        {QStringLiteral("result"), QJsonArray{result}},
    };
    return SimResponse::json(200, envelope(data, request, 20000, QStringLiteral("Ok."), QJsonArray{task}));
}

} // namespace

ProviderSpec dataForSeoSpec(const SimData& data)
{
    ProviderSpec spec;
    spec.id = ProviderId::DataForSeo;

    spec.authenticate = [](const SimRequest& request) {
        return basicAuthOutcome(request);
    };
    spec.rejectCredentials = [data](const SimRequest& request) {
        // unverified: dataforseo.md gives the HTTP 401 and the message but not the body format; the
        // simulator answers with the common envelope (internal code 40100 is a guess).
        return envelopeError(data, request, 401, 40100,
                             QStringLiteral("You are not authorized to access this resource."));
    };
    spec.rateLimited = [data](const SimRequest& request, int) {
        // DataForSEO answers limits inside an HTTP 200 and sends no Retry-After (dataforseo.md §4).
        // unverified: 40202 comes from a third-party summary of the errors page.
        return envelopeError(data, request, 200, 40202, QStringLiteral("Rate limit per minute exceeded."));
    };
    spec.serverError = [data](const SimRequest& request, int status) {
        return envelopeError(data, request, status, 50000, QStringLiteral("Internal Error."));
    };
    spec.notFound = [data](const SimRequest& request) {
        return envelopeError(data, request, 404, 40400, QStringLiteral("Not Found."));
    };

    spec.routes.add("GET", QStringLiteral("/v3/appendix/user_data"),
                    [data](const SimRequest& request) { return userData(data, request); });
    return spec;
}

} // namespace agency::sim
