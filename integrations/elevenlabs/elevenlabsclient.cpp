#include "elevenlabsclient.h"

#include "integrations/costing.h"
#include "integrations/elevenlabs/audiosinkguard.h"
#include "integrations/elevenlabs/elevenlabsjson.h"
#include "integrations/http/httpcore.h"
#include "model/catalogue.h"
#include "model/redaction.h"

#include <QElapsedTimer>
#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

#include <cmath>

namespace agency {

namespace {

// --- Facts this client relies on (shared/providers/elevenlabs.md, contracts/specs/elevenlabs.json) --
struct ModelFacts
{
    const char16_t* id;
    qint64 maxCharacters;       ///< per request (models doc)
    double creditsPerCharacter; ///< Flash and Turbo: 1 credit per 2 characters (help centre)
};
constexpr ModelFacts kModels[] = {
    {u"eleven_v3", 3'000, 1.0},          {u"eleven_multilingual_v2", 10'000, 1.0},
    {u"eleven_flash_v2_5", 40'000, 0.5}, {u"eleven_flash_v2", 30'000, 0.5},
    {u"eleven_turbo_v2_5", 40'000, 0.5}, {u"eleven_turbo_v2", 30'000, 0.5},
};
// MP3 output formats of the spec's output_format enum (192 kbps needs Creator or above).
const QStringList kMp3Formats = {QStringLiteral("mp3_22050_32"), QStringLiteral("mp3_24000_48"),
                                 QStringLiteral("mp3_44100_32"), QStringLiteral("mp3_44100_64"),
                                 QStringLiteral("mp3_44100_96"), QStringLiteral("mp3_44100_128"),
                                 QStringLiteral("mp3_44100_192")};
// Concurrent requests per plan for Multilingual v2 (models doc, Aug 2025); Flash/Turbo allow twice as
// many. Above the limit requests queue or get 429 too_many_concurrent_requests.
struct TierConcurrency
{
    const char16_t* tier;
    int concurrent;
};
constexpr TierConcurrency kTiers[] = {{u"free", 2}, {u"starter", 3}, {u"creator", 5},
                                      {u"pro", 10}, {u"scale", 15},  {u"business", 15}};
constexpr int kLowestConcurrency = 2;
// The header that says what a generation was charged: `character-cost` in the request-stitching
// cookbook and the docs' introduction, `x-character-count` in the markdown copy of that page. Both
// are read. Its value is in credits (characters × the model's rate), which is what the price is per.
const QByteArrayList kChargeHeaders = {"character-cost", "x-character-count"};
// Generation time grows with the text: 60 s plus 4 ms a character (~3.7 min for 40,000 characters).
constexpr std::chrono::milliseconds kSpeechBaseTimeout{60'000};
constexpr qint64 kSpeechTimeoutPerCharacterMs = 4;
const QString kSynthesize = QStringLiteral("text_to_speech");
// ---------------------------------------------------------------------------------------------------

// The error guide lists these under 400/401: a 401 that is about the request, not the key, must not
// read as a refused credential.
const QStringList kRequestProblems = {QStringLiteral("quota_exceeded"),
                                      QStringLiteral("max_character_limit_exceeded"),
                                      QStringLiteral("voice_not_found")};

ProviderErrorInfo parseElevenLabsError(int status, const QByteArray& body)
{
    ProviderErrorInfo info;
    if (status < 400)
        return info;
    const ElevenLabsJson::ErrorBody error = ElevenLabsJson::errorBody(body);
    info.message = error.message;
    info.code = error.code;
    if ((status == 400 || status == 401) && kRequestProblems.contains(error.code))
        info.kind = IntegrationError::Kind::InvalidRequest;
    else if (status == 400 && error.code == u"invalid_api_key")
        info.kind = IntegrationError::Kind::Auth;
    return info;
}

const ModelFacts* modelFacts(const QString& modelId)
{
    for (const ModelFacts& model : kModels) {
        if (modelId == QStringView(model.id))
            return &model;
    }
    return nullptr;
}

PacingConfig concurrencyOnly(int concurrent)
{
    return PacingConfig{0, 1, concurrent};
}

std::optional<qint64> headerNumber(const HttpResponse& response, const QByteArray& name)
{
    bool ok = false;
    const qint64 value = response.header(name).trimmed().toLongLong(&ok);
    return ok && value >= 0 ? std::optional<qint64>(value) : std::nullopt;
}

struct Charge
{
    qint64 credits = 0;
    bool fromHeader = false;
};

// What a generation was charged: the provider's header, else the text at the model's rate.
Charge chargeOf(const HttpResponse& response, qint64 characters, const QString& modelId, double rate)
{
    for (const QByteArray& name : kChargeHeaders) {
        if (const std::optional<qint64> credits = headerNumber(response, name))
            return {*credits, true};
    }
    const ModelFacts* model = modelFacts(modelId);
    const double perCharacter = (model ? model->creditsPerCharacter : 1.0) * rate;
    return {qint64(std::ceil(double(characters) * perCharacter)), false};
}

CostEvent speechCost(qint64 credits, const QString& reference)
{
    // The catalogue's price is per 1,000 characters (credits); the event counts single ones.
    const Money per1000 = providerInfo(ProviderId::ElevenLabs).unitCost;
    CostEvent event = estimatedCost(ProviderId::ElevenLabs, kSynthesize, 0, reference);
    event.units = credits;
    event.unit = QStringLiteral("character");
    event.unitPrice = per1000.scaled(1, 1000).value_or(per1000);
    event.amount = per1000.scaled(credits, 1000).value_or(Money::zero(per1000.currency()));
    return event;
}

QJsonObject settingsJson(const ElevenLabsVoiceSettings& settings)
{
    QJsonObject object;
    if (settings.stability)
        object.insert(QStringLiteral("stability"), *settings.stability);
    if (settings.similarityBoost)
        object.insert(QStringLiteral("similarity_boost"), *settings.similarityBoost);
    if (settings.style)
        object.insert(QStringLiteral("style"), *settings.style);
    if (settings.useSpeakerBoost)
        object.insert(QStringLiteral("use_speaker_boost"), *settings.useSpeakerBoost);
    if (settings.speed)
        object.insert(QStringLiteral("speed"), *settings.speed);
    return object;
}

QString settingsProblem(const ElevenLabsVoiceSettings& settings)
{
    const auto outside = [](const std::optional<double>& value, double low, double high) {
        return value && !(*value >= low && *value <= high);
    };
    if (outside(settings.stability, 0, 1))
        return QStringLiteral("voice stability must be between 0 and 1");
    if (outside(settings.similarityBoost, 0, 1))
        return QStringLiteral("voice similarity boost must be between 0 and 1");
    if (outside(settings.style, 0, 1))
        return QStringLiteral("voice style must be between 0 and 1");
    if (outside(settings.speed, 0.25, 4.0))
        return QStringLiteral("voice speed must be between 0.25 and 4");
    return QString();
}

QJsonArray stringArray(const QStringList& list)
{
    QJsonArray array;
    for (const QString& item : list)
        array.append(item);
    return array;
}

QString grouped(qint64 number)
{
    return QLocale(QLocale::English).toString(number);
}

} // namespace

ElevenLabsClient::ElevenLabsClient(const ClientContext& context)
    : m_core(context.core)
{
    m_endpoint.provider = ProviderId::ElevenLabs;
    m_endpoint.baseUrl = context.baseUrl;
    m_endpoint.auth = Auth::header("xi-api-key", context.credential.value(QStringLiteral("api_key")));
    m_endpoint.parseError = parseElevenLabsError;
    // Only concurrency headers (current-/maximum-concurrent-requests) are documented, no reset time:
    // the core's Retry-After handling is all there is.
}

PacingConfig ElevenLabsClient::documentedPacing()
{
    return concurrencyOnly(kLowestConcurrency);
}

PacingConfig ElevenLabsClient::pacingForTier(const QString& tier)
{
    const QString name = tier.toLower();
    for (const TierConcurrency& entry : kTiers) {
        if (name.startsWith(QStringView(entry.tier)))
            return concurrencyOnly(entry.concurrent);
    }
    return documentedPacing();
}

std::optional<qint64> ElevenLabsClient::characterLimit(const QString& modelId)
{
    const ModelFacts* model = modelFacts(modelId);
    return model ? std::optional<qint64>(model->maxCharacters) : std::nullopt;
}

qint64 ElevenLabsClient::characterCount(const QString& text)
{
    qint64 count = 0;
    for (auto it = text.cbegin(); it != text.cend(); ++it) {
        if (!it->isLowSurrogate()) // a surrogate pair is one character
            ++count;
    }
    return count;
}

Money ElevenLabsClient::worstCaseCost(const ElevenLabsSpeechRequest& request)
{
    // Every character at the full rate (no Flash/Turbo discount assumed), times the voice's rate.
    const Money per1000 = providerInfo(ProviderId::ElevenLabs).unitCost;
    const double rate = std::max(1.0, request.voiceRateMultiplier);
    const auto credits = qint64(std::ceil(double(characterCount(request.text)) * rate));
    return per1000.scaled(credits, 1000, Rounding::Up).value_or(per1000);
}

IntegrationError ElevenLabsClient::decodeError(const HttpResponse& response, const QString& detail) const
{
    IntegrationError error;
    error.kind = IntegrationError::Kind::Decode;
    error.provider = ProviderId::ElevenLabs;
    error.httpStatus = response.status;
    error.requestId = response.requestId;
    error.detail = detail;
    return error;
}

IntegrationError ElevenLabsClient::invalidArgument(const QString& detail) const
{
    IntegrationError error;
    error.kind = IntegrationError::Kind::Configuration;
    error.provider = ProviderId::ElevenLabs;
    error.detail = detail;
    return error;
}

QCoro::Task<Result<ElevenLabsSubscription, IntegrationError>> ElevenLabsClient::subscription()
{
    const QString path = QStringLiteral("/v1/user/subscription");
    HttpRequest request;
    request.path = path;
    HttpResult sent = co_await m_core->send(m_endpoint, request);
    if (!sent)
        co_return failure(sent.error());
    auto document = HttpCore::decodeJson(ProviderId::ElevenLabs, sent.value());
    if (!document)
        co_return failure(document.error());
    if (!document->isObject())
        co_return failure(decodeError(sent.value(), QStringLiteral("%1 should answer an object").arg(path)));
    auto parsed = ElevenLabsJson::subscription(document->object());
    if (!parsed)
        co_return failure(decodeError(sent.value(), parsed.error()));
    co_return std::move(parsed).value();
}

QCoro::Task<Result<QList<ElevenLabsModel>, IntegrationError>> ElevenLabsClient::models()
{
    const QString path = QStringLiteral("/v1/models");
    HttpRequest request;
    request.path = path;
    HttpResult sent = co_await m_core->send(m_endpoint, request);
    if (!sent)
        co_return failure(sent.error());
    auto document = HttpCore::decodeJson(ProviderId::ElevenLabs, sent.value());
    if (!document)
        co_return failure(document.error());
    if (!document->isArray())
        co_return failure(decodeError(sent.value(), QStringLiteral("%1 should answer an array").arg(path)));
    auto parsed = ElevenLabsJson::models(document->array());
    if (!parsed)
        co_return failure(decodeError(sent.value(), parsed.error()));
    co_return std::move(parsed).value();
}

QCoro::Task<Result<ElevenLabsVoicePage, IntegrationError>>
ElevenLabsClient::listVoices(ElevenLabsVoiceQuery filter)
{
    if (filter.pageSize < 1 || filter.pageSize > 100)
        co_return failure(
            invalidArgument(QStringLiteral("a page of voices holds 1 to 100, not %1").arg(filter.pageSize)));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("page_size"), QString::number(filter.pageSize));
    const auto addIfSet = [&query](const QString& name, const QString& value) {
        if (!value.isEmpty())
            query.addQueryItem(name, QString::fromLatin1(QUrl::toPercentEncoding(value)));
    };
    addIfSet(QStringLiteral("next_page_token"), filter.nextPageToken);
    addIfSet(QStringLiteral("search"), filter.search);
    addIfSet(QStringLiteral("sort"), filter.sort);
    addIfSet(QStringLiteral("sort_direction"), filter.sortDirection);
    addIfSet(QStringLiteral("voice_type"), filter.voiceType);
    addIfSet(QStringLiteral("category"), filter.category);
    query.addQueryItem(QStringLiteral("include_total_count"),
                       filter.includeTotalCount ? QStringLiteral("true") : QStringLiteral("false"));

