// Apify (shared/providers/apify.md, contracts/specs/apify.yaml): Bearer token or ?token=, GET /v2/users/me
// and /v2/users/me/limits, errors as {"error":{"type","message"}}, X-RateLimit-Limit on every answer.
// Actor runs live in memory (cleared with the simulator's reset): POST /v2/actors/{actorId}/runs (and the
// legacy /v2/acts/ prefix) answers 201 with a Location header; GET /v2/actor-runs/{runId} moves a run on —
// READY, RUNNING on the first plain read, finished on the second (or at once with waitForFinish), with a
// preliminary usageTotalUsd on the first finished read and the final one after; dataset items come as a
// bare array with X-Apify-Pagination-* headers; run-sync-get-dataset-items answers 201 with the items.
// Actors the simulator knows:
//   apify~google-search-scraper  pay-per-event, needs input.queries (string), 23 items
//   code_crafter~leads-finder    pay-per-result, needs input.domains (array), 40 items; a free account
//                                ("sim-limited") gets 402
//   sim~failing-actor            finishes FAILED with no items
//   sim~slow-actor               never finishes; run-sync answers 408 run-timeout-exceeded
//   sim~lead-profiles            pay-per-result, 45 items with nested objects and arrays, keys that
//                                only some items have, and text that needs CSV quoting
// POST /v2/actor-runs/{runId}/abort aborts a run in progress (ABORTED, with the items it had so far);
// a finished run comes back as it is.

#include "providerspec.h"
#include "routekit.h"

#include <QJsonArray>
#include <QMap>

#include <cmath>
#include <memory>

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

// ---- Actor runs and datasets -------------------------------------------------------------------

// POST payloads above this many bytes get 413 request-too-large.
constexpr qsizetype kMaxPayloadBytes = 9'437'184;
// waitForFinish: "the maximum value is 60".
constexpr int kMaxWaitForFinishSecs = 60;

struct Actor
{
    const char16_t* name; ///< "username~actor-name"
    const char16_t* pricingModel;
    const char16_t* requiredInput; ///< the input field the Actor's schema requires, or null
    bool requiredIsArray;
    int items;
    bool fails;
    bool neverFinishes;
    bool paid;   ///< refused to a free account (402)
    bool nested; ///< items with nested objects and arrays (sim~lead-profiles)
};

constexpr Actor kActors[] = {
    {u"apify~google-search-scraper", u"PAY_PER_EVENT", u"queries", false, 23, false, false, false, false},
    {u"code_crafter~leads-finder", u"PRICE_PER_DATASET_ITEM", u"domains", true, 40, false, false, true,
     false},
    {u"sim~failing-actor", u"FREE", nullptr, false, 0, true, false, false, false},
    {u"sim~slow-actor", u"FREE", nullptr, false, 5, false, true, false, false},
    {u"sim~lead-profiles", u"PRICE_PER_DATASET_ITEM", nullptr, false, 45, false, false, false, true},
};

QString actorIdOf(const SimData& data, const Actor& actor)
{
    return data.alnum(QString(QStringLiteral("apify:actor:") + QString::fromUtf16(actor.name)), 17);
}

// By "username~name" (a '/' works too) or by the Actor's id.
const Actor* findActor(const SimData& data, QString id)
{
    id.replace(u'/', u'~');
    for (const Actor& actor : kActors) {
        if (id == QString::fromUtf16(actor.name) || id == actorIdOf(data, actor))
            return &actor;
    }
    return nullptr;
}

struct Run
{
    const Actor* actor = nullptr;
    QString id;
    QString datasetId;
    QString keyValueStoreId;
    int number = 0;
    QDateTime startedAt;
    int reads = 0;         ///< plain reads so far
    int finishedReads = 0; ///< reads that saw it finished
    bool finished = false;
    bool aborted = false; ///< finished by an abort
    int timeoutSecs = 3600;
    int memoryMbytes = 1024;
    std::optional<qint64> maxItems;
    std::optional<double> cap;
    double usageUsd = 0; ///< the final usageTotalUsd
};

// Everything a sequence of requests changes. Cleared when the simulator is reset, which the routes
// see as the request counter starting again.
struct ApifyState
{
    quint64 lastSequence = 0;
    int runCount = 0;
    QMap<QString, Run> runs;             ///< by run id
    QMap<QString, QString> datasetToRun; ///< dataset id → run id

