#include "infraforgeclient.h"

#include "integrations/costing.h"
#include "integrations/http/httpcore.h"
#include "integrations/infraforge/infraforgeapi.h"
#include "model/catalogue.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUuid>

#include <climits>
#include <cmath>

namespace agency {

namespace api = infraforge;
namespace field = infraforge::field;

namespace {

// Whole numbers travel as JSON doubles; beyond 2^53 they are no longer exact.
constexpr double kLargestExactInteger = 9007199254740992.0;

QString typeName(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

std::optional<qint64> exactInteger(const QJsonValue& value)
{
    if (!value.isDouble())
        return std::nullopt;
    const double number = value.toDouble();
    if (!std::isfinite(number) || std::floor(number) != number || std::abs(number) > kLargestExactInteger)
        return std::nullopt;
    return static_cast<qint64>(number);
}

Money usd(qint64 micros)
{
    return Money::fromMicros(micros, QString(api::kCurrency));
}

/// A dollar amount as InfraForge writes it (14, 8.99); nullopt when it is not a non-negative number.
std::optional<Money> dollars(const QJsonValue& value)
{
    if (!value.isDouble() || !std::isfinite(value.toDouble()) || value.toDouble() < 0 ||
        value.toDouble() > 1e9)
        return std::nullopt;
    return usd(qRound64(value.toDouble() * Money::kMicrosPerUnit));
}

// Reads typed fields from one JSON object, remembering the first thing that was wrong. Absent and null
// optional fields read as "not there"; a field of the wrong type is always a problem.
class Fields
{
public:
    Fields(QJsonObject object, QString where, QString* problem)
        : m_object(std::move(object))
        , m_where(std::move(where))
        , m_problem(problem)
    {}

    QString string(const QString& key, bool required = false)
    {
        const QJsonValue value = take(key, required);
        if (value.isUndefined())
            return QString();
        if (!value.isString()) {
            wrong(key, QStringLiteral("a string"), value);
            return QString();
        }
        if (required && value.toString().isEmpty())
            problem(QStringLiteral("%1 is empty").arg(path(key)));
        return value.toString();
    }
    std::optional<qint64> integer(const QString& key, bool required = false)
    {
        const QJsonValue value = take(key, required);
        if (value.isUndefined())
            return std::nullopt;
        const std::optional<qint64> number = exactInteger(value);
        if (!number)
            wrong(key, QStringLiteral("a whole number"), value);
        return number;
    }
    std::optional<bool> boolean(const QString& key, bool required = false)
    {
        const QJsonValue value = take(key, required);
        if (value.isUndefined())
            return std::nullopt;
        if (!value.isBool()) {
            wrong(key, QStringLiteral("true or false"), value);
            return std::nullopt;
        }
        return value.toBool();
    }
    std::optional<Money> dollarAmount(const QString& key, bool required = false)
    {
        const QJsonValue value = take(key, required);
        if (value.isUndefined())
            return std::nullopt;
        const std::optional<Money> money = dollars(value);
        if (!money)
            wrong(key, QStringLiteral("an amount of dollars"), value);
        return money;
    }
    std::optional<QJsonObject> object(const QString& key)
    {
        const QJsonValue value = take(key, false);
        if (value.isUndefined())
            return std::nullopt;
        if (!value.isObject()) {
            wrong(key, QStringLiteral("an object"), value);
            return std::nullopt;
        }
        return value.toObject();
    }
    QDateTime dateTime(const QString& key)
    {
        const QString text = string(key);
        if (text.isEmpty())
            return QDateTime();
        QDateTime at = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (at.isValid() && at.timeSpec() == Qt::LocalTime)
            at.setTimeSpec(Qt::UTC);
        if (!at.isValid())
            problem(QStringLiteral("%1 \"%2\" is not an ISO 8601 time").arg(path(key), text));
        return at.toUTC();
    }

    QString path(const QString& key) const { return m_where.isEmpty() ? key : m_where + u'.' + key; }
    void problem(const QString& text)
    {
        if (m_problem->isEmpty())
            *m_problem = text;
    }

private:
    QJsonValue take(const QString& key, bool required)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined() || value.isNull()) {
            if (required)
                problem(QStringLiteral("%1 is missing").arg(path(key)));
            return QJsonValue(QJsonValue::Undefined);
        }
        return value;
    }
    void wrong(const QString& key, const QString& expected, const QJsonValue& got)
    {
        problem(QStringLiteral("%1 should be %2, not %3").arg(path(key), expected, typeName(got)));
    }

