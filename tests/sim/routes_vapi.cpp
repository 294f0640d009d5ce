// Vapi (shared/providers/vapi.md, contracts/specs/vapi.json): Bearer private key, GET /assistant as the
// key test (a JSON array), GET /phone-number, POST /call and GET /call(/{id}), NestJS-style errors
// {"statusCode","error","message"}.
//
// What Vapi remembers: every call placed with POST /call (with its arrival time on the wall clock),
// listed by GET /call next to the seeded past calls and followed by GET /call/{id} — queued, then in
// progress, then ended with its cost. ProviderSimulator::reset() forgets them.

#include "providerspec.h"
#include "routekit.h"

#include <QHash>
#include <QRegularExpression>

#include <cmath>
#include <memory>

namespace agency::sim {

namespace {

constexpr int kAssistants = 3;
constexpr int kPhoneNumbers = 2;
constexpr int kPastCalls = 3;
// Every call placed through the simulator lasts this long once it has ended, so tests know its cost.
constexpr int kPlacedCallSeconds = 95;
constexpr int kCallSlots = 10; // call-concurrency doc: 10 slots by default

SimResponse vapiError(int status, const QString& error, const QString& message)
{
    // unverified: the NestJS shape is seen in third-party logs, not in the spec.
    return SimResponse::json(status, QJsonObject{{QStringLiteral("statusCode"), status},
                                                 {QStringLiteral("error"), error},
                                                 {QStringLiteral("message"), message}});
}

QString orgId(const SimData& data)
{
    return data.uuid(u"vapi:org");
}

SimResponse assistants(const SimData& data, const SimRequest& request)
{
    static const QStringList names = {QStringLiteral("Appointment setter"),
                                      QStringLiteral("Follow-up caller"),
                                      QStringLiteral("Inbound receptionist")};
    const int limit = limitParameter(request, QStringLiteral("limit"), 100, 1000);
    QJsonArray list;
    for (int i = 0; i < std::min(kAssistants, limit); ++i) {
        const QString salt = QStringLiteral("vapi:assistant:%1").arg(i);
        const QString created = isoMillis(data.dateTime(salt));
        list.append(QJsonObject{
            {QStringLiteral("id"), data.uuid(salt)},
            {QStringLiteral("orgId"), orgId(data)},
            {QStringLiteral("name"), names.at(i)},
            {QStringLiteral("createdAt"), created},
            {QStringLiteral("updatedAt"), created},
            {QStringLiteral("firstMessage"), QStringLiteral("Hi, this is %1 from %2.")
                                                 .arg(data.firstName(salt), data.companyName(u"vapi:org"))},
            {QStringLiteral("model"),
             QJsonObject{{QStringLiteral("provider"), QStringLiteral("anthropic")},
                         {QStringLiteral("model"), QStringLiteral("claude-haiku-4-5")}}},
            {QStringLiteral("voice"), QJsonObject{{QStringLiteral("provider"), QStringLiteral("11labs")},
                                                  {QStringLiteral("voiceId"), data.alnum(salt, 20)}}},
            {QStringLiteral("transcriber"),
             QJsonObject{{QStringLiteral("provider"), QStringLiteral("deepgram")},
                         {QStringLiteral("model"), QStringLiteral("nova-3")}}},
        });
    }
    return SimResponse::json(200, list);
}

SimResponse phoneNumbers(const SimData& data, const SimRequest& request)
{
    const int limit = limitParameter(request, QStringLiteral("limit"), 100, 1000);
    QJsonArray list;
    for (int i = 0; i < std::min(kPhoneNumbers, limit); ++i) {
        const QString salt = QStringLiteral("vapi:number:%1").arg(i);
        const QString created = isoMillis(data.dateTime(salt));
        QJsonObject number{
            {QStringLiteral("id"), data.uuid(salt)},
            {QStringLiteral("orgId"), orgId(data)},
            {QStringLiteral("createdAt"), created},
            {QStringLiteral("updatedAt"), created},
            {QStringLiteral("provider"), i == 0 ? QStringLiteral("twilio") : QStringLiteral("vapi")},
            {QStringLiteral("name"),
             i == 0 ? QStringLiteral("Sydney outbound") : QStringLiteral("US test line")},
            // 61 2 5550 xxxx and 1 555 01xx: ranges reserved for fiction.
            {QStringLiteral("number"), i == 0 ? QStringLiteral("+6125550%1").arg(data.range(salt, 1000, 9999))
                                              : QStringLiteral("+1555010%1").arg(data.range(salt, 10, 99))},
            {QStringLiteral("status"), QStringLiteral("active")},
            {QStringLiteral("assistantId"), data.uuid(u"vapi:assistant:2")},
        };
        if (i == 0)
            number.insert(QStringLiteral("twilioAccountSid"),
                          QString(QStringLiteral("AC") + data.hex(u"vapi:twilio-sid", 32)));
        list.append(number);
    }
    return SimResponse::json(200, list);
}

// Calls placed with POST /call, so that GET /call/{id} can follow them: queued → in-progress → ended.
struct PlacedCalls
{
    QHash<QString, QJsonObject> calls; ///< as created
    QHash<QString, int> polls;         ///< GET /call/{id} count per call
    QStringList order;                 ///< oldest first
};

SimResponse badRequest(const QJsonValue& message)
{
    return SimResponse::json(400, QJsonObject{{QStringLiteral("message"), message},
                                              {QStringLiteral("error"), QStringLiteral("Bad Request")},
                                              {QStringLiteral("statusCode"), 400}});
}

double cents4(double amount)
{
    return std::round(amount * 10000.0) / 10000.0;
}

// The ended form of a call: timings, cost lines (USD, 4 decimals), artifact and analysis.
QJsonObject endCall(QJsonObject call, const SimData& data, const QString& salt, int seconds)
{
    const QDateTime created =
        QDateTime::fromString(call.value(QStringLiteral("createdAt")).toString(), Qt::ISODateWithMs);
    const QDateTime started = created.addSecs(4);
    const QDateTime ended = started.addSecs(seconds);
    const double minutes = seconds / 60.0;
    const double transport = cents4(0.013 * minutes);
    const double stt = cents4(0.0101 * minutes);
    const double llm = cents4(0.0062 * minutes);
    const double tts = cents4(0.036 * minutes);
    const double vapi = cents4(0.05 * minutes); // pricing doc: $0.05 per minute
    const double total = cents4(transport + stt + llm + tts + vapi);
    const QString who =
        call.value(QStringLiteral("customer")).toObject().value(QStringLiteral("name")).toString();
    const QString recording = QStringLiteral("https://storage.vapi.ai/%1-mono.wav")
                                  .arg(call.value(QStringLiteral("id")).toString());
    call.insert(QStringLiteral("status"), QStringLiteral("ended"));
    call.insert(QStringLiteral("startedAt"), isoMillis(started));
    call.insert(QStringLiteral("endedAt"), isoMillis(ended));
    call.insert(QStringLiteral("updatedAt"), isoMillis(ended.addSecs(2)));
    call.insert(QStringLiteral("endedReason"), QStringLiteral("customer-ended-call"));
    call.insert(QStringLiteral("phoneCallProviderId"), QString(QStringLiteral("CA") + data.hex(salt, 32)));
    call.insert(QStringLiteral("cost"), total);
    call.insert(QStringLiteral("costBreakdown"),
                QJsonObject{{QStringLiteral("transport"), transport},
                            {QStringLiteral("stt"), stt},
                            {QStringLiteral("llm"), llm},
                            {QStringLiteral("tts"), tts},
                            {QStringLiteral("vapi"), vapi},
                            {QStringLiteral("total"), total},
                            {QStringLiteral("llmPromptTokens"), 1200 + seconds * 10},
                            {QStringLiteral("llmCompletionTokens"), 300 + seconds * 2},
                            {QStringLiteral("llmCachedPromptTokens"), 0},
                            {QStringLiteral("ttsCharacters"), seconds * 9},
                            {QStringLiteral("analysisCostBreakdown"),
                             QJsonObject{{QStringLiteral("summary"), 0.0004},
                                         {QStringLiteral("summaryPromptTokens"), 410},
                                         {QStringLiteral("summaryCompletionTokens"), 60}}}});
    call.insert(QStringLiteral("costs"),
                QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("transport")},
                                       {QStringLiteral("provider"), QStringLiteral("twilio")},
                                       {QStringLiteral("minutes"), minutes},
                                       {QStringLiteral("cost"), transport}},
                           QJsonObject{{QStringLiteral("type"), QStringLiteral("vapi")},
                                       {QStringLiteral("subType"), QStringLiteral("normal")},
                                       {QStringLiteral("minutes"), minutes},
                                       {QStringLiteral("cost"), vapi}}});
    call.insert(
        QStringLiteral("artifact"),
        QJsonObject{{QStringLiteral("transcript"),
                     QStringLiteral("AI: Hi %1, this is Sam calling about your enquiry.\nUser: Oh hi, yes. "
                                    "Can you call back on Thursday?\nAI: Of course. Talk then.\n")
                         .arg(who.isEmpty() ? QStringLiteral("there") : who)},
                    {QStringLiteral("recordingUrl"), recording},
                    {QStringLiteral("stereoRecordingUrl"),
                     QString(recording).replace(QStringLiteral("-mono"), QStringLiteral("-stereo"))},
                    {QStringLiteral("logUrl"), QStringLiteral("https://calllogs.vapi.ai/%1.jsonl")
                                                   .arg(call.value(QStringLiteral("id")).toString())},
                    {QStringLiteral("messages"), QJsonArray()}});
    call.insert(QStringLiteral("analysis"),
                QJsonObject{{QStringLiteral("summary"),
                             QStringLiteral("The lead asked for a call back on Thursday.")},
                            {QStringLiteral("successEvaluation"), QStringLiteral("true")}});
    return call;
}

