#include "deepgramjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>

#include <cmath>
#include <memory>

namespace agency::DeepgramJson {

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

std::optional<int> smallInteger(Fields& fields, const QString& key)
{
    const std::optional<qint64> value = fields.integer(key);
    if (value && (*value < 0 || *value > 10'000)) {
        fields.fail(key, QStringLiteral("is out of range (%1)").arg(*value));
        return std::nullopt;
    }
    return value ? std::optional<int>(int(*value)) : std::nullopt;
}

Result<QList<DeepgramWord>, QString> words(const QJsonArray& array, const QString& path)
{
    QList<DeepgramWord> list;
    list.reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isObject())
            return failure(QStringLiteral("`%1[%2]` should be an object").arg(path).arg(i));
        Fields fields(array.at(i).toObject(), QStringLiteral("%1[%2].").arg(path).arg(i),
                      std::make_shared<QString>());
        DeepgramWord word;
        word.word = fields.string(QStringLiteral("word"), true);
        word.punctuatedWord = fields.string(QStringLiteral("punctuated_word"));
        word.start = fields.number(QStringLiteral("start")).value_or(0);
        word.end = fields.number(QStringLiteral("end")).value_or(0);
        word.confidence = fields.number(QStringLiteral("confidence")).value_or(0);
        word.speaker = smallInteger(fields, QStringLiteral("speaker"));
        word.speakerConfidence = fields.number(QStringLiteral("speaker_confidence"));
        if (!fields.ok())
            return failure(fields.error());
        list.append(word);
    }
    return list;
}

} // namespace

Result<QList<DeepgramProject>, QString> projects(const QJsonObject& object)
{
    Fields fields(object);
    const std::optional<QJsonArray> items = fields.array(QStringLiteral("projects"));
    if (!fields.ok())
        return failure(fields.error());
    if (!items)
        return failure(QStringLiteral("`projects` is missing"));
    QList<DeepgramProject> list;
    for (qsizetype i = 0; i < items->size(); ++i) {
        if (!items->at(i).isObject())
            return failure(QStringLiteral("`projects[%1]` should be an object").arg(i));
        Fields project(items->at(i).toObject(), QStringLiteral("projects[%1].").arg(i),
                       std::make_shared<QString>());
        DeepgramProject item{project.string(QStringLiteral("project_id"), true),
                             project.string(QStringLiteral("name"))};
        if (!project.ok())
            return failure(project.error());
        list.append(item);
    }
    return list;
}

Result<QList<DeepgramBalance>, QString> balances(const QJsonObject& object)
{
    Fields fields(object);
    const std::optional<QJsonArray> items = fields.array(QStringLiteral("balances"));
    if (!fields.ok())
        return failure(fields.error());
    QList<DeepgramBalance> list;
    const QJsonArray array = items.value_or(QJsonArray());
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isObject())
            return failure(QStringLiteral("`balances[%1]` should be an object").arg(i));
        Fields balance(array.at(i).toObject(), QStringLiteral("balances[%1].").arg(i),
                       std::make_shared<QString>());
        DeepgramBalance item;
        item.balanceId = balance.string(QStringLiteral("balance_id"), true);
        const std::optional<double> amount = balance.number(QStringLiteral("amount"));
        const QString units = balance.string(QStringLiteral("units"), true).toUpper();
        item.purchaseOrderId = balance.string(QStringLiteral("purchase_order_id"));
        if (!amount)
            balance.fail(QStringLiteral("amount"), QStringLiteral("is missing"));
        if (!balance.ok())
            return failure(balance.error());
        const double micros = std::round(*amount * double(Money::kMicrosPerUnit));
        if (!std::isfinite(micros) || std::abs(micros) > 9e15 || units.size() != 3)
            return failure(QStringLiteral("`balances[%1]` is not a usable amount (%2 %3)")
                               .arg(i)
                               .arg(*amount)
                               .arg(units));
        item.amount = Money::fromMicros(qint64(micros), units);
        list.append(item);
    }
    return list;
}

std::optional<double> durationOf(const QByteArray& body)
{
    const QJsonValue duration = QJsonDocument::fromJson(body)
                                    .object()
                                    .value(QStringLiteral("metadata"))
                                    .toObject()
                                    .value(QStringLiteral("duration"));
    if (!duration.isDouble() || !std::isfinite(duration.toDouble()) || duration.toDouble() < 0)
        return std::nullopt;
    return duration.toDouble();
}