    HttpRequest request;
    request.path = QStringLiteral("/v2/voices");
    request.query = query;
    HttpResult sent = co_await m_core->send(m_endpoint, request);
    if (!sent)
        co_return failure(sent.error());
    auto document = HttpCore::decodeJson(ProviderId::ElevenLabs, sent.value());
    if (!document)
        co_return failure(document.error());
    if (!document->isObject())
        co_return failure(decodeError(sent.value(), QStringLiteral("/v2/voices should answer an object")));
    auto page = ElevenLabsJson::voicePage(document->object());
    if (!page)
        co_return failure(decodeError(sent.value(), page.error()));
    co_return std::move(page).value();
}

QCoro::Task<Result<ElevenLabsSpeech, IntegrationError>>
ElevenLabsClient::synthesize(ElevenLabsSpeechRequest speech)
{
    if (!speech.sink || !speech.sink->isOpen() || !speech.sink->isWritable())
        co_return failure(invalidArgument(QStringLiteral("there is no open file to write the audio to")));
    if (speech.voiceId.trimmed().isEmpty())
        co_return failure(invalidArgument(QStringLiteral("no voice was chosen")));
    if (speech.text.trimmed().isEmpty())
        co_return failure(invalidArgument(QStringLiteral("there is no text to speak")));
    if (!kMp3Formats.contains(speech.outputFormat))
        co_return failure(
            invalidArgument(QStringLiteral("\"%1\" is not an MP3 output format (%2)")
                                .arg(speech.outputFormat, kMp3Formats.join(QStringLiteral(", ")))));
    const qint64 characters = characterCount(speech.text);
    if (const std::optional<qint64> limit = characterLimit(speech.modelId); limit && characters > *limit)
        co_return failure(
            invalidArgument(QStringLiteral("the text has %1 characters; %2 takes at most %3 a request")
                                .arg(grouped(characters), speech.modelId, grouped(*limit))));
    if (!std::isfinite(speech.voiceRateMultiplier) || speech.voiceRateMultiplier < 0)
        co_return failure(invalidArgument(QStringLiteral("the voice's rate must be a positive number")));
    if (speech.voiceSettings) {
        if (const QString problem = settingsProblem(*speech.voiceSettings); !problem.isEmpty())
            co_return failure(invalidArgument(problem));
    }

    QJsonObject body{{QStringLiteral("text"), speech.text}, {QStringLiteral("model_id"), speech.modelId}};
    if (speech.voiceSettings)
        body.insert(QStringLiteral("voice_settings"), settingsJson(*speech.voiceSettings));
    if (!speech.languageCode.isEmpty())
        body.insert(QStringLiteral("language_code"), speech.languageCode);
    if (speech.seed)
        body.insert(QStringLiteral("seed"), *speech.seed);
    if (!speech.previousText.isEmpty())
        body.insert(QStringLiteral("previous_text"), speech.previousText);
    if (!speech.nextText.isEmpty())
        body.insert(QStringLiteral("next_text"), speech.nextText);
    if (!speech.previousRequestIds.isEmpty())
        body.insert(QStringLiteral("previous_request_ids"), stringArray(speech.previousRequestIds));
    if (!speech.nextRequestIds.isEmpty())
        body.insert(QStringLiteral("next_request_ids"), stringArray(speech.nextRequestIds));

    auto guard = std::make_shared<AudioSinkGuard>(speech.sink);
    guard->open(QIODevice::WriteOnly | QIODevice::Unbuffered);

    HttpRequest request;
    request.method = "POST";
    request.path =
        QStringLiteral("/v1/text-to-speech/") + QString::fromLatin1(QUrl::toPercentEncoding(speech.voiceId));
    request.query.addQueryItem(QStringLiteral("output_format"), speech.outputFormat);
    if (speech.enableLogging)
        request.query.addQueryItem(QStringLiteral("enable_logging"),
                                   *speech.enableLogging ? QStringLiteral("true") : QStringLiteral("false"));
    request.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("audio/mpeg")});
    request.body = JsonBody{QJsonDocument(body)};
    request.timeout =
        kSpeechBaseTimeout + std::chrono::milliseconds(characters * kSpeechTimeoutPerCharacterMs);
    request.responseSink = guard;
    request.operation = kSynthesize;
    request.worstCaseCost = worstCaseCost(speech);
    request.costOf = [characters, model = speech.modelId,
                      rate = speech.voiceRateMultiplier](const HttpResponse& response) {
        return std::optional<CostEvent>(
            speechCost(chargeOf(response, characters, model, rate).credits, response.requestId));
    };

    HttpResult sent = co_await m_core->send(m_endpoint, request);
    if (!sent) {
        IntegrationError error = sent.error();
        // The core wrote the error body into the sink: it was held back, so read it from there.
        const QByteArray held = guard->discard();
        if (error.httpStatus >= 400 && error.providerMessage.isEmpty() && !held.isEmpty()) {
            const ProviderErrorInfo info = parseElevenLabsError(error.httpStatus, held);
            error.providerMessage = Redactor::redact(info.message);
            error.providerCode = info.code;
            if (info.kind)
                error.kind = *info.kind;
        }
        co_return failure(std::move(error));
    }
    const HttpResponse& response = sent.value();
    if (response.header("Content-Type").trimmed().toLower().startsWith("application/json")) {
        guard->discard();
        co_return failure(decodeError(response, QStringLiteral("expected audio, got a JSON body")));
    }
    if (!guard->commit()) {
        IntegrationError error = decodeError(
            response, QStringLiteral("the audio could not be written (%1)").arg(guard->targetError()));
        co_return failure(std::move(error));
    }

    ElevenLabsSpeech result;
    result.bytesWritten = guard->forwarded();
    result.contentType = response.header("Content-Type");
    result.requestId = response.requestId;
    const Charge charge = chargeOf(response, characters, speech.modelId, speech.voiceRateMultiplier);
    result.charactersCharged = charge.credits;
    result.chargedFromHeader = charge.fromHeader;
    result.currentConcurrentRequests = headerNumber(response, "current-concurrent-requests");
    result.maximumConcurrentRequests = headerNumber(response, "maximum-concurrent-requests");
    result.cost = response.cost;
    co_return result;
}