    QJsonObject m_object;
    QString m_where;
    QString* m_problem;
};

IntegrationError decodeError(const HttpResponse& response, const QString& detail)
{
    IntegrationError error;
    error.kind = IntegrationError::Kind::Decode;
    error.provider = ProviderId::InfraForge;
    error.httpStatus = response.status;
    error.requestId = response.requestId;
    error.detail = detail;
    return error;
}

// {"message": "...", "data": ["<field> is a required field", ...]}; a body that is not JSON is quoted.
ProviderErrorInfo parseInfraForgeError(int, const QByteArray& body)
{
    ProviderErrorInfo info;
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (!document.isObject()) {
        info.message = QString::fromUtf8(body).simplified().left(300);
        return info;
    }
    const QJsonObject object = document.object();
    info.message = object.value(field::message).toString();
    if (info.message.isEmpty())
        info.message = object.value(QStringLiteral("error")).toString();
    info.code = object.value(QStringLiteral("code")).toString();
    QStringList details;
    for (const QJsonValue& detail : object.value(field::data).toArray()) {
        if (detail.isString())
            details.append(detail.toString());
    }
    if (!details.isEmpty())
        info.message +=
            (info.message.isEmpty() ? QString() : QStringLiteral(": ")) + details.join(QStringLiteral("; "));
    return info;
}

// A list InfraForge sends bare ([...]) — or, per some clients, wrapped in one of `keys` or "data".
std::optional<QJsonArray> listOf(const QJsonValue& json, QStringList keys)
{
    if (json.isArray())
        return json.toArray();
    if (!json.isObject())
        return std::nullopt;
    keys.append(QString(field::data));
    for (const QString& key : keys) {
        const QJsonValue value = json.toObject().value(key);
        if (value.isArray())
            return value.toArray();
    }
    return std::nullopt;
}

// Each element of `list` as an object, or the first problem.
template<typename T, typename Parse>
QList<T> parseRows(const QJsonArray& list, const QString& itemName, QString* problem, Parse parse)
{
    QList<T> rows;
    for (qsizetype i = 0; i < list.size() && problem->isEmpty(); ++i) {
        const QString where = QStringLiteral("%1[%2]").arg(itemName).arg(i);
        if (!list.at(i).isObject()) {
            *problem = QStringLiteral("%1 should be an object, not %2").arg(where, typeName(list.at(i)));
            break;
        }
        rows.append(parse(list.at(i).toObject(), where, problem));
    }
    return rows;
}

InfraForgeWorkspace parseWorkspace(const QJsonObject& object, const QString& where, QString* problem)
{
    Fields fields(object, where, problem);
    InfraForgeWorkspace workspace;
    workspace.id = fields.string(field::id, true);
    workspace.name = fields.string(field::name);
    workspace.slug = fields.string(field::slug);
    workspace.mailServer = fields.string(field::mailServer);
    workspace.dedicatedIp = fields.string(field::ip);
    workspace.raw = object;
    return workspace;
}

InfraForgeDomainAvailability parseAvailability(const QJsonObject& object, const QString& where,
                                               QString* problem, bool domainRequired)
{
    Fields fields(object, where, problem);
    InfraForgeDomainAvailability availability;
    availability.domain = fields.string(field::domain, domainRequired).toLower();
    availability.available = fields.boolean(field::available, true).value_or(false);
    availability.price = fields.dollarAmount(field::price);
    if (const auto months = fields.integer(field::minCreationPeriodMonths))
        availability.minCreationPeriodMonths = static_cast<int>(std::clamp<qint64>(*months, 0, 1200));
    return availability;
}

InfraForgeDomain parseDomain(const QJsonObject& object, const QString& where, QString* problem)
{
    Fields fields(object, where, problem);
    InfraForgeDomain domain;
    domain.id = fields.string(field::id, true);
    domain.name = fields.string(field::domain);
    if (domain.name.isEmpty())
        domain.name = fields.string(field::name);
    if (domain.name.isEmpty()) {
        // InfraForge lists a domain as its two halves [live].
        const QString sld = fields.string(field::sld, true);
        const QString tld = fields.string(field::tld, true);
        domain.name = sld + u'.' + (tld.startsWith(u'.') ? tld.mid(1) : tld);
    }
    domain.name = domain.name.toLower();
    domain.status = fields.string(field::status);
    domain.workspaceId = fields.string(field::workspaceId);
    domain.expiresAt = fields.dateTime(field::expiresAt);
    const QJsonValue renew = object.value(field::autoRenewStatus);
    if (renew.isBool()) {
        domain.autoRenew = renew.toBool();
    } else if (renew.isString()) {
        // The field's type is not recorded; words are read when they are unambiguous.
        const QString word = renew.toString().toLower();
        if (word == u"enabled" || word == u"on" || word == u"true" || word == u"active")
            domain.autoRenew = true;
        else if (word == u"disabled" || word == u"off" || word == u"false" || word == u"inactive")
            domain.autoRenew = false;
    } else if (!renew.isUndefined() && !renew.isNull()) {
        fields.problem(QStringLiteral("%1 should be a boolean or a word, not %2")
                           .arg(fields.path(field::autoRenewStatus), typeName(renew)));
    }
    domain.raw = object;
    return domain;
}

InfraForgeDnsRecord parseRecord(const QJsonObject& object, const QString& where, QString* problem)
{
    Fields fields(object, where, problem);
    InfraForgeDnsRecord record;
    record.name = fields.string(field::name, true);
    record.type = fields.string(field::type, true).toUpper();
    // An empty value is possible in principle; its absence is not.
    if (!object.value(field::value).isString())
        fields.string(field::value, true);
    record.value = object.value(field::value).toString();
    record.editable = fields.boolean(field::editable);
    return record;
}

InfraForgeMailbox parseMailbox(const QJsonObject& object, const QString& where, QString* problem)
{
    Fields fields(object, where, problem);
    InfraForgeMailbox mailbox;
    mailbox.id = fields.string(field::id, true);
    mailbox.email = fields.string(field::email, true).toLower();
    mailbox.firstName = fields.string(field::firstName);
    mailbox.lastName = fields.string(field::lastName);
    mailbox.domain = fields.string(field::domain).toLower();
    if (mailbox.domain.isEmpty())
        mailbox.domain = mailbox.email.section(u'@', 1);
    mailbox.status = fields.string(field::status).toLower();
    mailbox.workspaceId = fields.string(field::workspaceId);
    // Never keep a mailbox password in memory longer than needed.
    QJsonObject raw = object;
    raw.remove(QStringLiteral("credentials"));
    mailbox.raw = raw;
    return mailbox;
}

// The invoice part of a purchase answer, read leniently: one client only has seen it.
InfraForgeInvoice parseInvoice(const QJsonValue& json)
{
    InfraForgeInvoice invoice;
    if (!json.isObject())
        return invoice;
    const QJsonObject object = json.toObject();
    invoice.checkoutUrl = object.value(field::checkoutUrl).toString();
    const QJsonObject bill = object.value(field::invoice).toObject();
    invoice.invoiceId = bill.value(field::invoiceId).toString();
    if (invoice.invoiceId.isEmpty())
        invoice.invoiceId = bill.value(field::id).toString();
    QJsonValue total = bill.value(field::totalCents);
    if (!total.isDouble())
        total = bill.value(field::amount);
    if (const std::optional<qint64> cents = exactInteger(total); cents && *cents >= 0)
        invoice.total = usd(*cents * api::kMicrosPerCent);
    return invoice;
}

// What a purchase cost: the invoice when the answer has one (reported), else the estimate.
CostEvent purchaseCost(const QString& operation, const HttpResponse& response, const Money& estimate,
                       qint64 units, const QString& unit)
{
    const InfraForgeInvoice invoice = parseInvoice(QJsonDocument::fromJson(response.body).object());
    if (invoice.total)
        return reportedCost(ProviderId::InfraForge, operation, *invoice.total, units, unit,
                            invoice.invoiceId);
    CostEvent event =
        reportedCost(ProviderId::InfraForge, operation, estimate, units, unit, invoice.invoiceId);
    event.source = CostSource::Estimated;
    return event;
}

bool isDomainName(const QString& name)
{
    static const QRegularExpression shape(
        QStringLiteral("^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$"));
    return shape.match(name).hasMatch();
}

bool isEmailAddress(const QString& address)
{
    const qsizetype at = address.indexOf(u'@');
    static const QRegularExpression local(QStringLiteral("^[a-z0-9._%+-]{1,64}$"));
    return at > 0 && local.match(address.left(at)).hasMatch() && isDomainName(address.mid(at + 1));
}

QJsonObject recordJson(const InfraForgeDnsRecord& record)
{
    QJsonObject object{{field::name, record.name}, {field::type, record.type}, {field::value, record.value}};
    if (record.editable)
        object.insert(field::editable, *record.editable);
    return object;
}

std::chrono::milliseconds since(const QElapsedTimer& clock)
{
    return std::chrono::milliseconds(clock.elapsed());
}

// The types that hold one value per name: a new value replaces the old one. TXT and MX records stack (an
// SPF record and a verification token share the apex), so those are added beside the others.
bool singleValued(const QString& type)
{
    return type == u"CNAME" || type == u"A" || type == u"AAAA";
}

} // namespace

