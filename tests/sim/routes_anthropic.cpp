// Anthropic (shared/providers/anthropic.md, contracts/specs/anthropic.json): x-api-key plus the required
// anthropic-version header, GET /v1/models as the free credential check, errors as
// {"type":"error","error":{"type","message"},"request_id"}, request-id and anthropic-ratelimit-* headers.
// POST /v1/messages (non-streaming) and /v1/messages/count_tokens with the API's own 400s and 404 for an
// unknown model; usage with cache writes and reads (see "Messages and token counts" below).

#include "providerspec.h"
#include "routekit.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

#include <cmath>
#include <memory>
#include <variant>

namespace agency::sim {

namespace {

constexpr int kRequestsPerMinute = 50;
constexpr int kInputTokensPerMinute = 40000;
constexpr int kOutputTokensPerMinute = 8000;

QString requestId(const SimRequest& request)
{
    return QStringLiteral("req_") + request.requestId.left(24);
}

SimResponse anthropicError(const SimRequest& request, int status, const QString& type, const QString& message)
{
    return SimResponse::json(
        status, QJsonObject{{QStringLiteral("type"), QStringLiteral("error")},
                            {QStringLiteral("error"), QJsonObject{{QStringLiteral("type"), type},
                                                                  {QStringLiteral("message"), message}}},
                            {QStringLiteral("request_id"), requestId(request)}});
}

// Every route needs the anthropic-version header (anthropic.md §1).
std::optional<SimResponse> requireVersion(const SimRequest& request)
{
    if (!request.header("anthropic-version").isEmpty())
        return std::nullopt;
    // unverified: the message text.
    return anthropicError(request, 400, QStringLiteral("invalid_request_error"),
                          QStringLiteral("anthropic-version: header is required"));
}

struct Model
{
    const char16_t* id;
    const char16_t* name;
    const char16_t* created;
    int maxTokens;
};
// Ids from the official SDK's model enum (anthropic.md §5), newest first as the API lists them.
constexpr Model kModels[] = {
    {u"claude-opus-5", u"Claude Opus 5", u"2026-06-10T00:00:00Z", 128000},
    {u"claude-sonnet-5", u"Claude Sonnet 5", u"2026-05-20T00:00:00Z", 64000},
    {u"claude-opus-4-8", u"Claude Opus 4.8", u"2026-04-01T00:00:00Z", 64000},
    {u"claude-opus-4-6", u"Claude Opus 4.6", u"2026-02-04T00:00:00Z", 64000},
    {u"claude-sonnet-4-6", u"Claude Sonnet 4.6", u"2026-02-17T00:00:00Z", 64000},
    {u"claude-haiku-4-5-20251001", u"Claude Haiku 4.5", u"2025-10-01T00:00:00Z", 64000},
};

SimResponse listModels(const SimRequest& request)
{
    if (const std::optional<SimResponse> refused = requireVersion(request))
        return *refused;
    const int limit = limitParameter(request, QStringLiteral("limit"), 20, 1000);
    const QString afterId = request.queryValue(QStringLiteral("after_id"));
    const QString beforeId = request.queryValue(QStringLiteral("before_id"));

    qsizetype first = 0;
    qsizetype end = std::size(kModels);
    for (qsizetype i = 0; i < qsizetype(std::size(kModels)); ++i) {
        const QString id = QString::fromUtf16(kModels[i].id);
        if (!afterId.isEmpty() && id == afterId)
            first = i + 1;
        if (!beforeId.isEmpty() && id == beforeId)
            end = i;
    }
    if (!beforeId.isEmpty())
        first = std::max<qsizetype>(0, end - limit);
    const qsizetype last = std::min<qsizetype>(end, first + limit);

    QJsonArray data;
    for (qsizetype i = first; i < last; ++i) {
        data.append(QJsonObject{
            {QStringLiteral("type"), QStringLiteral("model")},
            {QStringLiteral("id"), QString::fromUtf16(kModels[i].id)},
            {QStringLiteral("display_name"), QString::fromUtf16(kModels[i].name)},
            {QStringLiteral("created_at"), QString::fromUtf16(kModels[i].created)},
            {QStringLiteral("max_input_tokens"), 200000},
            {QStringLiteral("max_tokens"), kModels[i].maxTokens},
            {QStringLiteral("capabilities"), QJsonValue::Null},
        });
    }
    const auto idAt = [&data](qsizetype i) {
        return data.isEmpty() ? QJsonValue(QJsonValue::Null)
                              : data.at(i).toObject().value(QStringLiteral("id"));
    };
    return SimResponse::json(200, QJsonObject{{QStringLiteral("data"), data},
                                              {QStringLiteral("has_more"), last < end},
                                              {QStringLiteral("first_id"), idAt(0)},
                                              {QStringLiteral("last_id"), idAt(data.size() - 1)}});
}

void addRateHeaders(SimResponse& response, const SimRequest& request, bool exhausted)
{
    // -reset values are RFC 3339 timestamps: the end of the current minute window.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QByteArray reset = isoSeconds(now.addSecs(60 - now.time().second())).toLatin1();
    const int requestLimit = request.rate ? request.rate->limit : kRequestsPerMinute;
    const int requestsLeft =
        exhausted ? 0
                  : (request.rate ? request.rate->remaining
                                  : std::max(0, kRequestsPerMinute - static_cast<int>(request.sequence)));
    // Token "-remaining" values are rounded to the nearest thousand.
    const QByteArray inputLeft = QByteArray::number(exhausted ? 0 : kInputTokensPerMinute - 1000);
    const QByteArray outputLeft = QByteArray::number(exhausted ? 0 : kOutputTokensPerMinute);
    response.setHeader("anthropic-ratelimit-requests-limit", QByteArray::number(requestLimit))
        .setHeader("anthropic-ratelimit-requests-remaining", QByteArray::number(requestsLeft))
        .setHeader("anthropic-ratelimit-requests-reset", reset)
        .setHeader("anthropic-ratelimit-tokens-limit",
                   QByteArray::number(kInputTokensPerMinute + kOutputTokensPerMinute))
        .setHeader("anthropic-ratelimit-tokens-remaining",
                   QByteArray::number(exhausted ? 0 : kInputTokensPerMinute - 1000 + kOutputTokensPerMinute))
        .setHeader("anthropic-ratelimit-tokens-reset", reset)
        .setHeader("anthropic-ratelimit-input-tokens-limit", QByteArray::number(kInputTokensPerMinute))
        .setHeader("anthropic-ratelimit-input-tokens-remaining", inputLeft)
        .setHeader("anthropic-ratelimit-input-tokens-reset", reset)
        .setHeader("anthropic-ratelimit-output-tokens-limit", QByteArray::number(kOutputTokensPerMinute))
        .setHeader("anthropic-ratelimit-output-tokens-remaining", outputLeft)
        .setHeader("anthropic-ratelimit-output-tokens-reset", reset);
}

// ---- Messages and token counts ----------------------------------------------------------------
// Tokens are counted the simulator's way: a quarter of the UTF-8 bytes, rounded up, plus a few for
// each turn's framing. A system prompt marked with cache_control of at least kMinCacheableTokens is
// written to the cache on first use (5m or 1h) and read from it afterwards, as the API reports in
// usage. Test triggers in metadata.user_id: "sim-overloaded" gets 529 overloaded_error, "sim-billing"
// gets billing_error.

constexpr qint64 kTokensPerTurn = 4;
constexpr qint64 kTokensPerRequest = 8;
constexpr qint64 kMinCacheableTokens = 1024;

qint64 tokensOf(const QString& text)
{
    return std::max<qint64>(1, (text.toUtf8().size() + 3) / 4);
}

// Prompt caches alive in this simulator run (cleared with the reset).
struct AnthropicState
{
    quint64 lastSequence = 0;
    int messages = 0;
    QSet<QString> cached; ///< model + ttl + system text

