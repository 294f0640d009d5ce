#pragma once
// AnthropicPriceTable: Anthropic's per-token prices, one row per model and effective-from date, read
// from a JSON file (the built-in one is the Qt resource :/prices/anthropic_prices.json; a user-edited
// copy can replace it). The API reports token counts only, so every message's cost comes from here.

#include "integrations/anthropic/anthropictypes.h"
#include "model/money.h"
#include "model/result.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace agency {

/// Prices per million tokens for each token class, in the table's currency.
struct AnthropicTokenPrices
{
    Money input;
    Money cacheWrite5m;
    Money cacheWrite1h;
    Money cacheRead;
    Money output;
};

struct AnthropicPriceRow
{
    QString model;
    QStringList aliases; ///< other ids billed the same ("claude-haiku-4-5-20251001")
    QDate effectiveFrom; ///< the first day these prices apply
    AnthropicTokenPrices prices;
    /// A second band for long prompts (Haiku 5.5: above 100k prompt tokens every token of the request
    /// is billed at the higher band, output included).
    std::optional<qint64> longPromptAbove;
    std::optional<AnthropicTokenPrices> longPromptPrices;
    QString source;

    bool matches(const QString& id) const { return model == id || aliases.contains(id); }
    /// The band a request with this many prompt tokens (input + cache writes + cache reads) pays.
    const AnthropicTokenPrices& pricesForPrompt(qint64 promptTokens) const;
};

class AnthropicPriceTable
{
public:
    /// The table built into the application (Qt resource). Never empty: a broken resource is a build error,
    /// caught by the tests.
    static const AnthropicPriceTable& builtIn();
    static Result<AnthropicPriceTable, QString> fromJson(const QByteArray& json);
    /// A user-edited table (Settings), same format as the built-in one.
    static Result<AnthropicPriceTable, QString> fromFile(const QString& path);

    QString currency() const { return m_currency; }
    const QList<AnthropicPriceRow>& rows() const { return m_rows; }
    bool knows(const QString& model) const;

    /// The row in force for `model` on `date`: the latest effective-from not after it. An unknown
    /// model, or a date before its first row, is an error — never a zero price.
    Result<AnthropicPriceRow, QString> priceFor(const QString& model, QDate date) const;
    /// usage × the prices in force on `date`, rounded half away from zero to a micro-unit.
    Result<Money, QString> costOf(const QString& model, const AnthropicUsage& usage, QDate date) const;
    /// What a message can cost at most: `inputTokens` at the input price (at the cache-write price when
    /// the prompt is written to the cache) plus `maxTokens` at the output price, rounded up.
    Result<Money, QString> worstCaseCost(const QString& model, qint64 inputTokens, qint64 maxTokens,
                                         QDate date = QDateTime::currentDateTimeUtc().date(),
                                         AnthropicCacheTtl cacheWrite = AnthropicCacheTtl::None) const;

private:
    QString m_currency;
    QList<AnthropicPriceRow> m_rows;
};

} // namespace agency
