#include "vapiclient.h"

#include "integrations/costing.h"
#include "integrations/http/httpcore.h"
#include "integrations/vapi/vapijson.h"
#include "model/catalogue.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace agency {

namespace {

// --- Facts this client relies on (shared/providers/vapi.md, contracts/specs/vapi.json) -------------
// assistant.maxDurationSeconds: "@default 600 (10 minutes)", minimum 10, maximum 43200 (spec).
constexpr int kDefaultMaxDurationMinutes = 10;
constexpr int kMaxDurationMinutes = 43200 / 60;
// GET /assistant, /phone-number and /call take limit 0–1000 (spec); the check asks for the most so
// that its counts are whole.
constexpr int kMaxListLimit = 1000;
// Call concurrency: 10 slots by default (call-concurrency doc). The HTTP request rate exists per
// organisation but is not published (vapi.md §4) — assumed generous, so only the slots are paced.
constexpr int kDefaultCallSlots = 10;
const QString kCreateCall = QStringLiteral("create_call");
// -----------------------------------------------------------------------------------------------

// NestJS errors: {"statusCode", "error", "message"} where message may be a list of validation texts
// (third-party observation; the spec describes no error body).
ProviderErrorInfo parseVapiError(int, const QByteArray& body)
{
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    ProviderErrorInfo info;
    const QJsonValue message = object.value(QStringLiteral("message"));
    if (message.isArray()) {
        QStringList parts;
        for (const QJsonValue& part : message.toArray()) {
            if (part.isString())
                parts.append(part.toString());
        }
        info.message = parts.join(QStringLiteral("; "));
    } else {
        info.message = message.toString();
    }
    info.code = object.value(QStringLiteral("error")).toString();
    return info;
}

QString isoMillis(const QDateTime& at)
{
    return at.toUTC().toString(Qt::ISODateWithMs);
}

} // namespace

VapiClient::VapiClient(const ClientContext& context)
    : m_core(context.core)
{
    m_endpoint.provider = ProviderId::Vapi;
    m_endpoint.baseUrl = context.baseUrl;
    m_endpoint.auth = Auth::bearer(context.credential.value(QStringLiteral("api_key")));
    m_endpoint.parseError = parseVapiError;
    // No rate-limit reset header is documented: the core's Retry-After handling is all there is.
}

PacingConfig VapiClient::documentedPacing()
{
    return PacingConfig{0, 1, kDefaultCallSlots};
}

QString VapiClient::e164Problem(const QString& number)
{
    static const QRegularExpression shape(QStringLiteral("^\\+[1-9][0-9]{7,14}$"));
    if (number.isEmpty())
        return QStringLiteral("the customer's number is empty");
    if (!shape.match(number).hasMatch())
        return QStringLiteral("the customer's number \"%1\" is not in E.164 form (\"+\", country code, "
                              "number; digits only)")
            .arg(number.left(32));
    return QString();
}

Money VapiClient::worstCaseCost(const VapiCallRequest& request)
{
    const ProviderInfo& info = providerInfo(ProviderId::Vapi);
    const int minutes = request.maxDurationMinutes.value_or(kDefaultMaxDurationMinutes);
    return info.unitCost.times(minutes).value_or(info.unitCost);
}

std::optional<CostEvent> VapiClient::reportedCost(const VapiCall& call)
{
    if (!call.hasEnded() || !call.cost)
        return std::nullopt;
    const auto duration = call.duration();
    const qint64 seconds = duration ? (duration->count() + 999) / 1000 : 0;
    CostEvent event = agency::reportedCost(ProviderId::Vapi, kCreateCall, *call.cost, seconds,
                                           QStringLiteral("second"), call.id);
    if (call.endedAt)
        event.at = *call.endedAt;
    return event;
}

IntegrationError VapiClient::decodeError(const HttpResponse& response, const QString& detail) const
{
    IntegrationError error;
    error.kind = IntegrationError::Kind::Decode;
    error.provider = ProviderId::Vapi;
    error.httpStatus = response.status;
    error.requestId = response.requestId;
    error.detail = detail;
    return error;
}

IntegrationError VapiClient::invalidArgument(const QString& detail) const
{
    IntegrationError error;
    error.kind = IntegrationError::Kind::Configuration;
    error.provider = ProviderId::Vapi;
    error.detail = detail;
    return error;
}