    void follow(const SimRequest& request)
    {
        if (request.sequence <= lastSequence) {
            messages = 0;
            cached.clear();
        }
        lastSequence = request.sequence;
    }
};

bool knownModel(const QString& id)
{
    static const QRegularExpression dated(QStringLiteral("-\\d{8}$"));
    for (const Model& model : kModels) {
        const QString listed = QString::fromUtf16(model.id);
        // Dated ids also answer to their undated alias ("claude-haiku-4-5").
        if (id == listed || id == QString(listed).remove(dated))
            return true;
    }
    return false;
}

SimResponse invalidRequest(const SimRequest& request, const QString& message)
{
    return anthropicError(request, 400, QStringLiteral("invalid_request_error"), message);
}

struct ParsedPrompt
{
    QString model;
    qint64 maxTokens = 0;
    qint64 systemTokens = 0;
    QString system;
    QString cacheTtl; ///< "5m" / "1h" when the system prompt is marked for caching
    qint64 turnTokens = 0;
    QStringList stopSequences;
    QString userId;
};

// The checks the API makes on a messages / count_tokens body. unverified: the message wording
// follows the API's "field: problem" style seen in its answers.
std::variant<ParsedPrompt, SimResponse> parsePrompt(const SimRequest& request, bool forMessage)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return invalidRequest(request, QStringLiteral("There was an error parsing the body of your request"));
    const QJsonObject body = document.object();
    ParsedPrompt prompt;
    if (!body.value(QStringLiteral("model")).isString())
        return invalidRequest(request, QStringLiteral("model: Field required"));
    prompt.model = body.value(QStringLiteral("model")).toString();
    if (forMessage) {
        const QJsonValue maxTokens = body.value(QStringLiteral("max_tokens"));
        if (maxTokens.isUndefined())
            return invalidRequest(request, QStringLiteral("max_tokens: Field required"));
        if (!maxTokens.isDouble() || maxTokens.toDouble() != std::floor(maxTokens.toDouble()) ||
            maxTokens.toDouble() < 1)
            return invalidRequest(request,
                                  QStringLiteral("max_tokens: Input should be greater than or equal to 1"));
        prompt.maxTokens = qint64(maxTokens.toDouble());
    } else if (body.contains(QStringLiteral("max_tokens"))) {
        return invalidRequest(request, QStringLiteral("max_tokens: Extra inputs are not permitted"));
    }
    const QJsonValue messages = body.value(QStringLiteral("messages"));
    if (!messages.isArray())
        return invalidRequest(request, QStringLiteral("messages: Field required"));
    if (messages.toArray().isEmpty())
        return invalidRequest(request, QStringLiteral("messages: at least one message is required"));
    const QJsonArray turns = messages.toArray();
    for (qsizetype i = 0; i < turns.size(); ++i) {
        const QJsonObject turn = turns.at(i).toObject();
        const QString role = turn.value(QStringLiteral("role")).toString();
        if (role != u"user" && role != u"assistant")
            return invalidRequest(
                request, QStringLiteral("messages.%1.role: Input should be 'user' or 'assistant'").arg(i));
        const QJsonValue content = turn.value(QStringLiteral("content"));
        QString text;
        if (content.isString()) {
            text = content.toString();
        } else if (content.isArray()) {
            for (const QJsonValue block : content.toArray())
                text += block.toObject().value(QStringLiteral("text")).toString();
        } else {
            return invalidRequest(request, QStringLiteral("messages.%1.content: Field required").arg(i));
        }
        if (text.isEmpty())
            return invalidRequest(request, QStringLiteral("messages: text content blocks must be non-empty"));
        prompt.turnTokens += tokensOf(text) + kTokensPerTurn;
    }
    const QJsonValue system = body.value(QStringLiteral("system"));
    if (system.isString()) {
        prompt.system = system.toString();
    } else if (system.isArray()) {
        for (const QJsonValue block : system.toArray()) {
            const QJsonObject object = block.toObject();
            prompt.system += object.value(QStringLiteral("text")).toString();
            const QJsonObject cacheControl = object.value(QStringLiteral("cache_control")).toObject();
            if (cacheControl.value(QStringLiteral("type")).toString() == u"ephemeral") {
                const QString ttl = cacheControl.value(QStringLiteral("ttl")).toString(QStringLiteral("5m"));
                if (ttl != u"5m" && ttl != u"1h")
                    return invalidRequest(
                        request, QStringLiteral("system.0.cache_control.ttl: Input should be '5m' or '1h'"));
                prompt.cacheTtl = ttl;
            }
        }
    } else if (!system.isUndefined()) {
        return invalidRequest(request, QStringLiteral("system: Input should be a valid string or list"));
    }
    if (!prompt.system.isEmpty())
        prompt.systemTokens = tokensOf(prompt.system) + kTokensPerTurn;
    for (const QJsonValue stop : body.value(QStringLiteral("stop_sequences")).toArray())
        prompt.stopSequences.append(stop.toString());
    prompt.userId =
        body.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("user_id")).toString();
    if (prompt.model.startsWith(QStringLiteral("claude-sonnet-5")) &&
        body.contains(QStringLiteral("temperature")) &&
        body.value(QStringLiteral("temperature")).toDouble() != 1.0) {
        // Sonnet 5 refuses non-default sampling values (anthropic.md §3.1). unverified: the wording.
        return invalidRequest(request,
                              QStringLiteral("temperature: sampling parameters other than the default are "
                                             "not supported for this model"));
    }
    if (!knownModel(prompt.model))
        return anthropicError(request, 404, QStringLiteral("not_found_error"),
                              QStringLiteral("model: %1").arg(prompt.model));
    return prompt;
}