Result<DeepgramTranscript, QString> transcript(const QJsonObject& object)
{
    Fields fields(object);
    DeepgramTranscript result;
    if (!object.value(QStringLiteral("metadata")).isObject())
        fields.fail(QStringLiteral("metadata"), QStringLiteral("should be an object"));
    Fields metadata = fields.child(QStringLiteral("metadata"));
    result.requestId = metadata.string(QStringLiteral("request_id"), true);
    result.created = metadata.date(QStringLiteral("created")).value_or(QDateTime());
    const std::optional<double> duration = metadata.number(QStringLiteral("duration"));
    if (!duration || *duration < 0)
        metadata.fail(QStringLiteral("duration"), QStringLiteral("should be a number of seconds"));
    result.durationSeconds = duration.value_or(0);
    result.channelCount = smallInteger(metadata, QStringLiteral("channels")).value_or(0);
    result.models = metadata.stringList(QStringLiteral("models"));
    result.sha256 = metadata.string(QStringLiteral("sha256"));
    if (!object.value(QStringLiteral("results")).isObject())
        fields.fail(QStringLiteral("results"), QStringLiteral("should be an object"));
    Fields results = fields.child(QStringLiteral("results"));
    const QJsonArray channels = results.array(QStringLiteral("channels")).value_or(QJsonArray());
    if (!fields.ok())
        return failure(fields.error());

    for (qsizetype c = 0; c < channels.size(); ++c) {
        const QString path = QStringLiteral("results.channels[%1]").arg(c);
        if (!channels.at(c).isObject())
            return failure(QStringLiteral("`%1` should be an object").arg(path));
        Fields channelFields(channels.at(c).toObject(), path + u'.', std::make_shared<QString>());
        DeepgramChannel channel;
        channel.detectedLanguage = channelFields.string(QStringLiteral("detected_language"));
        const QJsonArray alternatives =
            channelFields.array(QStringLiteral("alternatives")).value_or(QJsonArray());
        if (!channelFields.ok())
            return failure(channelFields.error());
        if (!alternatives.isEmpty()) {
            if (!alternatives.first().isObject())
                return failure(QStringLiteral("`%1.alternatives[0]` should be an object").arg(path));
            const QString altPath = path + QStringLiteral(".alternatives[0]");
            Fields best(alternatives.first().toObject(), altPath + u'.', std::make_shared<QString>());
            channel.transcript = best.string(QStringLiteral("transcript"), true);
            channel.confidence = best.number(QStringLiteral("confidence")).value_or(0);
            const QJsonArray wordList = best.array(QStringLiteral("words")).value_or(QJsonArray());
            if (!best.ok())
                return failure(best.error());
            auto parsed = words(wordList, altPath + QStringLiteral(".words"));
            if (!parsed)
                return failure(parsed.error());
            channel.words = std::move(parsed).value();
        }
        result.channels.append(channel);
    }

    const QJsonArray utterances = results.array(QStringLiteral("utterances")).value_or(QJsonArray());
    if (!fields.ok())
        return failure(fields.error());
    for (qsizetype u = 0; u < utterances.size(); ++u) {
        const QString path = QStringLiteral("results.utterances[%1]").arg(u);
        if (!utterances.at(u).isObject())
            return failure(QStringLiteral("`%1` should be an object").arg(path));
        Fields item(utterances.at(u).toObject(), path + u'.', std::make_shared<QString>());
        DeepgramUtterance utterance;
        utterance.id = item.string(QStringLiteral("id"));
        utterance.transcript = item.string(QStringLiteral("transcript"), true);
        utterance.start = item.number(QStringLiteral("start")).value_or(0);
        utterance.end = item.number(QStringLiteral("end")).value_or(0);
        utterance.confidence = item.number(QStringLiteral("confidence")).value_or(0);
        utterance.channel = smallInteger(item, QStringLiteral("channel")).value_or(0);
        utterance.speaker = smallInteger(item, QStringLiteral("speaker"));
        const QJsonArray wordList = item.array(QStringLiteral("words")).value_or(QJsonArray());
        if (!item.ok())
            return failure(item.error());
        auto parsed = words(wordList, path + QStringLiteral(".words"));
        if (!parsed)
            return failure(parsed.error());
        utterance.words = std::move(parsed).value();
        result.utterances.append(utterance);
    }
    result.raw = object;
    return result;
}

ErrorBody errorBody(const QByteArray& body)
{
    ErrorBody error;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        // Plain text, e.g. a 404 "UUID parsing failed…".
        error.message = QString::fromUtf8(body.left(300)).trimmed();
        return error;
    }
    const QJsonObject object = document.object();
    error.requestId = object.value(QStringLiteral("request_id")).toString();
    if (object.contains(QStringLiteral("err_code")) || object.contains(QStringLiteral("err_msg"))) {
        error.code = object.value(QStringLiteral("err_code")).toString();
        error.message = object.value(QStringLiteral("err_msg")).toString();
    } else {
        error.code = object.value(QStringLiteral("category")).toString();
        error.message = object.value(QStringLiteral("message")).toString();
        const QString details = object.value(QStringLiteral("details")).toString();
        if (!details.isEmpty())
            error.message =
                error.message.isEmpty() ? details : QStringLiteral("%1 (%2)").arg(error.message, details);
    }
    return error;
}

} // namespace agency::DeepgramJson
