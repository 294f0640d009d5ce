#include "anthropicclient.h"

#include "integrations/costing.h"
#include "integrations/http/httpcore.h"
#include "integrations/http/retrytiming.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QUrlQuery>

#include <algorithm>
#include <cmath>

#include <qcoro/qcorotimer.h>

namespace agency {

namespace {

// ---- What the client assumes about Anthropic, in one place (anthropic.md, contracts/specs/anthropic.json)
// ----
const QByteArray kApiVersion = QByteArrayLiteral("2023-06-01");
// Usage tier 1 allows 50 requests per minute (third-party tier tables; the md records no tier numbers).
constexpr double kRequestsPerMinute = 50;
// Non-streaming messages may run long; the official SDK waits up to 10 minutes.
constexpr std::chrono::seconds kMessageTimeout{600};
// The SDK's back-off: 0.5 s doubling up to 8 s; Retry-After honoured when 0 < value ≤ 60 s.
constexpr std::chrono::milliseconds kInitialBackoff{500};
constexpr std::chrono::milliseconds kMaxBackoff{8'000};
// 529: Anthropic's "overloaded", API-wide; like 429 it means the request was not processed.
constexpr int kOverloadedStatus = 529;
// Upper bound of the tokens a text can be: a token covers at least one UTF-8 byte; roles and
// message framing add a few tokens each.
constexpr qint64 kTokensPerMessageFrame = 16;
constexpr qint64 kTokensPerRequestFrame = 64;
// listAllModels gives up after this many pages (a provider that pages forever).
constexpr int kMaxModelPages = 50;
const QString kUsd = QStringLiteral("USD");

QDate todayUtc()
{
    return QDateTime::currentDateTimeUtc().date();
}

// Reads typed fields from one JSON object; the first problem is kept with its path.
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
    /// A count of tokens: a non-negative integer; absent or null reads as 0 unless required.
    qint64 count(const QString& key, bool required = false)
    {
        const QJsonValue value = m_object.value(key);
        if (!required && (value.isUndefined() || value.isNull()))
            return 0;
        const double number = value.toDouble(-1);
        if (!value.isDouble() || number < 0 || number != std::floor(number) || number > 9e15) {
            fail(key, QStringLiteral("a non-negative integer"), value);
            return 0;
        }
        return qint64(number);
    }
    std::optional<qint64> optionalCount(const QString& key)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined() || value.isNull())
            return std::nullopt;
        return count(key, true);
    }
    bool boolean(const QString& key)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isBool())
            return value.toBool();
        fail(key, QStringLiteral("true or false"), value);
        return false;
    }
    QJsonArray array(const QString& key)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isArray())
            return value.toArray();
        fail(key, QStringLiteral("an array"), value);
        return QJsonArray();
    }
    bool has(const QString& key) const
    {
        const QJsonValue value = m_object.value(key);
        return !value.isUndefined() && !value.isNull();
    }
    JsonFields child(const QString& key, bool required = false)
    {
        const QJsonValue value = m_object.value(key);
        if (!value.isObject() && (required || (!value.isUndefined() && !value.isNull())))
            fail(key, QStringLiteral("an object"), value);
        return JsonFields(value.toObject(), where(key), m_problem);
    }
    void expect(const QString& key, const QString& constant)
    {
        const QString value = string(key);
        if (m_problem->isEmpty() && value != constant)
            *m_problem = QStringLiteral("%1 should be \"%2\" but is \"%3\"").arg(where(key), constant, value);
    }
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

void addQuery(QUrlQuery& query, const QString& key, const QString& value)
{
    query.addQueryItem(key, QString::fromLatin1(QUrl::toPercentEncoding(value)));
}

IntegrationError makeError(IntegrationError::Kind kind, const QString& detail,
                           const HttpResponse* response = nullptr)
{
    IntegrationError error;
    error.kind = kind;
    error.provider = ProviderId::Anthropic;
    error.detail = detail;
    if (response) {
        error.httpStatus = response->status;
        error.requestId = response->requestId;
    }
    return error;
}

