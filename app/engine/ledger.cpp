#include "ledger.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <limits>
#include <map>
#include <tuple>

namespace agency {

struct Ledger::TotalKey
{
    QString scope;
    QString key;
    int day = 0;
    bool operator<(const TotalKey& other) const
    {
        return std::tie(scope, key, day) < std::tie(other.scope, other.key, other.day);
    }
};

namespace {
const QString kInsert = QStringLiteral(
    "INSERT INTO cost_events (at_ms, provider, operation, units, unit, unit_price_micros,"
    " unit_price_currency, amount_micros, currency, amount_aud_micros, source, staff, campaign,"
    " provider_ref, corrects) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");

const QString kColumns = QStringLiteral(
    "id, at_ms, provider, operation, units, unit, unit_price_micros, unit_price_currency, amount_micros,"
    " currency, amount_aud_micros, source, staff, campaign, provider_ref, corrects");

// A null QString binds as SQL NULL; the ledger's text columns hold empty text instead.
QString text(const QString& value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

QVariant optionalMicros(const Money& money)
{
    return money.isValid() ? QVariant(money.micros()) : QVariant(QMetaType(QMetaType::LongLong));
}

QDateTime effectiveTime(const CostEvent& event)
{
    return event.at.isValid() ? event.at : QDateTime::currentDateTimeUtc();
}

// "WHERE …" for a filter, with its values in order.
QString whereClause(const LedgerFilter& filter, QVariantList& values)
{
    QStringList terms;
    if (filter.provider) {
        terms << QStringLiteral("provider = ?");
        values << providerKey(*filter.provider);
    }
    if (filter.range) {
        terms << QStringLiteral("at_ms >= ? AND at_ms < ?");
        values << filter.range->start.toMSecsSinceEpoch() << filter.range->end.toMSecsSinceEpoch();
    }
    if (!filter.campaign.isEmpty()) {
        terms << QStringLiteral("campaign = ?");
        values << filter.campaign;
    }
    if (!filter.staff.isEmpty()) {
        terms << QStringLiteral("staff = ?");
        values << filter.staff;
    }
    return terms.isEmpty() ? QString() : QStringLiteral(" WHERE ") + terms.join(QStringLiteral(" AND "));
}

std::optional<LedgerRow> readRow(const QSqlQuery& query)
{
    LedgerRow row;
    row.id = query.value(0).toLongLong();
    CostEvent& event = row.event;
    event.at = QDateTime::fromMSecsSinceEpoch(query.value(1).toLongLong(), QTimeZone::utc());
    const auto provider = providerFromKey(query.value(2).toString());
    const auto source = costSourceFromName(query.value(11).toString());
    if (!provider || !source)
        return std::nullopt;
    event.provider = *provider;
    event.operation = query.value(3).toString();
    event.units = query.value(4).toLongLong();
    event.unit = query.value(5).toString();
    if (!query.value(6).isNull())
        event.unitPrice = Money::fromMicros(query.value(6).toLongLong(), query.value(7).toString());
    event.amount = Money::fromMicros(query.value(8).toLongLong(), query.value(9).toString());
    if (!query.value(10).isNull())
        event.amountAud = Money::aud(query.value(10).toLongLong());
    event.source = *source;
    event.staffMember = query.value(12).toString();
    event.campaignOrRun = query.value(13).toString();
    event.providerReference = query.value(14).toString();
    row.corrects = query.value(15).toLongLong();
    return row;
}

} // namespace

Ledger::Ledger(Database& database, QObject* parent)
    : QObject(parent)
    , m_database(database)
{}

Result<Done, DatabaseError> Ledger::insert(QSqlQuery& query, const CostEvent& event, qint64 corrects)
{
    if (!event.amount.isValid())
        return failure(DatabaseError{tr("A cost event without an amount cannot be recorded.")});
    query.addBindValue(effectiveTime(event).toMSecsSinceEpoch());
    query.addBindValue(providerKey(event.provider));
    query.addBindValue(text(event.operation));
    query.addBindValue(event.units);
    query.addBindValue(text(event.unit));
    query.addBindValue(optionalMicros(event.unitPrice));
    query.addBindValue(event.unitPrice.isValid() ? event.unitPrice.currency() : QString());
    query.addBindValue(event.amount.micros());
    query.addBindValue(event.amount.currency());
    query.addBindValue(optionalMicros(event.amountAud));
    query.addBindValue(costSourceName(event.source));
    query.addBindValue(text(event.staffMember));
    query.addBindValue(text(event.campaignOrRun));
    query.addBindValue(text(event.providerReference));
    query.addBindValue(corrects);
    if (!query.exec())
        return failure(DatabaseError{describeSqlError(QStringLiteral("a cost event"), query.lastError())});
    return Done{};
}

void Ledger::addEvent(Totals& totals, const CostEvent& event) const
{
    if (!event.amountAud.isValid())
        return;
    const int day = m_calendar.dayKeyAt(effectiveTime(event).toMSecsSinceEpoch());
    const qint64 micros = event.amountAud.micros();
    totals[{limitScopeKey(LimitScope::Overall), QStringLiteral(""), day}] += micros;
    totals[{limitScopeKey(LimitScope::Provider), providerKey(event.provider), day}] += micros;
    if (!event.staffMember.isEmpty())
        totals[{limitScopeKey(LimitScope::Staff), event.staffMember, day}] += micros;
    if (!event.campaignOrRun.isEmpty())
        totals[{limitScopeKey(LimitScope::Campaign), event.campaignOrRun, day}] += micros;
}

Result<Done, DatabaseError> Ledger::addToTotals(const Totals& totals)
{
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral(
        "INSERT INTO spend_daily (scope, scope_key, day, amount_aud_micros) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (scope, scope_key, day) DO UPDATE"
        " SET amount_aud_micros = spend_daily.amount_aud_micros + excluded.amount_aud_micros"));
    for (const auto& [key, micros] : totals) {
        query.addBindValue(key.scope);
        query.addBindValue(key.key);
        query.addBindValue(key.day);
        query.addBindValue(micros);
        if (!query.exec())
            return failure(
                DatabaseError{describeSqlError(QStringLiteral("the daily totals"), query.lastError())});
    }
    return Done{};
}

Result<Done, DatabaseError> Ledger::useCalendar(const SpendCalendar& calendar)
{
    m_calendar = calendar;
    QSqlQuery query(m_database.connection());
    if (!query.exec(QStringLiteral("SELECT value FROM ledger_meta WHERE name = 'time_zone'")))
        return failure(
            DatabaseError{describeSqlError(QStringLiteral("the ledger's zone"), query.lastError())});
    const QString stored = query.next() ? query.value(0).toString() : QString();
    query.finish();
    if (stored == QString::fromLatin1(calendar.zone().id()))
        return Done{};
    return rebuildTotals();
}

Result<qint64, DatabaseError> Ledger::appendInTransaction(const CostEvent& event, qint64 corrects)
{
    QSqlQuery query(m_database.connection());
    query.prepare(kInsert + QStringLiteral(" RETURNING id"));
    auto inserted = insert(query, event, corrects);
    if (!inserted)
        return failure(inserted.error());
    if (!query.next())
        return failure(
            DatabaseError{describeSqlError(QStringLiteral("the new event's id"), query.lastError())});
    const qint64 id = query.value(0).toLongLong();
    query.finish();
    Totals totals;
    addEvent(totals, event);
    auto added = addToTotals(totals);
    if (!added)
        return failure(added.error());
    return id;
}

void Ledger::announce()
{
    if (m_database.isPostgres()) {
        QSqlQuery notify(m_database.connection());
        notify.exec(QStringLiteral("NOTIFY ") + notifyChannel());
    }
    Q_EMIT changed();
}

Result<qint64, DatabaseError> Ledger::record(const CostEvent& event)
{
    Transaction transaction(m_database, Transaction::Lock::None);
    if (transaction.beginError())
        return failure(*transaction.beginError());
    auto id = appendInTransaction(event);
    if (!id)
        return failure(id.error());
    auto committed = transaction.commit();
    if (!committed)
        return failure(committed.error());
    announce();
    return id.value();
}

Result<Done, DatabaseError> Ledger::recordBatch(const QList<CostEvent>& events)
{
    Transaction transaction(m_database, Transaction::Lock::None);
    if (transaction.beginError())
        return failure(*transaction.beginError());
    QSqlQuery query(m_database.connection());
    query.prepare(kInsert); // once: a batch of a million rows reuses one statement
    Totals totals;          // summed in memory: one write per scope and day, not per event
    for (const CostEvent& event : events) {
        auto inserted = insert(query, event, 0);
        if (!inserted)
            return failure(inserted.error());
        addEvent(totals, event);
    }
    query.finish();
    auto added = addToTotals(totals);
    if (!added)
        return failure(added.error());
    auto committed = transaction.commit();
    if (!committed)
        return failure(committed.error());
    announce();
    return Done{};
}

Result<Done, DatabaseError> Ledger::rebuildTotals()
{
    Transaction transaction(m_database, Transaction::Lock::Ledger);
    if (transaction.beginError())
        return failure(*transaction.beginError());
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    // SQL adds the events up by quarter hour (every zone's offset is whole quarters); each quarter's
    // local day is then found by searching the day boundaries, not by a zone lookup per row.
    struct Quarter
    {
        qint64 slot;
        CostEvent event;
    };
    QList<Quarter> quarters;
    if (!query.exec(
            QStringLiteral("SELECT at_ms / %1, provider, staff, campaign, CAST(SUM(amount_aud_micros) AS"
                           " BIGINT) FROM cost_events WHERE amount_aud_micros IS NOT NULL"
                           " GROUP BY at_ms / %1, provider, staff, campaign")
                .arg(SpendCalendar::kSlotMs)))
        return failure(
            DatabaseError{describeSqlError(QStringLiteral("the totals rebuild"), query.lastError())});
    qint64 lowSlot = std::numeric_limits<qint64>::max();
    qint64 highSlot = std::numeric_limits<qint64>::min();
    while (query.next()) {
        Quarter quarter{query.value(0).toLongLong(), {}};
        const auto provider = providerFromKey(query.value(1).toString());
        const auto micros = sqlMicros(query.value(4));
        if (!provider || !micros)
            return failure(DatabaseError{tr("The ledger holds a row it cannot read (provider \"%1\").")
                                             .arg(query.value(1).toString())});
        quarter.event.provider = *provider;
        quarter.event.staffMember = query.value(2).toString();
        quarter.event.campaignOrRun = query.value(3).toString();
        quarter.event.amountAud = Money::aud(*micros);
        lowSlot = std::min(lowSlot, quarter.slot);
        highSlot = std::max(highSlot, quarter.slot);
        quarters.append(std::move(quarter));
    }
    query.finish();
    if (!query.exec(QStringLiteral("DELETE FROM spend_daily")))
        return failure(
            DatabaseError{describeSqlError(QStringLiteral("the totals rebuild"), query.lastError())});
    Totals totals;
    if (!quarters.isEmpty()) {
        const auto toTime = [](qint64 slot) {
            return QDateTime::fromMSecsSinceEpoch(slot * SpendCalendar::kSlotMs, QTimeZone::utc());
        };
        std::vector<qint64> bounds;
        QList<QDate> days;
        for (QDate d = m_calendar.localDate(toTime(lowSlot)); d <= m_calendar.localDate(toTime(highSlot));
             d = d.addDays(1)) {
            days.append(d);
            bounds.push_back(SpendCalendar::firstSlot(m_calendar.dayRange(d).start));
        }
        for (Quarter& quarter : quarters) {
            const auto it = std::upper_bound(bounds.begin(), bounds.end(), quarter.slot);
            const QDate day = days.at(std::max<qsizetype>(0, (it - bounds.begin()) - 1));
            quarter.event.at = m_calendar.dayRange(day).start; // any moment of that local day
            addEvent(totals, quarter.event);
        }
    }
    auto added = addToTotals(totals);
    if (!added)
        return failure(added.error());
    query.prepare(QStringLiteral("UPDATE ledger_meta SET value = ? WHERE name = 'time_zone'"));
    query.addBindValue(QString::fromLatin1(m_calendar.zone().id()));
    if (!query.exec())
        return failure(
            DatabaseError{describeSqlError(QStringLiteral("the ledger's zone"), query.lastError())});
    return transaction.commit();
}

Result<QHash<ProviderId, Money>, DatabaseError> Ledger::audTotalsByProvider(const QDateTime& from,
                                                                            const QDateTime& to)
{
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("SELECT provider, CAST(SUM(amount_aud_micros) AS BIGINT) FROM cost_events"
                                 " WHERE at_ms >= ? AND at_ms < ? AND amount_aud_micros IS NOT NULL"
                                 " GROUP BY provider"));
    query.addBindValue(from.toMSecsSinceEpoch());
    query.addBindValue(to.toMSecsSinceEpoch());
    if (!query.exec())
        return failure(DatabaseError{describeSqlError(QStringLiteral("the totals"), query.lastError())});
    QHash<ProviderId, Money> totals;
    while (query.next()) {
        const auto provider = providerFromKey(query.value(0).toString());
        const auto micros = sqlMicros(query.value(1));
        if (!provider || !micros)
            return failure(DatabaseError{tr("The ledger holds a row it cannot read (provider \"%1\").")
                                             .arg(query.value(0).toString())});
        totals.insert(*provider, Money::aud(*micros));
    }
    return totals;
}

