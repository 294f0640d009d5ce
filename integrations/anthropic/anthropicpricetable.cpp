#include "anthropicpricetable.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>

namespace agency {

namespace {

const QString kBuiltInPath = QStringLiteral(":/prices/anthropic_prices.json");
constexpr qint64 kTokensPerPriceUnit = 1'000'000; // prices are per million tokens
// No request comes near a trillion tokens; beyond it a count is a bug, refused before any sum.
constexpr qint64 kMaxTokenCount = 1'000'000'000'000;

bool countsInRange(const AnthropicUsage& usage)
{
    for (const qint64 count : {usage.inputTokens, usage.outputTokens, usage.cacheWrite5mTokens,
                               usage.cacheWrite1hTokens, usage.cacheReadTokens}) {
        if (count < 0 || count > kMaxTokenCount)
            return false;
    }
    return true;
}

// A price as text ("0.125") or a number; at most six decimals, never negative.
Result<Money, QString> priceValue(const QJsonObject& object, const QString& key, const QString& currency,
                                  const QString& where)
{
    const QJsonValue value = object.value(key);
    QString text;
    if (value.isString()) {
        text = value.toString().trimmed();
    } else if (value.isDouble() && std::isfinite(value.toDouble())) {
        text = QString::number(value.toDouble(), 'f', 6);
    } else {
        return failure(QStringLiteral("%1: \"%2\" should be a price per million tokens").arg(where, key));
    }
    QString why;
    const std::optional<Money> money = Money::parse(QString(text + u' ' + currency), &why);
    if (!money)
        return failure(QStringLiteral("%1: \"%2\" is not a price (%3)").arg(where, key, why));
    if (money->isNegative())
        return failure(QStringLiteral("%1: \"%2\" is negative").arg(where, key));
    return *money;
}

Result<AnthropicTokenPrices, QString> tokenPrices(const QJsonObject& object, const QString& currency,
                                                  const QString& where)
{
    AnthropicTokenPrices prices;
    const std::pair<const char*, Money*> classes[] = {{"input", &prices.input},
                                                      {"cacheWrite5m", &prices.cacheWrite5m},
                                                      {"cacheWrite1h", &prices.cacheWrite1h},
                                                      {"cacheRead", &prices.cacheRead},
                                                      {"output", &prices.output}};
    for (const auto& [key, target] : classes) {
        auto price = priceValue(object, QString::fromLatin1(key), currency, where);
        if (!price)
            return failure(price.error());
        *target = price.value();
    }
    return prices;
}

// Σ tokens × price-per-million, divided once at the end; nullopt when it overflows.
std::optional<Money> priced(const AnthropicTokenPrices& prices, const AnthropicUsage& usage,
                            Rounding rounding)
{
    const std::pair<qint64, const Money*> parts[] = {{usage.inputTokens, &prices.input},
                                                     {usage.cacheWrite5mTokens, &prices.cacheWrite5m},
                                                     {usage.cacheWrite1hTokens, &prices.cacheWrite1h},
                                                     {usage.cacheReadTokens, &prices.cacheRead},
                                                     {usage.outputTokens, &prices.output}};
    qint64 microsTimesTokens = 0;
    for (const auto& [tokens, price] : parts) {
        qint64 product = 0;
        if (__builtin_mul_overflow(tokens, price->micros(), &product) ||
            __builtin_add_overflow(microsTimesTokens, product, &microsTimesTokens))
            return std::nullopt;
    }
    return Money::fromMicros(microsTimesTokens, prices.input.currency())
        .scaled(1, kTokensPerPriceUnit, rounding);
}

} // namespace

const AnthropicTokenPrices& AnthropicPriceRow::pricesForPrompt(qint64 promptTokens) const
{
    if (longPromptAbove && longPromptPrices && promptTokens > *longPromptAbove)
        return *longPromptPrices;
    return prices;
}

const AnthropicPriceTable& AnthropicPriceTable::builtIn()
{
    static const AnthropicPriceTable table = [] {
        auto loaded = fromFile(kBuiltInPath);
        // The resource is compiled in and checked by the tests; an empty table prices nothing (every
        // model is then an explicit "unknown model" error).
        return loaded ? loaded.value() : AnthropicPriceTable();
    }();
    return table;
}

Result<AnthropicPriceTable, QString> AnthropicPriceTable::fromFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return failure(QStringLiteral("cannot read the price table %1: %2").arg(path, file.errorString()));
    return fromJson(file.readAll());
}