QCoro::Task<AccountStatus> ElevenLabsClient::checkCredentials()
{
    if (m_endpoint.auth.secret.isEmpty()) {
        AccountStatus status;
        status.state = AccountStatus::State::NotConfigured;
        status.summary = QStringLiteral("No API key");
        status.checkedAt = QDateTime::currentDateTimeUtc();
        co_return status;
    }
    QElapsedTimer clock;
    clock.start();
    auto plan = co_await subscription();
    AccountStatus status;
    if (plan) {
        const ElevenLabsSubscription& sub = plan.value();
        status.state = AccountStatus::State::Valid;
        status.plan = sub.tier;
        status.summary = QStringLiteral("%1 · %2 of %3 characters left")
                             .arg(sub.tier, grouped(sub.charactersLeft()), grouped(sub.characterLimit));
        status.details = {
            {QStringLiteral("Plan"), sub.tier},
            {QStringLiteral("Status"), sub.status},
            {QStringLiteral("Characters used"), grouped(sub.characterCount)},
            {QStringLiteral("Character limit"), grouped(sub.characterLimit)},
            {QStringLiteral("Characters left"), grouped(sub.charactersLeft())},
            {QStringLiteral("Next reset"), sub.nextCharacterCountReset
                                               ? sub.nextCharacterCountReset->toString(Qt::ISODate)
                                               : QStringLiteral("—")},
            {QStringLiteral("Voice slots"),
             QStringLiteral("%1 of %2").arg(sub.voiceSlotsUsed).arg(sub.voiceLimit)},
            {QStringLiteral("Concurrent requests (Multilingual v2)"),
             QString::number(pacingForTier(sub.tier).maxConcurrent)},
        };
        if (sub.hasOpenInvoices)
            status.details.append({QStringLiteral("Open invoices"), QStringLiteral("yes")});
    } else if (plan.error().kind == IntegrationError::Kind::Auth &&
               plan.error().providerCode == u"missing_permissions") {
        // The key was recognised but may not read the user: confirm it works with the models list.
        auto probe = co_await models();
        if (!probe && probe.error().kind == IntegrationError::Kind::Auth &&
            probe.error().providerCode == u"invalid_api_key")
            co_return accountStatusFromError(probe.error(), std::chrono::milliseconds(clock.elapsed()));
        status.state = AccountStatus::State::ValidLimited;
        status.error = plan.error();
        status.summary =
            QStringLiteral("Key works; it may not read the subscription (no user_read permission)");
        status.details.append({QStringLiteral("Subscription"), plan.error().providerMessage});
        status.details.append(
            {QStringLiteral("Models"), probe ? QString::number(probe->size()) : probe.error().message()});
    } else {
        co_return accountStatusFromError(plan.error(), std::chrono::milliseconds(clock.elapsed()));
    }
    status.latency = std::chrono::milliseconds(clock.elapsed());
    status.checkedAt = QDateTime::currentDateTimeUtc();
    co_return status;
}

} // namespace agency