InfraForgeClient::InfraForgeClient(const ClientContext& context)
    : m_core(context.core)
{
    m_endpoint.provider = ProviderId::InfraForge;
    m_endpoint.baseUrl = context.baseUrl.isEmpty() ? QUrl(providerInfo(ProviderId::InfraForge).defaultBaseUrl)
                                                   : context.baseUrl;
    m_endpoint.auth = Auth::header(api::kAuthHeader, context.credential.value(QStringLiteral("api_key")));
    m_endpoint.parseError = parseInfraForgeError;
}

PacingConfig InfraForgeClient::documentedPacing()
{
    // Nothing is documented; a community client keeps 2 in flight, 250 ms apart, and so do we.
    return PacingConfig{4.0, 1.0, 2};
}

IntegrationError InfraForgeClient::notSent(const QString& detail) const
{
    IntegrationError error;
    error.kind = IntegrationError::Kind::Configuration;
    error.provider = ProviderId::InfraForge;
    error.detail = detail;
    return error;
}

QCoro::Task<Result<InfraForgeClient::JsonReply, IntegrationError>>
InfraForgeClient::sendForJson(HttpRequest request)
{
    const HttpResult sent = co_await m_core->send(m_endpoint, request);
    if (!sent)
        co_return failure(sent.error());
    if (sent->body.trimmed().isEmpty())
        co_return JsonReply{sent.value(), QJsonValue(QJsonValue::Undefined)};
    const auto document = HttpCore::decodeJson(ProviderId::InfraForge, sent.value());
    if (!document)
        co_return failure(document.error());
    const QJsonValue json =
        document->isArray() ? QJsonValue(document->array()) : QJsonValue(document->object());
    co_return JsonReply{sent.value(), json};
}

