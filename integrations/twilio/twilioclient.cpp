#include "twilioclient.h"

#include "integrations/costing.h"
#include "integrations/http/httpcore.h"
#include "integrations/phone/phonenumbers.h"
#include "integrations/twilio/twiliojson.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRegularExpression>
#include <QSet>

#include <utility>

namespace agency {

namespace {

// What this client assumes about Twilio (shared/providers/twilio.md, contracts/specs/twilio.json).
const QString kApiPrefix = QStringLiteral("/2010-04-01/Accounts/");
constexpr int kMaxBodyCharacters = 1600; // a longer Body is refused by Twilio (21617)
constexpr int kMaxTwimlCharacters = 4000;
constexpr int kMaxPageSize = 1000; // PageSize maximum; 50 is Twilio's default
constexpr int kMaxCallTimeout = 600;
// A safety stop for paging: next_page_uri chains longer than this are cut off.
constexpr int kMaxPages = 1000;
// No request rate is published (twilio.md §4: a limit on concurrent requests, ~100 per a third-party
// source, unverified). Stay well under it; messages beyond a sender's throughput queue at Twilio.
constexpr int kMaxConcurrentRequests = 20;
// Twilio's date filters take "YYYY-MM-DD" or a full timestamp (twilio-python sends
// iso8601_datetime for DateSent>/DateSent<); the docs describe them as whole-day filters, so
// listMessages() applies the exact window itself as well.
const QString kTimestampFormat = QStringLiteral("yyyy-MM-ddTHH:mm:ssZ");
const QString kSendSmsOperation = QStringLiteral("send_sms");
const QString kCreateCallOperation = QStringLiteral("create_call");
const QSet<QString> kCallEvents = {QStringLiteral("initiated"), QStringLiteral("ringing"),
                                   QStringLiteral("answered"), QStringLiteral("completed")};

QString tr(const char* text)
{
    return QCoreApplication::translate("agency::TwilioClient", text);
}

// Identifiers go into URL paths: letters and digits only, so nothing can change the path.
bool isPathSafeSid(const QString& sid)
{
    static const QRegularExpression shape(QStringLiteral("^[A-Za-z0-9]{2,64}$"));
    return shape.match(sid).hasMatch();
}

bool isWebUrl(const QUrl& url)
{
    return url.isValid() && (url.scheme() == u"https" || url.scheme() == u"http") && !url.host().isEmpty();
}

// "AgencyOS": 1–11 letters, digits and spaces with at least one letter (an alphanumeric sender ID).
bool isAlphanumericSender(const QString& from)
{
    static const QRegularExpression shape(QStringLiteral("^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$"));
    return shape.match(from).hasMatch();
}

// A sender that starts like a phone number is read as one; anything else must be a sender ID.
bool looksLikeNumber(const QString& text)
{
    const QString trimmed = text.trimmed();
    return !trimmed.isEmpty() &&
           (trimmed.front() == u'+' || trimmed.front() == u'(' || trimmed.front().isDigit());
}

QDateTime messageTime(const TwilioMessage& message)
{
    return message.dateSent.value_or(message.dateCreated);
}

} // namespace

TwilioClient::TwilioClient(const ClientContext& context)
    : m_core(context.core)
    , m_accountSid(context.credential.value(QStringLiteral("account_sid")).trimmed())
{
    const QString token = context.credential.value(QStringLiteral("auth_token")).trimmed();
    m_endpoint.provider = ProviderId::Twilio;
    m_endpoint.baseUrl = context.baseUrl;
    m_endpoint.auth = Auth::basic(m_accountSid, token);
    m_endpoint.parseError = &TwilioJson::error;
    if (m_accountSid.isEmpty() || token.isEmpty())
        m_configurationProblem = tr("the account SID and auth token are both needed");
    else if (!isPathSafeSid(m_accountSid))
        m_configurationProblem = tr("the account SID may hold only letters and digits");
    else if (!m_core)
        m_configurationProblem = tr("no HTTP core was given");
}

PacingConfig TwilioClient::documentedPacing()
{
    PacingConfig pacing;
    pacing.ratePerSecond = 0; // none published
    pacing.maxConcurrent = kMaxConcurrentRequests;
    return pacing;
}

CostEvent TwilioClient::estimateSms(const QString& body)
{
    const SmsSegmentation segmentation = SmsEncoding::segment(body);
    return estimatedCost(ProviderId::Twilio, kSendSmsOperation, segmentation.segments);
}

QString TwilioClient::accountPath() const
{
    return kApiPrefix + m_accountSid;
}

std::optional<IntegrationError> TwilioClient::configurationError() const
{
    if (m_configurationProblem.isEmpty())
        return std::nullopt;
    IntegrationError error;
    error.kind = IntegrationError::Kind::Configuration;
    error.provider = ProviderId::Twilio;
    error.detail = m_configurationProblem;
    return error;
}

IntegrationError TwilioClient::refused(const QString& sentence) const
{
    IntegrationError error;
    error.kind = IntegrationError::Kind::InvalidRequest;
    error.provider = ProviderId::Twilio;
    error.providerMessage = sentence; // httpStatus stays 0: nothing was sent
    return error;
}

IntegrationError TwilioClient::decodeError(const QString& problem, const HttpResponse& response) const
{
    IntegrationError error;
    error.kind = IntegrationError::Kind::Decode;
    error.provider = ProviderId::Twilio;
    error.httpStatus = response.status;
    error.requestId = response.requestId;
    error.detail = problem;
    return error;
}

QCoro::Task<Result<TwilioClient::JsonReply, IntegrationError>> TwilioClient::call(HttpRequest request,
                                                                                  CancelToken cancel)
{
    HttpResult result = co_await m_core->send(m_endpoint, std::move(request), std::move(cancel));
    if (!result)
        co_return failure(result.error());
    const Result<QJsonDocument, IntegrationError> document =
        HttpCore::decodeJson(ProviderId::Twilio, result.value());
    if (!document)
        co_return failure(document.error());
    if (!document->isObject())
        co_return failure(decodeError(QStringLiteral("the answer is not a JSON object"), result.value()));
    co_return JsonReply{std::move(result).value(), document->object()};
}

QCoro::Task<AccountStatus> TwilioClient::checkCredentials()
{
    QElapsedTimer clock;
    clock.start();
    auto elapsed = [&clock] {
        return std::chrono::milliseconds(clock.elapsed());
    };
    if (const std::optional<IntegrationError> problem = configurationError())
        co_return accountStatusFromError(*problem, elapsed());

    HttpRequest accountRequest;
    accountRequest.path = accountPath() + QStringLiteral(".json");
    accountRequest.operation = QStringLiteral("check_account");
    const Result<JsonReply, IntegrationError> accountReply = co_await call(accountRequest, CancelToken());
    if (!accountReply)
        co_return accountStatusFromError(accountReply.error(), elapsed());
    const Result<TwilioAccountInfo, QString> account = TwilioJson::account(accountReply->object);
    if (!account)
        co_return accountStatusFromError(decodeError(account.error(), accountReply->response), elapsed());

    HttpRequest balanceRequest;
    balanceRequest.path = accountPath() + QStringLiteral("/Balance.json");
    balanceRequest.operation = QStringLiteral("check_balance");
    const Result<JsonReply, IntegrationError> balanceReply = co_await call(balanceRequest, CancelToken());

    AccountStatus status;
    status.plan = account->type;
    status.details.append({tr("Account SID"), account->sid});
    if (!account->friendlyName.isEmpty())
        status.details.append({tr("Name"), account->friendlyName});
    status.details.append({tr("Status"), account->status});
    status.details.append({tr("Type"), account->type});
    if (account->dateCreated.isValid())
        status.details.append({tr("Created"), account->dateCreated.toString(Qt::ISODate)});
    if (balanceReply) {
        const Result<Money, QString> balance = TwilioJson::balance(balanceReply->object);
        if (balance) {
            status.balance = balance.value();
            status.details.append({tr("Balance"), balance->toString()});
        } else {
            status.details.append({tr("Balance"), tr("unreadable (%1)").arg(balance.error())});
        }
    } else {
        // The account answered, so the credential is good: a balance that cannot be read is a detail.
        status.details.append({tr("Balance"), tr("unavailable (%1)").arg(balanceReply.error().message())});
    }
    const QByteArray concurrent = accountReply->response.header("Twilio-Concurrent-Requests");
    if (!concurrent.isEmpty())
        status.details.append({tr("Concurrent requests"), QString::fromLatin1(concurrent)});

    const QString balanceText =
        status.balance ? tr(" · %1 balance").arg(status.balance->toString()) : QString();
    if (account->status != u"active") {
        status.state = AccountStatus::State::ValidLimited;
        status.summary = tr("Account %1").arg(account->status) + balanceText;
    } else if (account->type.compare(u"Trial", Qt::CaseInsensitive) == 0) {
        // Trial accounts send only to verified numbers, with a trial prefix on every message.
        status.state = AccountStatus::State::ValidLimited;
        status.summary = tr("Trial account") + balanceText;
    } else {
        status.state = AccountStatus::State::Valid;
        status.summary = tr("%1 account").arg(account->type) + balanceText;
    }
    status.latency = elapsed();
    status.checkedAt = QDateTime::currentDateTimeUtc();
    co_return status;
}

QCoro::Task<Result<SmsSendResult, IntegrationError>> TwilioClient::sendSms(SmsRequest request,
                                                                           CancelToken cancel)
{
    if (const std::optional<IntegrationError> problem = configurationError())
        co_return failure(*problem);
    const Result<QString, QString> to = PhoneNumbers::normaliseToE164(request.to, request.defaultRegion);
    if (!to)
        co_return failure(refused(to.error()));

    QList<QPair<QString, QString>> fields{{QStringLiteral("To"), to.value()}};
    const QString serviceSid = request.messagingServiceSid.trimmed();
    if (!serviceSid.isEmpty()) {
        if (!serviceSid.startsWith(u"MG") || !isPathSafeSid(serviceSid))
            co_return failure(refused(tr("%1 is not a Messaging Service SID (MG…)").arg(serviceSid)));
        fields.append({QStringLiteral("MessagingServiceSid"), serviceSid});
    } else if (looksLikeNumber(request.from)) {
        const Result<QString, QString> from =
            PhoneNumbers::normaliseToE164(request.from, request.defaultRegion);
        if (!from)
            co_return failure(refused(from.error()));
        fields.append({QStringLiteral("From"), from.value()});
    } else if (isAlphanumericSender(request.from.trimmed())) {
        fields.append({QStringLiteral("From"), request.from.trimmed()});
    } else if (request.from.trimmed().isEmpty()) {
        co_return failure(refused(tr("a sender is needed: a From number or a Messaging Service SID")));
    } else {
        co_return failure(refused(
            tr("%1 is not a valid sender: use a phone number or 1–11 letters and digits").arg(request.from)));
    }

    if (request.body.isEmpty())
        co_return failure(refused(tr("the message is empty")));
    if (request.body.size() > kMaxBodyCharacters)
        co_return failure(refused(tr("the message has %1 characters; Twilio takes at most %2")
                                      .arg(request.body.size())
                                      .arg(kMaxBodyCharacters)));
    fields.append({QStringLiteral("Body"), request.body});
    if (!request.statusCallback.isEmpty()) {
        if (!isWebUrl(request.statusCallback))
            co_return failure(refused(tr("the status callback must be an http(s) URL")));
        fields.append(
            {QStringLiteral("StatusCallback"), request.statusCallback.toString(QUrl::FullyEncoded)});
    }

    const SmsSegmentation segmentation = SmsEncoding::segment(request.body);
    const CostEvent estimate = estimatedCost(ProviderId::Twilio, kSendSmsOperation, segmentation.segments);
    HttpRequest http;
    http.method = "POST";
    http.path = accountPath() + QStringLiteral("/Messages.json");
    http.body = FormBody{fields};
    http.operation = kSendSmsOperation;
    // No idempotency key exists for Messages: without one the core never sends this POST twice.
    http.worstCaseCost = estimate.amount;
    const int segments = segmentation.segments;
    http.costOf = [segments](const HttpResponse& response) -> std::optional<CostEvent> {
        const QString sid =
            QJsonDocument::fromJson(response.body).object().value(QStringLiteral("sid")).toString();
        return estimatedCost(ProviderId::Twilio, kSendSmsOperation, segments, sid);
    };

    const Result<JsonReply, IntegrationError> reply = co_await call(std::move(http), std::move(cancel));
    if (!reply)
        co_return failure(reply.error());
    Result<TwilioMessage, QString> message = TwilioJson::message(reply->object);
    if (!message)
        co_return failure(decodeError(message.error(), reply->response));
    SmsSendResult result;
    result.message = std::move(message).value();
    result.segmentation = segmentation;
    result.estimatedCost = reply->response.cost.value_or(estimate);
    co_return result;
}

QCoro::Task<Result<TwilioMessage, IntegrationError>> TwilioClient::getMessage(QString sid, CancelToken cancel)
{
    if (const std::optional<IntegrationError> problem = configurationError())
        co_return failure(*problem);
    if (!isPathSafeSid(sid))
        co_return failure(refused(tr("%1 is not a message SID").arg(sid)));
    HttpRequest http;
    http.path = accountPath() + QStringLiteral("/Messages/") + sid + QStringLiteral(".json");
    http.operation = QStringLiteral("get_message");
    const Result<JsonReply, IntegrationError> reply = co_await call(std::move(http), std::move(cancel));
    if (!reply)
        co_return failure(reply.error());
    Result<TwilioMessage, QString> message = TwilioJson::message(reply->object);
    if (!message)
        co_return failure(decodeError(message.error(), reply->response));
    co_return std::move(message).value();
}

QCoro::Task<Result<QList<TwilioMessage>, IntegrationError>> TwilioClient::listMessages(MessageQuery query,
                                                                                       CancelToken cancel)
{
    if (const std::optional<IntegrationError> problem = configurationError())
        co_return failure(*problem);
    const QString messagesPath = accountPath() + QStringLiteral("/Messages.json");

    HttpRequest http;
    http.path = messagesPath;
    http.operation = QStringLiteral("list_messages");
    // Query values are percent-encoded here: a bare '+' in a query string reads as a space.
    auto add = [&http](const QString& key, const QString& value) {
        http.query.addQueryItem(key, QString::fromLatin1(QUrl::toPercentEncoding(value)));
    };
    if (!query.to.trimmed().isEmpty()) {
        const Result<QString, QString> to = PhoneNumbers::normaliseToE164(query.to, query.defaultRegion);
        if (!to)
            co_return failure(refused(to.error()));
        add(QStringLiteral("To"), to.value());
    }
    if (!query.from.trimmed().isEmpty()) {
        QString from = query.from.trimmed();
        if (looksLikeNumber(from)) {
            const Result<QString, QString> number = PhoneNumbers::normaliseToE164(from, query.defaultRegion);
            if (!number)
                co_return failure(refused(number.error()));
            from = number.value();
        }
        add(QStringLiteral("From"), from);
    }
    if (query.sentAfter && query.sentBefore && *query.sentAfter > *query.sentBefore)
        co_return failure(refused(tr("the time window ends before it starts")));
    if (query.sentAfter)
        add(QStringLiteral("DateSent>"), query.sentAfter->toUTC().toString(kTimestampFormat));
    if (query.sentBefore)
        add(QStringLiteral("DateSent<"), query.sentBefore->toUTC().toString(kTimestampFormat));
    add(QStringLiteral("PageSize"), QString::number(std::clamp(query.pageSize, 1, kMaxPageSize)));

    QList<TwilioMessage> messages;
    QSet<QString> seenPages;
    for (int page = 0; page < kMaxPages; ++page) {
        const Result<JsonReply, IntegrationError> reply = co_await call(http, cancel);
        if (!reply)
            co_return failure(reply.error());
        Result<TwilioMessagePage, QString> parsed = TwilioJson::messagePage(reply->object);
        if (!parsed)
            co_return failure(decodeError(parsed.error(), reply->response));
        for (TwilioMessage& message : parsed.value().messages) {
            const QDateTime at = messageTime(message);
            const bool tooEarly = at.isValid() && query.sentAfter && at < query.sentAfter->toUTC();
            const bool tooLate = at.isValid() && query.sentBefore && at > query.sentBefore->toUTC();
            if (!tooEarly && !tooLate)
                messages.append(std::move(message));
        }
        const QString next = parsed->nextPageUri;
        if (next.isEmpty() || messages.size() >= query.maxMessages)
            break;
        // Only ever follow a page of this account's messages, on this endpoint's host.
        const QUrl nextUrl(next);
        if (!nextUrl.isRelative() || nextUrl.path() != messagesPath || seenPages.contains(next))
            co_return failure(decodeError(QStringLiteral("page.next_page_uri \"%1\" is not a next page of "
                                                         "this account's messages")
                                              .arg(next),
                                          reply->response));
        seenPages.insert(next);
        http.path = nextUrl.path();
        http.query = QUrlQuery(nextUrl);
    }
    if (messages.size() > query.maxMessages)
        messages.resize(query.maxMessages);
    co_return messages;
}

QCoro::Task<Result<TwilioCall, IntegrationError>> TwilioClient::createCall(CallRequest request,
                                                                           CancelToken cancel)
{
    if (const std::optional<IntegrationError> problem = configurationError())
        co_return failure(*problem);
    const Result<QString, QString> to = PhoneNumbers::normaliseToE164(request.to, request.defaultRegion);
    if (!to)
        co_return failure(refused(to.error()));
    const Result<QString, QString> from = PhoneNumbers::normaliseToE164(request.from, request.defaultRegion);
    if (!from)
        co_return failure(refused(from.error()));
    QList<QPair<QString, QString>> fields{{QStringLiteral("To"), to.value()},
                                          {QStringLiteral("From"), from.value()}};

    const bool hasUrl = !request.url.isEmpty();
    const bool hasTwiml = !request.twiml.trimmed().isEmpty();
    if (hasUrl == hasTwiml)
        co_return failure(refused(tr("a call needs exactly one of a TwiML URL and inline TwiML")));
    if (hasUrl) {
        if (!isWebUrl(request.url))
            co_return failure(refused(tr("the TwiML URL must be an http(s) URL")));
        fields.append({QStringLiteral("Url"), request.url.toString(QUrl::FullyEncoded)});
    } else {
        if (request.twiml.size() > kMaxTwimlCharacters)
            co_return failure(
                refused(tr("inline TwiML is limited to %1 characters").arg(kMaxTwimlCharacters)));
        fields.append({QStringLiteral("Twiml"), request.twiml});
    }
    if (!request.statusCallback.isEmpty()) {
        if (!isWebUrl(request.statusCallback))
            co_return failure(refused(tr("the status callback must be an http(s) URL")));
        fields.append(
            {QStringLiteral("StatusCallback"), request.statusCallback.toString(QUrl::FullyEncoded)});
    }
    for (const QString& event : std::as_const(request.statusCallbackEvents)) {
        if (!kCallEvents.contains(event))
            co_return failure(refused(tr("%1 is not a call status event").arg(event)));
        fields.append({QStringLiteral("StatusCallbackEvent"), event}); // repeated key, as Twilio wants
    }
    if (request.timeoutSeconds) {
        if (*request.timeoutSeconds < 1 || *request.timeoutSeconds > kMaxCallTimeout)
            co_return failure(refused(tr("the ring timeout must be 1–%1 seconds").arg(kMaxCallTimeout)));
        fields.append({QStringLiteral("Timeout"), QString::number(*request.timeoutSeconds)});
    }
    if (request.timeLimitSeconds) {
        if (*request.timeLimitSeconds < 1)
            co_return failure(refused(tr("the time limit must be at least one second")));
        fields.append({QStringLiteral("TimeLimit"), QString::number(*request.timeLimitSeconds)});
    }

    HttpRequest http;
    http.method = "POST";
    http.path = accountPath() + QStringLiteral("/Calls.json");
    http.body = FormBody{fields};
    http.operation = kCreateCallOperation;
    // Twilio rates a call after it ends; a price already on the answer is reported as is.
    http.costOf = [](const HttpResponse& response) -> std::optional<CostEvent> {
        const Result<TwilioCall, QString> parsed =
            TwilioJson::call(QJsonDocument::fromJson(response.body).object());
        return parsed ? parsed->reportedCost : std::nullopt;
    };
    const Result<JsonReply, IntegrationError> reply = co_await call(std::move(http), std::move(cancel));
    if (!reply)
        co_return failure(reply.error());
    Result<TwilioCall, QString> created = TwilioJson::call(reply->object);
    if (!created)
        co_return failure(decodeError(created.error(), reply->response));
    co_return std::move(created).value();
}

QCoro::Task<Result<TwilioCall, IntegrationError>> TwilioClient::getCall(QString sid, CancelToken cancel)
{
    if (const std::optional<IntegrationError> problem = configurationError())
        co_return failure(*problem);
    if (!isPathSafeSid(sid))
        co_return failure(refused(tr("%1 is not a call SID").arg(sid)));
    HttpRequest http;
    http.path = accountPath() + QStringLiteral("/Calls/") + sid + QStringLiteral(".json");
    http.operation = QStringLiteral("get_call");
    const Result<JsonReply, IntegrationError> reply = co_await call(std::move(http), std::move(cancel));
    if (!reply)
        co_return failure(reply.error());
    Result<TwilioCall, QString> fetched = TwilioJson::call(reply->object);
    if (!fetched)
        co_return failure(decodeError(fetched.error(), reply->response));
    co_return std::move(fetched).value();
}

} // namespace agency
