#include "elevenlabsjson.h"

#include <QJsonDocument>
#include <QJsonValue>

#include <cmath>
#include <memory>

namespace agency::ElevenLabsJson {

namespace {

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
    return QStringLiteral("missing");
}

// Reads typed fields of one object and keeps the first problem, so a parser reads top to bottom and
// checks once at the end. Absent and null optional fields read as empty.
class Fields
{
public:
    Fields(QJsonObject object, QString path, std::shared_ptr<QString> error)
        : m_object(std::move(object))
        , m_path(std::move(path))
        , m_error(std::move(error))
    {}
    explicit Fields(QJsonObject object)
        : Fields(std::move(object), QString(), std::make_shared<QString>())
    {}

    bool ok() const { return m_error->isEmpty(); }
    QString error() const { return *m_error; }

    QString string(const QString& key, bool required = false)
    {
        const QJsonValue value = get(key, required);
        if (value.isString())
            return value.toString();
        expect(key, value, u"a string");
        return QString();
    }
    std::optional<double> number(const QString& key)
    {
        const QJsonValue value = get(key, false);
        if (value.isDouble())
            return value.toDouble();
        expect(key, value, u"a number");
        return std::nullopt;
    }
    std::optional<qint64> integer(const QString& key)
    {
        const std::optional<double> value = number(key);
        if (!value)
            return std::nullopt;
        if (std::trunc(*value) != *value || std::abs(*value) > 9e15) {
            fail(key, QStringLiteral("should be a whole number, not %1").arg(*value));
            return std::nullopt;
        }
        return qint64(*value);
    }
    std::optional<bool> boolean(const QString& key)
    {
        const QJsonValue value = get(key, false);
        if (value.isBool())
            return value.toBool();
        expect(key, value, u"a boolean");
        return std::nullopt;
    }
    std::optional<QDateTime> date(const QString& key, bool required = false)
    {
        const QString text = string(key, required);
        if (text.isEmpty())
            return std::nullopt;
        QDateTime at = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (!at.isValid()) {
            fail(key, QStringLiteral("is not an ISO 8601 date-time (\"%1\")").arg(text.left(40)));
            return std::nullopt;
        }
        return at.toUTC();
    }
    std::optional<QJsonObject> object(const QString& key)
    {
        const QJsonValue value = get(key, false);
        if (value.isObject())
            return value.toObject();
        expect(key, value, u"an object");
        return std::nullopt;
    }
    std::optional<QJsonArray> array(const QString& key)
    {
        const QJsonValue value = get(key, false);
        if (value.isArray())
            return value.toArray();
        expect(key, value, u"an array");
        return std::nullopt;
    }
    QStringList stringList(const QString& key)
    {
        QStringList list;
        const QJsonArray items = array(key).value_or(QJsonArray());
        for (qsizetype i = 0; i < items.size(); ++i) {
            if (!items.at(i).isString()) {
                fail(key, QStringLiteral("should hold strings only, not %1").arg(typeName(items.at(i))));
                return {};
            }
            list.append(items.at(i).toString());
        }
        return list;
    }
    /// The fields of a nested object (empty when it is absent), reporting into the same error.
    Fields child(const QString& key)
    {
        return Fields(object(key).value_or(QJsonObject()), m_path + key + u'.', m_error);
    }
    QJsonObject raw() const { return m_object; }

    void fail(const QString& key, const QString& problem)
    {
        if (m_error->isEmpty())
            *m_error = QStringLiteral("`%1%2` %3").arg(m_path, key, problem);
    }

private:
    QJsonValue get(const QString& key, bool required)
    {
        const QJsonValue value = m_object.value(key);
        if (required && (value.isUndefined() || value.isNull()))
            fail(key, QStringLiteral("is missing"));
        return value;
    }
    // A present, non-null value of another type is an error; absent or null is simply empty.
    void expect(const QString& key, const QJsonValue& value, QStringView expected)
    {
        if (value.isUndefined() || value.isNull())
            return;
        fail(key, QStringLiteral("should be %1, not %2").arg(expected, typeName(value)));
    }

    QJsonObject m_object;
    QString m_path;
    std::shared_ptr<QString> m_error;
};

std::optional<QDateTime> fromUnix(std::optional<qint64> seconds)
{
    if (!seconds)
        return std::nullopt;
    return QDateTime::fromSecsSinceEpoch(*seconds, Qt::UTC);
}

ElevenLabsVoiceSettings voiceSettings(Fields fields)
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
    Fields fields(object, path, std::make_shared<QString>());
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
    Fields fields(object);
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
        Fields fields(array.at(i).toObject(), QStringLiteral("[%1].").arg(i), std::make_shared<QString>());
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
    Fields fields(object);
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
