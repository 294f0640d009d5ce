#include "elevenlabsjson.h"

#include "integrations/http/jsonchecker.h"

#include <QJsonDocument>
#include <QJsonValue>

#include <cmath>
#include <memory>

namespace agency::ElevenLabsJson {

namespace {

std::optional<QDateTime> fromUnix(std::optional<qint64> seconds)
{
    if (!seconds)
        return std::nullopt;
    return QDateTime::fromSecsSinceEpoch(*seconds, Qt::UTC);
}

ElevenLabsVoiceSettings voiceSettings(JsonChecker fields)
{
    ElevenLabsVoiceSettings settings;
    settings.stability = fields.number(QStringLiteral("stability"));
    settings.similarityBoost = fields.number(QStringLiteral("similarity_boost"));
    settings.style = fields.number(QStringLiteral("style"));
    settings.useSpeakerBoost = fields.boolean(QStringLiteral("use_speaker_boost"));
    settings.speed = fields.number(QStringLiteral("speed"));
    return settings;
}

Result<ElevenLabsVoice, QString> voice(const QJsonObject& object, const QString& path)
{
    JsonChecker fields(object, path, std::make_shared<QString>());
    ElevenLabsVoice item;
    item.voiceId = fields.string(QStringLiteral("voice_id"), true);
    item.name = fields.string(QStringLiteral("name"), true);
    item.category = fields.string(QStringLiteral("category"));
    item.description = fields.string(QStringLiteral("description"));
    item.previewUrl = fields.string(QStringLiteral("preview_url"));
    const QJsonObject labels = fields.object(QStringLiteral("labels")).value_or(QJsonObject());
    for (auto it = labels.constBegin(); it != labels.constEnd(); ++it) {
        if (!it.value().isString()) {
            fields.fail(QStringLiteral("labels.") + it.key(), QStringLiteral("should be a string"));
            break;
        }
        item.labels.insert(it.key(), it.value().toString());
    }
    if (object.value(QStringLiteral("settings")).isObject())
        item.settings = voiceSettings(fields.child(QStringLiteral("settings")));
    else
        fields.object(QStringLiteral("settings")); // reports a wrong type
    item.availableForTiers = fields.stringList(QStringLiteral("available_for_tiers"));
    item.highQualityBaseModelIds = fields.stringList(QStringLiteral("high_quality_base_model_ids"));
    item.isOwner = fields.boolean(QStringLiteral("is_owner")).value_or(false);
    item.isLegacy = fields.boolean(QStringLiteral("is_legacy")).value_or(false);
    item.createdAt = fromUnix(fields.integer(QStringLiteral("created_at_unix")));
    item.sharingRate = fields.child(QStringLiteral("sharing")).number(QStringLiteral("rate"));
    item.raw = object;
    if (!fields.ok())
        return failure(fields.error());
    return item;
}

} // namespace

Result<ElevenLabsSubscription, QString> subscription(const QJsonObject& object)
{
    JsonChecker fields(object);
    ElevenLabsSubscription item;
    item.tier = fields.string(QStringLiteral("tier"), true);
    item.status = fields.string(QStringLiteral("status"));
    item.characterCount = fields.integer(QStringLiteral("character_count")).value_or(0);
    item.characterLimit = fields.integer(QStringLiteral("character_limit")).value_or(0);
    if (!object.contains(QStringLiteral("character_count")) ||
        !object.contains(QStringLiteral("character_limit")))
        fields.fail(QStringLiteral("character_limit"), QStringLiteral("and character_count are required"));
    item.nextCharacterCountReset =
        fromUnix(fields.integer(QStringLiteral("next_character_count_reset_unix")));
    item.voiceSlotsUsed = fields.integer(QStringLiteral("voice_slots_used")).value_or(0);
    item.voiceLimit = fields.integer(QStringLiteral("voice_limit")).value_or(0);
    item.professionalVoiceSlotsUsed =
        fields.integer(QStringLiteral("professional_voice_slots_used")).value_or(0);
    item.professionalVoiceLimit = fields.integer(QStringLiteral("professional_voice_limit")).value_or(0);
    item.canExtendCharacterLimit =
        fields.boolean(QStringLiteral("can_extend_character_limit")).value_or(false);
    item.hasOpenInvoices = fields.boolean(QStringLiteral("has_open_invoices")).value_or(false);
    item.currency = fields.string(QStringLiteral("currency"));
    item.characterRefreshPeriod = fields.string(QStringLiteral("character_refresh_period"));
    item.raw = object;
    if (!fields.ok())
        return failure(fields.error());
    return item;
}

Result<QList<ElevenLabsModel>, QString> models(const QJsonArray& array)
{
    QList<ElevenLabsModel> list;
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isObject())
            return failure(QStringLiteral("model %1 is not an object").arg(i));
        JsonChecker fields(array.at(i).toObject(), QStringLiteral("[%1].").arg(i),
                           std::make_shared<QString>());
        ElevenLabsModel model;
        model.modelId = fields.string(QStringLiteral("model_id"), true);
        model.name = fields.string(QStringLiteral("name"));
        model.canDoTextToSpeech = fields.boolean(QStringLiteral("can_do_text_to_speech")).value_or(false);
        model.maximumTextLengthPerRequest = fields.integer(QStringLiteral("maximum_text_length_per_request"));
        model.maxCharactersRequestFreeUser =
            fields.integer(QStringLiteral("max_characters_request_free_user"));
        model.maxCharactersRequestSubscribedUser =
            fields.integer(QStringLiteral("max_characters_request_subscribed_user"));
        model.characterCostMultiplier =
            fields.child(QStringLiteral("model_rates")).number(QStringLiteral("character_cost_multiplier"));
        model.concurrencyGroup = fields.string(QStringLiteral("concurrency_group"));
        if (!fields.ok())
            return failure(fields.error());
        list.append(model);
    }
    return list;
}