template<typename T>
QCoro::Task<Result<QList<T>, IntegrationError>>
VapiClient::getList(QString path, QUrlQuery query, Result<T, QString> (*parse)(const QJsonObject&))
{
    HttpRequest request;
    request.path = path;
    request.query = query;
    HttpResult sent = co_await m_core->send(m_endpoint, request);
    if (!sent)
        co_return failure(sent.error());
    const HttpResponse& response = sent.value();
    auto document = HttpCore::decodeJson(ProviderId::Vapi, response);
    if (!document)
        co_return failure(document.error());
    if (!document->isArray())
        co_return failure(decodeError(response, QStringLiteral("%1 should answer a JSON array").arg(path)));
    auto items = VapiJson::list<T>(document->array(), parse);
    if (!items)
        co_return failure(decodeError(response, QStringLiteral("%1: %2").arg(path, items.error())));
    co_return std::move(items).value();
}

QCoro::Task<Result<QList<VapiAssistant>, IntegrationError>> VapiClient::listAssistants(int limit)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("limit"), QString::number(std::clamp(limit, 0, kMaxListLimit)));
    const QString path = QStringLiteral("/assistant");
    co_return co_await getList<VapiAssistant>(path, query, &VapiJson::assistant);
}

QCoro::Task<Result<QList<VapiPhoneNumber>, IntegrationError>> VapiClient::listPhoneNumbers(int limit)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("limit"), QString::number(std::clamp(limit, 0, kMaxListLimit)));
    const QString path = QStringLiteral("/phone-number");
    co_return co_await getList<VapiPhoneNumber>(path, query, &VapiJson::phoneNumber);
}

QCoro::Task<Result<QList<VapiCall>, IntegrationError>> VapiClient::listCalls(VapiCallQuery filter)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("limit"), QString::number(std::clamp(filter.limit, 0, kMaxListLimit)));
    if (!filter.assistantId.isEmpty())
        query.addQueryItem(QStringLiteral("assistantId"), filter.assistantId);
    if (!filter.phoneNumberId.isEmpty())
        query.addQueryItem(QStringLiteral("phoneNumberId"), filter.phoneNumberId);
    if (filter.createdAtLt)
        query.addQueryItem(QStringLiteral("createdAtLt"), isoMillis(*filter.createdAtLt));
    if (filter.createdAtGt)
        query.addQueryItem(QStringLiteral("createdAtGt"), isoMillis(*filter.createdAtGt));
    const QString path = QStringLiteral("/call");
    co_return co_await getList<VapiCall>(path, query, &VapiJson::call);
}

QCoro::Task<Result<VapiCall, IntegrationError>> VapiClient::getCall(QString id)
{
    if (id.trimmed().isEmpty())
        co_return failure(invalidArgument(QStringLiteral("no call id was given")));
    HttpRequest request;
    request.path = QStringLiteral("/call/") + QString::fromLatin1(QUrl::toPercentEncoding(id));
    request.operation = QStringLiteral("get_call");
    HttpResult sent = co_await m_core->send(m_endpoint, request);
    if (!sent)
        co_return failure(sent.error());
    const HttpResponse& response = sent.value();
    auto document = HttpCore::decodeJson(ProviderId::Vapi, response);
    if (!document)
        co_return failure(document.error());
    if (!document->isObject())
        co_return failure(decodeError(response, QStringLiteral("GET /call/{id} should answer an object")));
    auto call = VapiJson::call(document->object());
    if (!call)
        co_return failure(decodeError(response, call.error()));
    co_return std::move(call).value();
}

QJsonObject VapiClient::callBody(const VapiCallRequest& call)
{
    const int minutes = call.maxDurationMinutes.value_or(kDefaultMaxDurationMinutes);
    QJsonObject customer{{QStringLiteral("number"), call.customerNumber}};
    if (!call.customerName.isEmpty())
        customer.insert(QStringLiteral("name"), call.customerName);
    QJsonObject overrides{{QStringLiteral("maxDurationSeconds"), minutes * 60}};
    if (!call.firstMessage.isEmpty())
        overrides.insert(QStringLiteral("firstMessage"), call.firstMessage);
    if (!call.variableValues.isEmpty()) {
        QJsonObject variables;
        for (auto it = call.variableValues.cbegin(); it != call.variableValues.cend(); ++it)
            variables.insert(it.key(), it.value());
        overrides.insert(QStringLiteral("variableValues"), variables);
    }
    QJsonObject body{{QStringLiteral("assistantId"), call.assistantId},
                     {QStringLiteral("phoneNumberId"), call.phoneNumberId},
                     {QStringLiteral("customer"), customer},
                     {QStringLiteral("assistantOverrides"), overrides}};
    if (!call.name.isEmpty())
        body.insert(QStringLiteral("name"), call.name);
    return body;
}

