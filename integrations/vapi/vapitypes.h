#pragma once
// Vapi value types: what the console sends to create a call and what it reads back about assistants,
// phone numbers and calls (shared/providers/vapi.md §3, contracts/specs/vapi.json).

#include "model/costevent.h"
#include "model/money.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

#include <chrono>
#include <optional>

namespace agency {

struct VapiAssistant
{
    QString id;
    QString orgId;
    QString name;
    QString firstMessage;
    QDateTime createdAt;
    QDateTime updatedAt;
    QString modelProvider; ///< model.provider ("anthropic")
    QString model;         ///< model.model ("claude-haiku-4-5")
    QString voiceProvider; ///< voice.provider ("11labs")
    QString transcriberProvider;
    QJsonObject raw; ///< the provider's object as received
};

struct VapiPhoneNumber
{
    QString id;
    QString orgId;
    QString provider; ///< twilio, vonage, telnyx, vapi, byo-phone-number
    QString name;
    QString number; ///< optional for vapi/byo numbers
    QString status; ///< active, activating, blocked
    QString assistantId;
    QDateTime createdAt;
    QDateTime updatedAt;
    QJsonObject raw;
};

/// Body of POST /call for one outbound phone call.
struct VapiCallRequest
{
    QString assistantId;
    QString phoneNumberId;  ///< the caller ID, from listPhoneNumbers()
    QString customerNumber; ///< E.164, "+61255501234" (normalise with libphonenumber before)
    QString customerName;
    QString name; ///< a label for our own reference
    /// Fills {{ name }} template variables in the assistant's texts (assistantOverrides.variableValues).
    QMap<QString, QString> variableValues;
    /// What the assistant says first on this call (assistantOverrides.firstMessage); empty: the
    /// assistant's own first message.
    QString firstMessage;
    /// Longest the call may last. Sent as assistantOverrides.maxDurationSeconds, so the budget
    /// reservation (this × the per-minute price) is a real bound; Vapi's own default is 10 minutes.
    std::optional<int> maxDurationMinutes;
};

/// CostBreakdown (USD) and its token and character counts; every field is optional in the spec.
struct VapiCostBreakdown
{
    std::optional<Money> transport;
    std::optional<Money> stt;
    std::optional<Money> llm;
    std::optional<Money> tts;
    std::optional<Money> vapi;
    std::optional<Money> chat;
    std::optional<Money> total;
    std::optional<qint64> llmPromptTokens;
    std::optional<qint64> llmCompletionTokens;
    std::optional<qint64> llmCachedPromptTokens;
    std::optional<qint64> ttsCharacters;
    /// analysisCostBreakdown: summary, structuredData, successEvaluation, structuredOutput (USD).
    QMap<QString, Money> analysis;
};

/// SubscriptionLimits: whether the call was held back by the account's concurrency limit.
struct VapiSubscriptionLimits
{
    std::optional<bool> concurrencyBlocked;
    std::optional<qint64> concurrencyLimit;
    std::optional<qint64> remainingConcurrentCalls;
};

struct VapiCall
{
    QString id;
    QString orgId;
    QString type;        ///< outboundPhoneCall, inboundPhoneCall, webCall, vapi.websocketCall
    QString status;      ///< scheduled, queued, ringing, in-progress, forwarding, ended, …
    QString endedReason; ///< ~600 values: shown as text, never switched on
    QString endedMessage;
    QDateTime createdAt;
    QDateTime updatedAt;
    std::optional<QDateTime> startedAt;
    std::optional<QDateTime> endedAt;
    QString assistantId;
    QString phoneNumberId;
    QString customerNumber;
    QString customerName;
    QString name;
    QString phoneCallProvider;
    QString phoneCallProviderId; ///< e.g. the Twilio CallSid
    std::optional<Money> cost;   ///< total in USD; final once status is "ended"
    std::optional<VapiCostBreakdown> costBreakdown;
    QString transcript;         ///< artifact.transcript
    QString recordingUrl;       ///< artifact.recordingUrl
    QString stereoRecordingUrl; ///< artifact.stereoRecordingUrl
    QString logUrl;             ///< artifact.logUrl
    QString summary;            ///< analysis.summary
    std::optional<VapiSubscriptionLimits> subscriptionLimits;
    QJsonObject raw;

    bool hasEnded() const { return status == u"ended"; }
    /// endedAt − startedAt, when both are known.
    std::optional<std::chrono::milliseconds> duration() const;
};

/// Filters for GET /call (all optional).
struct VapiCallQuery
{
    QString assistantId;
    QString phoneNumberId;
    int limit = 100;                      ///< 0–1000
    std::optional<QDateTime> createdAtLt; ///< page back by passing the oldest createdAt received
    std::optional<QDateTime> createdAtGt;
};

} // namespace agency