// {"type":"error","error":{"type":"rate_limit_error","message":"…"},"request_id":"req_…"}: the kind
// follows error.type where it says more than the status (a billing error is never an auth failure).
ProviderErrorInfo parseAnthropicError(int, const QByteArray& body)
{
    const QJsonObject error =
        QJsonDocument::fromJson(body).object().value(QStringLiteral("error")).toObject();
    ProviderErrorInfo info{error.value(QStringLiteral("message")).toString(),
                           error.value(QStringLiteral("type")).toString(), std::nullopt};
    using Kind = IntegrationError::Kind;
    if (info.code == u"authentication_error" || info.code == u"permission_error")
        info.kind = Kind::Auth;
    else if (info.code == u"rate_limit_error")
        info.kind = Kind::RateLimited;
    else if (info.code == u"overloaded_error" || info.code == u"api_error" || info.code == u"timeout_error")
        info.kind = Kind::Server;
    else if (info.code == u"billing_error" || info.code == u"invalid_request_error" ||
             info.code == u"not_found_error" || info.code == u"request_too_large")
        info.kind = Kind::InvalidRequest;
    return info;
}

// retry-after-ms (the SDK's first choice), else the latest reset among the exhausted limits.
std::optional<std::chrono::milliseconds> readAnthropicRetryAfter(const HttpResponse& response)
{
    bool ok = false;
    const double ms = response.header("retry-after-ms").trimmed().toDouble(&ok);
    if (ok && ms > 0)
        return std::chrono::milliseconds(qint64(std::ceil(ms)));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    std::optional<std::chrono::milliseconds> wait;
    for (const char* limit : {"requests", "tokens", "input-tokens", "output-tokens"}) {
        const QByteArray prefix = QByteArrayLiteral("anthropic-ratelimit-") + limit;
        if (response.header(QByteArray(prefix + "-remaining")).trimmed() != "0")
            continue;
        const QByteArray resetText = response.header(QByteArray(prefix + "-reset")).trimmed();
        const QDateTime reset = QDateTime::fromString(QString::fromLatin1(resetText), Qt::ISODate);
        if (!reset.isValid())
            continue;
        const auto until = std::chrono::milliseconds(std::max<qint64>(0, now.msecsTo(reset)));
        if (!wait || until > *wait)
            wait = until;
    }
    return wait;
}

QString roleName(AnthropicMessage::Role role)
{
    return role == AnthropicMessage::Role::User ? QStringLiteral("user") : QStringLiteral("assistant");
}

// The body shared by messages and count_tokens (count_tokens takes no max_tokens).
QJsonObject requestBody(const AnthropicMessageRequest& request, bool forMessage)
{
    QJsonArray messages;
    for (const AnthropicMessage& message : request.messages)
        messages.append(QJsonObject{{QStringLiteral("role"), roleName(message.role)},
                                    {QStringLiteral("content"), message.text}});
    QJsonObject body{{QStringLiteral("model"), request.model}, {QStringLiteral("messages"), messages}};
    if (!request.system.isEmpty()) {
        if (request.cacheSystem == AnthropicCacheTtl::None) {
            body.insert(QStringLiteral("system"), request.system);
        } else {
            const QString ttl = request.cacheSystem == AnthropicCacheTtl::OneHour ? QStringLiteral("1h")
                                                                                  : QStringLiteral("5m");
            body.insert(
                QStringLiteral("system"),
                QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                       {QStringLiteral("text"), request.system},
                                       {QStringLiteral("cache_control"),
                                        QJsonObject{{QStringLiteral("type"), QStringLiteral("ephemeral")},
                                                    {QStringLiteral("ttl"), ttl}}}}});
        }
    }
    if (!forMessage)
        return body;
    body.insert(QStringLiteral("max_tokens"), request.maxTokens);
    if (!request.stopSequences.isEmpty())
        body.insert(QStringLiteral("stop_sequences"), QJsonArray::fromStringList(request.stopSequences));
    if (request.temperature)
        body.insert(QStringLiteral("temperature"), *request.temperature);
    if (!request.metadataUserId.isEmpty())
        body.insert(QStringLiteral("metadata"),
                    QJsonObject{{QStringLiteral("user_id"), request.metadataUserId}});
    return body;
}