// One of the seeded calls made before the simulator started: already ended.
QJsonObject pastCall(const SimData& data, int i)
{
    const QString salt = QStringLiteral("vapi:call:%1").arg(i);
    QJsonObject call{
        {QStringLiteral("id"), data.uuid(salt)},
        {QStringLiteral("orgId"), orgId(data)},
        {QStringLiteral("type"), QStringLiteral("outboundPhoneCall")},
        {QStringLiteral("createdAt"), isoMillis(data.dateTime(salt, 60))},
        {QStringLiteral("assistantId"), data.uuid(QStringLiteral("vapi:assistant:%1").arg(i % kAssistants))},
        {QStringLiteral("phoneNumberId"), data.uuid(u"vapi:number:0")},
        {QStringLiteral("customer"),
         QJsonObject{
             {QStringLiteral("number"), QStringLiteral("+6125550%1").arg(data.range(salt, 1000, 9999))},
             {QStringLiteral("name"), data.firstName(salt)}}},
        {QStringLiteral("phoneCallProvider"), QStringLiteral("twilio")},
        {QStringLiteral("phoneCallTransport"), QStringLiteral("pstn")},
    };
    return endCall(call, data, salt, int(data.range(salt, 20, 400)));
}

bool isUuid(const QString& text)
{
    static const QRegularExpression shape(
        QStringLiteral("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"));
    return shape.match(text).hasMatch();
}

