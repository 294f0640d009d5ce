#pragma once
// Money: an exact amount as integer micro-units (1e-6) of one currency. Never floating point.

#include <QString>
#include <QtGlobal>

#include <compare>
#include <optional>

namespace agency {

/// ISO 4217 code, upper case, such as "AUD" or "USD".
using CurrencyCode = QString;

enum class Rounding
{
    HalfAwayFromZero, ///< commercial rounding: 0.5 micro goes away from zero
    HalfEven,         ///< banker's rounding, for sums of many rounded parts
    Down,             ///< toward zero: a conservative credit
    Up,               ///< away from zero: a conservative worst case (budget reservations)
};

class Money
{
public:
    static constexpr qint64 kMicrosPerUnit = 1'000'000;

    Money() = default;
    static Money fromMicros(qint64 micros, const CurrencyCode& currency) { return Money(micros, currency); }
    static Money zero(const CurrencyCode& currency) { return Money(0, currency); }
    static Money aud(qint64 micros) { return Money(micros, QStringLiteral("AUD")); }

    /// Parses "A$0.0009", "-A$1,234.50", "US$2", "0.02 AUD", "AUD 0.02", "12.5 USD".
    /// More than six decimal places is an error (never silently rounded).
    static std::optional<Money> parse(const QString& text, QString* error = nullptr);

    qint64 micros() const { return m_micros; }
    const CurrencyCode& currency() const { return m_currency; }
    bool isValid() const { return !m_currency.isEmpty(); }
    bool isZero() const { return m_micros == 0; }
    bool isNegative() const { return m_micros < 0; }

    /// Checked arithmetic: nullopt on overflow or a currency mismatch.
    std::optional<Money> plus(const Money& other) const;
    std::optional<Money> minus(const Money& other) const;
    std::optional<Money> times(qint64 quantity) const;
    /// this × numerator / denominator, rounded once at the end (128-bit intermediate).
    std::optional<Money> scaled(qint64 numerator, qint64 denominator,
                                Rounding rounding = Rounding::HalfAwayFromZero) const;
    /// Converts with a rate given as micro-units of `target` per one unit of this currency.
    std::optional<Money> converted(const CurrencyCode& target, qint64 rateMicros,
                                   Rounding rounding = Rounding::HalfAwayFromZero) const;

    /// "A$900.00", "A$0.0009", "-US$1.50": at least two decimals, at most six, no trailing zeros past two.
    QString toString() const;
    /// Plain decimal with no symbol: "900.00", "0.0009".
    QString toDecimalString() const;

    friend bool operator==(const Money&, const Money&) = default;
    /// Ordering only within one currency; different currencies are unordered.
    friend std::partial_ordering operator<=>(const Money& a, const Money& b)
    {
        if (a.m_currency != b.m_currency)
            return std::partial_ordering::unordered;
        return a.m_micros <=> b.m_micros;
    }

private:
    Money(qint64 micros, CurrencyCode currency)
        : m_micros(micros)
        , m_currency(std::move(currency))
    {}

    qint64 m_micros = 0;
    CurrencyCode m_currency;
};

/// The symbol shown before an amount: "A$" for AUD, "US$" for USD, else the code and a space.
QString currencyPrefix(const CurrencyCode& currency);

} // namespace agency