// usage: absent → nullopt (the caller then estimates); present but odd → a problem.
std::optional<AnthropicUsage> parseUsage(JsonFields& message, QString* problem)
{
    if (!message.has(QStringLiteral("usage")))
        return std::nullopt;
    JsonFields usage = message.child(QStringLiteral("usage"), true);
    AnthropicUsage parsed;
    parsed.inputTokens = usage.count(QStringLiteral("input_tokens"), true);
    parsed.outputTokens = usage.count(QStringLiteral("output_tokens"), true);
    const qint64 cacheWrites = usage.count(QStringLiteral("cache_creation_input_tokens"));
    parsed.cacheReadTokens = usage.count(QStringLiteral("cache_read_input_tokens"));
    JsonFields byTtl = usage.child(QStringLiteral("cache_creation"));
    parsed.cacheWrite5mTokens = byTtl.count(QStringLiteral("ephemeral_5m_input_tokens"));
    parsed.cacheWrite1hTokens = byTtl.count(QStringLiteral("ephemeral_1h_input_tokens"));
    // Writes the breakdown does not cover are priced at the API's default TTL, five minutes.
    const qint64 unattributed = cacheWrites - parsed.cacheWrite5mTokens - parsed.cacheWrite1hTokens;
    if (unattributed > 0)
        parsed.cacheWrite5mTokens += unattributed;
    parsed.serviceTier = usage.string(QStringLiteral("service_tier"), false);
    JsonFields tools = usage.child(QStringLiteral("server_tool_use"));
    parsed.serverToolRequests = tools.count(QStringLiteral("web_search_requests")) +
                                tools.count(QStringLiteral("web_fetch_requests"));
    if (!problem->isEmpty())
        return std::nullopt;
    return parsed;
}

struct ParsedMessage
{
    AnthropicMessageResult result;
    bool hasUsage = false;
};

Result<ParsedMessage, QString> parseMessage(const QJsonObject& object)
{
    QString problem;
    JsonFields fields(object, QString(), &problem);
    ParsedMessage parsed;
    AnthropicMessageResult& result = parsed.result;
    result.raw = object;
    result.id = fields.string(QStringLiteral("id"));
    fields.expect(QStringLiteral("type"), QStringLiteral("message"));
    fields.expect(QStringLiteral("role"), QStringLiteral("assistant"));
    result.model = fields.string(QStringLiteral("model"));
    result.stopReason = fields.string(QStringLiteral("stop_reason"), false);
    result.stopSequence = fields.string(QStringLiteral("stop_sequence"), false);
    const QJsonArray content = fields.array(QStringLiteral("content"));
    QStringList texts;
    for (qsizetype i = 0; i < content.size() && problem.isEmpty(); ++i) {
        if (!content.at(i).isObject()) {
            problem = QStringLiteral("content[%1] should be an object").arg(i);
            break;
        }
        JsonFields block(content.at(i).toObject(), QStringLiteral("content[%1]").arg(i), &problem);
        const QString type = block.string(QStringLiteral("type"));
        result.blockTypes.append(type);
        if (type == u"text")
            texts.append(block.string(QStringLiteral("text")));
    }
    result.text = texts.join(QString());
    const std::optional<AnthropicUsage> usage = parseUsage(fields, &problem);
    if (!problem.isEmpty())
        return failure(problem);
    parsed.hasUsage = usage.has_value();
    if (usage)
        result.usage = *usage;
    result.costMayDiffer = (!result.usage.serviceTier.isEmpty() && result.usage.serviceTier != u"standard") ||
                           result.usage.serverToolRequests > 0;
    return parsed;
}

