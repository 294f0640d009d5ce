#include "heyreachclient.h"

#include "integrations/http/httpcore.h"
#include "model/catalogue.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUuid>

#include <algorithm>
#include <climits>
#include <cmath>

namespace agency {

namespace {

// HeyReach's facts, from shared/providers/heyreach.md unless said otherwise.
const QString kCheckApiKeyPath = QStringLiteral("/auth/CheckApiKey");
const QString kListCampaignsPath = QStringLiteral("/campaign/GetAll");
const QString kCampaignPath = QStringLiteral("/campaign/GetById"); // GET; POST answers 405
const QString kAddLeadsPath = QStringLiteral("/campaign/AddLeadsToCampaignV2");
const QString kPausePath = QStringLiteral("/campaign/Pause");
const QString kResumePath = QStringLiteral("/campaign/Resume");
const QString kCampaignLeadsPath = QStringLiteral("/campaign/GetLeadsFromCampaign");
// The md (from the Postman transcription) names /linkedinaccount/GetAll; three independent live integrations
// record that path answering 404 and /li_account/GetAll answering 200 with {totalCount, items}, which is also
// the path the community CLI (bcharleson/heyreach-cli) calls.
const QString kSenderAccountsPath = QStringLiteral("/li_account/GetAll");
const QString kOverallStatsPath = QStringLiteral("/stats/GetOverallStats");

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

// ASP.NET sends "2024-05-01T10:00:00.000Z", sometimes without the zone: that one is UTC too.
QDateTime parseUtc(const QString& text)
{
    QDateTime at = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (at.isValid() && at.timeSpec() == Qt::LocalTime)
        at.setTimeSpec(Qt::UTC);
    return at.toUTC();
}

QString isoUtc(const QDateTime& at)
{
    return at.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
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
    int count(const QString& key)
    {
        const std::optional<qint64> number = integer(key, true);
        if (number && (*number < INT_MIN || *number > INT_MAX))
            wrong(key, QStringLiteral("a count"), m_object.value(key));
        return number ? static_cast<int>(*number) : 0;
    }
    std::optional<double> number(const QString& key, bool required = false)
    {
        const QJsonValue value = take(key, required);
        if (value.isUndefined())
            return std::nullopt;
        if (!value.isDouble() || !std::isfinite(value.toDouble())) {
            wrong(key, QStringLiteral("a number"), value);
            return std::nullopt;
        }
        return value.toDouble();
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
    std::optional<QJsonObject> object(const QString& key, bool required = false)
    {
        const QJsonValue value = take(key, required);
        if (value.isUndefined())
            return std::nullopt;
        if (!value.isObject()) {
            wrong(key, QStringLiteral("an object"), value);
            return std::nullopt;
        }
        return value.toObject();
    }
    std::optional<QJsonArray> array(const QString& key, bool required = false)
    {
        const QJsonValue value = take(key, required);
        if (value.isUndefined())
            return std::nullopt;
        if (!value.isArray()) {
            wrong(key, QStringLiteral("an array"), value);
            return std::nullopt;
        }
        return value.toArray();
    }
    QDateTime dateTime(const QString& key)
    {
        const QString text = string(key);
        if (text.isEmpty())
            return QDateTime();
        const QDateTime at = parseUtc(text);
        if (!at.isValid())
            problem(QStringLiteral("%1 \"%2\" is not an ISO 8601 time").arg(path(key), text));
        return at;
    }
    QList<qint64> integers(const QString& key)
    {
        QList<qint64> list;
        const std::optional<QJsonArray> values = array(key);
        for (qsizetype i = 0; values && i < values->size(); ++i) {
            const std::optional<qint64> number = exactInteger(values->at(i));
            if (!number) {
                wrong(QStringLiteral("%1[%2]").arg(key).arg(i), QStringLiteral("a whole number"),
                      values->at(i));
                return list;
            }
            list.append(*number);
        }
        return list;
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
    error.provider = ProviderId::HeyReach;
    error.httpStatus = response.status;
    error.requestId = response.requestId;
    error.detail = detail;
    return error;
}

Result<QJsonObject, IntegrationError> decodeObject(const HttpResponse& response)
{
    auto document = HttpCore::decodeJson(ProviderId::HeyReach, response);
    if (!document)
        return failure(document.error());
    if (!document->isObject())
        return failure(decodeError(response, QStringLiteral("expected a JSON object")));
    return document->object();
}

// {"errorMessage": "..."} is what HeyReach sends; the Postman transcription also shows
// {"error": {"code", "message"}}, and ASP.NET's own validation answers {"errors": {field: [...]}, "title"}.
ProviderErrorInfo parseHeyReachError(int, const QByteArray& body)
{
    ProviderErrorInfo info;
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (!document.isObject()) {
        info.message = QString::fromUtf8(body).trimmed().left(300);
        return info;
    }
    const QJsonObject object = document.object();
    if (const QJsonValue message = object.value(QStringLiteral("errorMessage")); message.isString())
        info.message = message.toString();
    else if (const QJsonValue text = object.value(QStringLiteral("message")); text.isString())
        info.message = text.toString();
    const QJsonValue error = object.value(QStringLiteral("error"));
    if (error.isObject()) {
        if (info.message.isEmpty())
            info.message = error.toObject().value(QStringLiteral("message")).toString();
        info.code = error.toObject().value(QStringLiteral("code")).toString();
    } else if (error.isString() && info.message.isEmpty()) {
        info.message = error.toString();
    }
    if (info.message.isEmpty() && object.value(QStringLiteral("errors")).isObject()) {
        QStringList parts;
        const QJsonObject errors = object.value(QStringLiteral("errors")).toObject();
        for (auto it = errors.begin(); it != errors.end(); ++it) {
            QStringList texts;
            for (const QJsonValue& text : it.value().toArray())
                texts.append(text.toString());
            parts.append(it.key() + QStringLiteral(": ") + texts.join(QStringLiteral("; ")));
        }
        info.message = parts.join(QStringLiteral(". "));
    }
    if (info.message.isEmpty())
        info.message = object.value(QStringLiteral("title")).toString();
    return info;
}

HeyReachCampaign parseCampaign(const QJsonObject& object, const QString& where, QString* problem)
{
    Fields fields(object, where, problem);
    HeyReachCampaign campaign;
    campaign.id = fields.integer(QStringLiteral("id"), true).value_or(0);
    campaign.name = fields.string(QStringLiteral("name"));
    campaign.status = fields.string(QStringLiteral("status"), true);
    campaign.createdAt = fields.dateTime(QStringLiteral("creationTime"));
    campaign.leadListName = fields.string(QStringLiteral("linkedInUserListName"));
    campaign.leadListId = fields.integer(QStringLiteral("linkedInUserListId"));
    campaign.senderAccountIds = fields.integers(QStringLiteral("campaignAccountIds"));
    if (const auto stats = fields.object(QStringLiteral("progressStats"))) {
        Fields progress(*stats, fields.path(QStringLiteral("progressStats")), problem);
        campaign.progress = HeyReachCampaignProgress{progress.count(QStringLiteral("totalUsers")),
                                                     progress.count(QStringLiteral("totalUsersInProgress")),
                                                     progress.count(QStringLiteral("totalUsersPending")),
                                                     progress.count(QStringLiteral("totalUsersFinished")),
                                                     progress.count(QStringLiteral("totalUsersFailed"))};
    }
    campaign.raw = object;
    return campaign;
}

HeyReachCampaignLead parseCampaignLead(const QJsonObject& object, const QString& where, QString* problem)
{
    Fields fields(object, where, problem);
    HeyReachCampaignLead lead;
    lead.id = fields.integer(QStringLiteral("id")).value_or(0);
    if (const auto profile = fields.object(QStringLiteral("linkedInUserProfile"))) {
        Fields person(*profile, fields.path(QStringLiteral("linkedInUserProfile")), problem);
        lead.profileUrl = person.string(QStringLiteral("profileUrl"));
        lead.firstName = person.string(QStringLiteral("firstName"));
        lead.lastName = person.string(QStringLiteral("lastName"));
        lead.companyName = person.string(QStringLiteral("companyName"));
    }
    lead.campaignStatus = fields.string(QStringLiteral("leadCampaignStatus"), true);
    lead.connectionStatus = fields.string(QStringLiteral("leadConnectionStatus"));
    lead.messageStatus = fields.string(QStringLiteral("leadMessageStatus"));
    lead.senderAccountId = fields.integer(QStringLiteral("linkedInSenderId"));
    lead.addedAt = fields.dateTime(QStringLiteral("creationTime"));
    lead.lastActionAt = fields.dateTime(QStringLiteral("lastActionTime"));
    lead.failedAt = fields.dateTime(QStringLiteral("failedTime"));
    // An open set of codes, seen as strings; a number is kept as its text.
    const QJsonValue code = object.value(QStringLiteral("errorCode"));
    if (code.isDouble())
        lead.errorCode = QString::number(code.toDouble(), 'g', 17);
    else
        lead.errorCode = fields.string(QStringLiteral("errorCode"));
    return lead;
}

HeyReachSenderAccount parseSenderAccount(const QJsonObject& object, const QString& where, QString* problem)
{
    Fields fields(object, where, problem);
    HeyReachSenderAccount account;
    account.id = fields.integer(QStringLiteral("id"), true).value_or(0);
    account.firstName = fields.string(QStringLiteral("firstName"));
    account.lastName = fields.string(QStringLiteral("lastName"));
    account.emailAddress = fields.string(QStringLiteral("emailAddress"));
    account.profileUrl = fields.string(QStringLiteral("profileUrl"));
    account.isActive = fields.boolean(QStringLiteral("isActive"), true).value_or(false);
    account.authIsValid = fields.boolean(QStringLiteral("authIsValid"), true).value_or(false);
    account.raw = object;
    return account;
}

HeyReachStats parseStats(const QJsonObject& object, const QString& where, QString* problem)
{
    Fields fields(object, where, problem);
    HeyReachStats stats;
    stats.profileViews = fields.count(QStringLiteral("profileViews"));
    stats.postLikes = fields.count(QStringLiteral("postLikes"));
    stats.follows = fields.count(QStringLiteral("follows"));
    stats.messagesSent = fields.count(QStringLiteral("messagesSent"));
    stats.messagesStarted = fields.count(QStringLiteral("totalMessageStarted"));
    stats.messageReplies = fields.count(QStringLiteral("totalMessageReplies"));
    stats.inMailsSent = fields.count(QStringLiteral("inmailMessagesSent"));
    stats.inMailsStarted = fields.count(QStringLiteral("totalInmailStarted"));
    stats.inMailReplies = fields.count(QStringLiteral("totalInmailReplies"));
    stats.connectionsSent = fields.count(QStringLiteral("connectionsSent"));
    stats.connectionsAccepted = fields.count(QStringLiteral("connectionsAccepted"));
    stats.messageReplyRate = fields.number(QStringLiteral("messageReplyRate"), true).value_or(0);
    stats.inMailReplyRate = fields.number(QStringLiteral("inMailReplyRate"), true).value_or(0);
    stats.connectionAcceptanceRate =
        fields.number(QStringLiteral("connectionAcceptanceRate"), true).value_or(0);
    return stats;
}

// {"totalCount": n, "items": [...]}, each item read by `parse`.
template<typename T, typename Parse>
Result<HeyReachPage<T>, IntegrationError> parsePage(const HttpResponse& response, const QJsonObject& object,
                                                    const QString& itemName, Parse parse)
{
    QString problem;
    Fields fields(object, QString(), &problem);
    HeyReachPage<T> page;
    page.totalCount = fields.count(QStringLiteral("totalCount"));
    const QJsonArray items = fields.array(QStringLiteral("items"), true).value_or(QJsonArray());
    for (qsizetype i = 0; i < items.size() && problem.isEmpty(); ++i) {
        const QString where = QStringLiteral("%1[%2]").arg(itemName).arg(i);
        if (!items.at(i).isObject()) {
            problem = QStringLiteral("%1 should be an object, not %2").arg(where, typeName(items.at(i)));
            break;
        }
        page.items.append(parse(items.at(i).toObject(), where, &problem));
    }
    if (!problem.isEmpty())
        return failure(decodeError(response, problem));
    return page;
}

QJsonArray integerArray(const QList<qint64>& values)
{
    QJsonArray array;
    for (const qint64 value : values)
        array.append(value);
    return array;
}

QJsonObject leadJson(const HeyReachLead& lead)
{
    QJsonObject object{{QStringLiteral("profileUrl"), lead.profileUrl}};
    const auto put = [&object](const QString& key, const QString& value) {
        if (!value.isEmpty())
            object.insert(key, value);
    };
    put(QStringLiteral("firstName"), lead.firstName);
    put(QStringLiteral("lastName"), lead.lastName);
    put(QStringLiteral("companyName"), lead.companyName);
    put(QStringLiteral("position"), lead.position);
    put(QStringLiteral("location"), lead.location);
    put(QStringLiteral("emailAddress"), lead.emailAddress);
    put(QStringLiteral("summary"), lead.summary);
    put(QStringLiteral("about"), lead.about);
    if (!lead.customFields.isEmpty()) {
        QJsonArray fields;
        for (const HeyReachCustomField& field : lead.customFields)
            fields.append(
                QJsonObject{{QStringLiteral("name"), field.name}, {QStringLiteral("value"), field.value}});
        object.insert(QStringLiteral("customUserFields"), fields);
    }
    return object;
}

// Why a lead cannot be sent, or an empty string.
QString leadProblem(const HeyReachLead& lead)
{
    if (!HeyReachClient::isLinkedInProfileUrl(lead.profileUrl))
        return QStringLiteral("the profile URL \"%1\" is not of the form https://www.linkedin.com/in/<name>")
            .arg(lead.profileUrl);
    QStringList names;
    for (const HeyReachCustomField& field : lead.customFields) {
        if (field.name.trimmed().isEmpty())
            return QStringLiteral("a custom field has no name");
        if (names.contains(field.name))
            return QStringLiteral("the custom field \"%1\" appears twice").arg(field.name);
        names.append(field.name);
    }
    if (lead.senderAccountId && *lead.senderAccountId <= 0)
        return QStringLiteral("the sender account id must be positive");
    return QString();
}

std::chrono::milliseconds since(const QElapsedTimer& clock)
{
    return std::chrono::milliseconds(clock.elapsed());
}

} // namespace

HeyReachClient::HeyReachClient(const ClientContext& context)
    : m_core(context.core)
{
    m_endpoint.provider = ProviderId::HeyReach;
    m_endpoint.baseUrl =
        context.baseUrl.isEmpty() ? QUrl(providerInfo(ProviderId::HeyReach).defaultBaseUrl) : context.baseUrl;
    m_endpoint.auth = Auth::header("X-API-KEY", context.credential.value(QStringLiteral("api_key")));
    m_endpoint.parseError = parseHeyReachError;
    // No reset headers are documented: a 429's Retry-After (when sent) is read by the core.
}

PacingConfig HeyReachClient::documentedPacing()
{
    // 300 requests a minute = 5 a second; the window's shape is not documented, so the bucket stays small.
    // No concurrency limit is documented.
    return PacingConfig{5.0, 5.0, 0};
}

bool HeyReachClient::isLinkedInProfileUrl(const QString& url)
{
    // The slug: letters, digits, hyphens, underscores and percent-escapes (non-ASCII names), 3–100 long.
    static const QRegularExpression shape(
        QStringLiteral("^https://www\\.linkedin\\.com/in/[A-Za-z0-9_%-]{3,100}/?$"));
    return shape.match(url).hasMatch();
}

IntegrationError HeyReachClient::notSent(const QString& detail) const
{
    IntegrationError error;
    error.kind = IntegrationError::Kind::Configuration;
    error.provider = ProviderId::HeyReach;
    error.detail = detail;
    return error;
}

QCoro::Task<AccountStatus> HeyReachClient::checkCredentials()
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

    HttpRequest request;
    request.path = kCheckApiKeyPath;
    request.operation = QStringLiteral("check_api_key");
    const HttpResult checked = co_await m_core->send(m_endpoint, request);
    if (!checked)
        co_return accountStatusFromError(checked.error(), since(clock));

    AccountStatus status;
    status.state = AccountStatus::State::Valid;
    status.plan = QStringLiteral("Subscription");
    status.details.append({QStringLiteral("Billing"),
                           unitCostText(providerInfo(ProviderId::HeyReach)) +
                               QStringLiteral(" (a subscription: calls are not billed one by one)")});
    status.details.append({QStringLiteral("Rate limit"), QStringLiteral("300 requests a minute")});

    // The senders say how much the key can do; their absence does not make the key any less valid.
    const auto senders = co_await senderAccounts(0, kMaxPageSize);
    if (senders) {
        int needLogin = 0;
        for (const HeyReachSenderAccount& account : senders->items)
            needLogin += account.authIsValid ? 0 : 1;
        status.details.append({QStringLiteral("LinkedIn senders"), QString::number(senders->totalCount)});
        status.details.append(
            {QStringLiteral("Senders needing a new LinkedIn login"), QString::number(needLogin)});
        status.summary = QStringLiteral("Key valid · %1 LinkedIn sender(s)").arg(senders->totalCount);
        if (needLogin > 0)
            status.summary += QStringLiteral(", %1 need(s) a new login").arg(needLogin);
    } else {
        status.details.append({QStringLiteral("LinkedIn senders"), senders.error().message()});
        status.summary = QStringLiteral("Key valid");
    }
    status.latency = since(clock);
    status.checkedAt = QDateTime::currentDateTimeUtc();
    co_return status;
}

QCoro::Task<Result<HeyReachClient::JsonReply, IntegrationError>>
HeyReachClient::sendForObject(HttpRequest request)
{
    const HttpResult sent = co_await m_core->send(m_endpoint, request);
    if (!sent)
        co_return failure(sent.error());
    const auto object = decodeObject(sent.value());
    if (!object)
        co_return failure(object.error());
    co_return JsonReply{sent.value(), object.value()};
}

QCoro::Task<Result<HeyReachClient::JsonReply, IntegrationError>>
HeyReachClient::postRead(QString path, QJsonObject body, QString operation)
{
    HttpRequest request;
    request.method = "POST";
    request.path = std::move(path);
    request.body = JsonBody{QJsonDocument(body)};
    request.operation = std::move(operation);
    // HeyReach reads are POSTs; this one changes nothing, so a key marks it safe for the core to retry
    // after a 429 or an outage. HeyReach ignores the header.
    request.idempotencyKey = QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1();
    auto reply = co_await sendForObject(std::move(request));
    co_return reply;
}

QCoro::Task<Result<HeyReachPage<HeyReachCampaign>, IntegrationError>>
HeyReachClient::listCampaigns(HeyReachListCampaignsRequest request)
{
    if (request.offset < 0 || request.limit < 1 || request.limit > kMaxPageSize)
        co_return failure(
            notSent(QStringLiteral("offset must be 0 or more and limit 1–%1").arg(kMaxPageSize)));
    QJsonObject body{{QStringLiteral("offset"), request.offset}, {QStringLiteral("limit"), request.limit}};
    if (!request.keyword.isEmpty())
        body.insert(QStringLiteral("keyword"), request.keyword);
    if (!request.statuses.isEmpty())
        body.insert(QStringLiteral("statuses"), QJsonArray::fromStringList(request.statuses));
    if (!request.senderAccountIds.isEmpty())
        body.insert(QStringLiteral("accountIds"), integerArray(request.senderAccountIds));
    const QString operation = QStringLiteral("list_campaigns");
    const auto read = co_await postRead(kListCampaignsPath, body, operation);
    if (!read)
        co_return failure(read.error());
    co_return parsePage<HeyReachCampaign>(read->response, read->object, QStringLiteral("items"),
                                          parseCampaign);
}

QCoro::Task<Result<HeyReachCampaign, IntegrationError>> HeyReachClient::campaign(qint64 campaignId)
{
    if (campaignId <= 0)
        co_return failure(notSent(QStringLiteral("the campaign id must be positive")));
    HttpRequest request;
    request.path = kCampaignPath;
    request.query.addQueryItem(QStringLiteral("campaignId"), QString::number(campaignId));
    request.operation = QStringLiteral("get_campaign");
    const auto reply = co_await sendForObject(std::move(request));
    if (!reply)
        co_return failure(reply.error());
    QString problem;
    HeyReachCampaign campaign = parseCampaign(reply->object, QString(), &problem);
    if (!problem.isEmpty())
        co_return failure(decodeError(reply->response, problem));
    co_return campaign;
}

QJsonObject HeyReachClient::addLeadsBody(const HeyReachAddLeadsRequest& request)
{
    QJsonArray pairs;
    for (const HeyReachLead& lead : request.leads) {
        QJsonObject pair{{QStringLiteral("lead"), leadJson(lead)}};
        if (lead.senderAccountId)
            pair.insert(QStringLiteral("linkedInAccountId"), *lead.senderAccountId);
        pairs.append(pair);
    }
    QJsonObject body{{QStringLiteral("campaignId"), request.campaignId},
                     {QStringLiteral("accountLeadPairs"), pairs}};
    // unverified (community-observed): the two resume flags; sent only when asked for.
    if (request.resumeFinishedCampaign)
        body.insert(QStringLiteral("resumeFinishedCampaign"), true);
    if (request.resumePausedCampaign)
        body.insert(QStringLiteral("resumePausedCampaign"), true);
    return body;
}

QCoro::Task<Result<HeyReachAddLeadsResult, IntegrationError>>
HeyReachClient::addLeads(HeyReachAddLeadsRequest request)
{
    if (request.campaignId <= 0)
        co_return failure(notSent(QStringLiteral("the campaign id must be positive")));
    if (request.leads.isEmpty())
        co_return failure(notSent(QStringLiteral("there are no leads to add")));
    if (request.leads.size() > kMaxLeadsPerRequest)
        co_return failure(
            notSent(QStringLiteral("%1 leads in one request; HeyReach takes at most %2, so split "
                                   "the list")
                        .arg(request.leads.size())
                        .arg(kMaxLeadsPerRequest)));
    QStringList seen;
    for (qsizetype i = 0; i < request.leads.size(); ++i) {
        const HeyReachLead& lead = request.leads.at(i);
        QString problem = leadProblem(lead);
        if (problem.isEmpty() && seen.contains(lead.profileUrl))
            problem = QStringLiteral("the profile URL %1 appears twice").arg(lead.profileUrl);
        if (!problem.isEmpty())
            co_return failure(notSent(QStringLiteral("lead %1: %2").arg(i + 1).arg(problem)));
        seen.append(lead.profileUrl);
    }

    HttpRequest http;
    http.method = "POST";
    http.path = kAddLeadsPath;
    http.body = JsonBody{QJsonDocument(addLeadsBody(request))};
    http.operation = QStringLiteral("add_leads");
    const auto reply = co_await sendForObject(std::move(http));
    if (!reply)
        co_return failure(reply.error());
    QString problem;
    Fields fields(reply->object, QString(), &problem);
    HeyReachAddLeadsResult result;
    result.added = fields.count(QStringLiteral("addedLeadsCount"));
    result.updated = fields.count(QStringLiteral("updatedLeadsCount"));
    result.failed = fields.count(QStringLiteral("failedLeadsCount"));
    if (!problem.isEmpty())
        co_return failure(decodeError(reply->response, problem));
    co_return result;
}

QCoro::Task<Result<Done, IntegrationError>> HeyReachClient::campaignControl(QString path, qint64 campaignId,
                                                                            QString operation)
{
    if (campaignId <= 0)
        co_return failure(notSent(QStringLiteral("the campaign id must be positive")));
    HttpRequest request;
    request.method = "POST";
    request.path = std::move(path);
    // The Postman text shows a JSON body, the CLI and a tester a query parameter: both are sent.
    request.query.addQueryItem(QStringLiteral("campaignId"), QString::number(campaignId));
    request.body = JsonBody{QJsonDocument(QJsonObject{{QStringLiteral("campaignId"), campaignId}})};
    request.operation = std::move(operation);
    const HttpResult sent = co_await m_core->send(m_endpoint, request);
    if (!sent)
        co_return failure(sent.error());
    co_return Done{};
}

QCoro::Task<Result<Done, IntegrationError>> HeyReachClient::pauseCampaign(qint64 campaignId)
{
    const QString operation = QStringLiteral("pause_campaign");
    auto done = co_await campaignControl(kPausePath, campaignId, operation);
    co_return done;
}

QCoro::Task<Result<Done, IntegrationError>> HeyReachClient::resumeCampaign(qint64 campaignId)
{
    const QString operation = QStringLiteral("resume_campaign");
    auto done = co_await campaignControl(kResumePath, campaignId, operation);
    co_return done;
}

QCoro::Task<Result<HeyReachPage<HeyReachCampaignLead>, IntegrationError>>
HeyReachClient::campaignLeads(HeyReachCampaignLeadsRequest request)
{
    if (request.campaignId <= 0)
        co_return failure(notSent(QStringLiteral("the campaign id must be positive")));
    if (request.offset < 0 || request.limit < 1 || request.limit > kMaxPageSize)
        co_return failure(
            notSent(QStringLiteral("offset must be 0 or more and limit 1–%1").arg(kMaxPageSize)));
    const QJsonObject body{{QStringLiteral("campaignId"), request.campaignId},
                           {QStringLiteral("offset"), request.offset},
                           {QStringLiteral("limit"), request.limit}};
    const QString operation = QStringLiteral("campaign_leads");
    const auto read = co_await postRead(kCampaignLeadsPath, body, operation);
    if (!read)
        co_return failure(read.error());
    co_return parsePage<HeyReachCampaignLead>(read->response, read->object, QStringLiteral("items"),
                                              parseCampaignLead);
}

QCoro::Task<Result<HeyReachPage<HeyReachSenderAccount>, IntegrationError>>
HeyReachClient::senderAccounts(int offset, int limit)
{
    if (offset < 0 || limit < 1 || limit > kMaxPageSize)
        co_return failure(
            notSent(QStringLiteral("offset must be 0 or more and limit 1–%1").arg(kMaxPageSize)));
    const QJsonObject body{{QStringLiteral("offset"), offset}, {QStringLiteral("limit"), limit}};
    const QString operation = QStringLiteral("list_sender_accounts");
    const auto read = co_await postRead(kSenderAccountsPath, body, operation);
    if (!read)
        co_return failure(read.error());
    co_return parsePage<HeyReachSenderAccount>(read->response, read->object, QStringLiteral("items"),
                                               parseSenderAccount);
}

QCoro::Task<Result<HeyReachOverallStats, IntegrationError>>
HeyReachClient::overallStats(HeyReachStatsRequest request)
{
    if (!request.start.isValid() || !request.end.isValid() || request.end < request.start)
        co_return failure(notSent(QStringLiteral("the stats need a start and an end time, the start first")));
    const QJsonObject body{{QStringLiteral("accountIds"), integerArray(request.senderAccountIds)},
                           {QStringLiteral("campaignIds"), integerArray(request.campaignIds)},
                           {QStringLiteral("startDate"), isoUtc(request.start)},
                           {QStringLiteral("endDate"), isoUtc(request.end)}};
    const QString operation = QStringLiteral("overall_stats");
    const auto read = co_await postRead(kOverallStatsPath, body, operation);
    if (!read)
        co_return failure(read.error());

    QString problem;
    Fields fields(read->object, QString(), &problem);
    HeyReachOverallStats stats;
    // A missing overallStats would read as "nothing was sent": a claim only HeyReach can make.
    if (const auto overall = fields.object(QStringLiteral("overallStats"), true))
        stats.overall = parseStats(*overall, QStringLiteral("overallStats"), &problem);
    if (const auto days = fields.object(QStringLiteral("byDayStats"))) {
        for (auto it = days->begin(); it != days->end() && problem.isEmpty(); ++it) {
            const QString where = QStringLiteral("byDayStats[\"%1\"]").arg(it.key());
            QDate day = QDate::fromString(it.key(), Qt::ISODate);
            if (!day.isValid())
                day = parseUtc(it.key()).date();
            if (!day.isValid()) {
                problem = QStringLiteral("%1: the key is not a date").arg(where);
                break;
            }
            if (!it.value().isObject()) {
                problem = QStringLiteral("%1 should be an object, not %2").arg(where, typeName(it.value()));
                break;
            }
            stats.byDay.append({day, parseStats(it.value().toObject(), where, &problem)});
        }
    }
    if (!problem.isEmpty())
        co_return failure(decodeError(read->response, problem));
    std::sort(stats.byDay.begin(), stats.byDay.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    co_return stats;
}

} // namespace agency
