#include "vapijson.h"

#include <QJsonValue>

#include <cmath>

namespace agency::VapiJson {

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
    std::optional<Money> money(const QString& key)
    {
        const std::optional<double> value = number(key);
        if (!value)
            return std::nullopt;
        std::optional<Money> amount = usd(*value);
        if (!amount)
            fail(key, QStringLiteral("is not a usable USD amount (%1)").arg(*value));
        return amount;
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

VapiCostBreakdown costBreakdown(Fields fields)
{
    VapiCostBreakdown breakdown;
    breakdown.transport = fields.money(QStringLiteral("transport"));
    breakdown.stt = fields.money(QStringLiteral("stt"));
    breakdown.llm = fields.money(QStringLiteral("llm"));
    breakdown.tts = fields.money(QStringLiteral("tts"));
    breakdown.vapi = fields.money(QStringLiteral("vapi"));
    breakdown.chat = fields.money(QStringLiteral("chat"));
    breakdown.total = fields.money(QStringLiteral("total"));
    breakdown.llmPromptTokens = fields.integer(QStringLiteral("llmPromptTokens"));
    breakdown.llmCompletionTokens = fields.integer(QStringLiteral("llmCompletionTokens"));
    breakdown.llmCachedPromptTokens = fields.integer(QStringLiteral("llmCachedPromptTokens"));
    breakdown.ttsCharacters = fields.integer(QStringLiteral("ttsCharacters"));
    Fields analysis = fields.child(QStringLiteral("analysisCostBreakdown"));
    for (const QString& part : {QStringLiteral("summary"), QStringLiteral("structuredData"),
                                QStringLiteral("successEvaluation"), QStringLiteral("structuredOutput")}) {
        if (const std::optional<Money> amount = analysis.money(part))
            breakdown.analysis.insert(part, *amount);
    }
    return breakdown;
}

} // namespace

std::optional<Money> usd(double amount)
{
    // Vapi reports fractions of a cent with many decimals; Money keeps micro-units (1e-6 USD).
    const double micros = std::round(amount * double(Money::kMicrosPerUnit));
    if (!std::isfinite(micros) || std::abs(micros) > 9e15)
        return std::nullopt;
    return Money::fromMicros(qint64(micros), QStringLiteral("USD"));
}

Result<VapiAssistant, QString> assistant(const QJsonObject& object)
{
    Fields fields(object);
    VapiAssistant item;
    item.id = fields.string(QStringLiteral("id"), true);
    item.orgId = fields.string(QStringLiteral("orgId"));
    item.name = fields.string(QStringLiteral("name"));
    item.firstMessage = fields.string(QStringLiteral("firstMessage"));
    item.createdAt = fields.date(QStringLiteral("createdAt"), true).value_or(QDateTime());
    item.updatedAt = fields.date(QStringLiteral("updatedAt"), true).value_or(QDateTime());
    Fields model = fields.child(QStringLiteral("model"));
    item.modelProvider = model.string(QStringLiteral("provider"));
    item.model = model.string(QStringLiteral("model"));
    item.voiceProvider = fields.child(QStringLiteral("voice")).string(QStringLiteral("provider"));
    item.transcriberProvider = fields.child(QStringLiteral("transcriber")).string(QStringLiteral("provider"));
    item.raw = object;
    if (!fields.ok())
        return failure(fields.error());
    return item;
}

Result<VapiPhoneNumber, QString> phoneNumber(const QJsonObject& object)
{
    Fields fields(object);
    VapiPhoneNumber item;
    item.id = fields.string(QStringLiteral("id"), true);
    item.orgId = fields.string(QStringLiteral("orgId"));
    item.provider = fields.string(QStringLiteral("provider"));
    item.name = fields.string(QStringLiteral("name"));
    item.number = fields.string(QStringLiteral("number"));
    item.status = fields.string(QStringLiteral("status"));
    item.assistantId = fields.string(QStringLiteral("assistantId"));
    item.createdAt = fields.date(QStringLiteral("createdAt"), true).value_or(QDateTime());
    item.updatedAt = fields.date(QStringLiteral("updatedAt"), true).value_or(QDateTime());
    item.raw = object;
    if (!fields.ok())
        return failure(fields.error());
    return item;
}

Result<VapiCall, QString> call(const QJsonObject& object)
{
    Fields fields(object);
    VapiCall item;
    item.id = fields.string(QStringLiteral("id"), true);
    item.orgId = fields.string(QStringLiteral("orgId"), true);
    item.type = fields.string(QStringLiteral("type"));
    item.status = fields.string(QStringLiteral("status"));
    item.endedReason = fields.string(QStringLiteral("endedReason"));
    item.endedMessage = fields.string(QStringLiteral("endedMessage"));
    item.createdAt = fields.date(QStringLiteral("createdAt"), true).value_or(QDateTime());
    item.updatedAt = fields.date(QStringLiteral("updatedAt"), true).value_or(QDateTime());
    item.startedAt = fields.date(QStringLiteral("startedAt"));
    item.endedAt = fields.date(QStringLiteral("endedAt"));
    item.assistantId = fields.string(QStringLiteral("assistantId"));
    item.phoneNumberId = fields.string(QStringLiteral("phoneNumberId"));
    Fields customer = fields.child(QStringLiteral("customer"));
    item.customerNumber = customer.string(QStringLiteral("number"));
    item.customerName = customer.string(QStringLiteral("name"));
    item.name = fields.string(QStringLiteral("name"));
    item.phoneCallProvider = fields.string(QStringLiteral("phoneCallProvider"));
    item.phoneCallProviderId = fields.string(QStringLiteral("phoneCallProviderId"));
    item.cost = fields.money(QStringLiteral("cost"));
    if (object.value(QStringLiteral("costBreakdown")).isObject())
        item.costBreakdown = costBreakdown(fields.child(QStringLiteral("costBreakdown")));
    else
        fields.object(QStringLiteral("costBreakdown")); // reports a wrong type
    Fields artifact = fields.child(QStringLiteral("artifact"));
    item.transcript = artifact.string(QStringLiteral("transcript"));
    item.recordingUrl = artifact.string(QStringLiteral("recordingUrl"));
    item.stereoRecordingUrl = artifact.string(QStringLiteral("stereoRecordingUrl"));
    item.logUrl = artifact.string(QStringLiteral("logUrl"));
    item.summary = fields.child(QStringLiteral("analysis")).string(QStringLiteral("summary"));
    if (object.value(QStringLiteral("subscriptionLimits")).isObject()) {
        Fields limits = fields.child(QStringLiteral("subscriptionLimits"));
        item.subscriptionLimits =
            VapiSubscriptionLimits{limits.boolean(QStringLiteral("concurrencyBlocked")),
                                   limits.integer(QStringLiteral("concurrencyLimit")),
                                   limits.integer(QStringLiteral("remainingConcurrentCalls"))};
    } else {
        fields.object(QStringLiteral("subscriptionLimits"));
    }
    item.raw = object;
    if (!fields.ok())
        return failure(fields.error());
    return item;
}

} // namespace agency::VapiJson