Result<AnthropicModelPage, QString> parseModelPage(const QJsonObject& object)
{
    QString problem;
    JsonFields fields(object, QString(), &problem);
    AnthropicModelPage page;
    const QJsonArray data = fields.array(QStringLiteral("data"));
    page.hasMore = fields.boolean(QStringLiteral("has_more"));
    page.firstId = fields.string(QStringLiteral("first_id"), false);
    page.lastId = fields.string(QStringLiteral("last_id"), false);
    for (qsizetype i = 0; i < data.size() && problem.isEmpty(); ++i) {
        if (!data.at(i).isObject()) {
            problem = QStringLiteral("data[%1] should be a model object").arg(i);
            break;
        }
        JsonFields model(data.at(i).toObject(), QStringLiteral("data[%1]").arg(i), &problem);
        AnthropicModel entry;
        entry.id = model.string(QStringLiteral("id"));
        entry.displayName = model.string(QStringLiteral("display_name"), false);
        const QString created = model.string(QStringLiteral("created_at"), false);
        entry.createdAt = QDateTime::fromString(created, Qt::ISODateWithMs).toUTC();
        if (!created.isEmpty() && !entry.createdAt.isValid() && problem.isEmpty())
            problem = QStringLiteral("data[%1].created_at is not an RFC 3339 date").arg(i);
        entry.maxInputTokens = model.optionalCount(QStringLiteral("max_input_tokens"));
        entry.maxTokens = model.optionalCount(QStringLiteral("max_tokens"));
        page.models.append(entry);
    }
    if (!problem.isEmpty())
        return failure(problem);
    return page;
}

// The cost of an answer whose usage could not be read: the reserved worst case, marked estimated.
CostEvent estimatedMessageCost(const Money& worstCase, qint64 tokens, const QString& reference)
{
    CostEvent event;
    event.at = QDateTime::currentDateTimeUtc();
    event.provider = ProviderId::Anthropic;
    event.operation = QStringLiteral("message");
    event.units = tokens;
    event.unit = QStringLiteral("token");
    event.amount = worstCase;
    if (tokens > 0)
        event.unitPrice = worstCase.scaled(1, tokens).value_or(Money());
    event.source = CostSource::Estimated;
    event.providerReference = reference;
    return event;
}

} // namespace

AnthropicClient::AnthropicClient(const ClientContext& context)
    : m_core(context.core)
    , m_apiKey(context.credential.value(QStringLiteral("api_key")))
    , m_prices(std::make_shared<const AnthropicPriceTable>(AnthropicPriceTable::builtIn()))
{
    m_endpoint.provider = ProviderId::Anthropic;
    m_endpoint.baseUrl = context.baseUrl;
    m_endpoint.auth = Auth::header(QByteArrayLiteral("x-api-key"), m_apiKey);
    m_endpoint.defaultHeaders = {{QByteArrayLiteral("anthropic-version"), kApiVersion}};
    m_endpoint.parseError = parseAnthropicError;
    m_endpoint.readRetryAfter = readAnthropicRetryAfter;
    m_endpoint.retry.initialBackoff = kInitialBackoff;
    m_endpoint.retry.maxBackoff = kMaxBackoff;
    m_endpoint.requestIdHeaders = {QByteArrayLiteral("request-id")};
}

PacingConfig AnthropicClient::documentedPacing()
{
    // Anthropic replenishes continuously (a token bucket), so a small burst is within the limit.
    return PacingConfig{kRequestsPerMinute / 60.0, 5, 0};
}

void AnthropicClient::setPriceTable(AnthropicPriceTable table)
{
    m_prices = std::make_shared<const AnthropicPriceTable>(std::move(table));
}

IntegrationError AnthropicClient::configurationError(const QString& detail) const
{
    return makeError(IntegrationError::Kind::Configuration, detail);
}

