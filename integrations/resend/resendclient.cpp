#include "resendclient.h"

#include "integrations/costing.h"
#include "integrations/http/httpcore.h"
#include "integrations/http/retrytiming.h"
#include "integrations/resend/resendjson.h"
#include "model/catalogue.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>

namespace agency {

namespace {

// Facts from shared/providers/resend.md (and contracts/specs/resend.yaml), in one place:
// - the team's rate limit is 2 requests per second by default, shared by all its keys (the newest
//   docs page says 5; 2 is what every account starts with, so pacing stays at 2);
// - an idempotency key is 1–256 characters and remembered for 24 hours;
// - a batch holds at most 100 emails; its validation mode travels in x-batch-validation;
// - a bad key is answered 400 (reads) or 401 (sends) validation_error "API key is invalid", or by
//   the older 403 invalid_api_key; a send-only key gets 401 restricted_api_key on /domains.
constexpr double kRequestsPerSecond = 2.0;
constexpr int kMaxIdempotencyKeyLength = 256;
constexpr int kMaxListLimit = 100;
const QString kCredentialField = QStringLiteral("api_key");
const QString kSendOperation = QStringLiteral("send_email");
const QString kBatchOperation = QStringLiteral("send_email_batch");

QString tr(const char* text)
{
    return QCoreApplication::translate("agency::ResendClient", text);
}

struct Answer
{
    HttpResponse response;
    QJsonDocument document;
};

IntegrationError withResponse(IntegrationError error, const HttpResponse& response)
{
    error.httpStatus = response.status;
    error.requestId = response.requestId;
    return error;
}

Money unitPrice()
{
    return providerInfo(ProviderId::Resend).unitCost;
}

// Percent-encodes the value so that '+', '&' and '#' in it survive the trip.
void addQueryItem(QUrlQuery& query, const QString& key, const QString& value)
{
    query.addQueryItem(key, QString::fromLatin1(QUrl::toPercentEncoding(value)));
}

} // namespace

ResendClient::ResendClient(const ClientContext& context)
    : m_core(context.core)
{
    m_endpoint.provider = ProviderId::Resend;
    m_endpoint.baseUrl =
        context.baseUrl.isEmpty() ? QUrl(providerInfo(ProviderId::Resend).defaultBaseUrl) : context.baseUrl;
    m_endpoint.auth = Auth::bearer(context.credential.value(kCredentialField));
    m_endpoint.parseError = &ResendJson::parseError;
    // ratelimit-reset is the seconds until the window resets: the wait when there is no retry-after.
    m_endpoint.readRetryAfter = [](const HttpResponse& response) {
        return parseRetryAfter(response.header("ratelimit-reset"), QDateTime::currentDateTimeUtc());
    };
}

PacingConfig ResendClient::documentedPacing()
{
    // Evenly spaced (burst 1): two requests bunched by the network would already be over the limit.
    // 5 % under it: requests leave exactly 500 ms apart but arrive a few ms closer or further, and
    // one arriving 495 ms after the last is a 429 (measured against the simulator's token bucket).
    return PacingConfig{kRequestsPerSecond * 0.95, 1.0, 0};
}

std::optional<IntegrationError> ResendClient::missingKey() const
{
    if (!m_endpoint.auth.secret.isEmpty())
        return std::nullopt;
    IntegrationError error;
    error.kind = IntegrationError::Kind::Configuration;
    error.provider = ProviderId::Resend;
    error.detail = tr("no API key is set up for Resend");
    return error;
}

IntegrationError ResendClient::notSent(const QString& why) const
{
    IntegrationError error;
    error.kind = IntegrationError::Kind::InvalidRequest;
    error.provider = ProviderId::Resend;
    error.providerMessage = why;
    error.detail = QStringLiteral("refused before sending");
    return error;
}

QCoro::Task<Result<QJsonDocument, IntegrationError>> ResendClient::fetchJson(HttpRequest request,
                                                                             CancelToken cancel)
{
    const HttpResult result = co_await m_core->send(m_endpoint, std::move(request), cancel);
    if (!result)
        co_return failure(result.error());
    co_return HttpCore::decodeJson(ProviderId::Resend, result.value());
}

QCoro::Task<AccountStatus> ResendClient::checkCredentials()
{
    if (const auto missing = missingKey()) {
        AccountStatus status = accountStatusFromError(*missing, {});
        status.summary = tr("no API key set up");
        co_return status;
    }
    HttpRequest request;
    request.path = QStringLiteral("/domains");
    request.operation = QStringLiteral("check");
    QElapsedTimer clock;
    clock.start();
    const HttpResult result = co_await m_core->send(m_endpoint, request);
    const auto latency = std::chrono::milliseconds(clock.elapsed());

    AccountStatus status;
    status.latency = latency;
    status.checkedAt = QDateTime::currentDateTimeUtc();
    if (!result) {
        const IntegrationError& error = result.error();
        // A sending-only key is a good key that may not read domains.
        if (error.kind == IntegrationError::Kind::Auth && error.providerCode == u"restricted_api_key") {
            status.state = AccountStatus::State::ValidLimited;
            status.plan = tr("Sending access");
            status.summary = tr("valid (send-only)");
            status.details.append({tr("Access"), tr("sending only (cannot read domains)")});
            co_return status;
        }
        co_return accountStatusFromError(error, latency);
    }
    const HttpResponse& response = result.value();
    const auto decoded = HttpCore::decodeJson(ProviderId::Resend, response);
    const QJsonValue data = decoded ? decoded->object().value(u"data") : QJsonValue();
    if (!data.isArray()) {
        IntegrationError error;
        if (decoded) {
            error.kind = IntegrationError::Kind::Decode;
            error.provider = ProviderId::Resend;
            error.detail = QStringLiteral("the domain list has no data array");
            error = withResponse(error, response);
        } else {
            error = decoded.error();
        }
        co_return accountStatusFromError(error, latency);
    }

    int verified = 0;
    const QJsonArray domains = data.toArray();
    QList<QPair<QString, QString>> domainLines;
    for (const QJsonValue& entry : domains) {
        const QJsonObject domain = entry.toObject();
        const QString state = domain.value(u"status").toString();
        verified += state == u"verified";
        domainLines.append({domain.value(u"name").toString(), state});
    }
    status.state = AccountStatus::State::Valid;
    status.plan = tr("Full access");
    status.summary = tr("Full access · %1 domains, %2 verified").arg(domains.size()).arg(verified);
    status.details.append({tr("Access"), tr("full")});
    status.details.append({tr("Domains"), QString::number(domains.size())});
    status.details.append(domainLines);
    if (const QByteArray limit = response.header("ratelimit-limit"); !limit.isEmpty())
        status.details.append(
            {tr("Rate limit"), tr("%1 requests per second").arg(QString::fromLatin1(limit))});
    if (const QByteArray remaining = response.header("ratelimit-remaining"); !remaining.isEmpty())
        status.details.append({tr("Requests left in window"), QString::fromLatin1(remaining)});
    co_return status;
}

QCoro::Task<Result<ResendSendResult, IntegrationError>>
ResendClient::send(ResendEmail email, QByteArray idempotencyKey, CancelToken cancel)
{
    if (const auto missing = missingKey())
        co_return failure(*missing);
    if (const auto problem = ResendJson::problemWith(email, false))
        co_return failure(notSent(*problem));
    if (idempotencyKey.size() > kMaxIdempotencyKeyLength)
        co_return failure(notSent(tr("an idempotency key has at most 256 characters")));

    HttpRequest request;
    request.method = "POST";
    request.path = QStringLiteral("/emails");
    request.body = JsonBody{QJsonDocument(ResendJson::emailObject(email))};
    request.idempotencyKey = idempotencyKey;
    request.operation = kSendOperation;
    request.worstCaseCost = unitPrice();
    request.costOf = [](const HttpResponse& response) -> std::optional<CostEvent> {
        const QString id = QJsonDocument::fromJson(response.body).object().value(u"id").toString();
        return estimatedCost(ProviderId::Resend, kSendOperation, 1, id);
    };

    const HttpResult result = co_await m_core->send(m_endpoint, std::move(request), cancel);
    if (!result)
        co_return failure(result.error());
    const HttpResponse& response = result.value();
    const auto decoded = HttpCore::decodeJson(ProviderId::Resend, response);
    if (!decoded)
        co_return failure(decoded.error());
    auto id = ResendJson::parseSendAnswer(decoded.value());
    if (!id)
        co_return failure(withResponse(id.error(), response));
    co_return ResendSendResult{std::move(id).value(), response.cost};
}

QCoro::Task<Result<ResendBatchResult, IntegrationError>>
ResendClient::sendBatch(QList<ResendEmail> emails, ResendBatchValidation validation,
                        QByteArray idempotencyKey, CancelToken cancel)
{
    if (const auto missing = missingKey())
        co_return failure(*missing);
    if (emails.isEmpty())
        co_return failure(notSent(tr("a batch needs at least one email")));
    if (emails.size() > kMaxBatchSize)
        co_return failure(notSent(tr("a batch holds at most %1 emails (this one has %2); split it")
                                      .arg(kMaxBatchSize)
                                      .arg(emails.size())));
    if (idempotencyKey.size() > kMaxIdempotencyKeyLength)
        co_return failure(notSent(tr("an idempotency key has at most 256 characters")));
    // Strict mode fails as a whole on one bad email, so say which before sending anything. Permissive
    // mode leaves the judgement to Resend, which sends the good ones and names the others.
    QJsonArray body;
    for (qsizetype i = 0; i < emails.size(); ++i) {
        if (validation == ResendBatchValidation::Strict) {
            if (const auto problem = ResendJson::problemWith(emails.at(i), true))
                co_return failure(notSent(tr("email %1 of the batch: %2").arg(i).arg(*problem)));
        }
        body.append(ResendJson::emailObject(emails.at(i)));
    }

    HttpRequest request;
    request.method = "POST";
    request.path = QStringLiteral("/emails/batch");
    const QByteArray mode = validation == ResendBatchValidation::Strict ? "strict" : "permissive";
    request.headers.append({QByteArray("x-batch-validation"), mode});
    request.body = JsonBody{QJsonDocument(body)};
    request.idempotencyKey = idempotencyKey;
    request.operation = kBatchOperation;
    request.worstCaseCost = unitPrice().times(emails.size());
    request.costOf = [](const HttpResponse& response) -> std::optional<CostEvent> {
        const int accepted = ResendJson::acceptedInBatchAnswer(response.body);
        if (accepted == 0)
            return std::nullopt;
        return estimatedCost(ProviderId::Resend, kBatchOperation, accepted);
    };

    const int sent = int(emails.size());
    const HttpResult result = co_await m_core->send(m_endpoint, std::move(request), cancel);
    if (!result)
        co_return failure(result.error());
    const HttpResponse& response = result.value();
    const auto decoded = HttpCore::decodeJson(ProviderId::Resend, response);
    if (!decoded)
        co_return failure(decoded.error());
    auto parsed = ResendJson::parseBatchAnswer(decoded.value(), sent);
    if (!parsed)
        co_return failure(withResponse(parsed.error(), response));
    ResendBatchResult batch = std::move(parsed).value();
    batch.cost = response.cost;
    co_return batch;
}

QCoro::Task<Result<ResendEmailRecord, IntegrationError>> ResendClient::email(QString id)
{
    if (const auto missing = missingKey())
        co_return failure(*missing);
    if (id.trimmed().isEmpty())
        co_return failure(notSent(tr("no email id given")));
    HttpRequest request;
    request.path = QStringLiteral("/emails/") + QString::fromLatin1(QUrl::toPercentEncoding(id));
    request.operation = QStringLiteral("get_email");
    const auto document = co_await fetchJson(std::move(request), {});
    if (!document)
        co_return failure(document.error());
    co_return ResendJson::parseEmail(document.value());
}

QCoro::Task<Result<ResendEmailPage, IntegrationError>> ResendClient::listEmails(ResendListQuery query)
{
    if (const auto missing = missingKey())
        co_return failure(*missing);
    if (query.limit < 1 || query.limit > kMaxListLimit)
        co_return failure(notSent(tr("a page holds 1 to %1 emails").arg(kMaxListLimit)));
    if (!query.after.isEmpty() && !query.before.isEmpty())
        co_return failure(notSent(tr("page with either after or before, not both")));
    HttpRequest request;
    request.path = QStringLiteral("/emails");
    addQueryItem(request.query, QStringLiteral("limit"), QString::number(query.limit));
    if (!query.after.isEmpty())
        addQueryItem(request.query, QStringLiteral("after"), query.after);
    if (!query.before.isEmpty())
        addQueryItem(request.query, QStringLiteral("before"), query.before);
    request.operation = QStringLiteral("list_emails");
    const auto document = co_await fetchJson(std::move(request), {});
    if (!document)
        co_return failure(document.error());
    co_return ResendJson::parseEmailPage(document.value());
}

} // namespace agency
