#pragma once
// Request and result values of the Anthropic client (shared/providers/anthropic.md,
// contracts/specs/anthropic.json): messages, token counts, models.

#include "model/costevent.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace agency {

/// How long a cached system prompt lives (cache_control ttl): writing it costs more than plain input.
enum class AnthropicCacheTtl
{
    None,
    FiveMinutes, ///< "5m", the API's default
    OneHour,     ///< "1h"
};

struct AnthropicMessage
{
    enum class Role
    {
        User,
        Assistant,
    };
    Role role = Role::User;
    QString text;
};

struct AnthropicMessageRequest
{
    QString model; ///< "claude-haiku-4-5"; must have a row in the price table
    int maxTokens = 1024;
    QString system;
    AnthropicCacheTtl cacheSystem = AnthropicCacheTtl::None; ///< mark the system prompt for prompt caching
    QList<AnthropicMessage> messages;
    QStringList stopSequences;
    /// Omitted unless set: newer models (Sonnet 5 on) refuse non-default sampling values.
    std::optional<double> temperature;
    QString metadataUserId; ///< metadata.user_id: an opaque id, never personal data
    /// Input tokens for the budget's worst case, e.g. from countTokens(). When absent the client uses
    /// an upper bound from the text (one token per UTF-8 byte, plus overhead).
    std::optional<qint64> inputTokensHint;
};

/// The token counts a response reports (usage), by price class.
struct AnthropicUsage
{
    qint64 inputTokens = 0;        ///< uncached input
    qint64 outputTokens = 0;       ///< billed output, thinking included
    qint64 cacheWrite5mTokens = 0; ///< cache_creation.ephemeral_5m_input_tokens
    qint64 cacheWrite1hTokens = 0; ///< cache_creation.ephemeral_1h_input_tokens
    qint64 cacheReadTokens = 0;    ///< cache_read_input_tokens
    QString serviceTier;           ///< "standard", "priority", "batch" (empty when not reported)
    qint64 serverToolRequests = 0; ///< web search / fetch requests: billed apart, not in the price table

    /// Input + cache writes + cache reads: what the band rules (Haiku 5.5's 100k) look at.
    qint64 promptTokens() const
    {
        return inputTokens + cacheWrite5mTokens + cacheWrite1hTokens + cacheReadTokens;
    }
    qint64 totalTokens() const { return promptTokens() + outputTokens; }
};

struct AnthropicMessageResult
{
    QString id;
    QString model;
    QString stopReason; ///< end_turn, max_tokens, stop_sequence, tool_use, pause_turn, refusal, …
    QString stopSequence;
    QString text;           ///< the text blocks, joined
    QStringList blockTypes; ///< every content block's type, in order (text, thinking, tool_use…)
    AnthropicUsage usage;
    /// usage × the price table (reported). Also on the core's costIncurred signal.
    std::optional<CostEvent> cost;
    /// A non-standard service tier or server-tool use: the real charge may differ from `cost`.
    bool costMayDiffer = false;
    QString requestId;
    QJsonObject raw;
};

struct AnthropicModel
{
    QString id;
    QString displayName;
    QDateTime createdAt;
    std::optional<qint64> maxInputTokens;
    std::optional<qint64> maxTokens;
};

struct AnthropicModelPage
{
    QList<AnthropicModel> models;
    bool hasMore = false;
    QString firstId;
    QString lastId;
};

struct AnthropicModelListRequest
{
    int limit = 20; ///< 1–1000
    QString afterId;
    QString beforeId;
};

} // namespace agency