std::optional<IntegrationError> AnthropicClient::checkRequest(const AnthropicMessageRequest& request) const
{
    if (!m_core)
        return configurationError(QStringLiteral("no HTTP core"));
    if (m_apiKey.isEmpty())
        return configurationError(QStringLiteral("no API key is set"));
    if (request.model.trimmed().isEmpty())
        return configurationError(QStringLiteral("no model chosen"));
    if (request.messages.isEmpty())
        return configurationError(QStringLiteral("a message needs at least one user turn"));
    for (const AnthropicMessage& message : request.messages) {
        if (message.text.isEmpty())
            return configurationError(QStringLiteral("a message turn is empty"));
    }
    return std::nullopt;
}

qint64 AnthropicClient::inputTokenBound(const AnthropicMessageRequest& request)
{
    if (request.inputTokensHint && *request.inputTokensHint >= 0)
        return *request.inputTokensHint;
    qint64 bytes = request.system.toUtf8().size();
    for (const AnthropicMessage& message : request.messages)
        bytes += message.text.toUtf8().size() + kTokensPerMessageFrame;
    return bytes + kTokensPerRequestFrame;
}

Result<Money, IntegrationError> AnthropicClient::worstCaseCost(const AnthropicMessageRequest& request) const
{
    if (request.maxTokens < 1)
        return failure(configurationError(QStringLiteral("max_tokens must be at least 1")));
    auto worst =
        m_prices->worstCaseCost(request.model, inputTokenBound(request), request.maxTokens, todayUtc(),
                                request.system.isEmpty() ? AnthropicCacheTtl::None : request.cacheSystem);
    if (!worst)
        return failure(configurationError(worst.error()));
    return worst.value();
}

QCoro::Task<Result<HttpResponse, IntegrationError>> AnthropicClient::sendUnprocessedAgain(HttpRequest request)
{
    for (int attempt = 1;; ++attempt) {
        HttpResult result = co_await m_core->send(m_endpoint, request);
        if (result || attempt >= m_endpoint.retry.maxAttempts)
            co_return result;
        const IntegrationError& error = result.error();
        const bool notProcessed = error.httpStatus == 429 || error.httpStatus == kOverloadedStatus;
        if (!notProcessed || (error.retryAfter && *error.retryAfter > m_endpoint.retry.maxRetryAfter))
            co_return result;
        const std::chrono::milliseconds wait = error.retryAfter.value_or(
            backoffDelay(m_endpoint.retry, attempt, QRandomGenerator::global()->generateDouble()));
        const auto scaled =
            std::chrono::milliseconds(qint64(double(wait.count()) * m_endpoint.retry.timeScale));
        co_await QCoro::sleepFor(scaled);
    }
}