bool knownId(const SimData& data, const QString& id, const char16_t* kind, int count)
{
    for (int i = 0; i < count; ++i) {
        if (data.uuid(QStringLiteral("vapi:%1:%2").arg(QString::fromUtf16(kind)).arg(i)) == id)
            return true;
    }
    return false;
}

SimResponse createCall(const SimData& data, PlacedCalls& placed, const SimRequest& request)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return badRequest(QStringLiteral("Unexpected token in JSON at position %1").arg(parseError.offset));
    const QJsonObject body = document.object();

    // unverified: the texts below follow the third-party "Couldn't Get Phone Number" shape.
    const QString assistantId = body.value(QStringLiteral("assistantId")).toString();
    if (assistantId.isEmpty() && !body.contains(QStringLiteral("assistant")) &&
        !body.contains(QStringLiteral("squadId")) && !body.contains(QStringLiteral("squad")) &&
        !body.contains(QStringLiteral("workflowId")) && !body.contains(QStringLiteral("workflow")))
        return badRequest(QStringLiteral("Couldn't Get Assistant. Need Either `assistant`, `assistantId`, "
                                         "`squad`, `squadId`, `workflow`, Or `workflowId`."));
    if (!assistantId.isEmpty() && !knownId(data, assistantId, u"assistant", kAssistants))
        return badRequest(
            QStringLiteral("Couldn't Get Assistant. `assistantId` %1 Does Not Exist.").arg(assistantId));
    const QString phoneNumberId = body.value(QStringLiteral("phoneNumberId")).toString();
    if (phoneNumberId.isEmpty() && !body.contains(QStringLiteral("phoneNumber")))
        return badRequest(
            QStringLiteral("Couldn't Get Phone Number. Need Either `phoneNumberId` Or `phoneNumber`."));
    if (!phoneNumberId.isEmpty() && !knownId(data, phoneNumberId, u"number", kPhoneNumbers))
        return badRequest(QStringLiteral("Couldn't Get Phone Number. `phoneNumberId` %1 Does Not Exist.")
                              .arg(phoneNumberId));
    const QJsonObject customer = body.value(QStringLiteral("customer")).toObject();
    if (customer.isEmpty() && !body.contains(QStringLiteral("customerId")))
        return badRequest(QStringLiteral("Couldn't Get Customer. Need Either `customer` Or `customerId`."));

    // Validation failures come as a list of texts (class-validator), as NestJS answers them.
    QJsonArray problems;
    static const QRegularExpression e164(QStringLiteral("^\\+[1-9][0-9]{1,14}$"));
    const QString number = customer.value(QStringLiteral("number")).toString();
    if (customer.value(QStringLiteral("numberE164CheckEnabled")).toBool(true) && !number.isEmpty() &&
        !e164.match(number).hasMatch())
        problems.append(
            QStringLiteral("customer.number must be a valid phone number in the E.164 format. Hot "
                           "tip, you may be missing the country code (Eg. US: +1)."));
    const QJsonObject overrides = body.value(QStringLiteral("assistantOverrides")).toObject();
    if (overrides.contains(QStringLiteral("maxDurationSeconds"))) {
        const double seconds = overrides.value(QStringLiteral("maxDurationSeconds")).toDouble(-1);
        if (seconds < 10)
            problems.append(QStringLiteral("assistantOverrides.maxDurationSeconds must not be less than 10"));
        else if (seconds > 43200)
            problems.append(
                QStringLiteral("assistantOverrides.maxDurationSeconds must not be greater than 43200"));
    }
    if (!problems.isEmpty())
        return badRequest(problems);

    const QString salt = QStringLiteral("vapi:placed:%1").arg(request.requestId);
    const QString id = data.uuid(salt);
    // The one wall-clock value here: a placed call is listed by its arrival time, so that a caller
    // that lost the answer can find it with createdAtGt, as in Vapi's own list (reconciliation).
    const QDateTime created = QDateTime::currentDateTimeUtc();
    QJsonObject call{
        {QStringLiteral("id"), id},
        {QStringLiteral("orgId"), orgId(data)},
        {QStringLiteral("type"), QStringLiteral("outboundPhoneCall")},
        {QStringLiteral("status"), QStringLiteral("queued")},
        {QStringLiteral("createdAt"), isoMillis(created)},
        {QStringLiteral("updatedAt"), isoMillis(created)},
        {QStringLiteral("assistantId"), assistantId},
        {QStringLiteral("phoneNumberId"), phoneNumberId},
        {QStringLiteral("customer"), customer},
        {QStringLiteral("phoneCallProvider"), QStringLiteral("twilio")},
        {QStringLiteral("phoneCallTransport"), QStringLiteral("pstn")},
    };
    if (body.contains(QStringLiteral("name")))
        call.insert(QStringLiteral("name"), body.value(QStringLiteral("name")));
    if (!overrides.isEmpty())
        call.insert(QStringLiteral("assistantOverrides"), overrides);
    placed.calls.insert(id, call);
    placed.order.append(id);

    QJsonObject answer = call;
    answer.insert(QStringLiteral("subscriptionLimits"),
                  QJsonObject{{QStringLiteral("concurrencyBlocked"), false},
                              {QStringLiteral("concurrencyLimit"), kCallSlots},
                              {QStringLiteral("remainingConcurrentCalls"), kCallSlots - 1}});
    return SimResponse::json(201, answer);
}

