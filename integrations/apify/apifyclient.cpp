#include "apifyclient.h"

#include "integrations/costing.h"
#include "integrations/http/httpcore.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QRegularExpression>
#include <QUrlQuery>

#include <algorithm>
#include <cmath>

namespace agency {

namespace {

// ---- What the client assumes about Apify, in one place (apify.md, contracts/specs/apify.yaml) ----
// The canonical /v2/actors/ prefix; /v2/acts/ is the deprecated alias that older docs use.
const QString kActorsPrefix = QStringLiteral("/v2/actors/");
// waitForFinish: "by default it is 0, the maximum value is 60" (waitForFinishRun parameter).
constexpr int kMaxWaitForFinishSecs = 60;
// run-sync answers 408 after 300 s; the transfer timeout must be longer or we learn nothing.
constexpr std::chrono::seconds kRunSyncTimeout{330};
// Per-resource default limit: 60 requests per second (the global one, 250,000 per minute, is looser).
constexpr double kRequestsPerSecond = 60;
// Retry advice: start at 500 ms, wait between the delay and twice the delay, double after each 429.
// The core's jitter is symmetric, so 750 ms ± 1/3 gives the documented 500–1000 ms first wait.
constexpr std::chrono::milliseconds kInitialBackoff{750};
constexpr double kBackoffJitter = 1.0 / 3.0;
// Runs without a cap of their own get this one (sent as maxTotalChargeUsd and reserved): an assumption.
const QString kDefaultCapUsd = QStringLiteral("5 USD");
const QString kUsd = QStringLiteral("USD");

// Ids in paths: Actor ids ("vKg4IjxZbEYTYeW8T", "username~actor-name"), run and dataset ids.
const QRegularExpression kActorId(QStringLiteral("^[A-Za-z0-9._-]+(~[A-Za-z0-9._-]+)?$"));
const QRegularExpression kResourceId(QStringLiteral("^[A-Za-z0-9._~-]+$"));

// Reads typed fields from one JSON object. The first problem is kept (with the path that has it),
// and later reads return empty values, so a parser reads top to bottom and checks once at the end.
class JsonFields
{
public:
    JsonFields(QJsonObject object, QString path, QString* problem)
        : m_object(std::move(object))
        , m_path(std::move(path))
        , m_problem(problem)
    {}

    QString string(const QString& key, bool required = true)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isString())
            return value.toString();
        if (!required && (value.isUndefined() || value.isNull()))
            return QString();
        fail(key, QStringLiteral("a string"), value);
        return QString();
    }
    std::optional<double> number(const QString& key, bool required = false)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isDouble() && std::isfinite(value.toDouble()))
            return value.toDouble();
        if (!required && (value.isUndefined() || value.isNull()))
            return std::nullopt;
        fail(key, QStringLiteral("a number"), value);
        return std::nullopt;
    }
    std::optional<qint64> integer(const QString& key, bool required = false)
    {
        const std::optional<double> value = number(key, required);
        if (!value)
            return std::nullopt;
        if (*value != std::floor(*value) || std::abs(*value) > 9e15) {
            fail(key, QStringLiteral("an integer"), m_object.value(key));
            return std::nullopt;
        }
        return qint64(*value);
    }
    std::optional<bool> boolean(const QString& key)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isBool())
            return value.toBool();
        if (value.isUndefined() || value.isNull())
            return std::nullopt;
        fail(key, QStringLiteral("true or false"), value);
        return std::nullopt;
    }
    QJsonObject object(const QString& key, bool required = false)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isObject())
            return value.toObject();
        if (!required && (value.isUndefined() || value.isNull()))
            return QJsonObject();
        fail(key, QStringLiteral("an object"), value);
        return QJsonObject();
    }
    QDateTime dateTime(const QString& key, bool required = false)
    {
        const QString text = string(key, required);
        if (text.isEmpty())
            return QDateTime();
        QDateTime at = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (!at.isValid()) {
            fail(key, QStringLiteral("an ISO 8601 date"), m_object.value(key));
            return QDateTime();
        }
        return at.toUTC();
    }
    /// A non-negative USD amount (usageTotalUsd, maxTotalChargeUsd) as exact micro-dollars.
    std::optional<Money> usd(const QString& key)
    {
        const std::optional<double> value = number(key);
        if (!value)
            return std::nullopt;
        if (*value < 0 || *value > 1e9) {
            fail(key, QStringLiteral("a non-negative amount"), m_object.value(key));
            return std::nullopt;
        }
        return Money::fromMicros(std::llround(*value * 1e6), kUsd);
    }

    JsonFields child(const QString& key, bool required = false)
    {
        return JsonFields(object(key, required), where(key), m_problem);
    }
    bool failed() const { return !m_problem->isEmpty(); }
    void fail(const QString& key, const QString& expected, const QJsonValue& got)
    {
        if (!m_problem->isEmpty())
            return;
        const QString kind = got.isUndefined() ? QStringLiteral("missing")
                             : got.isNull()    ? QStringLiteral("null")
                             : got.isString()  ? QStringLiteral("a string")
                             : got.isDouble()  ? QStringLiteral("a number")
                             : got.isBool()    ? QStringLiteral("a boolean")
                             : got.isArray()   ? QStringLiteral("an array")
                                               : QStringLiteral("an object");
        *m_problem = QStringLiteral("%1 should be %2 but is %3").arg(where(key), expected, kind);
    }
    QString where(const QString& key) const { return m_path.isEmpty() ? key : QString(m_path + u'.' + key); }