Result<AnthropicPriceTable, QString> AnthropicPriceTable::fromJson(const QByteArray& json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return failure(QStringLiteral("the price table is not valid JSON (byte %1: %2)")
                           .arg(parseError.offset)
                           .arg(parseError.errorString()));
    const QJsonObject root = document.object();
    AnthropicPriceTable table;
    table.m_currency = root.value(QStringLiteral("currency")).toString();
    if (table.m_currency.size() != 3 || table.m_currency != table.m_currency.toUpper())
        return failure(QStringLiteral("the price table needs a \"currency\" such as \"USD\""));
    const QJsonValue rows = root.value(QStringLiteral("rows"));
    if (!rows.isArray() || rows.toArray().isEmpty())
        return failure(QStringLiteral("the price table has no \"rows\""));

    const QJsonArray array = rows.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonObject object = array.at(i).toObject();
        AnthropicPriceRow row;
        row.model = object.value(QStringLiteral("model")).toString().trimmed();
        const QString where = row.model.isEmpty() ? QStringLiteral("row %1").arg(i + 1) : row.model;
        if (!array.at(i).isObject() || row.model.isEmpty())
            return failure(QStringLiteral("%1: every row needs a \"model\"").arg(where));
        for (const QJsonValue alias : object.value(QStringLiteral("aliases")).toArray()) {
            if (!alias.isString() || alias.toString().trimmed().isEmpty())
                return failure(QStringLiteral("%1: \"aliases\" should be model ids").arg(where));
            row.aliases.append(alias.toString().trimmed());
        }
        row.effectiveFrom =
            QDate::fromString(object.value(QStringLiteral("effectiveFrom")).toString(), Qt::ISODate);
        if (!row.effectiveFrom.isValid())
            return failure(QStringLiteral("%1: \"effectiveFrom\" should be a date (YYYY-MM-DD)").arg(where));
        auto prices = tokenPrices(object, table.m_currency, where);
        if (!prices)
            return failure(prices.error());
        row.prices = prices.value();
        if (object.contains(QStringLiteral("longPrompt"))) {
            const QJsonObject band = object.value(QStringLiteral("longPrompt")).toObject();
            const QJsonValue above = band.value(QStringLiteral("aboveTokens"));
            if (!above.isDouble() || above.toDouble() < 1 || above.toDouble() != std::floor(above.toDouble()))
                return failure(
                    QStringLiteral("%1: longPrompt needs \"aboveTokens\" (a whole number)").arg(where));
            auto bandPrices = tokenPrices(band, table.m_currency, where + QStringLiteral(" longPrompt"));
            if (!bandPrices)
                return failure(bandPrices.error());
            row.longPromptAbove = qint64(above.toDouble());
            row.longPromptPrices = bandPrices.value();
        }
        row.source = object.value(QStringLiteral("source")).toString();

        // Two rows for the same id and day would make the price depend on file order.
        const QStringList ids = QStringList(row.aliases) << row.model;
        for (const AnthropicPriceRow& other : std::as_const(table.m_rows)) {
            for (const QString& id : ids) {
                if (other.matches(id) && other.effectiveFrom == row.effectiveFrom)
                    return failure(QStringLiteral("%1 has two rows effective from %2")
                                       .arg(id, row.effectiveFrom.toString(Qt::ISODate)));
                if (other.matches(id) && other.model != row.model)
                    return failure(
                        QStringLiteral("%1 is listed under both %2 and %3").arg(id, other.model, row.model));
            }
        }
        table.m_rows.append(row);
    }
    return table;
}

bool AnthropicPriceTable::knows(const QString& model) const
{
    return std::any_of(m_rows.cbegin(), m_rows.cend(),
                       [&model](const auto& row) { return row.matches(model); });
}

Result<AnthropicPriceRow, QString> AnthropicPriceTable::priceFor(const QString& model, QDate date) const
{
    const AnthropicPriceRow* best = nullptr;
    QDate first;
    for (const AnthropicPriceRow& row : m_rows) {
        if (!row.matches(model))
            continue;
        if (!first.isValid() || row.effectiveFrom < first)
            first = row.effectiveFrom;
        if (row.effectiveFrom <= date && (!best || row.effectiveFrom > best->effectiveFrom))
            best = &row;
    }
    if (best)
        return *best;
    if (!first.isValid())
        return failure(
            QStringLiteral("no price for model \"%1\" in the Anthropic price table; add a row for it "
                           "in Settings before using it")
                .arg(model));
    return failure(QStringLiteral("no price for model \"%1\" in force on %2 (its first row starts %3)")
                       .arg(model, date.toString(Qt::ISODate), first.toString(Qt::ISODate)));
}

Result<Money, QString> AnthropicPriceTable::costOf(const QString& model, const AnthropicUsage& usage,
                                                   QDate date) const
{
    if (!countsInRange(usage))
        return failure(QStringLiteral("a token count is out of range"));
    auto row = priceFor(model, date);
    if (!row)
        return failure(row.error());
    const std::optional<Money> amount =
        priced(row->pricesForPrompt(usage.promptTokens()), usage, Rounding::HalfAwayFromZero);
    if (!amount)
        return failure(QStringLiteral("the cost of %1 tokens overflows").arg(usage.totalTokens()));
    return *amount;
}

Result<Money, QString> AnthropicPriceTable::worstCaseCost(const QString& model, qint64 inputTokens,
                                                          qint64 maxTokens, QDate date,
                                                          AnthropicCacheTtl cacheWrite) const
{
    if (inputTokens < 0 || maxTokens < 0 || inputTokens > kMaxTokenCount || maxTokens > kMaxTokenCount)
        return failure(QStringLiteral("a token count is out of range"));
    auto row = priceFor(model, date);
    if (!row)
        return failure(row.error());
    AnthropicUsage usage;
    // A prompt written to the cache is billed at the write price, which is above the input price.
    if (cacheWrite == AnthropicCacheTtl::FiveMinutes)
        usage.cacheWrite5mTokens = inputTokens;
    else if (cacheWrite == AnthropicCacheTtl::OneHour)
        usage.cacheWrite1hTokens = inputTokens;
    else
        usage.inputTokens = inputTokens;
    usage.outputTokens = maxTokens;
    const std::optional<Money> amount =
        priced(row->pricesForPrompt(usage.promptTokens()), usage, Rounding::Up);
    if (!amount)
        return failure(QStringLiteral("the worst case of %1 tokens overflows").arg(usage.totalTokens()));
    return *amount;
}

} // namespace agency
