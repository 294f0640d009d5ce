#include "spendcalendar.h"

namespace agency {

QString spendPeriodKey(SpendPeriod period)
{
    return period == SpendPeriod::Day ? QStringLiteral("day") : QStringLiteral("month");
}

std::optional<SpendPeriod> spendPeriodFromKey(const QString& key)
{
    if (key == u"day")
        return SpendPeriod::Day;
    if (key == u"month")
        return SpendPeriod::Month;
    return std::nullopt;
}

QString limitScopeKey(LimitScope scope)
{
    switch (scope) {
    case LimitScope::Overall:
        return QStringLiteral("overall");
    case LimitScope::Provider:
        return QStringLiteral("provider");
    case LimitScope::Campaign:
        return QStringLiteral("campaign");
    case LimitScope::Staff:
        return QStringLiteral("staff");
    }
    return {};
}

std::optional<LimitScope> limitScopeFromKey(const QString& key)
{
    for (LimitScope scope :
         {LimitScope::Overall, LimitScope::Provider, LimitScope::Campaign, LimitScope::Staff}) {
        if (limitScopeKey(scope) == key)
            return scope;
    }
    return std::nullopt;
}

std::pair<QDate, QDate> SpendCalendar::periodDays(SpendPeriod period, const QDateTime& at) const
{
    const QDate date = localDate(at);
    if (period == SpendPeriod::Day)
        return {date, date};
    const QDate first(date.year(), date.month(), 1);
    return {first, first.addMonths(1).addDays(-1)};
}

SpendCalendar::SpendCalendar(QTimeZone zone)
    : m_zone(zone.isValid() ? std::move(zone) : defaultZone())
{}

QTimeZone SpendCalendar::defaultZone()
{
    const QTimeZone sydney(QByteArrayLiteral("Australia/Sydney"));
    return sydney.isValid() ? sydney : QTimeZone::utc();
}

QDate SpendCalendar::localDate(const QDateTime& at) const
{
    return at.toTimeZone(m_zone).date();
}

TimeRange SpendCalendar::dayRange(const QDate& date) const
{
    // QDateTime picks the first valid instant when midnight falls in a DST gap.
    return {QDateTime(date, QTime(0, 0), m_zone).toUTC(),
            QDateTime(date.addDays(1), QTime(0, 0), m_zone).toUTC()};
}

TimeRange SpendCalendar::periodAt(SpendPeriod period, const QDateTime& at) const
{
    const QDate date = localDate(at);
    if (period == SpendPeriod::Day)
        return dayRange(date);
    const QDate first(date.year(), date.month(), 1);
    return {dayRange(first).start, dayRange(first.addMonths(1)).start};
}

int SpendCalendar::dayKeyAt(qint64 atMs) const
{
    auto it = m_knownDays.upper_bound(atMs);
    if (it != m_knownDays.begin() && atMs < std::prev(it)->second.endMs)
        return std::prev(it)->second.key;
    const QDate date = localDate(QDateTime::fromMSecsSinceEpoch(atMs, QTimeZone::utc()));
    const TimeRange range = dayRange(date);
    const int key = dayKey(date);
    if (m_knownDays.size() > 4096)
        m_knownDays.clear(); // eleven years of days: enough for any batch
    m_knownDays.insert_or_assign(range.start.toMSecsSinceEpoch(),
                                 KnownDay{range.end.toMSecsSinceEpoch(), key});
    return key;
}

int SpendCalendar::periodKey(SpendPeriod period, const QDateTime& at) const
{
    const QDate date = localDate(at);
    const int month = date.year() * 100 + date.month();
    return period == SpendPeriod::Day ? month * 100 + date.day() : month;
}

Clock systemClock()
{
    return [] {
        return QDateTime::currentDateTimeUtc();
    };
}

} // namespace agency