private:
    QJsonObject m_object;
    QString m_path;
    QString* m_problem;
};

// Query values go out percent-encoded by us: QUrlQuery leaves '+' alone, which servers read as a space.
void addQuery(QUrlQuery& query, const QString& key, const QString& value)
{
    query.addQueryItem(key, QString::fromLatin1(QUrl::toPercentEncoding(value)));
}

void addRunOptions(QUrlQuery& query, const ApifyRunOptions& options, const Money& cap)
{
    if (options.timeoutSecs)
        addQuery(query, QStringLiteral("timeout"), QString::number(*options.timeoutSecs));
    if (options.memoryMbytes)
        addQuery(query, QStringLiteral("memory"), QString::number(*options.memoryMbytes));
    if (options.maxItems)
        addQuery(query, QStringLiteral("maxItems"), QString::number(*options.maxItems));
    addQuery(query, QStringLiteral("maxTotalChargeUsd"), cap.toDecimalString());
    if (options.restartOnError)
        addQuery(query, QStringLiteral("restartOnError"),
                 *options.restartOnError ? QStringLiteral("true") : QStringLiteral("false"));
    if (!options.build.isEmpty())
        addQuery(query, QStringLiteral("build"), options.build);
}

void addItemsQuery(QUrlQuery& query, const ApifyItemsQuery& items)
{
    addQuery(query, QStringLiteral("format"), QStringLiteral("json"));
    addQuery(query, QStringLiteral("offset"), QString::number(items.offset));
    addQuery(query, QStringLiteral("limit"), QString::number(items.limit));
    if (!items.fields.isEmpty())
        addQuery(query, QStringLiteral("fields"), items.fields.join(u','));
    if (!items.omit.isEmpty())
        addQuery(query, QStringLiteral("omit"), items.omit.join(u','));
    if (items.clean)
        addQuery(query, QStringLiteral("clean"), QStringLiteral("true"));
    if (items.desc)
        addQuery(query, QStringLiteral("desc"), QStringLiteral("true"));
}

ProviderErrorInfo parseApifyError(int, const QByteArray& body)
{
    // {"error": {"type": "invalid-token", "message": "Authentication token is not valid."}}
    const QJsonObject error =
        QJsonDocument::fromJson(body).object().value(QStringLiteral("error")).toObject();
    return {error.value(QStringLiteral("message")).toString(), error.value(QStringLiteral("type")).toString(),
            std::nullopt};
}

IntegrationError decodeError(const HttpResponse& response, const QString& detail)
{
    IntegrationError error;
    error.kind = IntegrationError::Kind::Decode;
    error.provider = ProviderId::Apify;
    error.httpStatus = response.status;
    error.requestId = response.requestId;
    error.detail = detail;
    return error;
}