    void follow(const SimRequest& request)
    {
        if (request.sequence <= lastSequence) {
            runCount = 0;
            runs.clear();
            datasetToRun.clear();
        }
        lastSequence = request.sequence;
    }
};

SimResponse recordNotFound(const QString& what)
{
    return apifyError(404, QStringLiteral("record-not-found"), QStringLiteral("%1 was not found").arg(what));
}

std::optional<double> numberParameter(const SimRequest& request, const QString& name, bool* bad)
{
    const QString text = request.queryValue(name);
    if (text.isEmpty())
        return std::nullopt;
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok || !std::isfinite(value) || value < 0) {
        *bad = true;
        return std::nullopt;
    }
    return value;
}

// Validates the run options of a start; fills the run or returns the provider's 400.
std::optional<SimResponse> applyRunOptions(const SimRequest& request, Run& run)
{
    bool bad = false;
    const std::optional<double> memory = numberParameter(request, QStringLiteral("memory"), &bad);
    const std::optional<double> timeout = numberParameter(request, QStringLiteral("timeout"), &bad);
    const std::optional<double> maxItems = numberParameter(request, QStringLiteral("maxItems"), &bad);
    const std::optional<double> cap = numberParameter(request, QStringLiteral("maxTotalChargeUsd"), &bad);
    // unverified: the type and wording of a bad option value.
    if (bad)
        return apifyError(
            400, QStringLiteral("invalid-value"),
            QStringLiteral("Invalid value of a query parameter: it must be a non-negative number"));
    if (memory) {
        const int mb = int(*memory);
        if (mb < 128 || mb > 32768 || (mb & (mb - 1)) != 0)
            return apifyError(400, QStringLiteral("invalid-value"),
                              QStringLiteral("Memory must be a power of 2 between 128 and 32768 MB"));
        run.memoryMbytes = mb;
    }
    if (timeout)
        run.timeoutSecs = int(*timeout);
    if (maxItems)
        run.maxItems = qint64(*maxItems);
    run.cap = cap;
    return std::nullopt;
}

// The Actor's input check: the body must be a JSON object with the field its schema requires.
std::optional<SimResponse> checkInput(const SimRequest& request, const Actor& actor)
{
    if (request.body.size() > kMaxPayloadBytes) {
        return apifyError(
            413, QStringLiteral("request-too-large"),
            QStringLiteral("The POST payload is too large (limit: %1 bytes, actual length: %2 bytes).")
                .arg(kMaxPayloadBytes)
                .arg(request.body.size()));
    }
    QJsonObject input;
    if (!request.body.trimmed().isEmpty()) {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(request.body, &error);
        // unverified: the wording for a body that is not JSON.
        if (error.error != QJsonParseError::NoError || !document.isObject())
            return apifyError(400, QStringLiteral("invalid-input"),
                              QStringLiteral("Input is not valid: the request body must be a JSON object"));
        input = document.object();
    }
    if (actor.requiredInput) {
        const QString field = QString::fromUtf16(actor.requiredInput);
        const QJsonValue value = input.value(field);
        const bool ok =
            actor.requiredIsArray ? value.isArray() : value.isString() && !value.toString().isEmpty();
        // unverified: the wording; Apify checks input against the Actor's input schema.
        if (!ok)
            return apifyError(400, QStringLiteral("invalid-input"),
                              QStringLiteral("Input is not valid: Field input.%1 is required").arg(field));
    }
    return std::nullopt;
}

Run createRun(const SimData& data, ApifyState& state, const Actor& actor)
{
    Run run;
    run.actor = &actor;
    run.number = ++state.runCount;
    const QString salt = QStringLiteral("apify:run:%1").arg(run.number);
    run.id = data.alnum(salt, 17);
    run.datasetId = data.alnum(QString(salt + QStringLiteral(":dataset")), 17);
    run.keyValueStoreId = data.alnum(QString(salt + QStringLiteral(":kvs")), 17);
    run.startedAt = data.dateTime(salt, 30);
    run.usageUsd = actor.fails ? 0.0123 : data.amount(salt, 0.05, 0.5, 4);
    return run;
}

void settleUsage(Run& run)
{
    // The run stops charging at its cap.
    if (run.cap && run.usageUsd > *run.cap)
        run.usageUsd = *run.cap;
}

