#include "money.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace agency {

namespace {

// 128-bit intermediates for products of two 64-bit values (a GCC/Clang extension).
__extension__ using Int128 = __int128;

struct Prefix
{
    const char* symbol;
    const char* code;
};
// Longest symbols first, so "US$" is not read as "$".
constexpr Prefix kPrefixes[] = {{"A$", "AUD"},  {"AU$", "AUD"}, {"US$", "USD"},
                                {"NZ$", "NZD"}, {"€", "EUR"},   {"£", "GBP"}};

// Divides a 128-bit value once, with the chosen rounding; the only place rounding happens.
std::optional<qint64> roundedDivide(Int128 numerator, Int128 denominator, Rounding rounding)
{
    if (denominator == 0)
        return std::nullopt;
    if (denominator < 0) {
        numerator = -numerator;
        denominator = -denominator;
    }
    Int128 quotient = numerator / denominator;
    const Int128 remainder = numerator % denominator;
    if (remainder != 0) {
        const int sign = numerator < 0 ? -1 : 1;
        const Int128 twiceRemainder = (remainder < 0 ? -remainder : remainder) * 2;
        bool awayFromZero = false;
        switch (rounding) {
        case Rounding::HalfAwayFromZero:
            awayFromZero = twiceRemainder >= denominator;
            break;
        case Rounding::HalfEven:
            awayFromZero =
                twiceRemainder > denominator || (twiceRemainder == denominator && (quotient % 2) != 0);
            break;
        case Rounding::Down:
            awayFromZero = false;
            break;
        case Rounding::Up:
            awayFromZero = true;
            break;
        }
        if (awayFromZero)
            quotient += sign;
    }
    if (quotient > std::numeric_limits<qint64>::max() || quotient < std::numeric_limits<qint64>::min())
        return std::nullopt;
    return static_cast<qint64>(quotient);
}

} // namespace

QString currencyPrefix(const CurrencyCode& currency)
{
    if (currency == u"AUD")
        return QStringLiteral("A$");
    if (currency == u"USD")
        return QStringLiteral("US$");
    return currency + u' ';
}

std::optional<Money> Money::plus(const Money& other) const
{
    qint64 result = 0;
    if (m_currency != other.m_currency || __builtin_add_overflow(m_micros, other.m_micros, &result))
        return std::nullopt;
    return Money(result, m_currency);
}

std::optional<Money> Money::minus(const Money& other) const
{
    qint64 result = 0;
    if (m_currency != other.m_currency || __builtin_sub_overflow(m_micros, other.m_micros, &result))
        return std::nullopt;
    return Money(result, m_currency);
}

std::optional<Money> Money::times(qint64 quantity) const
{
    qint64 result = 0;
    if (__builtin_mul_overflow(m_micros, quantity, &result))
        return std::nullopt;
    return Money(result, m_currency);
}

std::optional<Money> Money::scaled(qint64 numerator, qint64 denominator, Rounding rounding) const
{
    const auto result = roundedDivide(static_cast<Int128>(m_micros) * numerator, denominator, rounding);
    if (!result)
        return std::nullopt;
    return Money(*result, m_currency);
}

std::optional<Money> Money::converted(const CurrencyCode& target, qint64 rateMicros, Rounding rounding) const
{
    if (target == m_currency)
        return *this;
    if (rateMicros <= 0)
        return std::nullopt;
    const auto result = roundedDivide(static_cast<Int128>(m_micros) * rateMicros, kMicrosPerUnit, rounding);
    if (!result)
        return std::nullopt;
    return Money(*result, target);
}

QString Money::toDecimalString() const
{
    // Work in unsigned so that the most negative value formats too.
    const bool negative = m_micros < 0;
    const quint64 magnitude = negative ? quint64(0) - quint64(m_micros) : quint64(m_micros);
    const quint64 whole = magnitude / kMicrosPerUnit;
    QString fraction = QStringLiteral("%1").arg(magnitude % kMicrosPerUnit, 6, 10, QLatin1Char('0'));
    while (fraction.size() > 2 && fraction.endsWith(u'0'))
        fraction.chop(1);
    return (negative ? QStringLiteral("-") : QString()) + QString::number(whole) + u'.' + fraction;
}