QCoro::Task<AccountStatus> InfraForgeClient::checkCredentials()
{
    QElapsedTimer clock;
    clock.start();
    if (m_endpoint.auth.secret.isEmpty()) {
        AccountStatus status;
        status.state = AccountStatus::State::NotConfigured;
        status.summary = QStringLiteral("No API key");
        status.checkedAt = QDateTime::currentDateTimeUtc();
        co_return status;
    }
    const auto spaces = co_await workspaces();
    if (!spaces)
        co_return accountStatusFromError(spaces.error(), since(clock));

    AccountStatus status;
    status.state = AccountStatus::State::Valid;
    QStringList ips;
    for (const InfraForgeWorkspace& workspace : spaces.value()) {
        if (!workspace.dedicatedIp.isEmpty())
            ips.append(workspace.dedicatedIp);
    }
    status.details.append({QStringLiteral("Workspaces"), QString::number(spaces->size())});
    status.details.append({QStringLiteral("Dedicated IPs"),
                           ips.isEmpty() ? QStringLiteral("none") : ips.join(QStringLiteral(", "))});
    status.summary = QStringLiteral("%1 workspace(s)").arg(spaces->size());
    if (!ips.isEmpty())
        status.summary += QStringLiteral(" · %1 dedicated IP(s)").arg(ips.size());

    // The balance is extra: a failure here says nothing against the key.
    const auto credits = co_await creditBalance();
    if (credits) {
        status.balance = credits->available;
        status.details.append({QStringLiteral("Credit balance"), credits->available.toString()});
        status.details.append({QStringLiteral("Automatic top-up"),
                               credits->autoTopUp ? QStringLiteral("on") : QStringLiteral("off")});
        status.summary += QStringLiteral(" · %1 credit").arg(credits->available.toString());
    } else {
        status.details.append({QStringLiteral("Credit balance"), credits.error().message()});
    }
    status.latency = since(clock);
    status.checkedAt = QDateTime::currentDateTimeUtc();
    co_return status;
}

QCoro::Task<Result<QList<InfraForgeWorkspace>, IntegrationError>> InfraForgeClient::workspaces()
{
    HttpRequest request;
    request.path = api::workspacesPath();
    request.operation = QStringLiteral("list_workspaces");
    const auto reply = co_await sendForJson(std::move(request));
    if (!reply)
        co_return failure(reply.error());
    QString problem;
    const std::optional<QJsonArray> list = listOf(reply->json, {QStringLiteral("workspaces")});
    if (!list)
        co_return failure(decodeError(reply->response, QStringLiteral("expected a list of workspaces")));
    QList<InfraForgeWorkspace> result =
        parseRows<InfraForgeWorkspace>(*list, QStringLiteral("workspaces"), &problem, parseWorkspace);
    if (!problem.isEmpty())
        co_return failure(decodeError(reply->response, problem));
    co_return result;
}

QCoro::Task<Result<InfraForgeCreditBalance, IntegrationError>> InfraForgeClient::creditBalance()
{
    HttpRequest request;
    request.path = api::creditsBalancePath();
    request.operation = QStringLiteral("credit_balance");
    const auto reply = co_await sendForJson(std::move(request));
    if (!reply)
        co_return failure(reply.error());
    if (!reply->json.isObject())
        co_return failure(decodeError(reply->response, QStringLiteral("expected a JSON object")));
    QString problem;
    Fields fields(reply->json.toObject(), QString(), &problem);
    InfraForgeCreditBalance balance;
    const std::optional<qint64> cents = fields.integer(field::availableAmountCents, true);
    balance.available = usd(cents.value_or(0) * api::kMicrosPerCent);
    if (const auto settings = fields.object(field::topUpSettings)) {
        Fields topUp(*settings, QString(field::topUpSettings), &problem);
        balance.autoTopUp = topUp.boolean(field::isEnabled).value_or(false); // absent: no automatic top-up
        balance.topUpAmount = topUp.dollarAmount(field::amount);
        balance.topUpThreshold = topUp.dollarAmount(field::topUpThreshold);
    }
    if (!problem.isEmpty())
        co_return failure(decodeError(reply->response, problem));
    co_return balance;
}

QCoro::Task<Result<QList<InfraForgeDedicatedIp>, IntegrationError>> InfraForgeClient::dedicatedIps()
{
    const auto spaces = co_await workspaces();
    if (!spaces)
        co_return failure(spaces.error());
    QList<InfraForgeDedicatedIp> ips;
    for (const InfraForgeWorkspace& workspace : spaces.value()) {
        if (!workspace.dedicatedIp.isEmpty())
            ips.append({workspace.dedicatedIp, workspace.id, workspace.name});
    }
    co_return ips;
}

