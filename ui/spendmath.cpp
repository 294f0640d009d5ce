#include "spendmath.h"

#include <QCoreApplication>

namespace agency {

BarState barStateFor(int percent)
{
    if (percent >= kOverPercent)
        return BarState::Over;
    if (percent >= kWarningPercent)
        return BarState::Warning;
    return BarState::Normal;
}

QColor barColour(BarState state)
{
    switch (state) {
    case BarState::Over:
        return QColor(0xc6, 0x28, 0x28);
    case BarState::Warning:
        return QColor(0xe6, 0x9b, 0x00);
    case BarState::Normal:
        return QColor(0x2e, 0x7d, 0x32);
    case BarState::NoLimit:
        break;
    }
    return QColor(0x9e, 0x9e, 0x9e);
}

Money roundedToCents(const Money& amount)
{
    constexpr qint64 kMicrosPerCent = Money::kMicrosPerUnit / 100;
    const auto cents = amount.scaled(1, kMicrosPerCent);
    const auto back = cents ? cents->times(kMicrosPerCent) : std::nullopt;
    return back ? *back : amount;
}

QString centsText(const Money& amount)
{
    return roundedToCents(amount).toString();
}

std::optional<Money> parseAud(const QString& text, QString* error)
{
    QString firstError;
    std::optional<Money> amount = Money::parse(text, &firstError);
    if (!amount) {
        // A bare number is AUD; anything else keeps the parser's own explanation.
        amount = Money::parse(text.trimmed() + QStringLiteral(" AUD"));
        if (!amount || text.trimmed().isEmpty()) {
            if (error)
                *error = firstError;
            return std::nullopt;
        }
    }
    if (amount->currency() != u"AUD") {
        if (error)
            *error =
                QCoreApplication::translate("agency::SpendMath", "Write the amount in AUD, such as A$50.00.");
        return std::nullopt;
    }
    return amount;
}

std::optional<QDate> runsOutOn(const Money& left, const Money& burnPerDay, const QDate& today)
{
    if (!today.isValid() || left.currency() != burnPerDay.currency() || burnPerDay.micros() <= 0)
        return std::nullopt;
    if (left.micros() <= 0)
        return today;
    // Whole days that are fully paid for; the money runs out during the next one.
    const qint64 fullDays = left.micros() / burnPerDay.micros();
    constexpr qint64 kTenYears = 3653;
    if (fullDays > kTenYears)
        return std::nullopt;
    return today.addDays(fullDays);
}

} // namespace agency