QString Money::toString() const
{
    QString decimal = toDecimalString();
    const bool negative = decimal.startsWith(u'-');
    if (negative)
        decimal.remove(0, 1);
    // Thousands separators on the whole part, for reading large totals at a glance.
    const qsizetype point = decimal.indexOf(u'.');
    for (qsizetype i = point - 3; i > 0; i -= 3)
        decimal.insert(i, u',');
    return (negative ? QStringLiteral("-") : QString()) + currencyPrefix(m_currency) + decimal;
}

std::optional<Money> Money::parse(const QString& input, QString* error)
{
    auto fail = [error](const QString& message) -> std::optional<Money> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    QString text = input.trimmed();
    if (text.isEmpty())
        return fail(QCoreApplication::translate("agency::Money", "No amount was given."));

    bool negative = false;
    if (text.startsWith(u'-')) {
        negative = true;
        text = text.mid(1).trimmed();
    }
    QString currency;
    for (const Prefix& prefix : kPrefixes) {
        const QString symbol = QString::fromUtf8(prefix.symbol);
        if (text.startsWith(symbol, Qt::CaseInsensitive)) {
            currency = QString::fromLatin1(prefix.code);
            text = text.mid(symbol.size()).trimmed();
            break;
        }
    }
    if (currency.isEmpty()) {
        static const QRegularExpression codeFirst(QStringLiteral("^([A-Za-z]{3})\\s*(.+)$"));
        static const QRegularExpression codeLast(QStringLiteral("^(.+?)\\s*([A-Za-z]{3})$"));
        if (const auto match = codeFirst.match(text); match.hasMatch()) {
            currency = match.captured(1).toUpper();
            text = match.captured(2);
        } else if (const auto last = codeLast.match(text); last.hasMatch()) {
            currency = last.captured(2).toUpper();
            text = last.captured(1);
        } else {
            return fail(QCoreApplication::translate("agency::Money",
                                                    "\"%1\" has no currency: write it as A$1.50 or 1.50 AUD.")
                            .arg(input.trimmed()));
        }
    }
    if (!negative && text.startsWith(u'-')) {
        negative = true;
        text = text.mid(1);
    }

    static const QRegularExpression number(QStringLiteral("^(\\d{1,3}(?:,\\d{3})+|\\d+)?(?:\\.(\\d*))?$"));
    const auto match = number.match(text);
    if (!match.hasMatch() || (match.captured(1).isEmpty() && match.captured(2).isEmpty()))
        return fail(
            QCoreApplication::translate("agency::Money", "\"%1\" is not an amount.").arg(input.trimmed()));
    QString whole = match.captured(1);
    whole.remove(u',');
    const QString fraction = match.captured(2);
    if (fraction.size() > 6)
        return fail(QCoreApplication::translate("agency::Money", "\"%1\" has more than six decimal places.")
                        .arg(input.trimmed()));

    bool ok = true;
    const qint64 wholeUnits = whole.isEmpty() ? 0 : whole.toLongLong(&ok);
    qint64 micros = 0;
    if (!ok || __builtin_mul_overflow(wholeUnits, kMicrosPerUnit, &micros))
        return fail(
            QCoreApplication::translate("agency::Money", "\"%1\" is too large.").arg(input.trimmed()));
    const qint64 fractionMicros = fraction.isEmpty() ? 0 : fraction.leftJustified(6, u'0').toLongLong();
    if (__builtin_add_overflow(micros, fractionMicros, &micros))
        return fail(
            QCoreApplication::translate("agency::Money", "\"%1\" is too large.").arg(input.trimmed()));
    return Money(negative ? -micros : micros, currency);
}

} // namespace agency