QCoro::Task<Result<QStringList, IntegrationError>> InfraForgeClient::eligibleIps(QString workspaceId)
{
    if (workspaceId.trimmed().isEmpty())
        co_return failure(notSent(QStringLiteral("a workspace id is needed")));
    HttpRequest request;
    request.path = api::eligibleIpsPath(workspaceId);
    request.operation = QStringLiteral("eligible_ips");
    const auto reply = co_await sendForJson(std::move(request));
    if (!reply)
        co_return failure(reply.error());
    const std::optional<QJsonArray> list = listOf(reply->json, {QStringLiteral("ips")});
    if (!list)
        co_return failure(decodeError(reply->response, QStringLiteral("expected a list of IPs")));
    // Strings, or {ip} objects [community].
    QStringList ips;
    for (qsizetype i = 0; i < list->size(); ++i) {
        const QJsonValue item = list->at(i);
        const QJsonValue ip = item.isObject() ? item.toObject().value(field::ip) : item;
        if (!ip.isString() || ip.toString().isEmpty())
            co_return failure(decodeError(
                reply->response,
                QStringLiteral("ips[%1] should be an IP address, not %2").arg(i).arg(typeName(ip))));
        ips.append(ip.toString());
    }
    co_return ips;
}

QCoro::Task<Result<InfraForgeWorkspace, IntegrationError>>
InfraForgeClient::createWorkspace(InfraForgeCreateWorkspaceRequest request)
{
    const QString name = request.name.trimmed();
    if (name.isEmpty() || name.size() > 50)
        co_return failure(notSent(QStringLiteral("a workspace name has 1 to 50 characters")));
    HttpRequest http;
    http.method = "POST";
    http.path = api::workspacesPath();
    http.body = JsonBody{
        QJsonDocument(QJsonObject{{field::name, name}, {field::attachUniqueIp, request.dedicatedIp}})};
    http.operation = QStringLiteral("create_workspace");
    // A dedicated IP is bought by this call; no idempotency key, so the core sends it once.
    http.timeout = api::kPurchaseTimeout;
    const auto reply = co_await sendForJson(std::move(http));
    if (!reply)
        co_return failure(reply.error());
    if (!reply->json.isObject())
        co_return failure(
            decodeError(reply->response, QStringLiteral("the workspace was created (HTTP %1) but "
                                                        "the answer is not a JSON object; list the "
                                                        "workspaces before creating it again")
                                             .arg(reply->response.status)));
    // The workspace itself, or wrapped in {"workspace": …} [community].
    QJsonObject object = reply->json.toObject();
    if (object.value(QStringLiteral("workspace")).isObject())
        object = object.value(QStringLiteral("workspace")).toObject();
    QString problem;
    InfraForgeWorkspace workspace = parseWorkspace(object, QStringLiteral("workspace"), &problem);
    if (!problem.isEmpty())
        co_return failure(decodeError(reply->response, problem));
    co_return workspace;
}

QCoro::Task<Result<InfraForgeDomainAvailability, IntegrationError>>
InfraForgeClient::checkDomain(QString domain)
{
    const QString name = domain.trimmed().toLower();
    if (!isDomainName(name))
        co_return failure(notSent(QStringLiteral("\"%1\" is not a domain name").arg(domain)));
    HttpRequest request;
    request.path = api::availabilityPath();
    request.query.addQueryItem(QString(api::kDomainQuery), name);
    request.operation = QStringLiteral("check_domain");
    const auto reply = co_await sendForJson(std::move(request));
    if (!reply)
        co_return failure(reply.error());
    if (!reply->json.isObject())
        co_return failure(decodeError(reply->response, QStringLiteral("expected a JSON object")));
    QString problem;
    InfraForgeDomainAvailability availability =
        parseAvailability(reply->json.toObject(), QString(), &problem, false);
    if (!problem.isEmpty())
        co_return failure(decodeError(reply->response, problem));
    if (availability.domain.isEmpty()) // the single answer need not repeat the name [live]
        availability.domain = name;
    co_return availability;
}

QCoro::Task<Result<QList<InfraForgeDomainAvailability>, IntegrationError>>
InfraForgeClient::checkDomains(QStringList domains)
{
    QStringList names;
    for (const QString& domain : domains) {
        const QString name = domain.trimmed().toLower();
        if (!isDomainName(name))
            co_return failure(notSent(QStringLiteral("\"%1\" is not a domain name").arg(domain)));
        if (!names.contains(name))
            names.append(name);
    }
    if (names.isEmpty())
        co_return failure(notSent(QStringLiteral("there are no domains to check")));

    QList<InfraForgeDomainAvailability> results;
    for (qsizetype start = 0; start < names.size(); start += api::kMaxDomainsPerAvailabilityCheck) {
        const QStringList batch = names.mid(start, api::kMaxDomainsPerAvailabilityCheck);
        HttpRequest request;
        request.method = "POST";
        request.path = api::bulkAvailabilityPath();
        request.body =
            JsonBody{QJsonDocument(QJsonObject{{field::domains, QJsonArray::fromStringList(batch)}})};
        request.operation = QStringLiteral("check_domains");
        // A read spelt as a POST: the key lets the core retry it after a 429 or an outage.
        request.idempotencyKey = QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1();
        const auto reply = co_await sendForJson(std::move(request));
        if (!reply)
            co_return failure(reply.error());
        const std::optional<QJsonArray> list =
            listOf(reply->json, {QString(field::domains), QStringLiteral("results")});
        if (!list)
            co_return failure(decodeError(reply->response, QStringLiteral("expected a list of domains")));
        QString problem;
        const auto parse = [](const QJsonObject& object, const QString& where, QString* issue) {
            return parseAvailability(object, where, issue, true);
        };
        results += parseRows<InfraForgeDomainAvailability>(*list, QStringLiteral("domains"), &problem, parse);
        if (!problem.isEmpty())
            co_return failure(decodeError(reply->response, problem));
    }
    co_return results;
}

