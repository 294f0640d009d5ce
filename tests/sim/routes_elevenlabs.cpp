// ElevenLabs (shared/providers/elevenlabs.md, contracts/specs/elevenlabs.json): xi-api-key header,
// GET /v1/user/subscription as the check (quota fields), GET /v1/models as the fallback for scoped keys,
// errors as {"detail":{"status","message"}}, request-id on every answer.

#include "providerspec.h"
#include "routekit.h"

namespace agency::sim {

namespace {

SimResponse elevenError(int status, const QString& code, const QString& message)
{
    return SimResponse::json(
        status, QJsonObject{{QStringLiteral("detail"), QJsonObject{{QStringLiteral("status"), code},
                                                                   {QStringLiteral("message"), message}}}});
}

SimResponse subscription(const SimData& data, const SimRequest& request)
{
    if (request.limited()) {
        // A key restricted to text-to-speech: valid, but not for /v1/user.
        return elevenError(
            401, QStringLiteral("missing_permissions"),
            QStringLiteral("The API key you used is missing the permission user_read to execute this "
                           "operation."));
    }
    const qint64 limit = data.range(u"eleven:limit", 2, 20) * 50000;
    const qint64 used = data.range(u"eleven:used", 0, limit);
    return SimResponse::json(
        200, QJsonObject{
                 {QStringLiteral("tier"),
                  data.pick(u"eleven:tier", {QStringLiteral("creator"), QStringLiteral("pro")})},
                 {QStringLiteral("character_count"), used},
                 {QStringLiteral("character_limit"), limit},
                 {QStringLiteral("max_character_limit_extension"), QJsonValue::Null},
                 {QStringLiteral("max_credit_limit_extension"), 0},
                 {QStringLiteral("can_extend_character_limit"), true},
                 {QStringLiteral("allowed_to_extend_character_limit"), false},
                 // 2026-02-01T00:00:00Z: fixed, so the body does not depend on the clock.
                 {QStringLiteral("next_character_count_reset_unix"), qint64(1769904000)},
                 {QStringLiteral("voice_slots_used"), data.range(u"eleven:voices", 1, 10)},
                 {QStringLiteral("professional_voice_slots_used"), 0},
                 {QStringLiteral("professional_voice_slots_used_in_workspace"), 0},
                 {QStringLiteral("voice_limit"), 30},
                 {QStringLiteral("max_voice_add_edits"), 95},
                 {QStringLiteral("voice_add_edit_counter"), data.range(u"eleven:edits", 0, 20)},
                 {QStringLiteral("professional_voice_limit"), 1},
                 {QStringLiteral("can_extend_voice_limit"), false},
                 {QStringLiteral("can_use_instant_voice_cloning"), true},
                 {QStringLiteral("can_use_professional_voice_cloning"), true},
                 {QStringLiteral("currency"), QStringLiteral("usd")},
                 {QStringLiteral("current_overage"),
                  QJsonObject{{QStringLiteral("amount"), QStringLiteral("0.00")},
                              {QStringLiteral("currency"), QStringLiteral("usd")}}},
                 {QStringLiteral("status"), QStringLiteral("active")},
                 {QStringLiteral("billing_period"), QStringLiteral("monthly_period")},
                 {QStringLiteral("character_refresh_period"), QStringLiteral("monthly_period")},
                 {QStringLiteral("next_invoice"), QJsonValue::Null},
                 {QStringLiteral("open_invoices"), QJsonArray()},
                 {QStringLiteral("has_open_invoices"), false},
                 {QStringLiteral("pending_change"), QJsonValue::Null},
             });
}

SimResponse models()
{
    struct Model
    {
        const char16_t* id;
        const char16_t* name;
        int maxCharacters;
        double multiplier;
        const char16_t* group;
    };
    // Character limits from the models doc (elevenlabs.md §5).
    static constexpr Model list[] = {
        {u"eleven_multilingual_v2", u"Eleven Multilingual v2", 10000, 1.0, u"standard"},
        {u"eleven_flash_v2_5", u"Eleven Flash v2.5", 40000, 0.5, u"turbo"},
        {u"eleven_turbo_v2_5", u"Eleven Turbo v2.5", 40000, 0.5, u"turbo"},
        {u"eleven_v3", u"Eleven v3", 3000, 1.0, u"standard"},
    };
    QJsonArray array;
    for (const Model& model : list) {
        array.append(QJsonObject{
            {QStringLiteral("model_id"), QString::fromUtf16(model.id)},
            {QStringLiteral("name"), QString::fromUtf16(model.name)},
            {QStringLiteral("can_do_text_to_speech"), true},
            {QStringLiteral("maximum_text_length_per_request"), model.maxCharacters},
            {QStringLiteral("max_characters_request_free_user"), 2500},
            {QStringLiteral("max_characters_request_subscribed_user"), model.maxCharacters},
            {QStringLiteral("token_cost_factor"), model.multiplier},
            {QStringLiteral("model_rates"),
             QJsonObject{{QStringLiteral("character_cost_multiplier"), model.multiplier}}},
            {QStringLiteral("concurrency_group"), QString::fromUtf16(model.group)},
            {QStringLiteral("languages"),
             QJsonArray{QJsonObject{{QStringLiteral("language_id"), QStringLiteral("en")},
                                    {QStringLiteral("name"), QStringLiteral("English")}}}},
        });
    }
    return SimResponse::json(200, array);
}

} // namespace

ProviderSpec elevenLabsSpec(const SimData& data)
{
    ProviderSpec spec;
    spec.id = ProviderId::ElevenLabs;

    spec.authenticate = [](const SimRequest& request) {
        return secretFromHeader(request, "xi-api-key");
    };
    spec.rejectCredentials = [](const SimRequest& request) {
        // elevenlabs.md: invalid_api_key covers "key missing/wrong"; the missing-key text is unverified.
        if (request.credential == CredentialState::Missing)
            return elevenError(401, QStringLiteral("invalid_api_key"),
                               QStringLiteral("No API key was provided."));
        return elevenError(401, QStringLiteral("invalid_api_key"), QStringLiteral("Invalid API key"));
    };
    spec.rateLimited = [](const SimRequest&, int) {
        // Concurrency, not requests per minute, is the documented limit.
        return elevenError(429, QStringLiteral("too_many_concurrent_requests"),
                           QStringLiteral(
                               "Too many concurrent requests. Your current subscription allows 5 concurrent "
                               "requests."))
            .withHeader("current-concurrent-requests", "6")
            .withHeader("maximum-concurrent-requests", "5");
    };
    spec.serverError = [](const SimRequest&, int status) {
        // unverified: elevenlabs.md lists no 5xx status code; system_busy is its documented overload answer.
        if (status == 503)
            return elevenError(503, QStringLiteral("system_busy"),
                               QStringLiteral("The system is experiencing heavy traffic, please try again."));
        return elevenError(status, QStringLiteral("internal_server_error"),
                           QStringLiteral("Internal server error."));
    };
    spec.notFound = [](const SimRequest&) {
        return SimResponse::json(404, QJsonObject{{QStringLiteral("detail"), QStringLiteral("Not Found")}});
    };
    spec.decorate = [](const SimRequest& request, SimResponse& response) {
        response.setHeader("request-id", request.requestId.toLatin1());
    };

    spec.routes.add("GET", QStringLiteral("/v1/user/subscription"),
                    [data](const SimRequest& request) { return subscription(data, request); });
    spec.routes.add("GET", QStringLiteral("/v1/models"), [](const SimRequest&) { return models(); });
    return spec;
}

} // namespace agency::sim