Result<ApifyRun, QString> parseRun(const QJsonObject& object)
{
    QString problem;
    JsonFields fields(object, QStringLiteral("data"), &problem);
    ApifyRun run;
    run.raw = object;
    run.id = fields.string(QStringLiteral("id"));
    run.actId = fields.string(QStringLiteral("actId"));
    const QString status = fields.string(QStringLiteral("status"));
    if (const std::optional<ApifyRunStatus> known = apifyRunStatusFromName(status))
        run.status = *known;
    else if (!fields.failed())
        problem = QStringLiteral("data.status \"%1\" is not a known run status").arg(status);
    run.statusMessage = fields.string(QStringLiteral("statusMessage"), false);
    run.startedAt = fields.dateTime(QStringLiteral("startedAt"), true);
    run.finishedAt = fields.dateTime(QStringLiteral("finishedAt"));
    run.buildNumber = fields.string(QStringLiteral("buildNumber"), false);
    run.defaultDatasetId = fields.string(QStringLiteral("defaultDatasetId"));
    run.defaultKeyValueStoreId = fields.string(QStringLiteral("defaultKeyValueStoreId"));

    JsonFields stats = fields.child(QStringLiteral("stats"));
    run.runTimeSecs = stats.number(QStringLiteral("runTimeSecs"));
    run.computeUnits = stats.number(QStringLiteral("computeUnits"));

    JsonFields options = fields.child(QStringLiteral("options"));
    if (const std::optional<qint64> timeout = options.integer(QStringLiteral("timeoutSecs")))
        run.timeoutSecs = int(*timeout);
    if (const std::optional<qint64> memory = options.integer(QStringLiteral("memoryMbytes")))
        run.memoryMbytes = int(*memory);
    run.maxItems = options.integer(QStringLiteral("maxItems"));
    run.maxTotalCharge = options.usd(QStringLiteral("maxTotalChargeUsd"));

    run.usageTotal = fields.usd(QStringLiteral("usageTotalUsd"));
    const QJsonObject counts = fields.object(QStringLiteral("chargedEventCounts"));
    JsonFields countFields(counts, QStringLiteral("data.chargedEventCounts"), &problem);
    for (auto it = counts.begin(); it != counts.end(); ++it) {
        if (const std::optional<qint64> count = countFields.integer(it.key(), true))
            run.chargedEventCounts.insert(it.key(), *count);
    }
    run.pricingModel =
        fields.child(QStringLiteral("pricingInfo")).string(QStringLiteral("pricingModel"), false);
    if (!problem.isEmpty())
        return failure(problem);
    return run;
}

// A run that is still going may spend up to its cap: that is the conservative estimate until the
// provider reports (the run id lets the ledger replace it).
CostEvent estimatedAtCap(const QString& operation, const Money& cap, const QString& runId)
{
    CostEvent event;
    event.at = QDateTime::currentDateTimeUtc();
    event.provider = ProviderId::Apify;
    event.operation = operation;
    event.units = 1;
    event.unit = QStringLiteral("run");
    event.unitPrice = cap;
    event.amount = cap;
    event.source = CostSource::Estimated;
    event.providerReference = runId;
    return event;
}

std::optional<CostEvent> reportedRunCost(const QString& operation, const ApifyRun& run)
{
    if (!run.isFinished() || !run.usageTotal)
        return std::nullopt;
    return reportedCost(ProviderId::Apify, operation, *run.usageTotal, 1, QStringLiteral("run"), run.id);
}

Result<ApifyRun, IntegrationError> runFromResponse(const HttpResponse& response)
{
    auto document = HttpCore::decodeJson(ProviderId::Apify, response);
    if (!document)
        return failure(document.error());
    const QJsonValue data = document->object().value(QStringLiteral("data"));
    if (!document->isObject() || !data.isObject())
        return failure(decodeError(response, QStringLiteral("the answer has no \"data\" run object")));
    auto run = parseRun(data.toObject());
    if (!run)
        return failure(decodeError(response, run.error()));
    ApifyRun value = std::move(run).value();
    value.cost = response.cost;
    return value;
}