QCoro::Task<Result<VapiCall, IntegrationError>> VapiClient::createCall(VapiCallRequest call)
{
    if (call.assistantId.trimmed().isEmpty())
        co_return failure(invalidArgument(QStringLiteral("no assistant was chosen for the call")));
    if (call.phoneNumberId.trimmed().isEmpty())
        co_return failure(invalidArgument(QStringLiteral("no phone number was chosen to call from")));
    if (const QString problem = e164Problem(call.customerNumber); !problem.isEmpty())
        co_return failure(invalidArgument(problem));
    const int minutes = call.maxDurationMinutes.value_or(kDefaultMaxDurationMinutes);
    if (minutes < 1 || minutes > kMaxDurationMinutes)
        co_return failure(invalidArgument(QStringLiteral("the longest call must be 1 to %1 minutes, not %2")
                                              .arg(kMaxDurationMinutes)
                                              .arg(minutes)));

    const QJsonObject body = callBody(call);

    HttpRequest request;
    request.method = "POST";
    request.path = QStringLiteral("/call");
    request.body = JsonBody{QJsonDocument(body)};
    request.operation = kCreateCall;
    request.worstCaseCost = worstCaseCost(call);
    // The call is dialled once Vapi answers 2xx, whatever the body says: the estimate is always
    // recorded (against the call id when readable) and settled later from the reported cost.
    request.costOf = [minutes](const HttpResponse& response) -> std::optional<CostEvent> {
        const QString id =
            QJsonDocument::fromJson(response.body).object().value(QStringLiteral("id")).toString();
        return estimatedCost(ProviderId::Vapi, kCreateCall, minutes, id);
    };
    HttpResult sent = co_await m_core->send(m_endpoint, request);
    if (!sent)
        co_return failure(sent.error());
    const HttpResponse& response = sent.value();
    auto document = HttpCore::decodeJson(ProviderId::Vapi, response);
    if (!document)
        co_return failure(document.error());
    if (!document->isObject())
        co_return failure(decodeError(response, QStringLiteral("POST /call should answer an object")));
    auto created = VapiJson::call(document->object());
    if (!created)
        co_return failure(decodeError(response, created.error()));
    co_return std::move(created).value();
}

QCoro::Task<AccountStatus> VapiClient::checkCredentials()
{
    if (m_endpoint.auth.secret.isEmpty()) {
        AccountStatus status;
        status.state = AccountStatus::State::NotConfigured;
        status.summary = QStringLiteral("No private API key");
        status.checkedAt = QDateTime::currentDateTimeUtc();
        co_return status;
    }
    QElapsedTimer clock;
    clock.start();
    auto assistants = co_await listAssistants(kMaxListLimit);
    if (!assistants)
        co_return accountStatusFromError(assistants.error(), std::chrono::milliseconds(clock.elapsed()));
    auto numbers = co_await listPhoneNumbers(kMaxListLimit);

    AccountStatus status;
    status.state = AccountStatus::State::Valid;
    status.latency = std::chrono::milliseconds(clock.elapsed());
    status.checkedAt = QDateTime::currentDateTimeUtc();
    const qsizetype assistantCount = assistants->size();
    status.details.append({QStringLiteral("Assistants"), QString::number(assistantCount)});
    if (numbers) {
        status.details.append({QStringLiteral("Phone numbers"), QString::number(numbers->size())});
        for (const VapiPhoneNumber& number : numbers.value()) {
            status.details.append(
                {QStringLiteral("Number %1").arg(number.name.isEmpty() ? number.id : number.name),
                 QStringLiteral("%1 (%2, %3)").arg(number.number, number.provider, number.status)});
        }
        status.summary =
            QStringLiteral("%1 assistants · %2 phone numbers").arg(assistantCount).arg(numbers->size());
    } else {
        // The key already worked for /assistant: a refusal here is a restricted key, anything else
        // leaves the key valid with the numbers unknown.
        if (numbers.error().kind == IntegrationError::Kind::Auth)
            status.state = AccountStatus::State::ValidLimited;
        status.error = numbers.error();
        status.details.append({QStringLiteral("Phone numbers"), numbers.error().message()});
        status.summary = QStringLiteral("%1 assistants · phone numbers not readable").arg(assistantCount);
    }
    status.details.append({QStringLiteral("Call slots (default)"), QString::number(kDefaultCallSlots)});
    co_return status;
}

} // namespace agency