QCoro::Task<Result<InfraForgeDomainPurchase, IntegrationError>>
InfraForgeClient::purchaseDomains(InfraForgePurchaseDomainsRequest request)
{
    if (request.workspaceId.trimmed().isEmpty())
        co_return failure(notSent(QStringLiteral("a workspace id is needed to buy domains")));
    if (request.domains.isEmpty())
        co_return failure(notSent(QStringLiteral("there are no domains to buy")));
    QStringList names;
    std::optional<Money> total = usd(0);
    for (const InfraForgeDomainQuote& quote : request.domains) {
        const QString name = quote.domain.trimmed().toLower();
        if (!isDomainName(name))
            co_return failure(notSent(QStringLiteral("\"%1\" is not a domain name").arg(quote.domain)));
        if (names.contains(name))
            co_return failure(notSent(QStringLiteral("%1 is listed twice").arg(name)));
        // The quote is what the budget reserves: without one the purchase has no ceiling.
        if (!quote.quotedPrice.isValid() || quote.quotedPrice.currency() != api::kCurrency ||
            quote.quotedPrice.micros() <= 0)
            co_return failure(
                notSent(QStringLiteral("%1 needs the price its availability check quoted, in US "
                                       "dollars")
                            .arg(name)));
        names.append(name);
        total = total ? total->plus(quote.quotedPrice) : std::nullopt;
    }
    if (!total)
        co_return failure(notSent(QStringLiteral("the quoted prices do not add up")));

    const InfraForgeRegistrant& who = request.registrant;
    const QList<std::pair<QLatin1StringView, QString>> contactFields = {
        {api::contact::firstName, who.firstName},
        {api::contact::lastName, who.lastName},
        {api::contact::email, who.email},
        {api::contact::phone, who.phone},
        {api::contact::organization, who.organization},
        {api::contact::address1, who.address1},
        {api::contact::city, who.city},
        {api::contact::province, who.province},
        {api::contact::postalCode, who.postalCode},
        {api::contact::country, who.country},
        {api::contact::address2, who.address2},
        {api::contact::jobTitle, who.jobTitle},
        {api::contact::dmarcEmail, who.dmarcEmail},
        {api::contact::forwardToDomain, who.forwardToDomain}};
    QJsonObject contact;
    QStringList missing;
    const QStringList required = api::contact::required();
    for (const auto& [key, value] : contactFields) {
        const QString text = value.trimmed();
        if (!text.isEmpty())
            contact.insert(key, text);
        else if (required.contains(QString(key)))
            missing.append(QString(key));
    }
    if (!missing.isEmpty())
        co_return failure(
            notSent(QStringLiteral("the registrant needs %1").arg(missing.join(QStringLiteral(", ")))));

    HttpRequest http;
    http.method = "POST";
    http.path = api::domainsPath();
    http.body = JsonBody{QJsonDocument(QJsonObject{{field::workspaceId, request.workspaceId.trimmed()},
                                                   {field::domains, QJsonArray::fromStringList(names)},
                                                   {field::contactDetails, contact}})};
    http.operation = QStringLiteral("domain_purchase");
    http.timeout = api::kPurchaseTimeout;
    http.worstCaseCost = *total;
    const Money estimate = *total;
    const qint64 count = names.size();
    http.costOf = [estimate, count](const HttpResponse& response) -> std::optional<CostEvent> {
        return purchaseCost(QStringLiteral("domain_purchase"), response, estimate, count,
                            QStringLiteral("domain"));
    };
    const auto reply = co_await sendForJson(std::move(http));
    if (!reply)
        co_return failure(reply.error());

    InfraForgeDomainPurchase purchase;
    purchase.accepted = reply->response.status == api::kAccepted;
    purchase.invoice = parseInvoice(reply->json);
    if (reply->json.isUndefined())
        co_return purchase; // accepted without a body
    QString problem;
    const std::optional<QJsonArray> list = listOf(reply->json, {QString(field::domains)});
    if (list) {
        const auto parse = [](const QJsonObject& object, const QString& where, QString* issue) {
            Fields fields(object, where, issue);
            InfraForgePurchasedDomain bought;
            bought.id = fields.string(field::id);
            bought.domain = fields.string(field::domain).toLower();
            if (bought.domain.isEmpty() && object.contains(field::sld))
                bought.domain = (fields.string(field::sld) + u'.' + fields.string(field::tld)).toLower();
            bought.status = fields.string(field::status);
            return bought;
        };
        purchase.domains =
            parseRows<InfraForgePurchasedDomain>(*list, QStringLiteral("domains"), &problem, parse);
    } else if (!reply->json.isObject()) {
        problem = QStringLiteral("expected a JSON object or a list");
    }
    if (!problem.isEmpty())
        co_return failure(decodeError(
            reply->response, QStringLiteral("the purchase went through (HTTP %1) but its answer could not be "
                                            "read: %2. List the domains before buying again")
                                 .arg(reply->response.status)
                                 .arg(problem)));
    co_return purchase;
}