Result<ApifyItemsPage, IntegrationError> itemsFromResponse(const HttpResponse& response)
{
    auto document = HttpCore::decodeJson(ProviderId::Apify, response);
    if (!document)
        return failure(document.error());
    if (!document->isArray())
        return failure(decodeError(response, QStringLiteral("dataset items should be a JSON array")));
    ApifyItemsPage page;
    const QJsonArray items = document->array();
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (!items.at(i).isObject())
            return failure(decodeError(response, QStringLiteral("dataset item %1 is not an object").arg(i)));
        page.items.append(items.at(i).toObject());
    }
    const auto header = [&response](const char* name, bool required, std::optional<qint64>* out) {
        const QByteArray text = response.header(name).trimmed();
        bool ok = false;
        const qint64 value = text.toLongLong(&ok);
        if (ok && value >= 0) {
            *out = value;
            return QString();
        }
        if (text.isEmpty() && !required)
            return QString();
        return QStringLiteral("header %1 should be a count but is \"%2\"")
            .arg(QLatin1String(name), QString::fromLatin1(text));
    };
    std::optional<qint64> offset, limit, count, total;
    for (const QString& problem :
         {header("X-Apify-Pagination-Offset", true, &offset),
          header("X-Apify-Pagination-Limit", false, &limit), header("X-Apify-Pagination-Count", true, &count),
          header("X-Apify-Pagination-Total", true, &total)}) {
        if (!problem.isEmpty())
            return failure(decodeError(response, problem));
    }
    page.offset = *offset;
    page.limit = limit;
    page.count = *count;
    page.total = *total;
    page.cost = response.cost;
    return page;
}

} // namespace

QString apifyRunStatusName(ApifyRunStatus status)
{
    switch (status) {
    case ApifyRunStatus::Ready:
        return QStringLiteral("READY");
    case ApifyRunStatus::Running:
        return QStringLiteral("RUNNING");
    case ApifyRunStatus::TimingOut:
        return QStringLiteral("TIMING-OUT");
    case ApifyRunStatus::Aborting:
        return QStringLiteral("ABORTING");
    case ApifyRunStatus::Succeeded:
        return QStringLiteral("SUCCEEDED");
    case ApifyRunStatus::Failed:
        return QStringLiteral("FAILED");
    case ApifyRunStatus::TimedOut:
        return QStringLiteral("TIMED-OUT");
    case ApifyRunStatus::Aborted:
        return QStringLiteral("ABORTED");
    }
    return QString();
}

std::optional<ApifyRunStatus> apifyRunStatusFromName(QStringView name)
{
    for (const ApifyRunStatus status :
         {ApifyRunStatus::Ready, ApifyRunStatus::Running, ApifyRunStatus::TimingOut, ApifyRunStatus::Aborting,
          ApifyRunStatus::Succeeded, ApifyRunStatus::Failed, ApifyRunStatus::TimedOut,
          ApifyRunStatus::Aborted}) {
        if (apifyRunStatusName(status) == name)
            return status;
    }
    return std::nullopt;
}

bool isFinal(ApifyRunStatus status)
{
    return status == ApifyRunStatus::Succeeded || status == ApifyRunStatus::Failed ||
           status == ApifyRunStatus::TimedOut || status == ApifyRunStatus::Aborted;
}

ApifyClient::ApifyClient(const ClientContext& context)
    : m_core(context.core)
    , m_token(context.credential.value(QStringLiteral("token")))
    , m_defaultCap(*Money::parse(kDefaultCapUsd))
{
    m_endpoint.provider = ProviderId::Apify;
    m_endpoint.baseUrl = context.baseUrl;
    // Bearer, never ?token=: URLs end up in logs.
    m_endpoint.auth = Auth::bearer(m_token);
    m_endpoint.parseError = parseApifyError;
    m_endpoint.retry.initialBackoff = kInitialBackoff;
    m_endpoint.retry.jitter = kBackoffJitter;
}

PacingConfig ApifyClient::documentedPacing()
{
    return PacingConfig{kRequestsPerSecond, kRequestsPerSecond, 0};
}

std::optional<IntegrationError> ApifyClient::missingToken() const
{
    if (!m_token.isEmpty() && m_core)
        return std::nullopt;
    IntegrationError error;
    error.kind = IntegrationError::Kind::Configuration;
    error.provider = ProviderId::Apify;
    error.detail = m_core ? QStringLiteral("no API token is set") : QStringLiteral("no HTTP core");
    return error;
}

IntegrationError ApifyClient::invalidArgument(const QString& detail) const
{
    IntegrationError error;
    error.kind = IntegrationError::Kind::Configuration;
    error.provider = ProviderId::Apify;
    error.detail = detail;
    return error;
}

