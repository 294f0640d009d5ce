// Clay (shared/providers/clay.md, contracts/specs/clay.json). Two surfaces on one simulated host:
//  * Public API v0 under /public/v0: clay-api-key header, GET /me as the credential check, routine runs
//    (POST /routines/{id}/run, then GET /routines/run/{run}/results: 202 while running, 200 with the
//    results), and filters-mode search (POST /search/filters-mode, POST /search/filters-mode/{id}/run
//    with period_quota); errors as {"message": "..."}.
//  * Table webhooks at Clay's real webhook path, /v3/sources/webhook/{webhook} (outside the API's base
//    path, so the framework hands them to notFound, which serves them): one JSON object per row,
//    optional x-clay-webhook-auth token, 50,000 rows per webhook for its whole lifetime.
// Demo conventions: "sim-limited" is a key without Public API access (403); a webhook id ending in
// "-no-auth" was created without a token (others need x-clay-webhook-auth: sim-valid); an id containing
// "sim-nearly-full" has 49,999 rows already; a routine id starting "missing" does not exist; an item
// whose inputs mention "fail" fails; the search quota starts nearly used up (so a test can spend it).

#include "providerspec.h"
#include "routekit.h"

#include <QHash>
#include <QRegularExpression>

#include <memory>

namespace agency::sim {

namespace {

const QString kWebhookPrefix = QStringLiteral("/v3/sources/webhook/");
constexpr qint64 kWebhookLimit = 50'000;
constexpr qint64 kQuotaLimit = 1000;

struct RoutineRun
{
    QString routineId;
    QJsonArray items;
    int polls = 0;
};

struct Search
{
    QString source;
    qint64 total = 0;
    qint64 offset = 0;
};

// What a simulated workspace remembers between requests (webhook counts never go down, as at Clay).
struct ClayState
{
    QHash<QString, qint64> webhookRows;
    QHash<QString, RoutineRun> runs;
    QHash<QString, Search> searches;
    qint64 quotaUsed = -1; ///< seeded on first use
    quint64 counter = 0;
};

bool isWebhookPath(const SimRequest& request)
{
    return request.path.startsWith(kWebhookPrefix) && request.path.size() > kWebhookPrefix.size();
}

QString webhookId(const SimRequest& request)
{
    return request.path.mid(kWebhookPrefix.size());
}

SimResponse clayError(int status, const QString& message)
{
    return SimResponse::json(status, QJsonObject{{QStringLiteral("message"), message}});
}

SimResponse noAccess()
{
    // unverified: the text; the spec only says 403 is "no access".
    return clayError(403, QStringLiteral("Your workspace does not have access to the Clay API."));
}

std::optional<QJsonObject> bodyObject(const SimRequest& request)
{
    const QJsonDocument document = QJsonDocument::fromJson(request.body);
    if (!document.isObject())
        return std::nullopt;
    return document.object();
}

// The spec's bodies declare additionalProperties: false.
QString unknownKey(const QJsonObject& object, const QStringList& allowed)
{
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (!allowed.contains(it.key()))
            return it.key();
    }
    return QString();
}

SimResponse me(const SimData& data, const SimRequest& request)
{
    if (request.limited())
        return noAccess();
    return SimResponse::json(
        200,
        QJsonObject{
            {QStringLiteral("user"),
             QJsonObject{{QStringLiteral("id"), QString::number(data.range(u"clay:user", 100000, 999999))},
                         {QStringLiteral("name"),
                          QString(data.firstName(u"clay:user") + u' ' + data.lastName(u"clay:user"))},
                         {QStringLiteral("cli_onboarded"), false}}},
            {QStringLiteral("workspace"),
             QJsonObject{
                 {QStringLiteral("id"), QString::number(data.range(u"clay:workspace", 10000, 99999))}}}});
}

SimResponse webhookRow(const std::shared_ptr<ClayState>& state, const SimRequest& request)
{
    if (request.method != "POST")
        return clayError(404, QStringLiteral("Not found."));
    const std::optional<QJsonObject> row = bodyObject(request);
    // unverified: Clay's answer to a body that is not one JSON object.
    if (!row || row->isEmpty())
        return clayError(400, QStringLiteral("The request body must be a JSON object."));
    const QString id = webhookId(request);
    qint64& rows = state->webhookRows[id];
    if (rows == 0 && id.contains(QStringLiteral("sim-nearly-full")))
        rows = kWebhookLimit - 1;
    // unverified: the status and text once the lifetime limit is reached (clay.md names only the limit).
    if (rows >= kWebhookLimit)
        return clayError(400, QStringLiteral("This webhook has reached its limit of 50,000 submissions. "
                                             "Create a new webhook to keep sending rows."));
    ++rows;
    // unverified: the success status and body; clay.md says to treat any 2xx as accepted.
    return SimResponse::json(200, QJsonObject{});
}

QJsonObject routineResult(const SimData& data, const QJsonObject& inputs, const QString& salt)
{
    QString email = inputs.value(QStringLiteral("email")).toString();
    QString domain = inputs.value(QStringLiteral("domain")).toString();
    if (domain.isEmpty() && email.contains(u'@'))
        domain = email.section(u'@', 1);
    if (domain.isEmpty())
        domain = QStringLiteral("%1.example").arg(data.companyName(salt).toLower().remove(u' '));
    const QString first = data.firstName(salt);
    const QString last = data.lastName(salt);
    if (email.isEmpty())
        email = first.toLower() + u'.' + last.toLower() + u'@' + domain;
    return QJsonObject{
        {QStringLiteral("work_email"), email},
        {QStringLiteral("full_name"), QString(first + u' ' + last)},
        {QStringLiteral("job_title"),
         data.pick(QString(salt + u":title"),
                   {QStringLiteral("Head of Marketing"), QStringLiteral("Operations Manager")})},
        {QStringLiteral("company_domain"), domain},
        {QStringLiteral("company_name"), data.companyName(QString(salt + u":co"))},
        {QStringLiteral("employee_count"), data.range(QString(salt + u":size"), 5, 500)},
        {QStringLiteral("phone"),
         QStringLiteral("+612%1").arg(data.range(QString(salt + u":phone"), 80000000, 99999999))},
        {QStringLiteral("linkedin_url"),
         QStringLiteral("https://www.linkedin.com/in/%1-%2").arg(first.toLower(), last.toLower())},
    };
}

SimResponse runRoutine(const SimData& data, const std::shared_ptr<ClayState>& state,
                       const SimRequest& request)
{
    if (request.limited())
        return noAccess();
    const QString routineId = request.params.value(QStringLiteral("routine_id"));
    if (routineId.startsWith(QStringLiteral("missing")))
        return clayError(404, QStringLiteral("Routine not found."));
    const std::optional<QJsonObject> body = bodyObject(request);
    if (!body)
        return clayError(400, QStringLiteral("Request body must be a JSON object."));
    if (const QString key = unknownKey(*body, {QStringLiteral("items"), QStringLiteral("webhook_id")});
        !key.isEmpty())
        return clayError(400, QStringLiteral("Unrecognized key: \"%1\"").arg(key));
    const QJsonValue items = body->value(QStringLiteral("items"));
    if (!items.isArray() || items.toArray().isEmpty() || items.toArray().size() > 100)
        return clayError(400, QStringLiteral("items: must contain between 1 and 100 items"));
    for (const QJsonValue& item : items.toArray()) {
        const QJsonObject object = item.toObject();
        const QString id = object.value(QStringLiteral("id")).toString();
        if (!item.isObject() || id.isEmpty() || id.size() > 64 ||
            !object.value(QStringLiteral("inputs")).isObject() ||
            !unknownKey(object, {QStringLiteral("id"), QStringLiteral("inputs")}).isEmpty())
            return clayError(
                400, QStringLiteral("items: each item needs an id (1-64 characters) and an inputs object"));
    }
    const QString runId =
        QStringLiteral("rr_") + data.hex(QStringLiteral("clay:run:%1").arg(++state->counter), 16);
    state->runs.insert(runId, RoutineRun{routineId, items.toArray(), 0});
    return SimResponse::json(202, QJsonObject{{QStringLiteral("routine_run_id"), runId},
                                              {QStringLiteral("status"), QStringLiteral("in_progress")}});
}

SimResponse routineResults(const SimData& data, const std::shared_ptr<ClayState>& state,
                           const SimRequest& request)
{
    if (request.limited())
        return noAccess();
    const QString runId = request.params.value(QStringLiteral("routine_run_id"));
    const auto found = state->runs.find(runId);
    if (found == state->runs.end())
        return clayError(404, QStringLiteral("Routine run not found."));
    bool limitOk = true;
    const QString limitText = request.queryValue(QStringLiteral("limit"));
    const int limit = limitText.isEmpty() ? 20 : limitText.toInt(&limitOk);
    if (!limitOk || limit < 1 || limit > 100)
        return clayError(400, QStringLiteral("limit: must be between 1 and 100"));
    RoutineRun& run = found.value();
    const qint64 total = run.items.size();
    // The first poll finds the run still working (202); later polls find it complete.
    if (run.polls++ == 0)
        return SimResponse::json(202, QJsonObject{{QStringLiteral("routine_run_id"), runId},
                                                  {QStringLiteral("status"), QStringLiteral("in_progress")},
                                                  {QStringLiteral("total"), total},
                                                  {QStringLiteral("finished"), total / 2}});
    const qint64 offset = request.queryValue(QStringLiteral("cursor")).toLongLong();
    QJsonArray page;
    for (qint64 i = offset; i < std::min<qint64>(total, offset + limit); ++i) {
        const QJsonObject item = run.items.at(i).toObject();
        const QJsonObject inputs = item.value(QStringLiteral("inputs")).toObject();
        const QString id = item.value(QStringLiteral("id")).toString();
        if (QString::fromUtf8(QJsonDocument(inputs).toJson()).contains(QStringLiteral("fail"))) {
            page.append(QJsonObject{
                {QStringLiteral("id"), id},
                {QStringLiteral("status"), QStringLiteral("failed")},
                {QStringLiteral("error"),
                 QJsonObject{{QStringLiteral("message"), QStringLiteral("No data found for input.")}}}});
        } else {
            page.append(QJsonObject{
                {QStringLiteral("id"), id},
                {QStringLiteral("status"), QStringLiteral("complete")},
                {QStringLiteral("result"), routineResult(data, inputs, QString(runId + u':' + id))}});
        }
    }
    QJsonObject body{{QStringLiteral("routine_run_id"), runId},
                     {QStringLiteral("status"), QStringLiteral("complete")},
                     {QStringLiteral("total"), total},
                     {QStringLiteral("finished"), total},
                     {QStringLiteral("data"), page}};
    if (offset + limit < total)
        body.insert(QStringLiteral("cursor"), QString::number(offset + limit));
    return SimResponse::json(200, body);
}

SimResponse createSearch(const SimData& data, const std::shared_ptr<ClayState>& state,
                         const SimRequest& request)
{
    if (request.limited())
        return noAccess();
    const std::optional<QJsonObject> body = bodyObject(request);
    if (!body)
        return clayError(400, QStringLiteral("Request body must be a JSON object."));
    if (const QString key = unknownKey(*body, {QStringLiteral("source_type"), QStringLiteral("filters")});
        !key.isEmpty())
        return clayError(400, QStringLiteral("Unrecognized key: \"%1\"").arg(key));
    const QString source = body->value(QStringLiteral("source_type")).toString();
    if (source != u"people" && source != u"companies")
        return clayError(400, QStringLiteral("source_type: must be one of \"people\", \"companies\""));
    if (!body->value(QStringLiteral("filters")).isObject())
        return clayError(400, QStringLiteral("filters: Required"));
    const QString searchId =
        QStringLiteral("srch_") + data.hex(QStringLiteral("clay:search:%1").arg(++state->counter), 16);
    const QString salt = QString::fromUtf8(request.body);
    state->searches.insert(searchId, Search{source, data.range(QString(u"clay:total:" + salt), 45, 120), 0});
    return SimResponse::json(200, QJsonObject{{QStringLiteral("search_id"), searchId}});
}

QJsonObject searchRecord(const SimData& data, const QString& source, const QString& salt)
{
    if (source == u"companies") {
        const QString name = data.companyName(salt);
        const QString domain = name.toLower().remove(u' ') + QStringLiteral(".example");
        return QJsonObject{
            {QStringLiteral("clay_company_id"),
             QString::number(data.range(QString(salt + u":id"), 1000000, 9999999))},
            {QStringLiteral("name"), name},
            {QStringLiteral("domain"), domain},
            {QStringLiteral("size"),
             data.pick(QString(salt + u":size"), {QStringLiteral("11-50"), QStringLiteral("51-200")})},
            {QStringLiteral("type"), QStringLiteral("Privately Held")},
            {QStringLiteral("country"), QStringLiteral("Australia")},
            {QStringLiteral("industry"), QStringLiteral("Marketing Services")},
            {QStringLiteral("location"), QStringLiteral("Sydney, New South Wales")},
            {QStringLiteral("linkedin_url"), QString(QStringLiteral("https://www.linkedin.com/company/") +
                                                     name.toLower().replace(u' ', u'-'))},
            {QStringLiteral("description"), QString(name + QStringLiteral(" is a B2B agency."))},
            {QStringLiteral("annual_revenue"), QStringLiteral("$1M-$10M")},
            {QStringLiteral("total_funding_amount_range_usd"), QJsonValue::Null},
        };
    }
    const QString first = data.firstName(salt);
    const QString last = data.lastName(salt);
    return QJsonObject{
        {QStringLiteral("clay_profile_id"),
         QString::number(data.range(QString(salt + u":id"), 10000000, 99999999))},
        {QStringLiteral("name"), QString(first + u' ' + last)},
        {QStringLiteral("first_name"), first},
        {QStringLiteral("last_name"), last},
        {QStringLiteral("location"),
         QJsonObject{{QStringLiteral("name"), QStringLiteral("Melbourne, Victoria, Australia")},
                     {QStringLiteral("city"), QStringLiteral("Melbourne")},
                     {QStringLiteral("state_or_province"), QStringLiteral("Victoria")}}},
        // unverified: the shape of a matched experience.
        {QStringLiteral("matched_experiences"),
         QJsonArray{QJsonObject{{QStringLiteral("title"), QStringLiteral("Marketing Director")},
                                {QStringLiteral("company_name"), data.companyName(QString(salt + u":co"))},
                                {QStringLiteral("is_current"), true}}}},
    };
}

SimResponse runSearch(const SimData& data, const std::shared_ptr<ClayState>& state, const SimRequest& request)
{
    if (request.limited())
        return noAccess();
    const QString searchId = request.params.value(QStringLiteral("search_id"));
    const auto found = state->searches.find(searchId);
    if (found == state->searches.end())
        return clayError(404, QStringLiteral("Search not found."));
    int limit = 20;
    if (!request.body.trimmed().isEmpty()) {
        const std::optional<QJsonObject> body = bodyObject(request);
        if (!body || !unknownKey(*body, {QStringLiteral("limit")}).isEmpty())
            return clayError(400, QStringLiteral("Request body must be {\"limit\": n}."));
        const QJsonValue value = body->value(QStringLiteral("limit"));
        if (!value.isUndefined() && (!value.isDouble() || value.toInt() < 1 || value.toInt() > 500))
            return clayError(400, QStringLiteral("limit: must be between 1 and 500"));
        limit = value.toInt(20);
    }
    if (state->quotaUsed < 0)
        state->quotaUsed = kQuotaLimit - data.range(u"clay:quota-left", 150, 250);
    // A spent quota is a 402 (a third-party report; clay.md: "do not retry").
    if (state->quotaUsed >= kQuotaLimit)
        return clayError(402, QStringLiteral("Search quota exhausted for this period."));
    Search& search = found.value();
    const qint64 count =
        std::min<qint64>({limit, search.total - search.offset, kQuotaLimit - state->quotaUsed});
    QJsonArray records;
    for (qint64 i = 0; i < count; ++i)
        records.append(searchRecord(
            data, search.source, QStringLiteral("clay:record:%1:%2").arg(searchId).arg(search.offset + i)));
    search.offset += count;
    state->quotaUsed += count;
    return SimResponse::json(
        200, QJsonObject{
                 {QStringLiteral("data"), records},
                 {QStringLiteral("has_more"), search.offset < search.total},
                 {QStringLiteral("period_quota"),
                  QJsonObject{{QStringLiteral("limit"), kQuotaLimit},
                              {QStringLiteral("used"), state->quotaUsed},
                              {QStringLiteral("remaining"), kQuotaLimit - state->quotaUsed},
                              {QStringLiteral("resets_at"), QStringLiteral("2026-02-01T00:00:00.000Z")}}}});
}

} // namespace