// A placed call moves on with every look: in progress at the first, ended (with its cost) after.
QJsonObject placedCallNow(const SimData& data, PlacedCalls& placed, const QString& id, bool countLook)
{
    const int looks = countLook ? ++placed.polls[id] : placed.polls.value(id);
    QJsonObject call = placed.calls.value(id);
    if (looks == 0)
        return call;
    if (looks == 1) {
        const QDateTime created =
            QDateTime::fromString(call.value(QStringLiteral("createdAt")).toString(), Qt::ISODateWithMs);
        call.insert(QStringLiteral("status"), QStringLiteral("in-progress"));
        call.insert(QStringLiteral("startedAt"), isoMillis(created.addSecs(4)));
        call.insert(QStringLiteral("updatedAt"), isoMillis(created.addSecs(4)));
        return call;
    }
    return endCall(call, data, QStringLiteral("vapi:placed:%1").arg(id), kPlacedCallSeconds);
}

SimResponse getCall(const SimData& data, PlacedCalls& placed, const SimRequest& request)
{
    const QString id = request.params.value(QStringLiteral("id"));
    if (!isUuid(id))
        return badRequest(QStringLiteral("Validation failed (uuid is expected)"));
    if (placed.calls.contains(id))
        return SimResponse::json(200, placedCallNow(data, placed, id, true));
    for (int i = 0; i < kPastCalls; ++i) {
        if (data.uuid(QStringLiteral("vapi:call:%1").arg(i)) == id)
            return SimResponse::json(200, pastCall(data, i));
    }
    // unverified: the not-found text.
    return vapiError(404, QStringLiteral("Not Found"), QStringLiteral("Call not found"));
}