QCoro::Task<AccountStatus> ApifyClient::checkCredentials()
{
    QElapsedTimer clock;
    clock.start();
    const auto elapsed = [&clock] {
        return std::chrono::milliseconds(clock.elapsed());
    };
    if (const std::optional<IntegrationError> missing = missingToken())
        co_return accountStatusFromError(*missing, elapsed());

    HttpRequest meRequest;
    meRequest.path = QStringLiteral("/v2/users/me");
    meRequest.operation = QStringLiteral("check_user");
    const HttpResult me = co_await m_core->send(m_endpoint, meRequest);
    if (!me)
        co_return accountStatusFromError(me.error(), elapsed());
    auto meDocument = HttpCore::decodeJson(ProviderId::Apify, me.value());
    if (!meDocument)
        co_return accountStatusFromError(meDocument.error(), elapsed());
    QString problem;
    JsonFields root(meDocument->object(), QString(), &problem);
    JsonFields user = root.child(QStringLiteral("data"), true);
    const QString username = user.string(QStringLiteral("username"));
    const QString email = user.string(QStringLiteral("email"), false);
    const QString planId = user.child(QStringLiteral("plan")).string(QStringLiteral("id"), false);
    const std::optional<bool> paying = user.boolean(QStringLiteral("isPaying"));
    if (!problem.isEmpty())
        co_return accountStatusFromError(decodeError(me.value(), problem), elapsed());

    AccountStatus status;
    status.state = AccountStatus::State::Valid;
    status.plan = planId.isEmpty() ? QStringLiteral("unknown") : planId;
    const bool freePlan = planId.compare(QStringLiteral("FREE"), Qt::CaseInsensitive) == 0 ||
                          (paying && !*paying && planId.isEmpty());
    status.details.append({QStringLiteral("Username"), username});
    if (!email.isEmpty())
        status.details.append({QStringLiteral("Email"), email});
    status.details.append({QStringLiteral("Plan"), status.plan});
    if (paying)
        status.details.append(
            {QStringLiteral("Paying"), *paying ? QStringLiteral("yes") : QStringLiteral("no")});
    if (freePlan) {
        // A free account is a working account: runs are limited by the free monthly credit, nothing more.
        status.details.append(
            {QStringLiteral("Note"),
             QStringLiteral("Free plan: runs stop when the monthly free credit is used up")});
    }
    if (const QByteArray limit = me->header("X-RateLimit-Limit"); !limit.isEmpty())
        status.details.append(
            {QStringLiteral("Rate limit"), QString(QString::fromLatin1(limit) + QStringLiteral(" req/s"))});

    // The second call adds the month's usage; when it fails the key is still known to be good.
    HttpRequest limitsRequest;
    limitsRequest.path = QStringLiteral("/v2/users/me/limits");
    limitsRequest.operation = QStringLiteral("check_limits");
    const HttpResult limits = co_await m_core->send(m_endpoint, limitsRequest);
    QString usageLine;
    if (!limits) {
        status.details.append({QStringLiteral("Monthly usage"),
                               QStringLiteral("not available: %1").arg(limits.error().message())});
    } else {
        auto limitsDocument = HttpCore::decodeJson(ProviderId::Apify, limits.value());
        QString limitsProblem;
        JsonFields limitsRoot(limitsDocument ? limitsDocument->object() : QJsonObject(), QString(),
                              &limitsProblem);
        JsonFields data = limitsRoot.child(QStringLiteral("data"), true);
        JsonFields caps = data.child(QStringLiteral("limits"));
        JsonFields current = data.child(QStringLiteral("current"));
        const std::optional<Money> maxUsd = caps.usd(QStringLiteral("maxMonthlyUsageUsd"));
        const std::optional<Money> usedUsd = current.usd(QStringLiteral("monthlyUsageUsd"));
        const std::optional<double> maxUnits = caps.number(QStringLiteral("maxMonthlyActorComputeUnits"));
        const std::optional<double> usedUnits = current.number(QStringLiteral("monthlyActorComputeUnits"));
        const std::optional<qint64> maxJobs = caps.integer(QStringLiteral("maxConcurrentActorJobs"));
        const std::optional<qint64> activeJobs = current.integer(QStringLiteral("activeActorJobCount"));
        const QDateTime cycleEnd =
            data.child(QStringLiteral("monthlyUsageCycle")).dateTime(QStringLiteral("endAt"));
        if (!limitsDocument || !limitsProblem.isEmpty()) {
            const QString why = limitsDocument ? limitsProblem : limitsDocument.error().detail;
            status.details.append(
                {QStringLiteral("Monthly usage"), QStringLiteral("unreadable: %1").arg(why)});
        } else {
            if (maxUsd && usedUsd) {
                usageLine =
                    QStringLiteral("%1 of %2 used this month").arg(usedUsd->toString(), maxUsd->toString());
                status.details.append({QStringLiteral("Monthly usage"), usageLine});
                const Money left = maxUsd->minus(*usedUsd).value_or(Money::zero(kUsd));
                status.balance = left.isNegative() ? Money::zero(kUsd) : left;
            }
            if (maxUnits && usedUnits)
                status.details.append({QStringLiteral("Compute units"),
                                       QStringLiteral("%1 of %2").arg(*usedUnits).arg(*maxUnits)});
            if (maxJobs && activeJobs)
                status.details.append({QStringLiteral("Concurrent runs"),
                                       QStringLiteral("%1 of %2").arg(*activeJobs).arg(*maxJobs)});
            if (cycleEnd.isValid())
                status.details.append(
                    {QStringLiteral("Usage cycle ends"), cycleEnd.toString(QStringLiteral("yyyy-MM-dd"))});
        }
    }
    status.summary = usageLine.isEmpty() ? QStringLiteral("%1 plan").arg(status.plan)
                                         : QStringLiteral("%1 plan · %2").arg(status.plan, usageLine);
    status.latency = elapsed();
    status.checkedAt = QDateTime::currentDateTimeUtc();
    co_return status;
}

