// ElevenLabs (shared/providers/elevenlabs.md, contracts/specs/elevenlabs.json): xi-api-key header,
// GET /v1/user/subscription as the check (quota fields), GET /v1/models as the fallback for scoped keys,
// GET /v2/voices (paginated), POST /v1/text-to-speech/{voice_id} (MP3 bytes, character-cost header),
// errors as {"detail":{"status","message"}} or FastAPI's 422 {"detail":[…]}, request-id on every answer.

#include "providerspec.h"
#include "routekit.h"

#include <cmath>

namespace agency::sim {

namespace {

constexpr int kVoices = 24;
// Speech runs at about 15 characters a second (150 words a minute): the audio's length, and so its
// size at the format's bit rate, follows from the text.
constexpr double kCharactersPerSecond = 15.0;

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

struct Model
{
    const char16_t* id;
    const char16_t* name;
    int maxCharacters;
    double multiplier; ///< credits per character: Flash and Turbo cost 1 credit per 2 characters
    const char16_t* group;
};
// Character limits from the models doc (elevenlabs.md §5).
constexpr Model kModels[] = {
    {u"eleven_multilingual_v2", u"Eleven Multilingual v2", 10000, 1.0, u"standard"},
    {u"eleven_flash_v2_5", u"Eleven Flash v2.5", 40000, 0.5, u"turbo"},
    {u"eleven_turbo_v2_5", u"Eleven Turbo v2.5", 40000, 0.5, u"turbo"},
    {u"eleven_v3", u"Eleven v3", 3000, 1.0, u"standard"},
};
// Served for text to speech but not listed by the simulator's /v1/models (older models).
constexpr Model kOlderModels[] = {
    {u"eleven_flash_v2", u"Eleven Flash v2", 30000, 0.5, u"turbo"},
    {u"eleven_turbo_v2", u"Eleven Turbo v2", 30000, 0.5, u"turbo"},
};

const Model* findModel(const QString& id)
{
    for (const Model& model : kModels) {
        if (id == QStringView(model.id))
            return &model;
    }
    for (const Model& model : kOlderModels) {
        if (id == QStringView(model.id))
            return &model;
    }
    return nullptr;
}

SimResponse models()
{
    QJsonArray array;
    for (const Model& model : kModels) {
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

// FastAPI's validation answer (422), one problem.
SimResponse validationError(const QJsonArray& location, const QString& type, const QString& message,
                            const QJsonValue& input)
{
    return SimResponse::json(422, QJsonObject{{QStringLiteral("detail"),
                                               QJsonArray{QJsonObject{{QStringLiteral("type"), type},
                                                                      {QStringLiteral("loc"), location},
                                                                      {QStringLiteral("msg"), message},
                                                                      {QStringLiteral("input"), input}}}}});
}

QString voiceId(const SimData& data, int i)
{
    return data.alnum(QStringLiteral("eleven:voice:%1").arg(i), 20);
}

QJsonObject voiceObject(const SimData& data, int i)
{
    const QString salt = QStringLiteral("eleven:voice:%1").arg(i);
    const QString id = voiceId(data, i);
    const bool cloned = i % 6 == 5;
    const QJsonObject settings{{QStringLiteral("stability"), 0.5},
                               {QStringLiteral("use_speaker_boost"), true},
                               {QStringLiteral("similarity_boost"), 0.75},
                               {QStringLiteral("style"), 0.0},
                               {QStringLiteral("speed"), 1.0}};
    QJsonObject voice{
        {QStringLiteral("voice_id"), id},
        {QStringLiteral("name"), QStringLiteral("%1 %2").arg(data.firstName(salt), data.lastName(salt))},
        {QStringLiteral("category"), cloned ? QStringLiteral("cloned") : QStringLiteral("premade")},
        {QStringLiteral("labels"),
         QJsonObject{
             {QStringLiteral("accent"),
              data.pick(salt, {QStringLiteral("australian"), QStringLiteral("american"),
                               QStringLiteral("british")})},
             {QStringLiteral("gender"), i % 2 == 0 ? QStringLiteral("female") : QStringLiteral("male")},
             {QStringLiteral("age"),
              data.pick(QString(salt + u'a'), {QStringLiteral("young"), QStringLiteral("middle_aged")})},
             {QStringLiteral("use_case"), QStringLiteral("conversational")}}},
        {QStringLiteral("description"), QStringLiteral("A warm, clear voice for phone calls.")},
        {QStringLiteral("preview_url"),
         QStringLiteral("https://storage.googleapis.com/eleven-public-prod/premade/voices/%1/preview.mp3")
             .arg(id)},
        {QStringLiteral("available_for_tiers"), QJsonArray()},
        {QStringLiteral("settings"), settings},
        {QStringLiteral("high_quality_base_model_ids"),
         QJsonArray{QStringLiteral("eleven_multilingual_v2"), QStringLiteral("eleven_flash_v2_5")}},
        {QStringLiteral("is_owner"), cloned},
        {QStringLiteral("is_legacy"), false},
        {QStringLiteral("created_at_unix"), qint64(1735689600) + data.range(salt, 0, 20'000'000)},
        {QStringLiteral("sharing"), QJsonValue::Null},
    };
    return voice;
}

// The page token is opaque to clients: here, the offset of the next page.
QString pageToken(int offset)
{
    return QString::fromLatin1(QByteArray("offset:" + QByteArray::number(offset)).toBase64());
}

std::optional<int> offsetOf(const QString& token)
{
    const QByteArray decoded = QByteArray::fromBase64(token.toLatin1());
    if (!decoded.startsWith("offset:"))
        return std::nullopt;
    bool ok = false;
    const int offset = decoded.mid(7).toInt(&ok);
    return ok && offset >= 0 ? std::optional<int>(offset) : std::nullopt;
}

SimResponse voices(const SimData& data, const SimRequest& request)
{
    if (request.limited()) // the scoped demo key may speak, not list voices
        return elevenError(
            401, QStringLiteral("missing_permissions"),
            QStringLiteral("The API key you used is missing the permission voices_read to execute "
                           "this operation."));
    int pageSize = 10;
    if (request.query.hasQueryItem(QStringLiteral("page_size"))) {
        bool ok = false;
        const QString text = request.queryValue(QStringLiteral("page_size"));
        pageSize = text.toInt(&ok);
        if (!ok)
            return validationError(
                QJsonArray{QStringLiteral("query"), QStringLiteral("page_size")},
                QStringLiteral("int_parsing"),
                QStringLiteral("Input should be a valid integer, unable to parse string as an integer"),
                text);
        if (pageSize > 100)
            return validationError(QJsonArray{QStringLiteral("query"), QStringLiteral("page_size")},
                                   QStringLiteral("less_than_equal"),
                                   QStringLiteral("Input should be less than or equal to 100"), text);
        pageSize = std::max(pageSize, 1);
    }
    int offset = 0;
    const QString token = request.queryValue(QStringLiteral("next_page_token"));
    if (!token.isEmpty()) {
        const std::optional<int> parsed = offsetOf(token);
        if (!parsed) // unverified: the answer to a token the provider did not issue
            return elevenError(400, QStringLiteral("invalid_page_token"),
                               QStringLiteral("Invalid next_page_token."));
        offset = *parsed;
    }
    const QString search = request.queryValue(QStringLiteral("search")).toLower();
    const QString category = request.queryValue(QStringLiteral("category"));
    QList<QJsonObject> matching;
    for (int i = 0; i < kVoices; ++i) {
        const QJsonObject voice = voiceObject(data, i);
        if (!category.isEmpty() && voice.value(QStringLiteral("category")).toString() != category)
            continue;
        if (!search.isEmpty()) {
            QString haystack = voice.value(QStringLiteral("name")).toString() + u' ' +
                               voice.value(QStringLiteral("description")).toString() + u' ' +
                               voice.value(QStringLiteral("category")).toString();
            for (const QJsonValue& label : voice.value(QStringLiteral("labels")).toObject())
                haystack += u' ' + label.toString();
            if (!haystack.toLower().contains(search))
                continue;
        }
        matching.append(voice);
    }
    if (request.queryValue(QStringLiteral("sort")) == u"name") {
        const bool descending = request.queryValue(QStringLiteral("sort_direction")) == u"desc";
        std::stable_sort(matching.begin(), matching.end(),
                         [descending](const QJsonObject& a, const QJsonObject& b) {
                             const QString left = a.value(QStringLiteral("name")).toString();
                             const QString right = b.value(QStringLiteral("name")).toString();
                             return descending ? right < left : left < right;
                         });
    }
    QJsonArray page;
    for (qsizetype i = offset; i < std::min<qsizetype>(matching.size(), qsizetype(offset) + pageSize); ++i)
        page.append(matching.at(i));
    const bool hasMore = offset + pageSize < matching.size();
    return SimResponse::json(200, QJsonObject{{QStringLiteral("voices"), page},
                                              {QStringLiteral("has_more"), hasMore},
                                              {QStringLiteral("total_count"), int(matching.size())},
                                              {QStringLiteral("next_page_token"),
                                               hasMore ? QJsonValue(pageToken(offset + pageSize))
                                                       : QJsonValue(QJsonValue::Null)}});
}

// Audio of `bytes` bytes that looks like MPEG-1 Layer III: one 417-byte frame (128 kbit/s, 44.1 kHz)
// over and over, after an ID3v2 header.
QByteArray fakeMp3(qint64 bytes)
{
    static const QByteArray frame = [] {
        QByteArray f(417, '\x55');
        f[0] = '\xFF';
        f[1] = '\xFB';
        f[2] = '\x90';
        f[3] = '\x64';
        return f;
    }();
    QByteArray audio;
    audio.reserve(bytes);
    audio.append("ID3\x04\x00\x00\x00\x00\x00\x00", 10);
    while (audio.size() < bytes)
        audio.append(frame.constData(), std::min<qsizetype>(frame.size(), bytes - audio.size()));
    audio.truncate(bytes);
    return audio;
}

qint64 characterCount(const QString& text)
{
    qint64 count = 0;
    for (const QChar c : text) {
        if (!c.isLowSurrogate())
            ++count;
    }
    return count;
}

SimResponse speech(const SimData& data, const SimRequest& request)
{
    static const QStringList formats = {
        QStringLiteral("alaw_8000"),      QStringLiteral("mp3_22050_32"),  QStringLiteral("mp3_24000_48"),
        QStringLiteral("mp3_44100_128"),  QStringLiteral("mp3_44100_192"), QStringLiteral("mp3_44100_32"),
        QStringLiteral("mp3_44100_64"),   QStringLiteral("mp3_44100_96"),  QStringLiteral("opus_48000_128"),
        QStringLiteral("opus_48000_192"), QStringLiteral("opus_48000_32"), QStringLiteral("opus_48000_64"),
        QStringLiteral("opus_48000_96"),  QStringLiteral("pcm_16000"),     QStringLiteral("pcm_22050"),
        QStringLiteral("pcm_24000"),      QStringLiteral("pcm_32000"),     QStringLiteral("pcm_44100"),
        QStringLiteral("pcm_48000"),      QStringLiteral("pcm_8000"),      QStringLiteral("ulaw_8000"),
        QStringLiteral("wav_16000"),      QStringLiteral("wav_22050"),     QStringLiteral("wav_24000"),
        QStringLiteral("wav_32000"),      QStringLiteral("wav_44100"),     QStringLiteral("wav_48000"),
        QStringLiteral("wav_8000")};
    const QString format = request.query.hasQueryItem(QStringLiteral("output_format"))
                               ? request.queryValue(QStringLiteral("output_format"))
                               : QStringLiteral("mp3_44100_128");
    if (!formats.contains(format))
        return validationError(
            QJsonArray{QStringLiteral("query"), QStringLiteral("output_format")}, QStringLiteral("enum"),
            QStringLiteral("Input should be 'alaw_8000', 'mp3_22050_32', … or 'wav_8000'"), format);

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return validationError(QJsonArray{QStringLiteral("body"), parseError.offset},
                               QStringLiteral("json_invalid"), QStringLiteral("JSON decode error"),
                               QJsonObject());
    const QJsonObject body = document.object();
    if (!body.value(QStringLiteral("text")).isString())
        return validationError(QJsonArray{QStringLiteral("body"), QStringLiteral("text")},
                               QStringLiteral("missing"), QStringLiteral("Field required"), body);
    const QString text = body.value(QStringLiteral("text")).toString();

    const QString voice = request.params.value(QStringLiteral("voice_id"));
    bool knownVoice = false;
    for (int i = 0; i < kVoices && !knownVoice; ++i)
        knownVoice = voiceId(data, i) == voice;
    if (!knownVoice)
        return elevenError(400, QStringLiteral("voice_not_found"),
                           QStringLiteral("A voice with voice_id %1 does not exist.").arg(voice));
    const QString modelId =
        body.value(QStringLiteral("model_id")).toString(QStringLiteral("eleven_multilingual_v2"));
    const Model* model = findModel(modelId);
    if (!model) // unverified: the code and text for an unknown model
        return elevenError(400, QStringLiteral("model_not_found"),
                           QStringLiteral("A model with model ID %1 does not exist.").arg(modelId));
    const qint64 characters = characterCount(text);
    if (characters > model->maxCharacters)
        return elevenError(
            400, QStringLiteral("max_character_limit_exceeded"),
            QStringLiteral("You are sending %1 characters, but the maximum for %2 is %3 characters.")
                .arg(characters)
                .arg(modelId)
                .arg(model->maxCharacters));

    // Charged against the seeded subscription's quota (the same numbers /v1/user/subscription shows).
    const qint64 credits = qint64(std::ceil(double(characters) * model->multiplier));
    const qint64 limit = data.range(u"eleven:limit", 2, 20) * 50000;
    const qint64 remaining = limit - data.range(u"eleven:used", 0, limit);
    if (credits > remaining)
        return elevenError(
            401, QStringLiteral("quota_exceeded"),
            QStringLiteral("This request exceeds your quota of %1. You have %2 credits remaining, while "
                           "%3 credits are required for this request.")
                .arg(limit)
                .arg(remaining)
                .arg(credits));

    const int kbps = format.startsWith(u"mp3_") ? format.section(u'_', 2).toInt() : 128;
    const double seconds = std::max(1.0, double(characters) / kCharactersPerSecond);
    const auto bytes = qint64(seconds * kbps * 1000 / 8);
    const QString tier = data.pick(u"eleven:tier", {QStringLiteral("creator"), QStringLiteral("pro")});
    SimResponse response;
    response.status = 200;
    response.body = fakeMp3(bytes);
    response.withHeader("Content-Type", "audio/mpeg")
        .withHeader("character-cost", QByteArray::number(credits))
        .withHeader("current-concurrent-requests", "1")
        .withHeader("maximum-concurrent-requests", tier == u"pro" ? "10" : "5");
    return response;
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
    spec.routes.add("GET", QStringLiteral("/v2/voices"),
                    [data](const SimRequest& request) { return voices(data, request); });
    spec.routes.add("POST", QStringLiteral("/v1/text-to-speech/{voice_id}"),
                    [data](const SimRequest& request) { return speech(data, request); });
    return spec;
}

} // namespace agency::sim