SimResponse countTokens(const SimRequest& request)
{
    if (const std::optional<SimResponse> refused = requireVersion(request))
        return *refused;
    auto parsed = parsePrompt(request, false);
    if (std::holds_alternative<SimResponse>(parsed))
        return std::get<SimResponse>(parsed);
    const ParsedPrompt& prompt = std::get<ParsedPrompt>(parsed);
    return SimResponse::json(200, QJsonObject{{QStringLiteral("input_tokens"),
                                               kTokensPerRequest + prompt.turnTokens + prompt.systemTokens}});
}

SimResponse createMessage(const SimData& data, AnthropicState& state, const SimRequest& request)
{
    state.follow(request);
    if (const std::optional<SimResponse> refused = requireVersion(request))
        return *refused;
    auto parsed = parsePrompt(request, true);
    if (std::holds_alternative<SimResponse>(parsed))
        return std::get<SimResponse>(parsed);
    const ParsedPrompt& prompt = std::get<ParsedPrompt>(parsed);
    if (prompt.userId == u"sim-overloaded")
        return anthropicError(request, 529, QStringLiteral("overloaded_error"), QStringLiteral("Overloaded"));
    if (prompt.userId == u"sim-billing") {
        // unverified: the status; third parties report 402 for billing_error.
        return anthropicError(request, 402, QStringLiteral("billing_error"),
                              QStringLiteral("Your credit balance is too low to access the Anthropic API."));
    }

    const int number = ++state.messages;
    const QString salt = QStringLiteral("anthropic:message:%1").arg(number);
    const QString reply =
        QStringLiteral("Hi %1, thanks for your time last week. I put together a short note on how "
                       "%2 could cut its outreach costs; happy to walk you through it on Tuesday.")
            .arg(data.firstName(salt), data.companyName(salt));
    QString text = reply;
    QString stopReason = QStringLiteral("end_turn");
    QJsonValue stopSequence = QJsonValue::Null;
    for (const QString& stop : prompt.stopSequences) {
        const qsizetype at = stop.isEmpty() ? -1 : text.indexOf(stop);
        if (at >= 0) {
            text = text.left(at);
            stopReason = QStringLiteral("stop_sequence");
            stopSequence = stop;
        }
    }
    qint64 outputTokens = tokensOf(text);
    if (outputTokens > prompt.maxTokens) {
        text = text.left(int(prompt.maxTokens * 4));
        outputTokens = prompt.maxTokens;
        stopReason = QStringLiteral("max_tokens");
        stopSequence = QJsonValue::Null;
    }

    qint64 inputTokens = kTokensPerRequest + prompt.turnTokens + prompt.systemTokens;
    qint64 write5m = 0, write1h = 0, cacheRead = 0;
    if (!prompt.cacheTtl.isEmpty() && prompt.systemTokens >= kMinCacheableTokens) {
        const QString key = prompt.model + u'|' + prompt.cacheTtl + u'|' + prompt.system;
        if (state.cached.contains(key)) {
            cacheRead = prompt.systemTokens;
        } else {
            (prompt.cacheTtl == u"1h" ? write1h : write5m) = prompt.systemTokens;
            state.cached.insert(key);
        }
        inputTokens -= prompt.systemTokens;
    }
    const QJsonObject usage{
        {QStringLiteral("input_tokens"), inputTokens},
        {QStringLiteral("cache_creation_input_tokens"), write5m + write1h},
        {QStringLiteral("cache_read_input_tokens"), cacheRead},
        {QStringLiteral("cache_creation"),
         QJsonObject{{QStringLiteral("ephemeral_5m_input_tokens"), write5m},
                     {QStringLiteral("ephemeral_1h_input_tokens"), write1h}}},
        {QStringLiteral("output_tokens"), outputTokens},
        {QStringLiteral("service_tier"), QStringLiteral("standard")},
    };
    return SimResponse::json(
        200, QJsonObject{{QStringLiteral("id"), QString(QStringLiteral("msg_") + data.alnum(salt, 24))},
                         {QStringLiteral("type"), QStringLiteral("message")},
                         {QStringLiteral("role"), QStringLiteral("assistant")},
                         {QStringLiteral("model"), prompt.model},
                         {QStringLiteral("content"),
                          QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                                 {QStringLiteral("text"), text}}}},
                         {QStringLiteral("stop_reason"), stopReason},
                         {QStringLiteral("stop_sequence"), stopSequence},
                         {QStringLiteral("stop_details"), QJsonValue::Null},
                         {QStringLiteral("container"), QJsonValue::Null},
                         {QStringLiteral("usage"), usage}});
}

} // namespace