QCoro::Task<Result<ApifyRun, IntegrationError>> ApifyClient::startRun(ApifyStartRunRequest request)
{
    if (const std::optional<IntegrationError> missing = missingToken())
        co_return failure(*missing);
    QString actorId = request.actorId.trimmed();
    actorId.replace(u'/', u'~');
    if (!kActorId.match(actorId).hasMatch())
        co_return failure(invalidArgument(QStringLiteral("\"%1\" is not an Actor id").arg(request.actorId)));
    const Money cap = request.options.maxTotalCharge.value_or(m_defaultCap);
    if (cap.currency() != kUsd || cap.isNegative())
        co_return failure(invalidArgument(QStringLiteral("the run's cap must be an amount in USD")));

    HttpRequest http;
    http.method = "POST";
    http.path = kActorsPrefix + actorId + QStringLiteral("/runs");
    addRunOptions(http.query, request.options, cap);
    const int wait = std::clamp(request.waitForFinishSecs, 0, kMaxWaitForFinishSecs);
    if (wait > 0)
        addQuery(http.query, QStringLiteral("waitForFinish"), QString::number(wait));
    http.body = JsonBody{QJsonDocument(request.input)};
    http.timeout += std::chrono::seconds(wait);
    http.operation = QStringLiteral("actor_run");
    http.worstCaseCost = cap;
    // Never the run's own figure here: even a run that finished within waitForFinish may still show
    // preliminary costs. One estimate now, one report (reportRunCost) at the end, with the same run id.
    http.costOf = [cap](const HttpResponse& response) -> std::optional<CostEvent> {
        const auto run = runFromResponse(response);
        return estimatedAtCap(QStringLiteral("actor_run"), cap, run ? run->id : QString());
    };

    const HttpResult response = co_await m_core->send(m_endpoint, http);
    if (!response)
        co_return failure(response.error());
    auto run = runFromResponse(response.value());
    if (!run)
        co_return failure(run.error());
    ApifyRun value = std::move(run).value();
    value.location = QUrl(QString::fromUtf8(response->header("Location")));
    co_return value;
}

QCoro::Task<Result<ApifyRun, IntegrationError>> ApifyClient::pollRun(QString runId, int waitForFinishSecs)
{
    return readRun(std::move(runId), waitForFinishSecs, false);
}

QCoro::Task<Result<ApifyRun, IntegrationError>> ApifyClient::reportRunCost(QString runId)
{
    return readRun(std::move(runId), 0, true);
}