Result<QList<DayTotal>, DatabaseError> Ledger::dailyTotals(LimitScope scope, const QString& key,
                                                           const QDate& first, const QDate& last)
{
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT day, scope_key, amount_aud_micros FROM spend_daily"
                                 " WHERE scope = ? AND day >= ? AND day <= ?") +
                  (key.isNull() ? QString() : QStringLiteral(" AND scope_key = ?")));
    query.addBindValue(limitScopeKey(scope));
    query.addBindValue(SpendCalendar::dayKey(first));
    query.addBindValue(SpendCalendar::dayKey(last));
    if (!key.isNull())
        query.addBindValue(key);
    if (!query.exec())
        return failure(
            DatabaseError{describeSqlError(QStringLiteral("the daily totals"), query.lastError())});
    QList<DayTotal> totals;
    while (query.next())
        totals.append({SpendCalendar::dateOfKey(query.value(0).toInt()), query.value(1).toString(),
                       Money::aud(query.value(2).toLongLong())});
    return totals;
}

Result<Money, DatabaseError> Ledger::sumDays(LimitScope scope, const QString& key, const QDate& first,
                                             const QDate& last)
{
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("SELECT CAST(SUM(amount_aud_micros) AS BIGINT) FROM spend_daily"
                                 " WHERE scope = ? AND scope_key = ? AND day >= ? AND day <= ?"));
    query.addBindValue(limitScopeKey(scope));
    query.addBindValue(key.isNull() ? QStringLiteral("") : key);
    query.addBindValue(SpendCalendar::dayKey(first));
    query.addBindValue(SpendCalendar::dayKey(last));
    if (!query.exec() || !query.next())
        return failure(
            DatabaseError{describeSqlError(QStringLiteral("the period's spend"), query.lastError())});
    const auto micros = sqlMicros(query.value(0));
    if (!micros)
        return failure(DatabaseError{tr("The period's spend cannot be read.")});
    return Money::aud(*micros);
}