QString statusOf(const Run& run)
{
    if (run.aborted)
        return QStringLiteral("ABORTED");
    if (run.finished)
        return run.actor->fails ? QStringLiteral("FAILED") : QStringLiteral("SUCCEEDED");
    return run.reads == 0 ? QStringLiteral("READY") : QStringLiteral("RUNNING");
}

int itemsSoFar(const Run& run)
{
    return run.finished && !run.aborted ? run.actor->items : run.actor->items / 2;
}

QJsonValue orNull(const std::optional<double>& value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

QJsonObject runObject(const SimData& data, const Run& run)
{
    const QString status = statusOf(run);
    const double runTime = run.finished ? 60.0 + run.number * 7.5 : run.reads * 5.0;
    // The first read after the end still shows preliminary figures (the spec's warning).
    double usage = run.usageUsd;
    if (!run.finished)
        usage = run.reads == 0 ? 0.0 : std::round(run.usageUsd * 5000) / 10000;
    else if (run.finishedReads <= 1)
        usage = std::round(run.usageUsd * 9000) / 10000;
    const QString pricing = QString::fromUtf16(run.actor->pricingModel);
    QJsonObject object{
        {QStringLiteral("id"), run.id},
        {QStringLiteral("actId"), actorIdOf(data, *run.actor)},
        {QStringLiteral("userId"), data.alnum(u"apify:user-id", 17)},
        {QStringLiteral("actorTaskId"), QJsonValue::Null},
        {QStringLiteral("startedAt"), isoMillis(run.startedAt)},
        {QStringLiteral("finishedAt"),
         run.finished ? QJsonValue(isoMillis(run.startedAt.addMSecs(qint64(runTime * 1000))))
                      : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("status"), status},
        {QStringLiteral("statusMessage"),
         run.aborted ? QStringLiteral("Actor was aborted")
         : run.finished
             ? (run.actor->fails ? QStringLiteral("The Actor failed") : QStringLiteral("Finished!"))
             : QStringLiteral("Crawled %1 pages").arg(itemsSoFar(run))},
        {QStringLiteral("isStatusMessageTerminal"), run.finished},
        {QStringLiteral("meta"), QJsonObject{{QStringLiteral("origin"), QStringLiteral("API")}}},
        {QStringLiteral("stats"), QJsonObject{{QStringLiteral("inputBodyLen"), 120},
                                              {QStringLiteral("restartCount"), 0},
                                              {QStringLiteral("resurrectCount"), 0},
                                              {QStringLiteral("durationMillis"), qint64(runTime * 1000)},
                                              {QStringLiteral("runTimeSecs"), runTime},
                                              {QStringLiteral("computeUnits"),
                                               std::round(runTime * run.memoryMbytes / 3.6e3) / 1000}}},
        {QStringLiteral("options"),
         QJsonObject{{QStringLiteral("build"), QStringLiteral("latest")},
                     {QStringLiteral("timeoutSecs"), run.timeoutSecs},
                     {QStringLiteral("memoryMbytes"), run.memoryMbytes},
                     {QStringLiteral("diskMbytes"), run.memoryMbytes * 2},
                     {QStringLiteral("maxItems"), run.maxItems ? QJsonValue(*run.maxItems) : QJsonValue()},
                     {QStringLiteral("maxTotalChargeUsd"), orNull(run.cap)}}},
        {QStringLiteral("buildId"), data.alnum(u"apify:build", 17)},
        {QStringLiteral("buildNumber"), QStringLiteral("0.3.12")},
        {QStringLiteral("exitCode"),
         run.finished ? QJsonValue(run.actor->fails || run.aborted ? 1 : 0) : QJsonValue()},
        {QStringLiteral("generalAccess"), QStringLiteral("FOLLOW_USER_SETTING")},
        {QStringLiteral("defaultKeyValueStoreId"), run.keyValueStoreId},
        {QStringLiteral("defaultDatasetId"), run.datasetId},
        {QStringLiteral("defaultRequestQueueId"),
         data.alnum(QStringLiteral("apify:rq:%1").arg(run.number), 17)},
        {QStringLiteral("pricingInfo"), QJsonObject{{QStringLiteral("pricingModel"), pricing}}},
        {QStringLiteral("usageTotalUsd"), usage},
        {QStringLiteral("platformUsageBillingModel"), QStringLiteral("USER")},
    };
    if (pricing == u"PAY_PER_EVENT") {
        object.insert(
            QStringLiteral("chargedEventCounts"),
            QJsonObject{{QStringLiteral("actor-start"), 1}, {QStringLiteral("result"), itemsSoFar(run)}});
    }
    return object;
}

SimResponse runAnswer(const SimData& data, int status, const Run& run)
{
    return SimResponse::json(status, QJsonObject{{QStringLiteral("data"), runObject(data, run)}});
}

// sim~lead-profiles: a person with nested contact and company objects and a tags array. Every third
// item has a LinkedIn URL (a key the first item lacks); item 3 has a note with a comma, quotes, a line
// break and non-ASCII text.
QJsonObject leadProfile(const SimData& data, const QString& salt, int index, const QString& company,
                        const QString& domain)
{
    QJsonObject item{
        {QStringLiteral("position"), index + 1},
        {QStringLiteral("name"), QString(data.firstName(salt) + u' ' + data.lastName(salt))},
        {QStringLiteral("contact"),
         QJsonObject{
             {QStringLiteral("email"), data.email(salt)},
             {QStringLiteral("phone"), QStringLiteral("+61 4%1").arg(data.range(salt, 10000000, 99999999))}}},
        {QStringLiteral("company"),
         QJsonObject{{QStringLiteral("name"), company},
                     {QStringLiteral("domain"), domain},
                     {QStringLiteral("location"),
                      QJsonObject{{QStringLiteral("city"),
                                   data.pick(salt, {QStringLiteral("Sydney"), QStringLiteral("Melbourne"),
                                                    QStringLiteral("Brisbane")})},
                                  {QStringLiteral("country"), QStringLiteral("AU")}}}}},
        {QStringLiteral("tags"),
         QJsonArray{QStringLiteral("b2b"), index % 2 ? QStringLiteral("saas") : QStringLiteral("agency")}},
        {QStringLiteral("#debug"), QJsonObject{{QStringLiteral("requestId"), data.alnum(salt, 12)}}},
    };
    if (index % 3 == 2)
        item.insert(QStringLiteral("linkedin"),
                    QStringLiteral("https://www.linkedin.com/in/sim-%1").arg(index + 1));
    if (index == 2)
        item.insert(QStringLiteral("note"), QStringLiteral("Met at \"Growth, Sydney\"\nCafé — follow up"));
    return item;
}

// The item shape is the Actor's own; "#debug" is a hidden field that clean / skipHidden drop.
QJsonObject datasetItem(const SimData& data, const Run& run, int index)
{
    const QString salt = QStringLiteral("apify:item:%1:%2").arg(run.number).arg(index);
    const QString company = data.companyName(salt);
    const QString domain = company.toLower().replace(u' ', u'-') + QStringLiteral(".example");
    if (run.actor->nested)
        return leadProfile(data, salt, index, company, domain);
    return QJsonObject{
        {QStringLiteral("position"), index + 1},
        {QStringLiteral("title"), company},
        {QStringLiteral("url"), QString(QStringLiteral("https://") + domain + QStringLiteral("/"))},
        {QStringLiteral("email"), data.email(salt)},
        {QStringLiteral("#debug"), QJsonObject{{QStringLiteral("requestId"), data.alnum(salt, 12)}}},
    };
}

QStringList listParameter(const SimRequest& request, const QString& name)
{
    QStringList list;
    for (const QString& part : request.queryValue(name).split(u',', Qt::SkipEmptyParts))
        list.append(part.trimmed());
    return list;
}

bool flag(const SimRequest& request, const QString& name)
{
    const QString value = request.queryValue(name);
    return value == u"true" || value == u"1";
}

// GET …/items and the run-sync answer: a bare array plus X-Apify-Pagination-* headers.
SimResponse itemsAnswer(const SimData& data, const SimRequest& request, const Run& run, int status)
{
    const QString format = request.queryValue(QStringLiteral("format"));
    if (!format.isEmpty() && format != u"json") {
        // The simulator speaks JSON only (the real API also has jsonl, csv, xlsx, xml, html, rss).
        return apifyError(400, QStringLiteral("invalid-value"),
                          QStringLiteral("The simulator serves format=json only"));
    }
    bool bad = false;
    const qint64 total = itemsSoFar(run);
    const qint64 offset = qint64(numberParameter(request, QStringLiteral("offset"), &bad).value_or(0));
    const std::optional<double> limitValue = numberParameter(request, QStringLiteral("limit"), &bad);
    if (bad)
        return apifyError(400, QStringLiteral("invalid-value"),
                          QStringLiteral("offset and limit must be non-negative integers"));
    const qint64 limit = limitValue ? qint64(*limitValue) : total; // no limit by default
    const QStringList fields = listParameter(request, QStringLiteral("fields"));
    const QStringList omit = listParameter(request, QStringLiteral("omit"));
    const bool skipHidden =
        flag(request, QStringLiteral("clean")) || flag(request, QStringLiteral("skipHidden"));
    const bool desc = flag(request, QStringLiteral("desc"));

    QJsonArray items;
    for (qint64 i = offset; i < std::min(total, offset + limit); ++i) {
        const int index = int(desc ? total - 1 - i : i);
        const QJsonObject full = datasetItem(data, run, index);
        QJsonObject item;
        // fields also fixes the order; QJsonObject sorts keys, which JSON readers must not rely on anyway.
        for (auto it = full.begin(); it != full.end(); ++it) {
            if (!fields.isEmpty() && !fields.contains(it.key()))
                continue;
            if (omit.contains(it.key()) || (skipHidden && it.key().startsWith(u'#')))
                continue;
            item.insert(it.key(), it.value());
        }
        items.append(item);
    }
    SimResponse response = SimResponse::json(status, items);
    response.setHeader("X-Apify-Pagination-Offset", QByteArray::number(offset))
        .setHeader("X-Apify-Pagination-Limit", QByteArray::number(limit))
        .setHeader("X-Apify-Pagination-Count", QByteArray::number(items.size()))
        .setHeader("X-Apify-Pagination-Total", QByteArray::number(total));
    return response;
}

// POST /v2/actors/{actorId}/runs: 201, Location, the new run.
SimResponse startRun(const SimData& data, ApifyState& state, const SimRequest& request)
{
    state.follow(request);
    const Actor* actor = findActor(data, request.params.value(QStringLiteral("actorId")));
    if (!actor)
        return recordNotFound(QStringLiteral("Actor"));
    if (const std::optional<SimResponse> refused = checkInput(request, *actor))
        return *refused;
    if (actor->paid && request.limited()) {
        // unverified: the type and wording of the 402 (apify.md §4 only says "payment required").
        return apifyError(
            402, QStringLiteral("not-enough-usage-to-run-paid-actor"),
            QStringLiteral("You do not have enough usage left to run this paid Actor. Upgrade your "
                           "plan or wait until the next billing period."));
    }
    Run run = createRun(data, state, *actor);
    if (const std::optional<SimResponse> refused = applyRunOptions(request, run)) {
        --state.runCount;
        return *refused;
    }
    settleUsage(run);
    bool bad = false;
    const int wait =
        std::min(kMaxWaitForFinishSecs,
                 int(numberParameter(request, QStringLiteral("waitForFinish"), &bad).value_or(0)));
    if (wait > 0 && !actor->neverFinishes) {
        run.finished = true;
        run.reads = 1;
        run.finishedReads = 1;
    }
    state.runs.insert(run.id, run);
    state.datasetToRun.insert(run.datasetId, run.id);
    SimResponse response = runAnswer(data, 201, run);
    response.setHeader("Location",
                       QStringLiteral("https://api.apify.com/v2/actor-runs/%1").arg(run.id).toLatin1());
    return response;
}

// GET /v2/actor-runs/{runId}: each read moves the run on; waitForFinish finishes it at once.
SimResponse readRun(const SimData& data, ApifyState& state, const SimRequest& request)
{
    state.follow(request);
    const auto found = state.runs.find(request.params.value(QStringLiteral("runId")));
    if (found == state.runs.end())
        return recordNotFound(QStringLiteral("Actor run"));
    Run& run = found.value();
    bool bad = false;
    const int wait = int(numberParameter(request, QStringLiteral("waitForFinish"), &bad).value_or(0));
    if (!run.finished && !run.actor->neverFinishes && (wait > 0 || run.reads >= 1))
        run.finished = true;
    ++run.reads;
    if (run.finished)
        ++run.finishedReads;
    return runAnswer(data, 200, run);
}

// POST /v2/actor-runs/{runId}/abort: a run in progress stops at once with what it has; a finished
// run is answered as it is. unverified: the real API may answer ABORTING first, then ABORTED.
SimResponse abortRun(const SimData& data, ApifyState& state, const SimRequest& request)
{
    state.follow(request);
    const auto found = state.runs.find(request.params.value(QStringLiteral("runId")));
    if (found == state.runs.end())
        return recordNotFound(QStringLiteral("Actor run"));
    Run& run = found.value();
    if (!run.finished) {
        run.finished = true;
        run.aborted = true;
        run.usageUsd = std::round(run.usageUsd * 5000) / 10000; // charged for the half it ran
        ++run.finishedReads;
    }
    return runAnswer(data, 200, run);
}

SimResponse runDatasetItems(const SimData& data, ApifyState& state, const SimRequest& request,
                            const QString& runId)
{
    const auto found = state.runs.constFind(runId);
    if (found == state.runs.constEnd())
        return recordNotFound(QStringLiteral("Dataset"));
    return itemsAnswer(data, request, found.value(), 200);
}

// POST /v2/actors/{actorId}/run-sync-get-dataset-items: waits for the run (up to 300 s), then 201 items.
SimResponse runSync(const SimData& data, ApifyState& state, const SimRequest& request)
{
    state.follow(request);
    const Actor* actor = findActor(data, request.params.value(QStringLiteral("actorId")));
    if (!actor)
        return recordNotFound(QStringLiteral("Actor"));
    if (const std::optional<SimResponse> refused = checkInput(request, *actor))
        return *refused;
    if (actor->paid && request.limited()) {
        return apifyError(
            402, QStringLiteral("not-enough-usage-to-run-paid-actor"),
            QStringLiteral("You do not have enough usage left to run this paid Actor. Upgrade your "
                           "plan or wait until the next billing period."));
    }
    Run run = createRun(data, state, *actor);
    if (const std::optional<SimResponse> refused = applyRunOptions(request, run)) {
        --state.runCount;
        return *refused;
    }
    settleUsage(run);
    state.runs.insert(run.id, run);
    state.datasetToRun.insert(run.datasetId, run.id);
    if (actor->neverFinishes) {
        // The run goes on; only the HTTP answer gives up.
        return apifyError(
            408, QStringLiteral("run-timeout-exceeded"),
            QStringLiteral("Actor run exceeded the timeout of 300 seconds for this API endpoint"));
    }
    Run& stored = state.runs[run.id];
    stored.finished = true;
    stored.reads = 1;
    stored.finishedReads = 2;
    // unverified: what a failed run gives here; the simulator answers with its (empty) dataset.
    return itemsAnswer(data, request, stored, 201);
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

    const auto state = std::make_shared<ApifyState>();
    // The canonical /v2/actors/ prefix and the deprecated /v2/acts/ one reach the same handlers.
    for (const QString& prefix : {QStringLiteral("/v2/actors/"), QStringLiteral("/v2/acts/")}) {
        spec.routes.add("POST", QString(prefix + QStringLiteral("{actorId}/runs")),
                        [data, state](const SimRequest& request) { return startRun(data, *state, request); });
        spec.routes.add("POST", QString(prefix + QStringLiteral("{actorId}/run-sync-get-dataset-items")),
                        [data, state](const SimRequest& request) { return runSync(data, *state, request); });
    }
    spec.routes.add("GET", QStringLiteral("/v2/actor-runs/{runId}"),
                    [data, state](const SimRequest& request) { return readRun(data, *state, request); });
    spec.routes.add("POST", QStringLiteral("/v2/actor-runs/{runId}/abort"),
                    [data, state](const SimRequest& request) { return abortRun(data, *state, request); });
    spec.routes.add("GET", QStringLiteral("/v2/actor-runs/{runId}/dataset/items"),
                    [data, state](const SimRequest& request) {
                        state->follow(request);
                        return runDatasetItems(data, *state, request,
                                               request.params.value(QStringLiteral("runId")));
                    });
    spec.routes.add("GET", QStringLiteral("/v2/datasets/{datasetId}/items"),
                    [data, state](const SimRequest& request) {
                        state->follow(request);
                        const QString runId =
                            state->datasetToRun.value(request.params.value(QStringLiteral("datasetId")));
                        return runDatasetItems(data, *state, request, runId);
                    });
    return spec;
}

} // namespace agency::sim
