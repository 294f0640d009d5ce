// Vapi (shared/providers/vapi.md, contracts/specs/vapi.json): Bearer private key, GET /assistant as the
// key test (a JSON array), GET /phone-number, NestJS-style errors {"statusCode","error","message"}.

#include "providerspec.h"
#include "routekit.h"

namespace agency::sim {

namespace {

constexpr int kAssistants = 3;
constexpr int kPhoneNumbers = 2;

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
    return spec;
}

} // namespace agency::sim