Result<QList<LedgerRow>, DatabaseError> Ledger::events(const LedgerFilter& filter, int limit, qint64 beforeId,
                                                       qint64 afterId)
{
    QVariantList values;
    // "+at_ms": the time index is not used here, so rows come newest first by primary key (or by the
    // provider, staff or campaign index with the id) and a page stops after `limit` rows, not after
    // sorting a month of them.
    QString where = whereClause(filter, values).replace(QStringLiteral("at_ms "), QStringLiteral("+at_ms "));
    const auto andOrWhere = [&where] {
        return where.isEmpty() ? QStringLiteral(" WHERE ") : QStringLiteral(" AND ");
    };
    if (beforeId > 0) {
        where += andOrWhere() + QStringLiteral("id < ?");
        values << beforeId;
    }
    if (afterId > 0) {
        where += andOrWhere() + QStringLiteral("id > ?");
        values << afterId;
    }
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM cost_events") + where +
                  QStringLiteral(" ORDER BY id DESC LIMIT %1").arg(qMax(0, limit)));
    for (const QVariant& value : values)
        query.addBindValue(value);
    if (!query.exec())
        return failure(DatabaseError{describeSqlError(QStringLiteral("the events"), query.lastError())});
    QList<LedgerRow> rows;
    while (query.next()) {
        auto row = readRow(query);
        if (!row)
            return failure(DatabaseError{
                tr("The ledger holds an event it cannot read (id %1).").arg(query.value(0).toLongLong())});
        rows.append(std::move(*row));
    }
    return rows;
}

