#pragma once
// SpendCalendar: where a spend day and month begin and end, in one time zone (Australia/Sydney by
// default), and the 15-minute slots the ledger totals by. Every real zone's offset is a whole number
// of quarter hours, so slot totals serve any zone without being rebuilt.

#include <QDateTime>
#include <QTimeZone>

#include <functional>

namespace agency {

enum class SpendPeriod
{
    Day,
    Month,
};

QString spendPeriodKey(SpendPeriod period); ///< "day", "month"
std::optional<SpendPeriod> spendPeriodFromKey(const QString& key);

/// [start, end) in UTC.
struct TimeRange
{
    QDateTime start;
    QDateTime end;
};

class SpendCalendar
{
public:
    static constexpr qint64 kSlotMs = 15 * 60 * 1000;

    explicit SpendCalendar(QTimeZone zone = defaultZone());
    static QTimeZone defaultZone(); ///< Australia/Sydney

    const QTimeZone& zone() const { return m_zone; }
    /// The day or month that holds `at`.
    TimeRange periodAt(SpendPeriod period, const QDateTime& at) const;
    /// The local date of `at`.
    QDate localDate(const QDateTime& at) const;
    /// [start of `date`, start of the next day) in this zone, in UTC.
    TimeRange dayRange(const QDate& date) const;
    /// A number that names the period holding `at`: yyyymmdd for a day, yyyymm for a month.
    int periodKey(SpendPeriod period, const QDateTime& at) const;

    static qint64 slotOf(qint64 atMs) { return atMs / kSlotMs; }
    static qint64 firstSlot(const QDateTime& at) { return slotOf(at.toMSecsSinceEpoch()); }

private:
    QTimeZone m_zone;
};

/// Where "now" comes from; tests inject a fixed or stepping clock.
using Clock = std::function<QDateTime()>;
Clock systemClock();

} // namespace agency