Result<ElevenLabsVoicePage, QString> voicePage(const QJsonObject& object)
{
    JsonChecker fields(object);
    ElevenLabsVoicePage page;
    const std::optional<QJsonArray> voices = fields.array(QStringLiteral("voices"));
    if (!voices)
        fields.fail(QStringLiteral("voices"), QStringLiteral("is missing"));
    page.hasMore = fields.boolean(QStringLiteral("has_more")).value_or(false);
    page.totalCount = fields.integer(QStringLiteral("total_count")).value_or(0);
    page.nextPageToken = fields.string(QStringLiteral("next_page_token"));
    if (!fields.ok())
        return failure(fields.error());
    for (qsizetype i = 0; i < voices->size(); ++i) {
        if (!voices->at(i).isObject())
            return failure(QStringLiteral("`voices[%1]` should be an object").arg(i));
        auto item = voice(voices->at(i).toObject(), QStringLiteral("voices[%1].").arg(i));
        if (!item)
            return failure(item.error());
        page.voices.append(std::move(item).value());
    }
    return page;
}

ErrorBody errorBody(const QByteArray& body)
{
    const QJsonValue detail = QJsonDocument::fromJson(body).object().value(QStringLiteral("detail"));
    ErrorBody error;
    if (detail.isObject()) {
        error.code = detail.toObject().value(QStringLiteral("status")).toString();
        error.message = detail.toObject().value(QStringLiteral("message")).toString();
    } else if (detail.isArray()) {
        // FastAPI validation: "body.text: Field required; …"
        QStringList parts;
        for (const QJsonValue& item : detail.toArray()) {
            const QJsonObject problem = item.toObject();
            QStringList location;
            for (const QJsonValue& part : problem.value(QStringLiteral("loc")).toArray())
                location.append(part.isDouble() ? QString::number(part.toInt()) : part.toString());
            parts.append(QStringLiteral("%1: %2").arg(location.join(u'.'),
                                                      problem.value(QStringLiteral("msg")).toString()));
            if (error.code.isEmpty())
                error.code = problem.value(QStringLiteral("type")).toString();
        }
        error.message = parts.join(QStringLiteral("; "));
    } else if (detail.isString()) {
        error.message = detail.toString();
    }
    return error;
}

} // namespace agency::ElevenLabsJson
