#include "spendmath.h"

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