ProviderSpec anthropicSpec(const SimData& data)
{
    ProviderSpec spec;
    spec.id = ProviderId::Anthropic;

    spec.authenticate = [](const SimRequest& request) {
        AuthOutcome outcome = secretFromHeader(request, "x-api-key");
        if (outcome.state == CredentialState::Missing) {
            // An OAuth-style auth token, which the SDK sends as Bearer instead of an API key.
            if (const std::optional<QString> bearer = authorizationToken(request, "Bearer"))
                outcome = outcomeFor(*bearer);
        }
        return outcome;
    };
    spec.rejectCredentials = [](const SimRequest& request) {
        // Clients must match error.type, not the text (the texts are third-party observations).
        if (request.credential == CredentialState::Missing)
            return anthropicError(request, 401, QStringLiteral("authentication_error"),
                                  QStringLiteral("x-api-key header is required"));
        return anthropicError(request, 401, QStringLiteral("authentication_error"),
                              QStringLiteral("invalid x-api-key"));
    };
    spec.rateLimited = [](const SimRequest& request, int retryAfterSeconds) {
        SimResponse response = anthropicError(
            request, 429, QStringLiteral("rate_limit_error"),
            QStringLiteral(
                "This request would exceed your organization's rate limit of %1 requests per minute. "
                "Please reduce the prompt length or the maximum tokens requested, or try again later.")
                .arg(request.rate ? request.rate->limit : kRequestsPerMinute));
        addRateHeaders(response, request, true);
        response.setHeader("retry-after", QByteArray::number(retryAfterSeconds));
        return response;
    };
    spec.serverError = [](const SimRequest& request, int status) {
        // 529 overloaded_error is Anthropic's own overload answer; 500/502/503 are all api_error.
        const QString message = status == 502   ? QStringLiteral("Bad gateway")
                                : status == 503 ? QStringLiteral("Service unavailable")
                                                : QStringLiteral("Internal server error");
        return anthropicError(request, status, QStringLiteral("api_error"), message);
    };
    spec.notFound = [](const SimRequest& request) {
        return anthropicError(request, 404, QStringLiteral("not_found_error"), QStringLiteral("Not found"));
    };
    spec.decorate = [](const SimRequest& request, SimResponse& response) {
        response.setHeader("request-id", requestId(request).toLatin1());
        if (response.status >= 200 && response.status < 300)
            addRateHeaders(response, request, false);
    };

    spec.routes.add("GET", QStringLiteral("/v1/models"),
                    [](const SimRequest& request) { return listModels(request); });
    const auto state = std::make_shared<AnthropicState>();
    spec.routes.add("POST", QStringLiteral("/v1/messages"), [data, state](const SimRequest& request) {
        return createMessage(data, *state, request);
    });
    spec.routes.add("POST", QStringLiteral("/v1/messages/count_tokens"),
                    [](const SimRequest& request) { return countTokens(request); });
    return spec;
}

} // namespace agency::sim