QCoro::Task<AccountStatus> AnthropicClient::checkCredentials()
{
    QElapsedTimer clock;
    clock.start();
    const auto elapsed = [&clock] {
        return std::chrono::milliseconds(clock.elapsed());
    };
    if (!m_core || m_apiKey.isEmpty())
        co_return accountStatusFromError(configurationError(QStringLiteral("no API key is set")), elapsed());

    // Never a message: listing one model is free and proves the key.
    HttpRequest http;
    http.path = QStringLiteral("/v1/models");
    addQuery(http.query, QStringLiteral("limit"), QStringLiteral("1"));
    http.operation = QStringLiteral("check_models");
    const HttpResult response = co_await m_core->send(m_endpoint, http);
    if (!response)
        co_return accountStatusFromError(response.error(), elapsed());
    auto document = HttpCore::decodeJson(ProviderId::Anthropic, response.value());
    if (!document)
        co_return accountStatusFromError(document.error(), elapsed());
    auto page = parseModelPage(document->object());
    if (!page)
        co_return accountStatusFromError(
            makeError(IntegrationError::Kind::Decode, page.error(), &response.value()), elapsed());

    AccountStatus status;
    status.state = AccountStatus::State::Valid;
    const auto header = [&response](const QByteArray& limit, const char* part) {
        const QByteArray name = QByteArrayLiteral("anthropic-ratelimit-") + limit + part;
        return QString::fromLatin1(response->header(name).trimmed());
    };
    const auto perMinute = [&](const QByteArray& limit, const QString& label) {
        const QString cap = header(limit, "-limit");
        if (cap.isEmpty())
            return;
        const QString left = header(limit, "-remaining");
        const QString reset = header(limit, "-reset");
        QString value = left.isEmpty() ? cap : QStringLiteral("%1 of %2 left").arg(left, cap);
        if (!reset.isEmpty())
            value += QStringLiteral(" (resets %1)").arg(reset);
        status.details.append({label, value});
    };
    perMinute(QByteArrayLiteral("requests"), QStringLiteral("Requests per minute"));
    perMinute(QByteArrayLiteral("tokens"), QStringLiteral("Tokens per minute"));
    perMinute(QByteArrayLiteral("input-tokens"), QStringLiteral("Input tokens per minute"));
    perMinute(QByteArrayLiteral("output-tokens"), QStringLiteral("Output tokens per minute"));
    if (!page->models.isEmpty()) {
        const QString newest = page->models.first().id;
        status.details.append({QStringLiteral("Newest model"), newest});
        status.details.append({QStringLiteral("Price table"),
                               m_prices->knows(newest) ? QStringLiteral("has a price for %1").arg(newest)
                                                       : QStringLiteral("no price for %1 yet").arg(newest)});
    }
    if (!response->requestId.isEmpty())
        status.details.append({QStringLiteral("Request id"), response->requestId});
    const QString requests = header(QByteArrayLiteral("requests"), "-limit");
    status.summary = requests.isEmpty() ? QStringLiteral("Key valid")
                                        : QStringLiteral("Key valid · %1 requests/min").arg(requests);
    status.latency = elapsed();
    status.checkedAt = QDateTime::currentDateTimeUtc();
    co_return status;
}

QCoro::Task<Result<AnthropicMessageResult, IntegrationError>>
AnthropicClient::createMessage(AnthropicMessageRequest request)
{
    if (const std::optional<IntegrationError> problem = checkRequest(request))
        co_return failure(*problem);
    // No price, no call: the spend limiter cannot reserve what it cannot price.
    const Result<Money, IntegrationError> worst = worstCaseCost(request);
    if (!worst)
        co_return failure(worst.error());

    HttpRequest http;
    http.method = "POST";
    http.path = QStringLiteral("/v1/messages");
    http.body = JsonBody{QJsonDocument(requestBody(request, true))};
    http.timeout = kMessageTimeout;
    http.operation = QStringLiteral("message");
    http.worstCaseCost = worst.value();
    const qint64 worstTokens = inputTokenBound(request) + request.maxTokens;
    http.costOf = [prices = m_prices, model = request.model, worstCase = worst.value(),
                   worstTokens](const HttpResponse& response) -> std::optional<CostEvent> {
        const QJsonObject object = QJsonDocument::fromJson(response.body).object();
        const auto parsed = parseMessage(object);
        const QString id = object.value(QStringLiteral("id")).toString();
        if (!parsed || !parsed->hasUsage)
            return estimatedMessageCost(worstCase, worstTokens, id);
        const AnthropicUsage& usage = parsed->result.usage;
        // The answer names the model that ran; the request's model prices it when that one has no row.
        const QString billed = prices->knows(parsed->result.model) ? parsed->result.model : model;
        const auto amount = prices->costOf(billed, usage, todayUtc());
        if (!amount)
            return estimatedMessageCost(worstCase, worstTokens, id);
        return reportedCost(ProviderId::Anthropic, QStringLiteral("message"), amount.value(),
                            usage.totalTokens(), QStringLiteral("token"), id);
    };

    const Result<HttpResponse, IntegrationError> response = co_await sendUnprocessedAgain(http);
    if (!response)
        co_return failure(response.error());
    auto document = HttpCore::decodeJson(ProviderId::Anthropic, response.value());
    if (!document)
        co_return failure(document.error());
    auto parsed = parseMessage(document->object());
    if (!parsed)
        co_return failure(makeError(IntegrationError::Kind::Decode, parsed.error(), &response.value()));
    AnthropicMessageResult result = std::move(parsed).value().result;
    result.cost = response->cost;
    result.requestId = response->requestId;
    co_return result;
}

