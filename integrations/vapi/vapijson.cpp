#include "vapijson.h"

#include "integrations/http/jsonchecker.h"

#include <QJsonValue>

#include <cmath>

namespace agency::VapiJson {

namespace {

std::optional<Money> money(JsonChecker& fields, const QString& key)
{
    const std::optional<double> value = fields.number(key);
    if (!value)
        return std::nullopt;
    std::optional<Money> amount = usd(*value);
    if (!amount)
        fields.fail(key, QStringLiteral("is not a usable USD amount (%1)").arg(*value));
    return amount;
}

VapiCostBreakdown costBreakdown(JsonChecker fields)
{
    VapiCostBreakdown breakdown;
    breakdown.transport = money(fields, QStringLiteral("transport"));
    breakdown.stt = money(fields, QStringLiteral("stt"));
    breakdown.llm = money(fields, QStringLiteral("llm"));
    breakdown.tts = money(fields, QStringLiteral("tts"));
    breakdown.vapi = money(fields, QStringLiteral("vapi"));
    breakdown.chat = money(fields, QStringLiteral("chat"));
    breakdown.total = money(fields, QStringLiteral("total"));
    breakdown.llmPromptTokens = fields.integer(QStringLiteral("llmPromptTokens"));
    breakdown.llmCompletionTokens = fields.integer(QStringLiteral("llmCompletionTokens"));
    breakdown.llmCachedPromptTokens = fields.integer(QStringLiteral("llmCachedPromptTokens"));
    breakdown.ttsCharacters = fields.integer(QStringLiteral("ttsCharacters"));
    JsonChecker analysis = fields.child(QStringLiteral("analysisCostBreakdown"));
    for (const QString& part : {QStringLiteral("summary"), QStringLiteral("structuredData"),
                                QStringLiteral("successEvaluation"), QStringLiteral("structuredOutput")}) {
        if (const std::optional<Money> amount = money(analysis, part))
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
    JsonChecker fields(object);
    VapiAssistant item;
    item.id = fields.string(QStringLiteral("id"), true);
    item.orgId = fields.string(QStringLiteral("orgId"));
    item.name = fields.string(QStringLiteral("name"));
    item.firstMessage = fields.string(QStringLiteral("firstMessage"));
    item.createdAt = fields.date(QStringLiteral("createdAt"), true).value_or(QDateTime());
    item.updatedAt = fields.date(QStringLiteral("updatedAt"), true).value_or(QDateTime());
    JsonChecker model = fields.child(QStringLiteral("model"));
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
    JsonChecker fields(object);
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
    JsonChecker fields(object);
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
    JsonChecker customer = fields.child(QStringLiteral("customer"));
    item.customerNumber = customer.string(QStringLiteral("number"));
    item.customerName = customer.string(QStringLiteral("name"));
    item.name = fields.string(QStringLiteral("name"));
    item.phoneCallProvider = fields.string(QStringLiteral("phoneCallProvider"));
    item.phoneCallProviderId = fields.string(QStringLiteral("phoneCallProviderId"));
    item.cost = money(fields, QStringLiteral("cost"));
    if (object.value(QStringLiteral("costBreakdown")).isObject())
        item.costBreakdown = costBreakdown(fields.child(QStringLiteral("costBreakdown")));
    else
        fields.object(QStringLiteral("costBreakdown")); // reports a wrong type
    JsonChecker artifact = fields.child(QStringLiteral("artifact"));
    item.transcript = artifact.string(QStringLiteral("transcript"));
    item.recordingUrl = artifact.string(QStringLiteral("recordingUrl"));
    item.stereoRecordingUrl = artifact.string(QStringLiteral("stereoRecordingUrl"));
    item.logUrl = artifact.string(QStringLiteral("logUrl"));
    item.summary = fields.child(QStringLiteral("analysis")).string(QStringLiteral("summary"));
    if (object.value(QStringLiteral("subscriptionLimits")).isObject()) {
        JsonChecker limits = fields.child(QStringLiteral("subscriptionLimits"));
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
