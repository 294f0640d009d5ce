#pragma once
// Small sums behind the Spend panel's colours and dates: how full a limit is shown, and when money
// left on an account runs out at the current burn rate. Integer money only.

#include "model/money.h"

#include <QColor>
#include <QDate>

#include <optional>

namespace agency {

/// How a limit's bar is drawn: normal below 80 %, amber from 80 %, red at or over 100 %.
enum class BarState
{
    NoLimit,
    Normal,
    Warning,
    Over,
};

inline constexpr int kWarningPercent = 80;
inline constexpr int kOverPercent = 100;

BarState barStateFor(int percent);
QColor barColour(BarState state);

/// `amount` rounded to whole cents (half away from zero), for totals read at a glance; the ledger
/// table and tooltips keep the exact figure.
Money roundedToCents(const Money& amount);
/// "A$47.22" for A$47.2208.
QString centsText(const Money& amount);

/// An amount in AUD as a person types it: "A$50", "50 AUD" or a bare "50" (taken as AUD). Another
/// currency, a bad number or more than six decimals is refused with `error` saying why.
std::optional<Money> parseAud(const QString& text, QString* error);

/// The day `left` is used up when `burnPerDay` is spent every day from `today` on; nullopt when
/// nothing is being spent (or the amounts are not in one currency).
std::optional<QDate> runsOutOn(const Money& left, const Money& burnPerDay, const QDate& today);

} // namespace agency