QCoro::Task<Result<ApifyRun, IntegrationError>> ApifyClient::readRun(QString runId, int waitForFinishSecs,
                                                                     bool reportCost)
{
    if (const std::optional<IntegrationError> missing = missingToken())
        co_return failure(*missing);
    if (!kResourceId.match(runId).hasMatch())
        co_return failure(invalidArgument(QStringLiteral("\"%1\" is not a run id").arg(runId)));
    HttpRequest http;
    http.path = QStringLiteral("/v2/actor-runs/") + runId;
    const int wait = std::clamp(waitForFinishSecs, 0, kMaxWaitForFinishSecs);
    if (wait > 0)
        addQuery(http.query, QStringLiteral("waitForFinish"), QString::number(wait));
    http.timeout += std::chrono::seconds(wait);
    http.operation = reportCost ? QStringLiteral("actor_run_cost") : QStringLiteral("actor_run_poll");
    if (reportCost) {
        // Not billable in itself (a read): it only carries the finished run's cost to the ledger.
        http.costOf = [](const HttpResponse& response) -> std::optional<CostEvent> {
            const auto run = runFromResponse(response);
            return run ? reportedRunCost(QStringLiteral("actor_run"), run.value()) : std::nullopt;
        };
    }
    const HttpResult response = co_await m_core->send(m_endpoint, http);
    if (!response)
        co_return failure(response.error());
    co_return runFromResponse(response.value());
}

QCoro::Task<Result<ApifyRun, IntegrationError>> ApifyClient::abortRun(QString runId)
{
    if (const std::optional<IntegrationError> missing = missingToken())
        co_return failure(*missing);
    if (!kResourceId.match(runId).hasMatch())
        co_return failure(invalidArgument(QStringLiteral("\"%1\" is not a run id").arg(runId)));
    HttpRequest http;
    http.method = "POST";
    http.path = QStringLiteral("/v2/actor-runs/") + runId + QStringLiteral("/abort");
    http.operation = QStringLiteral("actor_run_abort");
    const HttpResult response = co_await m_core->send(m_endpoint, http);
    if (!response)
        co_return failure(response.error());
    co_return runFromResponse(response.value());
}

QCoro::Task<Result<ApifyItemsPage, IntegrationError>>
ApifyClient::datasetItems(ApifyDatasetItemsRequest request)
{
    if (const std::optional<IntegrationError> missing = missingToken())
        co_return failure(*missing);
    if (!kResourceId.match(request.datasetId).hasMatch())
        co_return failure(
            invalidArgument(QStringLiteral("\"%1\" is not a dataset id").arg(request.datasetId)));
    if (request.query.offset < 0 || request.query.limit < 1)
        co_return failure(invalidArgument(QStringLiteral("offset must be ≥ 0 and limit ≥ 1")));
    HttpRequest http;
    http.path = QStringLiteral("/v2/datasets/") + request.datasetId + QStringLiteral("/items");
    addItemsQuery(http.query, request.query);
    http.operation = QStringLiteral("dataset_items");
    const HttpResult response = co_await m_core->send(m_endpoint, http);
    if (!response)
        co_return failure(response.error());
    co_return itemsFromResponse(response.value());
}

QCoro::Task<Result<ApifyItemsPage, IntegrationError>>
ApifyClient::runSyncGetDatasetItems(ApifyRunSyncRequest request)
{
    if (const std::optional<IntegrationError> missing = missingToken())
        co_return failure(*missing);
    QString actorId = request.actorId.trimmed();
    actorId.replace(u'/', u'~');
    if (!kActorId.match(actorId).hasMatch())
        co_return failure(invalidArgument(QStringLiteral("\"%1\" is not an Actor id").arg(request.actorId)));
    if (request.items.offset < 0 || request.items.limit < 1)
        co_return failure(invalidArgument(QStringLiteral("offset must be ≥ 0 and limit ≥ 1")));
    const Money cap = request.options.maxTotalCharge.value_or(m_defaultCap);
    if (cap.currency() != kUsd || cap.isNegative())
        co_return failure(invalidArgument(QStringLiteral("the run's cap must be an amount in USD")));

    HttpRequest http;
    http.method = "POST";
    http.path = kActorsPrefix + actorId + QStringLiteral("/run-sync-get-dataset-items");
    addRunOptions(http.query, request.options, cap);
    addItemsQuery(http.query, request.items);
    http.body = JsonBody{QJsonDocument(request.input)};
    http.timeout = kRunSyncTimeout;
    http.operation = QStringLiteral("actor_run_sync");
    http.worstCaseCost = cap;
    http.costOf = [cap](const HttpResponse&) -> std::optional<CostEvent> {
        return estimatedAtCap(QStringLiteral("actor_run_sync"), cap, QString());
    };
    const HttpResult response = co_await m_core->send(m_endpoint, http);
    if (!response)
        co_return failure(response.error());
    co_return itemsFromResponse(response.value());
}

} // namespace agency
