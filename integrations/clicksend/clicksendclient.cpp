#include "clicksendclient.h"

#include "integrations/clicksend/australianaddress.h"
#include "integrations/clicksend/clicksendjson.h"
#include "integrations/costing.h"
#include "integrations/http/httpcore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

#include <algorithm>

namespace agency {

namespace {

// What this client assumes about ClickSend (shared/providers/clicksend.md; the Post endpoints from
// the clicksend-go-v2 OpenAPI file at ffc4e203, the last one that has them).
const QString kAccountPath = QStringLiteral("/v3/account");
const QString kReturnAddressesPath = QStringLiteral("/v3/post/return-addresses");
const QString kUploadsPath = QStringLiteral("/v3/uploads"); // ?convert=post; JSON {"content": base64}
const QString kLetterPricePath = QStringLiteral("/v3/post/letters/price");
const QString kLetterSendPath = QStringLiteral("/v3/post/letters/send");
const QString kLetterHistoryPath = QStringLiteral("/v3/post/letters/history");
const QString kSendLetterOperation = QStringLiteral("send_letter");
// The catalogue's billing currency; the account's own (data._currency) replaces it once read.
const QString kDefaultCurrency = QStringLiteral("AUD");
// Maximum PDF size: 10 MB (from the Microsoft connector's description; unverified against ClickSend).
constexpr qint64 kMaxPdfBytes = 10 * 1024 * 1024;
constexpr int kReturnAddressPageSize = 100;
constexpr int kMaxReturnAddressPages = 50;
constexpr int kMaxHistoryPageSize = 100;
// No published rate limit (clicksend.md §4, 429 per a third-party summary): a gentle pace.
constexpr double kRequestsPerSecond = 5;
constexpr double kBurst = 5;
constexpr int kMaxConcurrentRequests = 3;

QString tr(const char* text)
{
    return QCoreApplication::translate("agency::ClickSendClient", text);
}

// A Post endpoint that answers 403 (or FORBIDDEN in the envelope) is refusing Post itself, not the
// credential: ClickSend's exact words for this are not documented, so the status decides.
ProviderErrorInfo postError(int status, const QByteArray& body)
{
    ProviderErrorInfo info = ClickSendJson::error(status, body);
    if (status == 403 || info.code == u"FORBIDDEN" || info.code == u"ACCESS_DENIED") {
        const QString own = info.message;
        info.message = ClickSendClient::noPostAccessMessage();
        if (!own.isEmpty())
            info.message += QStringLiteral(" (ClickSend: ") + own + u')';
        info.kind = IntegrationError::Kind::InvalidRequest;
    }
    return info;
}

} // namespace

ClickSendClient::ClickSendClient(const ClientContext& context)
    : m_core(context.core)
    , m_currency(kDefaultCurrency)
{
    const QString username = context.credential.value(QStringLiteral("username")).trimmed();
    const QString apiKey = context.credential.value(QStringLiteral("api_key")).trimmed();
    m_endpoint.provider = ProviderId::ClickSend;
    m_endpoint.baseUrl = context.baseUrl;
    m_endpoint.auth = Auth::basic(username, apiKey);
    m_endpoint.parseError = &ClickSendJson::error;
    m_postEndpoint = m_endpoint;
    m_postEndpoint.parseError = &postError;
    if (username.isEmpty() || apiKey.isEmpty())
        m_configurationProblem = tr("the username and API key are both needed");
    else if (!m_core)
        m_configurationProblem = tr("no HTTP core was given");
}

PacingConfig ClickSendClient::documentedPacing()
{
    PacingConfig pacing;
    pacing.ratePerSecond = kRequestsPerSecond;
    pacing.burst = kBurst;
    pacing.maxConcurrent = kMaxConcurrentRequests;
    return pacing;
}

QString ClickSendClient::noPostAccessMessage()
{
    return tr("direct mail is not enabled on this ClickSend account (no Post access; ClickSend no longer "
              "offers Post to new customers)");
}

void ClickSendClient::setRetryTimeScale(double scale)
{
    m_endpoint.retry.timeScale = scale;
    m_postEndpoint.retry.timeScale = scale;
}

std::optional<IntegrationError> ClickSendClient::configurationError() const
{
    if (m_configurationProblem.isEmpty())
        return std::nullopt;
    IntegrationError error;
    error.kind = IntegrationError::Kind::Configuration;
    error.provider = ProviderId::ClickSend;
    error.detail = m_configurationProblem;
    return error;
}

IntegrationError ClickSendClient::refused(const QString& sentence) const
{
    IntegrationError error;
    error.kind = IntegrationError::Kind::InvalidRequest;
    error.provider = ProviderId::ClickSend;
    error.providerMessage = sentence; // httpStatus stays 0: nothing was sent
    return error;
}

IntegrationError ClickSendClient::decodeError(const QString& problem, const HttpResponse& response) const
{
    IntegrationError error;
    error.kind = IntegrationError::Kind::Decode;
    error.provider = ProviderId::ClickSend;
    error.httpStatus = response.status;
    error.requestId = response.requestId;
    error.detail = problem;
    return error;
}

QCoro::Task<Result<ClickSendClient::DataReply, IntegrationError>>
ClickSendClient::call(Endpoint endpoint, HttpRequest request, CancelToken cancel)
{
    HttpResult result = co_await m_core->send(std::move(endpoint), std::move(request), std::move(cancel));
    if (!result)
        co_return failure(result.error());
    const Result<QJsonDocument, IntegrationError> document =
        HttpCore::decodeJson(ProviderId::ClickSend, result.value());
    if (!document)
        co_return failure(document.error());
    if (!document->isObject())
        co_return failure(decodeError(QStringLiteral("the answer is not a JSON object"), result.value()));
    const Result<QJsonValue, QString> data = ClickSendJson::data(document->object());
    if (!data)
        co_return failure(decodeError(data.error(), result.value()));
    co_return DataReply{std::move(result).value(), data.value()};
}

QCoro::Task<Result<ClickSendAccount, IntegrationError>> ClickSendClient::account(CancelToken cancel)
{
    if (const std::optional<IntegrationError> problem = configurationError())
        co_return failure(*problem);
    HttpRequest http;
    http.path = kAccountPath;
    http.operation = QStringLiteral("account");
    const Result<DataReply, IntegrationError> reply =
        co_await call(m_endpoint, std::move(http), std::move(cancel));
    if (!reply)
        co_return failure(reply.error());
    if (!reply->data.isObject())
        co_return failure(decodeError(QStringLiteral("account is not an object"), reply->response));
    const Result<ClickSendAccount, QString> account = ClickSendJson::account(reply->data.toObject());
    if (!account)
        co_return failure(decodeError(account.error(), reply->response));
    m_currency = account->balance.currency();
    // An answer that does not say (no _subaccount) leaves Post to ClickSend's own refusal.
    m_postAccess = account->postAccess.value_or(true);
    co_return account.value();
}

QCoro::Task<AccountStatus> ClickSendClient::checkCredentials()
{
    QElapsedTimer clock;
    clock.start();
    const Result<ClickSendAccount, IntegrationError> account = co_await this->account(CancelToken());
    const auto latency = std::chrono::milliseconds(clock.elapsed());
    if (!account)
        co_return accountStatusFromError(account.error(), latency);

    AccountStatus status;
    status.balance = account->balance;
    status.plan = account->onTrial ? tr("Trial") : QString();
    status.details.append({tr("Username"), account->username});
    if (!account->accountName.isEmpty())
        status.details.append({tr("Account"), account->accountName});
    if (!account->country.isEmpty())
        status.details.append({tr("Country"), account->country});
    status.details.append({tr("Balance"), account->balance.toString()});
    status.details.append({tr("Trial"), account->onTrial ? tr("yes") : tr("no")});
    status.details.append({tr("Post (direct mail)"), !account->postAccess   ? tr("not stated")
                                                     : *account->postAccess ? tr("enabled")
                                                                            : tr("not enabled")});
    const QString balance = tr("%1 balance").arg(account->balance.toString());
    if (account->banned) {
        status.state = AccountStatus::State::ValidLimited;
        status.summary = tr("Account banned · %1").arg(balance);
    } else if (account->postAccess == false) {
        status.state = AccountStatus::State::ValidLimited;
        status.summary = tr("no direct mail (Post) access · %1").arg(balance);
    } else {
        status.state = AccountStatus::State::Valid;
        status.summary = account->onTrial ? tr("Trial · %1").arg(balance) : balance;
    }
    status.latency = latency;
    status.checkedAt = QDateTime::currentDateTimeUtc();
    co_return status;
}

QCoro::Task<Result<Done, IntegrationError>> ClickSendClient::ensurePostAccess(CancelToken cancel)
{
    if (!m_postAccess) {
        const Result<ClickSendAccount, IntegrationError> looked = co_await account(std::move(cancel));
        if (!looked)
            co_return failure(looked.error());
    }
    if (m_postAccess == false)
        co_return failure(refused(noPostAccessMessage()));
    co_return Done{};
}

QCoro::Task<Result<QList<ReturnAddress>, IntegrationError>>
ClickSendClient::listReturnAddresses(CancelToken cancel)
{
    if (const std::optional<IntegrationError> problem = configurationError())
        co_return failure(*problem);
    const Result<Done, IntegrationError> access = co_await ensurePostAccess(cancel);
    if (!access)
        co_return failure(access.error());
    QList<ReturnAddress> addresses;
    for (int page = 1; page <= kMaxReturnAddressPages; ++page) {
        HttpRequest http;
        http.path = kReturnAddressesPath;
        http.query.addQueryItem(QStringLiteral("page"), QString::number(page));
        http.query.addQueryItem(QStringLiteral("limit"), QString::number(kReturnAddressPageSize));
        http.operation = QStringLiteral("list_return_addresses");
        const Result<DataReply, IntegrationError> reply =
            co_await call(m_postEndpoint, std::move(http), cancel);
        if (!reply)
            co_return failure(reply.error());
        if (!reply->data.isObject())
            co_return failure(
                decodeError(QStringLiteral("return_addresses is not an object"), reply->response));
        Result<ReturnAddressPage, QString> parsed = ClickSendJson::returnAddressPage(reply->data.toObject());
        if (!parsed)
            co_return failure(decodeError(parsed.error(), reply->response));
        addresses.append(parsed->addresses);
        if (parsed->addresses.isEmpty() || parsed->currentPage >= parsed->lastPage)
            break;
    }
    co_return addresses;
}

QCoro::Task<Result<ReturnAddress, IntegrationError>>
ClickSendClient::createReturnAddress(PostalAddress address, CancelToken cancel)
{
    if (const std::optional<IntegrationError> problem = configurationError())
        co_return failure(*problem);
    // Return addresses here are the agency's own, in Australia: the same checks as a recipient's.
    const Result<PostalAddress, QString> checked = AustralianAddress::validated(address);
    if (!checked)
        co_return failure(refused(checked.error()));
    const Result<Done, IntegrationError> access = co_await ensurePostAccess(cancel);
    if (!access)
        co_return failure(access.error());
    HttpRequest http;
    http.method = "POST";
    http.path = kReturnAddressesPath;
    http.body = JsonBody{QJsonDocument(ClickSendJson::addressFields(checked.value()))};
    http.operation = QStringLiteral("create_return_address");
    const Result<DataReply, IntegrationError> reply =
        co_await call(m_postEndpoint, std::move(http), std::move(cancel));
    if (!reply)
        co_return failure(reply.error());
    const Result<ReturnAddress, QString> created = ClickSendJson::returnAddress(reply->data.toObject());
    if (!reply->data.isObject() || !created)
        co_return failure(decodeError(
            reply->data.isObject() ? created.error() : QStringLiteral("return_address is not an object"),
            reply->response));
    co_return created.value();
}

QCoro::Task<Result<QUrl, IntegrationError>> ClickSendClient::uploadPdf(QString filePath, CancelToken cancel)
{
    if (const std::optional<IntegrationError> problem = configurationError())
        co_return failure(*problem);
    const QFileInfo info(filePath);
    if (!info.isFile())
        co_return failure(refused(tr("%1 is not a file").arg(filePath)));
    if (info.size() > kMaxPdfBytes)
        co_return failure(refused(tr("%1 is %2 MB; ClickSend takes PDFs up to %3 MB")
                                      .arg(info.fileName())
                                      .arg(double(info.size()) / (1024 * 1024), 0, 'f', 1)
                                      .arg(kMaxPdfBytes / (1024 * 1024))));
    QFile file(filePath);
    if (!file.open(QIODevice::ReadOnly))
        co_return failure(refused(tr("%1 cannot be read: %2").arg(info.fileName(), file.errorString())));
    const QByteArray content = file.readAll();
    if (!content.startsWith("%PDF-"))
        co_return failure(refused(tr("%1 is not a PDF").arg(info.fileName())));

    // The spec documents two forms: JSON with the file base64-encoded in "content", or multipart with
    // an undocumented field name. The JSON form is the documented one.
    HttpRequest http;
    http.method = "POST";
    http.path = kUploadsPath;
    http.query.addQueryItem(QStringLiteral("convert"), QStringLiteral("post"));
    http.body = JsonBody{QJsonDocument(QJsonObject{
        {QStringLiteral("content"), QString::fromLatin1(content.toBase64())},
    })};
    http.timeout = std::chrono::seconds(120); // up to 13 MB of base64 on a slow uplink
    http.operation = QStringLiteral("upload_pdf");
    const Result<DataReply, IntegrationError> reply =
        co_await call(m_endpoint, std::move(http), std::move(cancel));
    if (!reply)
        co_return failure(reply.error());
    const Result<QUrl, QString> url = ClickSendJson::uploadedUrl(reply->data.toObject());
    if (!url)
        co_return failure(decodeError(url.error(), reply->response));
    co_return url.value();
}

Result<LetterRequest, IntegrationError> ClickSendClient::checkedLetter(const LetterRequest& request) const
{
    if (!request.fileUrl.isValid() || request.fileUrl.host().isEmpty() ||
        (request.fileUrl.scheme() != u"https" && request.fileUrl.scheme() != u"http"))
        return failure(refused(tr("the letter needs a public http(s) URL of its PDF")));
    if (request.recipients.isEmpty())
        return failure(refused(tr("the letter has no recipients")));
    LetterRequest checked = request;
    QStringList problems;
    for (LetterRecipient& recipient : checked.recipients) {
        const Result<PostalAddress, QString> address = AustralianAddress::validated(recipient.address);
        if (!address)
            problems.append(address.error());
        else
            recipient.address = address.value();
        if (recipient.returnAddressId <= 0)
            problems.append(tr("%1 has no return address").arg(recipient.address.name));
    }
    if (!problems.isEmpty())
        return failure(refused(problems.join(QStringLiteral(". "))));
    if (request.quotedTotal && !request.quotedTotal->isValid())
        return failure(refused(tr("the quoted total has no currency")));
    return checked;
}

QCoro::Task<Result<LetterQuote, IntegrationError>> ClickSendClient::priceLetter(LetterRequest request,
                                                                                CancelToken cancel)
{
    if (const std::optional<IntegrationError> problem = configurationError())
        co_return failure(*problem);
    const Result<LetterRequest, IntegrationError> checked = checkedLetter(request);
    if (!checked)
        co_return failure(checked.error());
    const Result<Done, IntegrationError> access = co_await ensurePostAccess(cancel);
    if (!access)
        co_return failure(access.error());
    HttpRequest http;
    http.method = "POST";
    http.path = kLetterPricePath;
    http.body = JsonBody{QJsonDocument(ClickSendJson::letterBody(checked.value()))};
    http.operation = QStringLiteral("price_letter");
    const Result<DataReply, IntegrationError> reply =
        co_await call(m_postEndpoint, std::move(http), std::move(cancel));
    if (!reply)
        co_return failure(reply.error());
    const Result<LetterQuote, QString> quote = ClickSendJson::letterQuote(reply->data.toObject(), m_currency);
    if (!quote)
        co_return failure(decodeError(quote.error(), reply->response));
    co_return quote.value();
}

QCoro::Task<Result<LetterSendResult, IntegrationError>> ClickSendClient::sendLetter(LetterRequest request,
                                                                                    CancelToken cancel)
{
    if (const std::optional<IntegrationError> problem = configurationError())
        co_return failure(*problem);
    const Result<LetterRequest, IntegrationError> checked = checkedLetter(request);
    if (!checked)
        co_return failure(checked.error());
    const Result<Done, IntegrationError> access = co_await ensurePostAccess(cancel);
    if (!access)
        co_return failure(access.error());

    const qint64 letters = checked->recipients.size();
    HttpRequest http;
    http.method = "POST";
    http.path = kLetterSendPath;
    http.body = JsonBody{QJsonDocument(ClickSendJson::letterBody(checked.value()))};
    http.operation = kSendLetterOperation;
    // No idempotency key exists: without one the core never sends this POST twice.
    http.worstCaseCost = checked->quotedTotal
                             ? *checked->quotedTotal
                             : estimatedCost(ProviderId::ClickSend, kSendLetterOperation, letters).amount;
    const CurrencyCode currency = m_currency;
    // ClickSend reports each letter's post_price: the cost is their sum over the letters it queued.
    http.costOf = [currency](const HttpResponse& response) -> std::optional<CostEvent> {
        const QJsonObject data =
            QJsonDocument::fromJson(response.body).object().value(QStringLiteral("data")).toObject();
        const Result<LetterSendResult, QString> sent = ClickSendJson::sentLetters(data, currency);
        if (!sent)
            return std::nullopt;
        Money total = Money::zero(sent->currency);
        qint64 queued = 0;
        QStringList references;
        for (const Letter& letter : sent->letters) {
            if (!letter.isQueued())
                continue;
            total = total.plus(letter.price).value_or(total);
            ++queued;
            references.append(letter.messageId);
        }
        if (queued == 0)
            return std::nullopt;
        return reportedCost(ProviderId::ClickSend, kSendLetterOperation, total, queued,
                            QStringLiteral("letter"), references.join(u','));
    };

    const Result<DataReply, IntegrationError> reply =
        co_await call(m_postEndpoint, std::move(http), std::move(cancel));
    if (!reply)
        co_return failure(reply.error());
    Result<LetterSendResult, QString> sent = ClickSendJson::sentLetters(reply->data.toObject(), m_currency);
    if (!reply->data.isObject() || !sent)
        co_return failure(
            decodeError(reply->data.isObject() ? sent.error() : QStringLiteral("send is not an object"),
                        reply->response));
    LetterSendResult result = std::move(sent).value();
    result.cost = reply->response.cost;
    co_return result;
}

QCoro::Task<Result<LetterHistoryPage, IntegrationError>> ClickSendClient::letterHistory(int page, int limit,
                                                                                        CancelToken cancel)
{
    if (const std::optional<IntegrationError> problem = configurationError())
        co_return failure(*problem);
    const Result<Done, IntegrationError> access = co_await ensurePostAccess(cancel);
    if (!access)
        co_return failure(access.error());
    HttpRequest http;
    http.path = kLetterHistoryPath;
    http.query.addQueryItem(QStringLiteral("page"), QString::number(std::max(1, page)));
    http.query.addQueryItem(QStringLiteral("limit"),
                            QString::number(std::clamp(limit, 1, kMaxHistoryPageSize)));
    http.operation = QStringLiteral("letter_history");
    const Result<DataReply, IntegrationError> reply =
        co_await call(m_postEndpoint, std::move(http), std::move(cancel));
    if (!reply)
        co_return failure(reply.error());
    const Result<LetterHistoryPage, QString> history =
        ClickSendJson::letterHistory(reply->data.toObject(), m_currency);
    if (!reply->data.isObject() || !history)
        co_return failure(
            decodeError(reply->data.isObject() ? history.error() : QStringLiteral("history is not an object"),
                        reply->response));
    co_return history.value();
}

} // namespace agency
