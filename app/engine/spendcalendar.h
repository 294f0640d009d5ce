#pragma once
// SpendCalendar: where a spend day and month begin and end, in one time zone (Australia/Sydney by
// default); and the words limits and daily totals share (scopes, periods, day keys).

#include <QDateTime>
#include <QTimeZone>

#include <functional>
#include <map>

namespace agency {

enum class SpendPeriod
{
    Day,
    Month,
};

QString spendPeriodKey(SpendPeriod period); ///< "day", "month"
std::optional<SpendPeriod> spendPeriodFromKey(const QString& key);

/// What a limit, or a daily total, is about.
enum class LimitScope
{
    Overall,  ///< key: empty
    Provider, ///< key: the provider key ("anthropic")
    Campaign, ///< key: the campaign or run name
    Staff,    ///< key: the staff member
};
QString limitScopeKey(LimitScope scope); ///< "overall", "provider", "campaign", "staff"
std::optional<LimitScope> limitScopeFromKey(const QString& key);

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

    /// The local day key (yyyymmdd) of a moment; remembers the days it has seen, because a zone
    /// lookup per event would cost more than writing the event.
    int dayKeyAt(qint64 atMs) const;
    /// yyyymmdd of a date: the key daily totals are stored under.
    static int dayKey(const QDate& date) { return date.year() * 10000 + date.month() * 100 + date.day(); }
    static QDate dateOfKey(int key) { return QDate(key / 10000, key / 100 % 100, key % 100); }
    /// The first and last local day of the period holding `at`.
    std::pair<QDate, QDate> periodDays(SpendPeriod period, const QDateTime& at) const;

    /// Quarter hours: every real zone's offset is a whole number of them, so a rebuild can add events
    /// up by quarter hour in SQL and give each quarter its local day here.
    static qint64 slotOf(qint64 atMs) { return atMs / kSlotMs; }
    static qint64 firstSlot(const QDateTime& at) { return slotOf(at.toMSecsSinceEpoch()); }

private:
    QTimeZone m_zone;
    struct KnownDay
    {
        qint64 endMs;
        int key;
    };
    mutable std::map<qint64, KnownDay> m_knownDays; ///< by start, in ms since the epoch
};

/// Where "now" comes from; tests inject a fixed or stepping clock.
using Clock = std::function<QDateTime()>;
Clock systemClock();

} // namespace agency
