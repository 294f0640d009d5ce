// Resend (shared/providers/resend.md, contracts/specs/resend.yaml): Bearer re_… keys, GET /domains as
// the credential check, errors as {"statusCode","name","message"}, IETF ratelimit-* headers.
// A send-only key ("sim-limited") is valid but gets 401 restricted_api_key on every non-sending route.
// Sends: POST /emails and POST /emails/batch (x-batch-validation strict | permissive); reads:
// GET /emails/{id} and GET /emails (cursor pages). Ids are derived from the idempotency key when one is
// sent, so a replay answers the same id. As Resend does, a key is remembered with its payload (for
// the simulator's life, well inside Resend's 24 h): a replay of the same payload answers the original
// ids and sends nothing new; the same key with another payload is 409 invalid_idempotent_request.

#include "providerspec.h"
#include "routekit.h"

#include <QCryptographicHash>
#include <QHash>
#include <QRegularExpression>

#include <algorithm>
#include <memory>
#include <optional>

namespace agency::sim {

namespace {

// Default team limit: 2 requests per second.
constexpr int kRequestsPerSecond = 2;
constexpr int kMaxRecipients = 50;
constexpr int kMaxBatch = 100;
constexpr int kMaxIdempotencyKey = 256;
constexpr int kListedEmails = 7; // the sent emails GET /emails pages through

SimResponse resendError(int status, const QString& name, const QString& message)
{
    return SimResponse::json(status, QJsonObject{{QStringLiteral("statusCode"), status},
                                                 {QStringLiteral("name"), name},
                                                 {QStringLiteral("message"), message}});
}

SimResponse domains(const SimData& data, const SimRequest& request)
{
    if (request.limited()) {
        return resendError(401, QStringLiteral("restricted_api_key"),
                           QStringLiteral("This API key is restricted to only send emails."));
    }
    static const QStringList statuses = {QStringLiteral("verified"), QStringLiteral("verified"),
                                         QStringLiteral("pending"), QStringLiteral("not_started")};
    const int total = static_cast<int>(data.range(u"resend:domains", 2, 4));
    const int limit = limitParameter(request, QStringLiteral("limit"), 20, 100);
    QJsonArray items;
    for (int i = 0; i < std::min(total, limit); ++i) {
        const QString salt = QStringLiteral("resend:domain:%1").arg(i);
        const QString status = i == 0 ? QStringLiteral("verified") : data.pick(salt, statuses);
        items.append(QJsonObject{
            {QStringLiteral("id"), data.uuid(salt)},
            {QStringLiteral("name"),
             QStringLiteral("mail%1.%2.example").arg(i + 1).arg(data.lastName(salt).toLower())},
            {QStringLiteral("status"), status},
            {QStringLiteral("created_at"),
             QString(data.dateTime(salt).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")) +
                     QStringLiteral("412+00"))},
            {QStringLiteral("region"), QStringLiteral("ap-northeast-1")},
            {QStringLiteral("open_tracking"), false},
            {QStringLiteral("click_tracking"), false},
            {QStringLiteral("capabilities"),
             QJsonObject{{QStringLiteral("sending"), QStringLiteral("enabled")},
                         {QStringLiteral("receiving"), QStringLiteral("disabled")}}},
        });
    }
    return SimResponse::json(200, QJsonObject{{QStringLiteral("object"), QStringLiteral("list")},
                                              {QStringLiteral("has_more"), total > limit},
                                              {QStringLiteral("data"), items}});
}

SimResponse restricted()
{
    return resendError(401, QStringLiteral("restricted_api_key"),
                       QStringLiteral("This API key is restricted to only send emails."));
}

SimResponse invalidField(const QString& message)
{
    // Current docs: a field problem is 400 validation_error with the details in the message.
    return resendError(400, QStringLiteral("validation_error"), message);
}

bool isAddressList(const QJsonValue& value, int max)
{
    if (value.isString())
        return !value.toString().trimmed().isEmpty();
    if (!value.isArray() || value.toArray().isEmpty() || value.toArray().size() > max)
        return false;
    const QJsonArray list = value.toArray();
    return std::all_of(list.begin(), list.end(), [](const QJsonValue& item) { return item.isString(); });
}

bool isTagText(const QJsonValue& value)
{
    static const QRegularExpression allowed(QStringLiteral("^[A-Za-z0-9_-]{1,256}$"));
    return value.isString() && allowed.match(value.toString()).hasMatch();
}

// What Resend says about one SendEmailRequest, or nothing when it is fine.
std::optional<QString> emailProblem(const QJsonValue& value, bool inBatch)
{
    if (!value.isObject())
        return QStringLiteral("The email must be a JSON object.");
    const QJsonObject email = value.toObject();
    for (const char* field : {"from", "to", "subject"}) {
        if (!email.contains(QLatin1String(field)))
            return QStringLiteral("Missing `%1` field.").arg(QLatin1String(field));
    }
    const QString from = email.value(u"from").toString();
    if (!from.contains(u'@'))
        return QStringLiteral("Invalid `from` field. The email address needs to follow the "
                              "`email@example.com` or `Name <email@example.com>` format.");
    if (email.value(u"to").isArray() && email.value(u"to").toArray().size() > kMaxRecipients)
        return QStringLiteral("Invalid `to` field. Too many recipients: the maximum is %1.")
            .arg(kMaxRecipients);
    if (!isAddressList(email.value(u"to"), kMaxRecipients))
        return QStringLiteral("Invalid `to` field. Provide an email address or an array of them.");
    if (!email.value(u"subject").isString())
        return QStringLiteral("Invalid `subject` field. It must be a string.");
    for (const char* field : {"cc", "bcc", "reply_to"}) {
        const QJsonValue list = email.value(QLatin1String(field));
        if (!list.isUndefined() && !list.isNull() && !isAddressList(list, 1000))
            return QStringLiteral("Invalid `%1` field.").arg(QLatin1String(field));
    }
    if (!email.value(u"html").isString() && !email.value(u"text").isString() && !email.contains(u"template"))
        return QStringLiteral("Missing `html` or `text` field.");
    if (email.contains(u"headers") && !email.value(u"headers").isObject())
        return QStringLiteral("Invalid `headers` field. It must be an object.");
    for (const QJsonValue& tag : email.value(u"tags").toArray()) {
        if (!isTagText(tag.toObject().value(u"name")) || !isTagText(tag.toObject().value(u"value")))
            return QStringLiteral("Tags should only contain ASCII letters (a–z, A–Z), numbers (0–9), "
                                  "underscores (_), or dashes (-), and at most 256 characters.");
    }
    if (inBatch && email.contains(u"attachments"))
        return QStringLiteral("The `attachments` field is not supported in batch emails.");
    if (inBatch && email.contains(u"scheduled_at"))
        return QStringLiteral("The `scheduled_at` field is not supported in batch emails.");
    return std::nullopt;
}

// The key a deterministic id is derived from: the idempotency key (a replay answers the same id), else
// this request's own id.
QString idSeed(const SimRequest& request)
{
    const QByteArray key = request.header("Idempotency-Key");
    return key.isEmpty() ? QString(QStringLiteral("request:") + request.requestId)
                         : QString(QStringLiteral("key:") + QString::fromUtf8(key));
}

std::optional<SimResponse> idempotencyKeyProblem(const SimRequest& request)
{
    if (request.hasHeader("Idempotency-Key")) {
        const QByteArray key = request.header("Idempotency-Key");
        if (key.isEmpty() || key.size() > kMaxIdempotencyKey)
            return resendError(400, QStringLiteral("invalid_idempotency_key"),
                               QStringLiteral("The key must be between 1-256 chars."));
    }
    return std::nullopt;
}

// Keys seen by the send routes ("/emails" or "/emails/batch", then the key) and their payload's hash.
using IdempotencyMemory = QHash<QString, QByteArray>;

// The 409 for a key reused with another payload; nothing when the request may proceed. A first use
// is remembered only once answered 200, so a refused request can be corrected under the same key.
std::optional<SimResponse> idempotencyConflict(const IdempotencyMemory& memory, const QString& route,
                                               const SimRequest& request)
{
    const QByteArray key = request.header("Idempotency-Key");
    if (key.isEmpty())
        return std::nullopt;
    const auto seen = memory.constFind(route + u'\x1f' + QString::fromUtf8(key));
    if (seen == memory.constEnd() ||
        *seen == QCryptographicHash::hash(request.body, QCryptographicHash::Sha256))
        return std::nullopt;
    return resendError(409, QStringLiteral("invalid_idempotent_request"),
                       QStringLiteral("Same idempotency key used with a different request payload. Change "
                                      "your idempotency key or payload."));
}

void rememberKey(IdempotencyMemory& memory, const QString& route, const SimRequest& request,
                 const SimResponse& response)
{
    const QByteArray key = request.header("Idempotency-Key");
    if (!key.isEmpty() && response.status == 200)
        memory.insert(route + u'\x1f' + QString::fromUtf8(key),
                      QCryptographicHash::hash(request.body, QCryptographicHash::Sha256));
}

SimResponse sendEmail(const SimData& data, const SimRequest& request)
{
    if (auto problem = idempotencyKeyProblem(request))
        return *problem;
    QJsonParseError error;
    const QJsonDocument body = QJsonDocument::fromJson(request.body, &error);
    if (error.error != QJsonParseError::NoError)
        return invalidField(QStringLiteral("Invalid JSON body."));
    if (const auto problem = emailProblem(body.isObject() ? QJsonValue(body.object()) : QJsonValue(), false))
        return invalidField(*problem);
    return SimResponse::json(
        200, QJsonObject{{QStringLiteral("id"),
                          data.uuid(QString(QStringLiteral("resend:email:") + idSeed(request)))}});
}

SimResponse sendBatch(const SimData& data, const SimRequest& request)
{
    if (auto problem = idempotencyKeyProblem(request))
        return *problem;
    const QByteArray mode = request.header("x-batch-validation").trimmed().toLower();
    if (!mode.isEmpty() && mode != "strict" && mode != "permissive")
        return invalidField(
            QStringLiteral("Invalid `x-batch-validation` header. Use `strict` or `permissive`."));
    const bool permissive = mode == "permissive";
    const QJsonDocument body = QJsonDocument::fromJson(request.body);
    if (!body.isArray())
        return invalidField(QStringLiteral("The body must be an array of emails."));
    const QJsonArray emails = body.array();
    if (emails.isEmpty() || emails.size() > kMaxBatch)
        return invalidField(QStringLiteral("A batch holds 1 to %1 emails.").arg(kMaxBatch));

    QJsonArray ids;
    QJsonArray errors;
    for (qsizetype i = 0; i < emails.size(); ++i) {
        const std::optional<QString> problem = emailProblem(emails.at(i), true);
        if (problem && !permissive) // unverified: the wording of strict mode's message
            return invalidField(QStringLiteral("Invalid email at index %1: %2").arg(i).arg(*problem));
        if (problem) {
            errors.append(
                QJsonObject{{QStringLiteral("index"), int(i)}, {QStringLiteral("message"), *problem}});
            continue;
        }
        const QString salt = QStringLiteral("resend:batch:%1:%2").arg(idSeed(request)).arg(i);
        ids.append(QJsonObject{{QStringLiteral("id"), data.uuid(salt)}});
    }
    QJsonObject answer{{QStringLiteral("data"), ids}};
    if (permissive)
        answer.insert(QStringLiteral("errors"), errors);
    return SimResponse::json(200, answer);
}

QJsonObject emailRecord(const SimData& data, const QString& id)
{
    static const QStringList events = {
        QStringLiteral("delivered"), QStringLiteral("delivered"),  QStringLiteral("opened"),
        QStringLiteral("clicked"),   QStringLiteral("sent"),       QStringLiteral("bounced"),
        QStringLiteral("queued"),    QStringLiteral("complained"), QStringLiteral("delivery_delayed"),
    };
    const QString salt = QStringLiteral("resend:record:") + id;
    const QString name = data.firstName(salt);
    return QJsonObject{
        {QStringLiteral("object"), QStringLiteral("email")},
        {QStringLiteral("id"), id},
        {QStringLiteral("message_id"), QStringLiteral("<%1@mail1.agency.example>").arg(data.hex(salt, 16))},
        {QStringLiteral("to"), QJsonArray{data.email(salt)}},
        {QStringLiteral("from"), QStringLiteral("Agency Ops <ops@mail1.agency.example>")},
        {QStringLiteral("created_at"),
         QString(data.dateTime(salt, 60).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")) +
                 QStringLiteral("412+00"))},
        {QStringLiteral("subject"), QStringLiteral("Quick question, %1").arg(name)},
        {QStringLiteral("html"), QStringLiteral("<p>Hi %1,</p><p>Worth a chat?</p>").arg(name)},
        {QStringLiteral("text"), QStringLiteral("Hi %1,\n\nWorth a chat?").arg(name)},
        {QStringLiteral("bcc"), QJsonValue::Null},
        {QStringLiteral("cc"), QJsonValue::Null},
        {QStringLiteral("reply_to"), QJsonArray{QStringLiteral("replies@agency.example")}},
        {QStringLiteral("last_event"), data.pick(salt, events)},
    };
}

bool looksLikeId(const QString& id)
{
    static const QRegularExpression uuid(
        QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"));
    return uuid.match(id).hasMatch();
}

SimResponse getEmail(const SimData& data, const SimRequest& request)
{
    if (request.limited())
        return restricted();
    const QString id = request.params.value(QStringLiteral("id"));
    // Any id Resend could have issued exists here (the simulator keeps no state); others do not.
    if (!looksLikeId(id))
        return resendError(404, QStringLiteral("not_found"), QStringLiteral("Email not found"));
    return SimResponse::json(200, emailRecord(data, id));
}

SimResponse listEmails(const SimData& data, const SimRequest& request)
{
    if (request.limited())
        return restricted();
    const QString after = request.queryValue(QStringLiteral("after"));
    const QString before = request.queryValue(QStringLiteral("before"));
    if (!after.isEmpty() && !before.isEmpty())
        return invalidField(QStringLiteral("You can only use `after` or `before`, not both."));
    bool ok = true;
    const QString limitText = request.queryValue(QStringLiteral("limit"));
    const int limit = limitText.isEmpty() ? 20 : limitText.toInt(&ok);
    if (!ok || limit < 1 || limit > 100)
        return invalidField(QStringLiteral("The `limit` parameter must be an integer between 1 and 100."));

    QStringList ids; // newest first
    for (int i = 0; i < kListedEmails; ++i)
        ids.append(data.uuid(QStringLiteral("resend:list:%1").arg(i)));
    qsizetype first = 0;
    qsizetype last = ids.size(); // exclusive
    if (!after.isEmpty() || !before.isEmpty()) {
        const qsizetype at = ids.indexOf(after.isEmpty() ? before : after);
        if (at < 0)
            return invalidField(QStringLiteral("The cursor does not name an email of this team."));
        if (!after.isEmpty())
            first = at + 1;
        else
            last = at;
    }
    if (!before.isEmpty())
        first = std::max<qsizetype>(0, last - limit);
    QJsonArray page;
    for (qsizetype i = first; i < std::min(last, first + limit); ++i)
        page.append(emailRecord(data, ids.at(i)));
    const bool hasMore = before.isEmpty() ? first + limit < last : first > 0;
    return SimResponse::json(200, QJsonObject{{QStringLiteral("object"), QStringLiteral("list")},
                                              {QStringLiteral("has_more"), hasMore},
                                              {QStringLiteral("data"), page}});
}

void addRateHeaders(SimResponse& response, const SimRequest& request, bool exhausted)
{
    const int limit = request.rate ? request.rate->limit : kRequestsPerSecond;
    const int remaining = exhausted ? 0 : (request.rate ? request.rate->remaining : kRequestsPerSecond - 1);
    response.setHeader("ratelimit-limit", QByteArray::number(limit))
        .setHeader("ratelimit-remaining", QByteArray::number(remaining))
        .setHeader("ratelimit-reset",
                   QByteArray::number(request.rate ? std::max(1, request.rate->resetSeconds) : 1));
}

} // namespace

ProviderSpec resendSpec(const SimData& data)
{
    ProviderSpec spec;
    spec.id = ProviderId::Resend;

    spec.authenticate = [](const SimRequest& request) {
        if (!request.hasHeader("Authorization"))
            return AuthOutcome{};
        AuthOutcome outcome = outcomeFor(authorizationToken(request, "Bearer").value_or(QString()));
        if (outcome.state == CredentialState::Missing) // a header without a Bearer token is a bad key
            outcome.state = CredentialState::Invalid;
        return outcome;
    };
    spec.rejectCredentials = [](const SimRequest& request) {
        if (request.credential == CredentialState::Missing) {
            return resendError(
                401, QStringLiteral("missing_api_key"),
                QStringLiteral("Missing API key in the authorization header. Include the following "
                               "header in the request: Authorization: Bearer YOUR_API_KEY"));
        }
        // Newer docs: a bad key on a non-sending endpoint answers 400 validation_error, on a sending
        // endpoint 401; older docs said 403 invalid_api_key.
        const bool sending =
            request.method == "POST" && request.routePath.startsWith(QStringLiteral("/emails"));
        return resendError(sending ? 401 : 400, QStringLiteral("validation_error"),
                           QStringLiteral("API key is invalid"));
    };
    spec.rateLimited = [](const SimRequest& request, int retryAfterSeconds) {
        SimResponse response = resendError(
            429, QStringLiteral("rate_limit_exceeded"),
            QStringLiteral(
                "Too many requests. You can only make %1 requests per second. See rate limit response "
                "headers for more information.")
                .arg(request.rate ? request.rate->limit : kRequestsPerSecond));
        addRateHeaders(response, request, true);
        response.setHeader("retry-after", QByteArray::number(retryAfterSeconds));
        return response;
    };
    spec.serverError = [](const SimRequest&, int status) {
        return resendError(status, QStringLiteral("api_error"),
                           QStringLiteral("An unexpected error occurred."));
    };
    spec.notFound = [](const SimRequest&) {
        return resendError(404, QStringLiteral("not_found"),
                           QStringLiteral("The requested endpoint does not exist."));
    };
    spec.decorate = [](const SimRequest& request, SimResponse& response) {
        if (response.status != 429)
            addRateHeaders(response, request, false);
    };

    spec.routes.add("GET", QStringLiteral("/domains"),
                    [data](const SimRequest& request) { return domains(data, request); });
    auto memory = std::make_shared<IdempotencyMemory>();
    spec.forget = [memory] {
        memory->clear();
    };
    spec.routes.add("POST", QStringLiteral("/emails"), [data, memory](const SimRequest& request) {
        if (auto conflict = idempotencyConflict(*memory, QStringLiteral("/emails"), request))
            return *conflict;
        SimResponse response = sendEmail(data, request);
        rememberKey(*memory, QStringLiteral("/emails"), request, response);
        return response;
    });
    spec.routes.add("POST", QStringLiteral("/emails/batch"), [data, memory](const SimRequest& request) {
        if (auto conflict = idempotencyConflict(*memory, QStringLiteral("/emails/batch"), request))
            return *conflict;
        SimResponse response = sendBatch(data, request);
        rememberKey(*memory, QStringLiteral("/emails/batch"), request, response);
        return response;
    });
    spec.routes.add("GET", QStringLiteral("/emails"),
                    [data](const SimRequest& request) { return listEmails(data, request); });
    spec.routes.add("GET", QStringLiteral("/emails/{id}"),
                    [data](const SimRequest& request) { return getEmail(data, request); });
    return spec;
}

} // namespace agency::sim