QCoro::Task<Result<qint64, IntegrationError>> AnthropicClient::countTokens(AnthropicMessageRequest request)
{
    if (const std::optional<IntegrationError> problem = checkRequest(request))
        co_return failure(*problem);
    HttpRequest http;
    http.method = "POST";
    http.path = QStringLiteral("/v1/messages/count_tokens");
    http.body = JsonBody{QJsonDocument(requestBody(request, false))};
    http.operation = QStringLiteral("count_tokens");
    const Result<HttpResponse, IntegrationError> response = co_await sendUnprocessedAgain(http);
    if (!response)
        co_return failure(response.error());
    auto document = HttpCore::decodeJson(ProviderId::Anthropic, response.value());
    if (!document)
        co_return failure(document.error());
    QString problem;
    JsonFields fields(document->object(), QString(), &problem);
    const qint64 tokens = fields.count(QStringLiteral("input_tokens"), true);
    if (!problem.isEmpty())
        co_return failure(makeError(IntegrationError::Kind::Decode, problem, &response.value()));
    co_return tokens;
}

QCoro::Task<Result<AnthropicModelPage, IntegrationError>>
AnthropicClient::listModels(AnthropicModelListRequest request)
{
    if (!m_core || m_apiKey.isEmpty())
        co_return failure(configurationError(QStringLiteral("no API key is set")));
    if (request.limit < 1 || request.limit > 1000)
        co_return failure(configurationError(QStringLiteral("limit must be between 1 and 1000")));
    HttpRequest http;
    http.path = QStringLiteral("/v1/models");
    addQuery(http.query, QStringLiteral("limit"), QString::number(request.limit));
    if (!request.afterId.isEmpty())
        addQuery(http.query, QStringLiteral("after_id"), request.afterId);
    if (!request.beforeId.isEmpty())
        addQuery(http.query, QStringLiteral("before_id"), request.beforeId);
    http.operation = QStringLiteral("list_models");
    const HttpResult response = co_await m_core->send(m_endpoint, http);
    if (!response)
        co_return failure(response.error());
    auto document = HttpCore::decodeJson(ProviderId::Anthropic, response.value());
    if (!document)
        co_return failure(document.error());
    auto page = parseModelPage(document->object());
    if (!page)
        co_return failure(makeError(IntegrationError::Kind::Decode, page.error(), &response.value()));
    co_return page.value();
}

QCoro::Task<Result<QList<AnthropicModel>, IntegrationError>> AnthropicClient::listAllModels()
{
    QList<AnthropicModel> all;
    AnthropicModelListRequest request;
    request.limit = 100;
    for (int page = 0; page < kMaxModelPages; ++page) {
        const Result<AnthropicModelPage, IntegrationError> result = co_await listModels(request);
        if (!result)
            co_return failure(result.error());
        all.append(result->models);
        if (!result->hasMore)
            co_return all;
        if (result->lastId.isEmpty() || result->lastId == request.afterId)
            co_return failure(makeError(IntegrationError::Kind::Decode,
                                        QStringLiteral("has_more is true but last_id does not move on")));
        request.afterId = result->lastId;
    }
    co_return failure(makeError(IntegrationError::Kind::Decode,
                                QStringLiteral("more than %1 pages of models").arg(kMaxModelPages)));
}

} // namespace agency