ProviderSpec claySpec(const SimData& data)
{
    ProviderSpec spec;
    spec.id = ProviderId::Clay;
    auto state = std::make_shared<ClayState>();

    spec.authenticate = [](const SimRequest& request) {
        if (!isWebhookPath(request))
            return secretFromHeader(request, "clay-api-key");
        // A webhook created without a token takes any request; otherwise the token must be right.
        AuthOutcome outcome = secretFromHeader(request, "x-clay-webhook-auth");
        if (webhookId(request).endsWith(QStringLiteral("-no-auth")) &&
            outcome.state != CredentialState::RateLimited)
            outcome.state = CredentialState::Valid;
        return outcome;
    };
    spec.rejectCredentials = [](const SimRequest& request) {
        // unverified: the spec gives the {"message"} shape but no texts; the webhook's refusal is not
        // documented.
        if (isWebhookPath(request))
            return clayError(401, QStringLiteral("Unauthorized"));
        if (request.credential == CredentialState::Missing)
            return clayError(401, QStringLiteral("Missing API key. Send it in the clay-api-key header."));
        return clayError(401, QStringLiteral("Invalid API key."));
    };
    spec.rateLimited = [](const SimRequest& request, int retryAfterSeconds) {
        // unverified: Retry-After and X-RateLimit-* come from a third-party reading of the rate-limit page.
        SimResponse response = clayError(429, QStringLiteral("Too many requests. Please retry later."));
        response.withHeader("Retry-After", QByteArray::number(retryAfterSeconds))
            .withHeader("X-RateLimit-Limit", QByteArray::number(request.rate ? request.rate->limit : 60))
            .withHeader("X-RateLimit-Remaining", "0")
            .withHeader("X-RateLimit-Reset", QByteArray::number(retryAfterSeconds));
        return response;
    };
    spec.serverError = [](const SimRequest&, int status) {
        return clayError(status, QStringLiteral("Internal server error."));
    };
    // Paths outside /public/v0 reach notFound: the webhook path is served here, anything else is a 404.
    spec.notFound = [state](const SimRequest& request) {
        if (isWebhookPath(request))
            return webhookRow(state, request);
        return clayError(404, QStringLiteral("Not found."));
    };

    spec.routes.add("GET", QStringLiteral("/me"),
                    [data](const SimRequest& request) { return me(data, request); });
    spec.routes.add("POST", QStringLiteral("/routines/{routine_id}/run"),
                    [data, state](const SimRequest& request) { return runRoutine(data, state, request); });
    spec.routes.add(
        "GET", QStringLiteral("/routines/run/{routine_run_id}/results"),
        [data, state](const SimRequest& request) { return routineResults(data, state, request); });
    spec.routes.add("POST", QStringLiteral("/search/filters-mode"),
                    [data, state](const SimRequest& request) { return createSearch(data, state, request); });
    spec.routes.add("POST", QStringLiteral("/search/filters-mode/{search_id}/run"),
                    [data, state](const SimRequest& request) { return runSearch(data, state, request); });
    return spec;
}

} // namespace agency::sim