QCoro::Task<Result<QList<InfraForgeDomain>, IntegrationError>> InfraForgeClient::domains(QString search)
{
    HttpRequest request;
    request.path = api::domainsPath();
    if (!search.trimmed().isEmpty())
        request.query.addQueryItem(QString(api::kSearchQuery), search.trimmed());
    request.operation = QStringLiteral("list_domains");
    const auto reply = co_await sendForJson(std::move(request));
    if (!reply)
        co_return failure(reply.error());
    const std::optional<QJsonArray> list = listOf(reply->json, {QString(field::domains)});
    if (!list)
        co_return failure(decodeError(reply->response, QStringLiteral("expected a list of domains")));
    QString problem;
    QList<InfraForgeDomain> result =
        parseRows<InfraForgeDomain>(*list, QStringLiteral("domains"), &problem, parseDomain);
    if (!problem.isEmpty())
        co_return failure(decodeError(reply->response, problem));
    co_return result;
}

QCoro::Task<Result<QList<InfraForgeDnsRecord>, IntegrationError>>
InfraForgeClient::dnsRecords(QString domainId)
{
    if (domainId.trimmed().isEmpty())
        co_return failure(notSent(QStringLiteral("a domain id is needed")));
    HttpRequest request;
    request.path = api::domainDnsPath(domainId.trimmed());
    request.operation = QStringLiteral("dns_records");
    const auto reply = co_await sendForJson(std::move(request));
    if (!reply)
        co_return failure(reply.error());
    const std::optional<QJsonArray> list = listOf(reply->json, {QString(field::records)});
    if (!list)
        co_return failure(decodeError(reply->response, QStringLiteral("expected a list of DNS records")));
    QString problem;
    QList<InfraForgeDnsRecord> records =
        parseRows<InfraForgeDnsRecord>(*list, QStringLiteral("records"), &problem, parseRecord);
    if (!problem.isEmpty())
        co_return failure(decodeError(reply->response, problem));
    co_return records;
}

QCoro::Task<Result<Done, IntegrationError>>
InfraForgeClient::replaceDnsRecords(QString domainId, QList<InfraForgeDnsRecord> records)
{
    if (domainId.trimmed().isEmpty())
        co_return failure(notSent(QStringLiteral("a domain id is needed")));
    // The PUT replaces everything: an empty set would delete the mail records too.
    if (records.isEmpty())
        co_return failure(
            notSent(QStringLiteral("an empty record set would delete every record of the domain")));
    QJsonArray list;
    for (const InfraForgeDnsRecord& record : records) {
        if (record.name.trimmed().isEmpty() || record.type.trimmed().isEmpty())
            co_return failure(notSent(QStringLiteral("every DNS record needs a name and a type")));
        list.append(recordJson(record));
    }
    HttpRequest request;
    request.method = "PUT";
    request.path = api::domainDnsPath(domainId.trimmed());
    request.body = JsonBody{QJsonDocument(QJsonObject{{field::records, list}})};
    request.operation = QStringLiteral("replace_dns_records");
    const auto reply = co_await sendForJson(std::move(request));
    if (!reply)
        co_return failure(reply.error());
    co_return Done{};
}

QCoro::Task<Result<QList<InfraForgeDnsRecord>, IntegrationError>>
InfraForgeClient::upsertDnsRecord(QString domainId, InfraForgeDnsRecord record)
{
    record.type = record.type.trimmed().toUpper();
    record.name = record.name.trimmed();
    if (record.name.isEmpty() || record.type.isEmpty())
        co_return failure(notSent(QStringLiteral("a DNS record needs a name and a type")));
    const auto current = co_await dnsRecords(domainId);
    if (!current)
        co_return failure(current.error());
    QList<InfraForgeDnsRecord> records = current.value();
    bool changed = true;
    qsizetype same = -1;
    for (qsizetype i = 0; i < records.size(); ++i) {
        const InfraForgeDnsRecord& existing = records.at(i);
        if (existing.type != record.type || existing.name.compare(record.name, Qt::CaseInsensitive) != 0)
            continue;
        if (existing.value == record.value)
            changed = false;
        else if (singleValued(record.type))
            same = i;
    }
    if (!changed)
        co_return records;
    if (same >= 0) {
        if (records.at(same).editable == false)
            co_return failure(
                notSent(QStringLiteral("InfraForge manages the %1 record of %2; it cannot be changed")
                            .arg(record.type, record.name)));
        records[same].value = record.value;
    } else {
        record.editable.reset();
        records.append(record);
    }
    const auto written = co_await replaceDnsRecords(domainId, records);
    if (!written)
        co_return failure(written.error());
    co_return records;
}

