// Anthropic (shared/providers/anthropic.md, contracts/specs/anthropic.json): x-api-key plus the required
// anthropic-version header, GET /v1/models as the free credential check, errors as
// {"type":"error","error":{"type","message"},"request_id"}, request-id and anthropic-ratelimit-* headers.

#include "providerspec.h"
#include "routekit.h"

#include <QDateTime>

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

SimResponse listModels(const SimRequest& request)
{
    struct Model
    {
        const char16_t* id;
        const char16_t* name;
        const char16_t* created;
        int maxTokens;
    };
    // Ids from the official SDK's model enum (anthropic.md §5), newest first as the API lists them.
    static constexpr Model models[] = {
        {u"claude-opus-5", u"Claude Opus 5", u"2026-06-10T00:00:00Z", 128000},
        {u"claude-sonnet-5", u"Claude Sonnet 5", u"2026-05-20T00:00:00Z", 64000},
        {u"claude-opus-4-8", u"Claude Opus 4.8", u"2026-04-01T00:00:00Z", 64000},
        {u"claude-opus-4-6", u"Claude Opus 4.6", u"2026-02-04T00:00:00Z", 64000},
        {u"claude-sonnet-4-6", u"Claude Sonnet 4.6", u"2026-02-17T00:00:00Z", 64000},
        {u"claude-haiku-4-5-20251001", u"Claude Haiku 4.5", u"2025-10-01T00:00:00Z", 64000},
    };
    if (const std::optional<SimResponse> refused = requireVersion(request))
        return *refused;
    const int limit = limitParameter(request, QStringLiteral("limit"), 20, 1000);
    const QString afterId = request.queryValue(QStringLiteral("after_id"));
    const QString beforeId = request.queryValue(QStringLiteral("before_id"));

    qsizetype first = 0;
    qsizetype end = std::size(models);
    for (qsizetype i = 0; i < qsizetype(std::size(models)); ++i) {
        const QString id = QString::fromUtf16(models[i].id);
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
            {QStringLiteral("id"), QString::fromUtf16(models[i].id)},
            {QStringLiteral("display_name"), QString::fromUtf16(models[i].name)},
            {QStringLiteral("created_at"), QString::fromUtf16(models[i].created)},
            {QStringLiteral("max_input_tokens"), 200000},
            {QStringLiteral("max_tokens"), models[i].maxTokens},
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

} // namespace

ProviderSpec anthropicSpec(const SimData&)
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
    return spec;
}

} // namespace agency::sim
