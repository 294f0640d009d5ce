#include "postmarkclient.h"

#include "integrations/http/httpcore.h"
#include "integrations/postmark/postmarkjson.h"
#include "model/catalogue.h"

#include <QCoreApplication>
#include <QElapsedTimer>

namespace agency {

namespace {

// Facts from shared/providers/postmark.md (and contracts/specs/postmark.json), in one place:
// - the server token travels in X-Postmark-Server-Token; Accept: application/json is always sent
//   (whether Postmark insists on it is unverified; its SDKs always send it);
// - count is 1–500 and, with offset, required on every search; dates are YYYY-MM-DD;
// - no request rate is documented for the Messages API (unverified): pacing below is an assumption,
//   polite enough for an inbox that polls;
// - Postmark is not billed per call (inbound is counted against the monthly volume).
const QString kCredentialField = QStringLiteral("server_token");
constexpr double kAssumedRequestsPerSecond = 5.0;
constexpr int kAssumedMaxConcurrent = 3;

QString tr(const char* text)
{
    return QCoreApplication::translate("agency::PostmarkClient", text);
}

// Percent-encodes the value so that '+' (mailbox hashes, plus addresses) and '&' survive the trip.
void addQueryItem(QUrlQuery& query, const QString& key, const QString& value)
{
    query.addQueryItem(key, QString::fromLatin1(QUrl::toPercentEncoding(value)));
}

} // namespace

PostmarkClient::PostmarkClient(const ClientContext& context)
    : m_core(context.core)
{
    m_endpoint.provider = ProviderId::Postmark;
    m_endpoint.baseUrl =
        context.baseUrl.isEmpty() ? QUrl(providerInfo(ProviderId::Postmark).defaultBaseUrl) : context.baseUrl;
    m_endpoint.auth = Auth::header("X-Postmark-Server-Token", context.credential.value(kCredentialField));
    m_endpoint.defaultHeaders = {{"Accept", "application/json"}};
    m_endpoint.parseError = &PostmarkJson::parseError;
}

PacingConfig PostmarkClient::documentedPacing()
{
    return PacingConfig{kAssumedRequestsPerSecond, kAssumedRequestsPerSecond, kAssumedMaxConcurrent};
}

Result<InboundMessage, IntegrationError> PostmarkClient::parseInboundWebhook(const QByteArray& body)
{
    return PostmarkJson::parseWebhook(body);
}

std::optional<IntegrationError> PostmarkClient::missingToken() const
{
    if (!m_endpoint.auth.secret.isEmpty())
        return std::nullopt;
    IntegrationError error;
    error.kind = IntegrationError::Kind::Configuration;
    error.provider = ProviderId::Postmark;
    error.detail = tr("no server API token is set up for Postmark");
    return error;
}

IntegrationError PostmarkClient::notSent(const QString& why) const
{
    IntegrationError error;
    error.kind = IntegrationError::Kind::InvalidRequest;
    error.provider = ProviderId::Postmark;
    error.providerMessage = why;
    error.detail = QStringLiteral("refused before sending");
    return error;
}

QCoro::Task<Result<QJsonDocument, IntegrationError>> PostmarkClient::fetchJson(HttpRequest request,
                                                                               CancelToken cancel)
{
    const HttpResult result = co_await m_core->send(m_endpoint, std::move(request), cancel);
    if (!result)
        co_return failure(result.error());
    co_return HttpCore::decodeJson(ProviderId::Postmark, result.value());
}

QCoro::Task<Result<PostmarkServer, IntegrationError>> PostmarkClient::server()
{
    if (const auto missing = missingToken())
        co_return failure(*missing);
    HttpRequest request;
    request.path = QStringLiteral("/server");
    request.operation = QStringLiteral("server");
    const auto document = co_await fetchJson(std::move(request), {});
    if (!document)
        co_return failure(document.error());
    co_return PostmarkJson::parseServer(document.value());
}

QCoro::Task<AccountStatus> PostmarkClient::checkCredentials()
{
    if (const auto missing = missingToken()) {
        AccountStatus status = accountStatusFromError(*missing, {});
        status.summary = tr("no server token set up");
        co_return status;
    }
    QElapsedTimer clock;
    clock.start();
    const auto found = co_await server();
    const auto latency = std::chrono::milliseconds(clock.elapsed());
    if (!found)
        co_return accountStatusFromError(found.error(), latency);

    const PostmarkServer& info = found.value();
    AccountStatus status;
    status.state = AccountStatus::State::Valid;
    status.latency = latency;
    status.checkedAt = QDateTime::currentDateTimeUtc();
    status.plan = tr("Server token");
    status.summary = info.inboundAddress.isEmpty()
                         ? tr("Server “%1”").arg(info.name)
                         : tr("Server “%1” · inbound %2").arg(info.name, info.inboundAddress);
    status.details.append({tr("Server"), QStringLiteral("%1 (ID %2)").arg(info.name).arg(info.id)});
    status.details.append({tr("Inbound address"), info.inboundAddress});
    if (!info.inboundDomain.isEmpty())
        status.details.append({tr("Inbound domain"), info.inboundDomain});
    status.details.append(
        {tr("Inbound webhook"), info.inboundHookUrl.isEmpty() ? tr("not set") : info.inboundHookUrl});
    status.details.append({tr("Spam threshold"), QString::number(info.inboundSpamThreshold)});
    status.details.append({tr("Raw email in webhook"), info.rawEmailEnabled ? tr("yes") : tr("no")});
    co_return status;
}

QCoro::Task<Result<PostmarkInboundPage, IntegrationError>>
PostmarkClient::searchInbound(PostmarkInboundQuery query, CancelToken cancel)
{
    if (const auto missing = missingToken())
        co_return failure(*missing);
    if (query.count < 1 || query.count > kMaxPageSize)
        co_return failure(notSent(tr("a page holds 1 to %1 messages").arg(kMaxPageSize)));
    if (query.offset < 0)
        co_return failure(notSent(tr("the offset cannot be negative")));
    if (query.status && *query.status == InboundStatus::Unknown)
        co_return failure(notSent(tr("filter by a known status")));

    HttpRequest request;
    request.path = QStringLiteral("/messages/inbound");
    request.operation = QStringLiteral("search_inbound");
    addQueryItem(request.query, QStringLiteral("count"), QString::number(query.count));
    addQueryItem(request.query, QStringLiteral("offset"), QString::number(query.offset));
    const QList<QPair<QString, QString>> filters = {
        {QStringLiteral("recipient"), query.recipient},
        {QStringLiteral("fromemail"), query.fromEmail},
        {QStringLiteral("subject"), query.subject},
        {QStringLiteral("mailboxhash"), query.mailboxHash},
        {QStringLiteral("tag"), query.tag},
        {QStringLiteral("status"), query.status ? inboundStatusName(*query.status) : QString()},
        {QStringLiteral("fromdate"),
         query.fromDate.isValid() ? query.fromDate.toString(Qt::ISODate) : QString()},
        {QStringLiteral("todate"), query.toDate.isValid() ? query.toDate.toString(Qt::ISODate) : QString()},
    };
    for (const auto& [name, value] : filters) {
        if (!value.isEmpty())
            addQueryItem(request.query, name, value);
    }
    const auto document = co_await fetchJson(std::move(request), cancel);
    if (!document)
        co_return failure(document.error());
    co_return PostmarkJson::parseInboundPage(document.value());
}

QCoro::Task<Result<InboundMessage, IntegrationError>> PostmarkClient::inboundDetails(QString messageId,
                                                                                     CancelToken cancel)
{
    if (const auto missing = missingToken())
        co_return failure(*missing);
    if (messageId.trimmed().isEmpty())
        co_return failure(notSent(tr("no message id given")));
    HttpRequest request;
    request.path = QStringLiteral("/messages/inbound/%1/details")
                       .arg(QString::fromLatin1(QUrl::toPercentEncoding(messageId)));
    request.operation = QStringLiteral("inbound_details");
    const auto document = co_await fetchJson(std::move(request), cancel);
    if (!document)
        co_return failure(document.error());
    co_return PostmarkJson::parseMessage(document.value());
}

} // namespace agency
