#include "deepgramjson.h"

#include "integrations/http/jsonchecker.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>

#include <cmath>
#include <memory>

namespace agency::DeepgramJson {

namespace {

std::optional<int> smallInteger(JsonChecker& fields, const QString& key)
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
        JsonChecker fields(array.at(i).toObject(), QStringLiteral("%1[%2].").arg(path).arg(i),
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
    JsonChecker fields(object);
    const std::optional<QJsonArray> items = fields.array(QStringLiteral("projects"));
    if (!fields.ok())
        return failure(fields.error());
    if (!items)
        return failure(QStringLiteral("`projects` is missing"));
    QList<DeepgramProject> list;
    for (qsizetype i = 0; i < items->size(); ++i) {
        if (!items->at(i).isObject())
            return failure(QStringLiteral("`projects[%1]` should be an object").arg(i));
        JsonChecker project(items->at(i).toObject(), QStringLiteral("projects[%1].").arg(i),
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
    JsonChecker fields(object);
    const std::optional<QJsonArray> items = fields.array(QStringLiteral("balances"));
    if (!fields.ok())
        return failure(fields.error());
    QList<DeepgramBalance> list;
    const QJsonArray array = items.value_or(QJsonArray());
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isObject())
            return failure(QStringLiteral("`balances[%1]` should be an object").arg(i));
        JsonChecker balance(array.at(i).toObject(), QStringLiteral("balances[%1].").arg(i),
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
    JsonChecker fields(object);
    DeepgramTranscript result;
    if (!object.value(QStringLiteral("metadata")).isObject())
        fields.fail(QStringLiteral("metadata"), QStringLiteral("should be an object"));
    JsonChecker metadata = fields.child(QStringLiteral("metadata"));
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
    JsonChecker results = fields.child(QStringLiteral("results"));
    const QJsonArray channels = results.array(QStringLiteral("channels")).value_or(QJsonArray());
    if (!fields.ok())
        return failure(fields.error());

    for (qsizetype c = 0; c < channels.size(); ++c) {
        const QString path = QStringLiteral("results.channels[%1]").arg(c);
        if (!channels.at(c).isObject())
            return failure(QStringLiteral("`%1` should be an object").arg(path));
        JsonChecker channelFields(channels.at(c).toObject(), path + u'.', std::make_shared<QString>());
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
            JsonChecker best(alternatives.first().toObject(), altPath + u'.', std::make_shared<QString>());
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
        JsonChecker item(utterances.at(u).toObject(), path + u'.', std::make_shared<QString>());
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