SimResponse listCalls(const SimData& data, PlacedCalls& placed, const SimRequest& request)
{
    QList<QJsonObject> calls;
    for (auto it = placed.order.crbegin(); it != placed.order.crend(); ++it)
        calls.append(placedCallNow(data, placed, *it, false));
    for (int i = 0; i < kPastCalls; ++i)
        calls.append(pastCall(data, i));
    std::stable_sort(calls.begin(), calls.end(), [](const QJsonObject& a, const QJsonObject& b) {
        return a.value(QStringLiteral("createdAt")).toString() >
               b.value(QStringLiteral("createdAt")).toString();
    });

    const auto bound = [&request](const QString& name) {
        return QDateTime::fromString(request.queryValue(name), Qt::ISODateWithMs);
    };
    const QDateTime before = bound(QStringLiteral("createdAtLt"));
    const QDateTime after = bound(QStringLiteral("createdAtGt"));
    const QString assistantId = request.queryValue(QStringLiteral("assistantId"));
    const QString phoneNumberId = request.queryValue(QStringLiteral("phoneNumberId"));
    const int limit = limitParameter(request, QStringLiteral("limit"), 100, 1000);
    QJsonArray list;
    for (const QJsonObject& call : std::as_const(calls)) {
        const QDateTime created =
            QDateTime::fromString(call.value(QStringLiteral("createdAt")).toString(), Qt::ISODateWithMs);
        if ((before.isValid() && created >= before) || (after.isValid() && created <= after))
            continue;
        if (!assistantId.isEmpty() && call.value(QStringLiteral("assistantId")).toString() != assistantId)
            continue;
        if (!phoneNumberId.isEmpty() &&
            call.value(QStringLiteral("phoneNumberId")).toString() != phoneNumberId)
            continue;
        if (list.size() >= limit)
            break;
        list.append(call);
    }
    return SimResponse::json(200, list);
}

} // namespace

ProviderSpec vapiSpec(const SimData& data)
{
    ProviderSpec spec;
    spec.id = ProviderId::Vapi;

    spec.authenticate = [](const SimRequest& request) {
        if (!request.hasHeader("Authorization"))
            return AuthOutcome{};
        AuthOutcome outcome = outcomeFor(authorizationToken(request, "Bearer").value_or(QString()));
        if (outcome.state == CredentialState::Missing)
            outcome.state = CredentialState::Invalid;
        return outcome;
    };
    spec.rejectCredentials = [](const SimRequest& request) {
        if (request.credential == CredentialState::Missing) {
            // unverified: third parties report a shorter "Unauthorized" body when no key is recognised.
            return SimResponse::json(
                401, QJsonObject{{QStringLiteral("statusCode"), 401},
                                 {QStringLiteral("message"), QStringLiteral("Unauthorized")}});
        }
        return vapiError(
            401, QStringLiteral("Unauthorized"),
            QStringLiteral("Invalid Key. Hot tip, you may be using the private key instead of the "
                           "public key, or vice versa."));
    };
    spec.rateLimited = [](const SimRequest&, int) {
        // unverified: Vapi documents neither the 429 body nor Retry-After.
        return vapiError(429, QStringLiteral("Too Many Requests"),
                         QStringLiteral("ThrottlerException: Too Many Requests"));
    };
    spec.serverError = [](const SimRequest&, int status) {
        return vapiError(status, QStringLiteral("Internal Server Error"),
                         QStringLiteral("Internal server error"));
    };
    spec.notFound = [](const SimRequest& request) {
        return vapiError(
            404, QStringLiteral("Not Found"),
            QStringLiteral("Cannot %1 %2").arg(QString::fromLatin1(request.method), request.path));
    };

    spec.routes.add("GET", QStringLiteral("/assistant"),
                    [data](const SimRequest& request) { return assistants(data, request); });
    spec.routes.add("GET", QStringLiteral("/phone-number"),
                    [data](const SimRequest& request) { return phoneNumbers(data, request); });
    auto placed = std::make_shared<PlacedCalls>();
    spec.forget = [placed] {
        *placed = PlacedCalls();
    };
    spec.routes.add("POST", QStringLiteral("/call"),
                    [data, placed](const SimRequest& request) { return createCall(data, *placed, request); });
    spec.routes.add("GET", QStringLiteral("/call"),
                    [data, placed](const SimRequest& request) { return listCalls(data, *placed, request); });
    spec.routes.add("GET", QStringLiteral("/call/{id}"),
                    [data, placed](const SimRequest& request) { return getCall(data, *placed, request); });
    return spec;
}

} // namespace agency::sim