Result<Money, DatabaseError> Ledger::total(const LedgerFilter& filter)
{
    QVariantList values;
    const QString where = whereClause(filter, values);
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("SELECT CAST(SUM(amount_aud_micros) AS BIGINT) FROM cost_events") + where);
    for (const QVariant& value : values)
        query.addBindValue(value);
    if (!query.exec() || !query.next())
        return failure(DatabaseError{describeSqlError(QStringLiteral("the total"), query.lastError())});
    const auto micros = sqlMicros(query.value(0));
    if (!micros)
        return failure(DatabaseError{tr("The ledger's total cannot be read.")});
    return Money::aud(*micros);
}

Result<bool, DatabaseError> Ledger::hasCost(ProviderId provider, const QString& providerReference)
{
    QSqlQuery query(m_database.connection());
    query.prepare(
        QStringLiteral("SELECT 1 FROM cost_events WHERE provider = ? AND provider_ref = ? LIMIT 1"));
    query.addBindValue(providerKey(provider));
    query.addBindValue(providerReference);
    if (!query.exec())
        return failure(DatabaseError{describeSqlError(QStringLiteral("the costs"), query.lastError())});
    return query.next();
}

Result<QList<LedgerRow>, DatabaseError> Ledger::uncorrectedEstimates(ProviderId provider,
                                                                     const QString& providerReference)
{
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("SELECT ") + kColumns +
                  QStringLiteral(" FROM cost_events e WHERE provider = ? AND provider_ref = ? AND source = ?"
                                 " AND corrects = 0 AND NOT EXISTS (SELECT 1 FROM cost_events c"
                                 " WHERE c.corrects = e.id) ORDER BY id"));
    query.addBindValue(providerKey(provider));
    query.addBindValue(providerReference);
    query.addBindValue(costSourceName(CostSource::Estimated));
    if (!query.exec())
        return failure(DatabaseError{describeSqlError(QStringLiteral("the estimates"), query.lastError())});
    QList<LedgerRow> rows;
    while (query.next()) {
        auto row = readRow(query);
        if (row)
            rows.append(std::move(*row));
    }
    return rows;
}

Result<Done, DatabaseError> Ledger::audit(const QString& staff, const QString& action, const QString& subject,
                                          const QString& detail)
{
    return recordAudit(m_database, staff, action, subject, detail);
}

void Ledger::listenForOtherConsoles()
{
    QSqlDriver* driver = m_database.connection().driver();
    if (!m_database.isPostgres() || !driver->hasFeature(QSqlDriver::EventNotifications))
        return;
    // The driver watches the connection's socket: notifications arrive through the event loop, no polling.
    connect(driver, &QSqlDriver::notification, this,
            [this](const QString& name, QSqlDriver::NotificationSource source, const QVariant&) {
                if (name == notifyChannel() && source == QSqlDriver::OtherSource)
                    Q_EMIT changed();
            });
    driver->subscribeToNotification(notifyChannel());
}

} // namespace agency