QCoro::Task<Result<InfraForgeMailboxPurchase, IntegrationError>>
InfraForgeClient::createMailboxes(InfraForgeCreateMailboxesRequest request)
{
    if (request.mailboxes.isEmpty())
        co_return failure(notSent(QStringLiteral("there are no mailboxes to create")));
    QStringList domainOrder;
    QHash<QString, QJsonArray> byDomain;
    QStringList seen;
    for (const InfraForgeNewMailbox& mailbox : request.mailboxes) {
        const QString email = mailbox.email.trimmed().toLower();
        if (!isEmailAddress(email))
            co_return failure(notSent(QStringLiteral("\"%1\" is not a mailbox address").arg(mailbox.email)));
        if (seen.contains(email))
            co_return failure(notSent(QStringLiteral("%1 is listed twice").arg(email)));
        if (mailbox.firstName.trimmed().isEmpty() || mailbox.lastName.trimmed().isEmpty())
            co_return failure(notSent(QStringLiteral("%1 needs a first and a last name").arg(email)));
        seen.append(email);
        QJsonObject box{{field::email, email},
                        {field::firstName, mailbox.firstName.trimmed()},
                        {field::lastName, mailbox.lastName.trimmed()}};
        if (!mailbox.forwardingEmail.trimmed().isEmpty())
            box.insert(field::forwardingEmail, mailbox.forwardingEmail.trimmed());
        if (!mailbox.signature.isEmpty())
            box.insert(field::signature, mailbox.signature);
        const QString domain = email.section(u'@', 1);
        if (!domainOrder.contains(domain))
            domainOrder.append(domain);
        byDomain[domain].append(box);
    }
    QJsonArray groups;
    for (const QString& domain : domainOrder)
        groups.append(QJsonObject{{field::domain, domain}, {field::mailboxes, byDomain.value(domain)}});

    const qint64 count = seen.size();
    const Money estimate = usd(api::kMailboxMonthlyEstimateMicros * count);
    HttpRequest http;
    http.method = "POST";
    http.path = api::mailboxesPath();
    http.body = JsonBody{QJsonDocument(QJsonObject{{field::domains, groups}})};
    http.operation = QStringLiteral("mailbox_purchase");
    http.timeout = api::kPurchaseTimeout;
    http.worstCaseCost = estimate;
    http.costOf = [estimate, count](const HttpResponse& response) -> std::optional<CostEvent> {
        return purchaseCost(QStringLiteral("mailbox_purchase"), response, estimate, count,
                            QStringLiteral("mailbox/month"));
    };
    const auto reply = co_await sendForJson(std::move(http));
    if (!reply)
        co_return failure(reply.error());

    InfraForgeMailboxPurchase purchase;
    purchase.accepted = reply->response.status == api::kAccepted;
    purchase.requested = static_cast<int>(count);
    purchase.invoice = parseInvoice(reply->json);
    if (reply->json.isUndefined())
        co_return purchase;
    QString problem;
    // The create answer carries no hosts and may carry no ids [live]; what it lists is read.
    if (const std::optional<QJsonArray> list = listOf(reply->json, {QString(field::mailboxes)}))
        purchase.mailboxes =
            parseRows<InfraForgeMailbox>(*list, QStringLiteral("mailboxes"), &problem, parseMailbox);
    else if (!reply->json.isObject())
        problem = QStringLiteral("expected a JSON object or a list");
    if (!problem.isEmpty())
        co_return failure(decodeError(
            reply->response,
            QStringLiteral("the mailboxes were bought (HTTP %1) but the answer could not be read: "
                           "%2. List the mailboxes before buying again")
                .arg(reply->response.status)
                .arg(problem)));
    co_return purchase;
}

QCoro::Task<Result<QList<InfraForgeMailbox>, IntegrationError>>
InfraForgeClient::mailboxes(InfraForgeListMailboxesRequest request)
{
    HttpRequest http;
    http.path = api::mailboxesPath();
    if (!request.workspaceId.trimmed().isEmpty())
        http.query.addQueryItem(QString(api::kMailboxWorkspaceQuery), request.workspaceId.trimmed());
    if (!request.search.trimmed().isEmpty())
        http.query.addQueryItem(QString(api::kSearchQuery), request.search.trimmed());
    // A list is for the screen: passwords stay on InfraForge's side.
    http.query.addQueryItem(QString(api::kWithCredentialsQuery), QStringLiteral("false"));
    http.operation = QStringLiteral("list_mailboxes");
    const auto reply = co_await sendForJson(std::move(http));
    if (!reply)
        co_return failure(reply.error());
    const std::optional<QJsonArray> list = listOf(reply->json, {QString(field::mailboxes)});
    if (!list)
        co_return failure(decodeError(reply->response, QStringLiteral("expected a list of mailboxes")));
    QString problem;
    QList<InfraForgeMailbox> result =
        parseRows<InfraForgeMailbox>(*list, QStringLiteral("mailboxes"), &problem, parseMailbox);
    if (!problem.isEmpty())
        co_return failure(decodeError(reply->response, problem));
    co_return result;
}

} // namespace agency
