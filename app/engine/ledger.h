#pragma once
// Ledger: the append-only record of what providers cost (CostEvent rows) and of what staff did
// (the audit log, which never holds a secret). Amounts are stored as integer micro-units. Each
// event also adds its AUD amount to its local day's totals — overall, its provider's, its staff
// member's and its campaign's — in the same transaction, so the guard's and the panel's sums read
// a few dozen rows instead of every event.

#include "engine/database.h"
#include "engine/spendcalendar.h"
#include "model/costevent.h"

#include <QDateTime>
#include <QHash>
#include <QObject>

#include <map>

class QSqlQuery;

namespace agency {

struct LedgerFilter
{
    std::optional<ProviderId> provider;
    std::optional<TimeRange> range;
    QString campaign; ///< empty: any
    QString staff;    ///< empty: any
};

struct LedgerRow
{
    qint64 id = 0;
    CostEvent event;
    qint64 corrects = 0; ///< a correction row: the id of the estimated event it corrects
};

/// AUD for one scope key on one local day.
struct DayTotal
{
    QDate date;
    QString key;
    Money amount;
};

class Ledger : public QObject
{
    Q_OBJECT
public:
    explicit Ledger(Database& database, QObject* parent = nullptr);

    Database& database() { return m_database; }

    /// The calendar daily totals follow. The zone is the ledger's (kept in the database): when it
    /// differs, the daily totals are added up again from the events, under the ledger lock.
    Result<Done, DatabaseError> useCalendar(const SpendCalendar& calendar);
    const SpendCalendar& calendar() const { return m_calendar; }

    /// Appends one event; its id.
    Result<qint64, DatabaseError> record(const CostEvent& event);
    /// Appends many events in one transaction: all or none.
    Result<Done, DatabaseError> recordBatch(const QList<CostEvent>& events);
    /// Appends inside a transaction the caller holds (the guard's settle); the caller then calls
    /// announce() after committing.
    Result<qint64, DatabaseError> appendInTransaction(const CostEvent& event, qint64 corrects = 0);
    /// Tells this console (changed) and, on PostgreSQL, every other one (NOTIFY) that events arrived.
    void announce();

    /// AUD spent per provider in [from, to); events without an AUD amount are not counted here.
    Result<QHash<ProviderId, Money>, DatabaseError> audTotalsByProvider(const QDateTime& from,
                                                                        const QDateTime& to);
    /// Daily totals for `scope` (every key when `key` is null) from `first` to `last`, inclusive.
    Result<QList<DayTotal>, DatabaseError> dailyTotals(LimitScope scope, const QString& key,
                                                       const QDate& first, const QDate& last);
    /// The sum of one key's daily totals from `first` to `last`, inclusive.
    Result<Money, DatabaseError> sumDays(LimitScope scope, const QString& key, const QDate& first,
                                         const QDate& last);
    /// The newest events matching `filter`, newest first, at most `limit`; only ids below `beforeId`
    /// and above `afterId` where those are set (paging by primary key).
    Result<QList<LedgerRow>, DatabaseError> events(const LedgerFilter& filter, int limit, qint64 beforeId = 0,
                                                   qint64 afterId = 0);
    /// The AUD sum of every event matching `filter` (corrections included).
    Result<Money, DatabaseError> total(const LedgerFilter& filter);
    /// Whether any cost for this provider reference is recorded (an estimate, a reported cost, a correction).
    Result<bool, DatabaseError> hasCost(ProviderId provider, const QString& providerReference);
    /// The estimated events for `providerReference` that have no correction yet.
    Result<QList<LedgerRow>, DatabaseError> uncorrectedEstimates(ProviderId provider,
                                                                 const QString& providerReference);

    Result<Done, DatabaseError> audit(const QString& staff, const QString& action, const QString& subject,
                                      const QString& detail = {});

    /// Starts listening for other consoles' events (PostgreSQL LISTEN); a no-op on SQLite.
    void listenForOtherConsoles();
    static QString notifyChannel() { return QStringLiteral("agency_ledger"); }

    /// Drops the daily totals and adds them up again from the events (a zone change, or a repair).
    Result<Done, DatabaseError> rebuildTotals();

Q_SIGNALS:
    /// Emitted after events were committed, here or (PostgreSQL) by another console.
    void changed();

private:
    Result<Done, DatabaseError> insert(QSqlQuery& query, const CostEvent& event, qint64 corrects);
    struct TotalKey;
    using Totals = std::map<TotalKey, qint64>;
    void addEvent(Totals& totals, const CostEvent& event) const;
    Result<Done, DatabaseError> addToTotals(const Totals& totals);

    Database& m_database;
    SpendCalendar m_calendar;
};

} // namespace agency
