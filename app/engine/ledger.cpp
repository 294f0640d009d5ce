#include "ledger.h"

#include "model/redaction.h"

#include <QSqlError>
#include <QSqlQuery>

namespace agency {

namespace {
const QString kInsert =
    QStringLiteral("INSERT INTO cost_events (at_ms, provider, operation, units, unit, unit_price_micros, "
                   "unit_price_currency,"
                   " amount_micros, currency, amount_aud_micros, source, staff, campaign, provider_ref)"
                   " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");

// A null QString binds as SQL NULL; the ledger's text columns hold empty text instead.
QString text(const QString& value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

QVariant optionalMicros(const Money& money)
{
    return money.isValid() ? QVariant(money.micros()) : QVariant(QMetaType(QMetaType::LongLong));
}
} // namespace

Ledger::Ledger(Database& database, QObject* parent)
    : QObject(parent)
    , m_database(database)
{}

Result<Done, DatabaseError> Ledger::insert(QSqlQuery& query, const CostEvent& event)
{
    const QDateTime at = event.at.isValid() ? event.at : QDateTime::currentDateTimeUtc();
    query.addBindValue(at.toMSecsSinceEpoch());
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
    if (!query.exec())
        return failure(DatabaseError{describeSqlError(QStringLiteral("a cost event"), query.lastError())});
    return Done{};
}

Result<qint64, DatabaseError> Ledger::record(const CostEvent& event)
{
    if (!event.amount.isValid())
        return failure(DatabaseError{tr("A cost event without an amount cannot be recorded.")});
    QSqlQuery query(m_database.connection());
    query.prepare(kInsert);
    auto inserted = insert(query, event);
    if (!inserted)
        return failure(inserted.error());
    QSqlQuery last(m_database.connection());
    const QString statement = m_database.isPostgres() ? QStringLiteral("SELECT lastval()")
                                                      : QStringLiteral("SELECT last_insert_rowid()");
    if (!last.exec(statement) || !last.next())
        return failure(
            DatabaseError{describeSqlError(QStringLiteral("the new event's id"), last.lastError())});
    Q_EMIT changed();
    return last.value(0).toLongLong();
}

Result<Done, DatabaseError> Ledger::recordBatch(const QList<CostEvent>& events)
{
    QSqlDatabase& db = m_database.connection();
    if (!db.transaction())
        return failure(DatabaseError{describeSqlError(QStringLiteral("a transaction"), db.lastError())});
    QSqlQuery query(db);
    query.prepare(kInsert); // once: a batch of a million rows reuses one statement
    for (const CostEvent& event : events) {
        auto inserted =
            event.amount.isValid()
                ? insert(query, event)
                : Result<Done, DatabaseError>(failure(DatabaseError{tr("A cost event has no amount.")}));
        if (!inserted) {
            db.rollback();
            return failure(inserted.error());
        }
    }
    if (!db.commit()) {
        const QString message = describeSqlError(QStringLiteral("the batch"), db.lastError());
        db.rollback();
        return failure(DatabaseError{message});
    }
    Q_EMIT changed();
    return Done{};
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
        bool ok = false;
        // PostgreSQL's SUM(BIGINT) is NUMERIC: cast back to BIGINT in SQL, read as text, never a double.
        const qint64 micros = query.value(1).toString().toLongLong(&ok);
        if (!provider || !ok)
            return failure(DatabaseError{tr("The ledger holds a row it cannot read (provider \"%1\").")
                                             .arg(query.value(0).toString())});
        totals.insert(*provider, Money::aud(micros));
    }
    return totals;
}

Result<Done, DatabaseError> Ledger::audit(const QString& staff, const QString& action, const QString& subject,
                                          const QString& detail)
{
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral(
        "INSERT INTO audit_log (at_ms, staff, action, subject, detail) VALUES (?, ?, ?, ?, ?)"));
    query.addBindValue(QDateTime::currentMSecsSinceEpoch());
    query.addBindValue(text(staff));
    query.addBindValue(text(action));
    query.addBindValue(text(subject));
    query.addBindValue(Redactor::redact(detail)); // the audit log never holds a secret
    if (!query.exec())
        return failure(DatabaseError{describeSqlError(QStringLiteral("an audit entry"), query.lastError())});
    return Done{};
}

} // namespace agency
