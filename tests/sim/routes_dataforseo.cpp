// DataForSEO v3 (shared/providers/dataforseo.md, contracts/specs/dataforseo.yaml): HTTP Basic with the
// API login and password, GET /v3/appendix/user_data as the free credential check, and the two live
// endpoints the console uses (domain rank overview, backlinks summary: one task per request). Every
// answer is the common envelope, and success is status_code 20000 at both levels; rate limits come back
// as HTTP 200 with 40202. Demo triggers: "sim-limited" has no Backlinks subscription (40204), a login
// starting "nofunds" has no balance (40210), the target no-data.example has no data.

#include "providerspec.h"
#include "routekit.h"

#include <variant>

namespace agency::sim {

namespace {

const QString kVersion = QStringLiteral("0.1.20260101");

QJsonObject envelope(const SimData& data, const SimRequest& request, int statusCode, const QString& message,
                     const QJsonArray& tasks, double cost = 0)
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
        {QStringLiteral("cost"), cost},
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

bool hasNoFunds(const SimRequest& request)
{
    const std::optional<BasicCredentials> credentials = basicCredentials(request);
    return credentials && credentials->user.startsWith(QStringLiteral("nofunds"));
}

// One task of a live answer: its status, cost, the path and the request echoed in data.
QJsonObject taskObject(const SimData& data, const SimRequest& request, int statusCode, const QString& message,
                       double cost, const QJsonObject& echo, const QJsonValue& result)
{
    QJsonArray path;
    for (const QString& part : request.path.split(u'/', Qt::SkipEmptyParts))
        path.append(part);
    return QJsonObject{
        {QStringLiteral("id"), data.uuid(QStringLiteral("dfs:task:%1").arg(request.sequence))},
        {QStringLiteral("status_code"), statusCode},
        {QStringLiteral("status_message"), message},
        {QStringLiteral("time"), QStringLiteral("0.1873 sec.")},
        {QStringLiteral("cost"), cost},
        {QStringLiteral("result_count"), result.isArray() ? result.toArray().size() : 0},
        {QStringLiteral("path"), path},
        {QStringLiteral("data"), echo},
        {QStringLiteral("result"), result},
    };
}

// A task that failed: top-level 20000 (the request was read), the failure in the task, no cost.
SimResponse taskError(const SimData& data, const SimRequest& request, int statusCode, const QString& message,
                      const QJsonObject& echo)
{
    const QJsonArray tasks{taskObject(data, request, statusCode, message, 0, echo, QJsonValue::Null)};
    return SimResponse::json(200, envelope(data, request, 20000, QStringLiteral("Ok."), tasks));
}

// The one task of a live POST, or the envelope DataForSEO sends for a malformed array.
std::variant<QJsonObject, SimResponse> liveTask(const SimData& data, const SimRequest& request)
{
    const QJsonDocument document = QJsonDocument::fromJson(request.body);
    if (request.body.trimmed().isEmpty())
        return envelopeError(data, request, 200, 40502, QStringLiteral("POST Data Is Empty."));
    if (!document.isArray())
        return envelopeError(data, request, 200, 40503, QStringLiteral("POST Data Is Invalid."));
    const QJsonArray tasks = document.array();
    if (tasks.isEmpty())
        return envelopeError(data, request, 200, 40502, QStringLiteral("POST Data Is Empty."));
    if (tasks.size() > 1)
        return envelopeError(data, request, 200, 40000,
                             QStringLiteral("You can set only one task at a time."));
    if (!tasks.first().isObject())
        return envelopeError(data, request, 200, 40503, QStringLiteral("POST Data Is Invalid."));
    return tasks.first().toObject();
}

QString targetError(const QJsonObject& task)
{
    const QString target = task.value(QStringLiteral("target")).toString();
    if (target.isEmpty())
        return QStringLiteral("Invalid Field: 'target'.");
    if (target.startsWith(QStringLiteral("www.")))
        return QStringLiteral("Invalid Field: 'target'. The domain should be specified without 'www.'.");
    return QString();
}

QJsonObject metricsObject(const SimData& data, const QString& salt, bool paid)
{
    const qint64 scale = paid ? 1 : data.range(QString(salt + u":scale"), 5, 60);
    QJsonObject metrics;
    const QStringList buckets = {
        QStringLiteral("pos_1"),     QStringLiteral("pos_2_3"),   QStringLiteral("pos_4_10"),
        QStringLiteral("pos_11_20"), QStringLiteral("pos_21_30"), QStringLiteral("pos_31_40"),
        QStringLiteral("pos_41_50"), QStringLiteral("pos_51_60"), QStringLiteral("pos_61_70"),
        QStringLiteral("pos_71_80"), QStringLiteral("pos_81_90"), QStringLiteral("pos_91_100")};
    qint64 count = 0;
    for (const QString& bucket : buckets) {
        const qint64 n = data.range(QString(salt + u':' + bucket), 0, 12) * scale;
        metrics.insert(bucket, n);
        count += n;
    }
    metrics.insert(QStringLiteral("etv"), data.amount(QString(salt + u":etv"), 10, 20000, 4));
    metrics.insert(QStringLiteral("count"), count);
    metrics.insert(QStringLiteral("estimated_paid_traffic_cost"),
                   data.amount(QString(salt + u":cost"), 0, 9000, 4));
    metrics.insert(QStringLiteral("is_new"), data.range(QString(salt + u":new"), 0, 40));
    metrics.insert(QStringLiteral("is_up"), data.range(QString(salt + u":up"), 0, 40));
    metrics.insert(QStringLiteral("is_down"), data.range(QString(salt + u":down"), 0, 40));
    metrics.insert(QStringLiteral("is_lost"), data.range(QString(salt + u":lost"), 0, 40));
    metrics.insert(QStringLiteral("clickstream_etv"), QJsonValue::Null);
    return metrics;
}

SimResponse rankOverview(const SimData& data, const SimRequest& request)
{
    const auto parsed = liveTask(data, request);
    if (const auto* response = std::get_if<SimResponse>(&parsed))
        return *response;
    const QJsonObject task = std::get<QJsonObject>(parsed);
    QJsonObject echo{{QStringLiteral("api"), QStringLiteral("dataforseo_labs")},
                     {QStringLiteral("function"), QStringLiteral("domain_rank_overview")},
                     {QStringLiteral("se"), QStringLiteral("google")}};
    for (auto it = task.constBegin(); it != task.constEnd(); ++it)
        echo.insert(it.key(), it.value());
    if (const QString problem = targetError(task); !problem.isEmpty())
        return taskError(data, request, 40501, problem, echo);
    const int limit = task.value(QStringLiteral("limit")).toInt(100);
    if (limit < 1 || limit > 1000)
        return taskError(data, request, 40501, QStringLiteral("Invalid Field: 'limit'."), echo);
    if (hasNoFunds(request))
        return taskError(
            data, request, 40210,
            QStringLiteral("Insufficient funds. Your account's balance is too low to complete this request."),
            echo);

    const QString target = task.value(QStringLiteral("target")).toString();
    const QJsonValue locationCode = task.value(QStringLiteral("location_code"));
    const QJsonValue languageCode = task.value(QStringLiteral("language_code"));
    // Without a location, one item per locale the domain ranks in (dataforseo.md §3.1).
    QList<QPair<int, QString>> locales;
    if (locationCode.isDouble())
        locales.append(
            {locationCode.toInt(), languageCode.isString() ? languageCode.toString() : QStringLiteral("en")});
    else
        locales = {{2036, QStringLiteral("en")}, {2840, QStringLiteral("en")}, {2826, QStringLiteral("en")}};
    QJsonArray items;
    // no-data.example: DataForSEO knows nothing about it (an empty result, still billed per task).
    if (target != u"no-data.example") {
        for (const auto& [location, language] : locales) {
            if (items.size() >= limit)
                break;
            const QString salt = QStringLiteral("dfs:rank:%1:%2").arg(target).arg(location);
            items.append(QJsonObject{
                {QStringLiteral("se_type"), QStringLiteral("google")},
                {QStringLiteral("location_code"), location},
                {QStringLiteral("language_code"), language},
                {QStringLiteral("metrics"),
                 QJsonObject{{QStringLiteral("organic"), metricsObject(data, salt, false)},
                             {QStringLiteral("paid"), metricsObject(data, QString(salt + u":paid"), true)}}},
            });
        }
    }
    const QJsonObject result{
        {QStringLiteral("se_type"), QStringLiteral("google")},
        {QStringLiteral("target"), target},
        {QStringLiteral("location_code"),
         locationCode.isDouble() ? locationCode : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("language_code"),
         languageCode.isString() ? languageCode : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("total_count"), items.size()},
        {QStringLiteral("items_count"), items.size()},
        {QStringLiteral("items"), items},
    };
    // unverified: the price; US$0.01 per task + US$0.0001 per row, as the user_data price table says.
    const double cost = 0.01 + 0.0001 * double(items.size());
    const QJsonArray tasks{
        taskObject(data, request, 20000, QStringLiteral("Ok."), cost, echo, QJsonArray{result})};
    return SimResponse::json(200, envelope(data, request, 20000, QStringLiteral("Ok."), tasks, cost));
}

SimResponse backlinksSummary(const SimData& data, const SimRequest& request)
{
    const auto parsed = liveTask(data, request);
    if (const auto* response = std::get_if<SimResponse>(&parsed))
        return *response;
    const QJsonObject task = std::get<QJsonObject>(parsed);
    QJsonObject echo{{QStringLiteral("api"), QStringLiteral("backlinks")},
                     {QStringLiteral("function"), QStringLiteral("summary")}};
    for (auto it = task.constBegin(); it != task.constEnd(); ++it)
        echo.insert(it.key(), it.value());
    // "sim-limited": a login without a Backlinks subscription (40204 in the task, nothing charged).
    if (request.limited())
        return taskError(
            data, request, 40204,
            QStringLiteral("Access denied. Visit Plans and Subscriptions to activate your subscription "
                           "and get access to this API: https://app.dataforseo.com/backlinks-subscription"),
            echo);
    if (const QString problem = targetError(task); !problem.isEmpty())
        return taskError(data, request, 40501, problem, echo);
    const QString status =
        task.value(QStringLiteral("backlinks_status_type")).toString(QStringLiteral("live"));
    if (status != u"all" && status != u"live" && status != u"lost")
        return taskError(data, request, 40501, QStringLiteral("Invalid Field: 'backlinks_status_type'."),
                         echo);
    if (hasNoFunds(request))
        return taskError(
            data, request, 40210,
            QStringLiteral("Insufficient funds. Your account's balance is too low to complete this request."),
            echo);

    const QString target = task.value(QStringLiteral("target")).toString();
    const QString salt = QStringLiteral("dfs:backlinks:") + target;
    const qint64 domains = data.range(QString(salt + u":rd"), 20, 4000);
    const qint64 backlinks = domains * data.range(QString(salt + u":per"), 3, 40);
    const bool hundred = task.value(QStringLiteral("rank_scale")).toString() == u"one_hundred";
    const qint64 rank = data.range(QString(salt + u":rank"), 50, 700);
    const QJsonObject result{
        {QStringLiteral("target"), target},
        {QStringLiteral("first_seen"), QStringLiteral("2019-04-02 11:22:03 +00:00")},
        {QStringLiteral("lost_date"), QJsonValue::Null},
        {QStringLiteral("rank"), hundred ? rank / 10 : rank},
        {QStringLiteral("backlinks"), backlinks},
        {QStringLiteral("backlinks_spam_score"), data.range(QString(salt + u":spam"), 0, 30)},
        {QStringLiteral("crawled_pages"), data.range(QString(salt + u":pages"), 10, 900)},
        {QStringLiteral("info"),
         QJsonObject{{QStringLiteral("server"), QStringLiteral("cloudflare")},
                     {QStringLiteral("cms"), QStringLiteral("wordpress")},
                     {QStringLiteral("platform_type"), QJsonArray{QStringLiteral("cms")}},
                     {QStringLiteral("ip_address"), QStringLiteral("203.0.113.7")},
                     {QStringLiteral("country"), QStringLiteral("AU")},
                     {QStringLiteral("is_ip"), false},
                     {QStringLiteral("target_spam_score"), 2}}},
        {QStringLiteral("internal_links_count"), data.range(QString(salt + u":int"), 100, 9000)},
        {QStringLiteral("external_links_count"), data.range(QString(salt + u":ext"), 10, 900)},
        {QStringLiteral("broken_backlinks"), data.range(QString(salt + u":bb"), 0, 50)},
        {QStringLiteral("broken_pages"), data.range(QString(salt + u":bp"), 0, 20)},
        {QStringLiteral("referring_domains"), domains},
        {QStringLiteral("referring_domains_nofollow"), domains / 5},
        {QStringLiteral("referring_main_domains"), domains * 9 / 10},
        {QStringLiteral("referring_main_domains_nofollow"), domains / 6},
        {QStringLiteral("referring_ips"), domains * 8 / 10},
        {QStringLiteral("referring_subnets"), domains * 7 / 10},
        {QStringLiteral("referring_pages"), backlinks * 9 / 10},
        {QStringLiteral("referring_pages_nofollow"), backlinks / 7},
        {QStringLiteral("referring_links_tld"),
         QJsonObject{{QStringLiteral("com"), backlinks / 2}, {QStringLiteral("com.au"), backlinks / 4}}},
        {QStringLiteral("referring_links_types"), QJsonObject{{QStringLiteral("anchor"), backlinks}}},
        {QStringLiteral("referring_links_attributes"),
         QJsonObject{{QStringLiteral("nofollow"), backlinks / 7}}},
        {QStringLiteral("referring_links_platform_types"),
         QJsonObject{{QStringLiteral("blogs"), backlinks / 3}}},
        {QStringLiteral("referring_links_semantic_locations"),
         QJsonObject{{QStringLiteral("article"), backlinks / 2}}},
        {QStringLiteral("referring_links_countries"),
         QJsonObject{{QStringLiteral("AU"), backlinks / 3}, {QStringLiteral(""), backlinks / 9}}},
    };
    // unverified: the price of a summary (US$0.02 per request here).
    const double cost = 0.02;
    const QJsonArray tasks{
        taskObject(data, request, 20000, QStringLiteral("Ok."), cost, echo, QJsonArray{result})};
    return SimResponse::json(200, envelope(data, request, 20000, QStringLiteral("Ok."), tasks, cost));
}

SimResponse userData(const SimData& data, const SimRequest& request)
{
    const double total = data.range(u"dfs:deposits", 2, 20) * 50.0;
    // A login starting "nofunds" is the sim's account with nothing left.
    const double balance = hasNoFunds(request) ? 0.0 : data.amount(u"dfs:balance", 5, total, 4);
    const QJsonObject result{
        {QStringLiteral("login"),
         QString(data.firstName(u"dfs:login").toLower() + QStringLiteral("@agency.example"))},
        {QStringLiteral("timezone"), QStringLiteral("Australia/Sydney")},
        {QStringLiteral("rates"),
         // The spec's AppendixRatesData: each window is an object with a total and per-API counts.
         QJsonObject{{QStringLiteral("limits"),
                      QJsonObject{{QStringLiteral("day"), QJsonObject{{QStringLiteral("total"), 0}}},
                                  {QStringLiteral("minute"), QJsonObject{{QStringLiteral("total"), 2000}}}}},
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
                                            {QStringLiteral("cost"), 0.01}}}}}}},
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
    spec.routes.add("POST", QStringLiteral("/v3/dataforseo_labs/google/domain_rank_overview/live"),
                    [data](const SimRequest& request) { return rankOverview(data, request); });
    spec.routes.add("POST", QStringLiteral("/v3/backlinks/summary/live"),
                    [data](const SimRequest& request) { return backlinksSummary(data, request); });
    return spec;
}

} // namespace agency::sim
