#pragma once
// SpendGuard: the limits (per provider, overall, per campaign, per staff member; daily and monthly)
// and the reservations that enforce them. Before a billable call its worst case is reserved, inside
// one locked transaction that sums what the period has spent and reserved; a reservation that would
// cross a hard limit is refused before any request leaves the machine. Several consoles sharing one
// PostgreSQL ledger serialise on an advisory lock, so together they can never overshoot either.

#include "engine/ledger.h"
#include "engine/pricebook.h"
#include "engine/spendcalendar.h"
#include "integrations/http/budgethook.h"

#include <QObject>

namespace agency {

struct SpendLimit
{
    LimitScope scope = LimitScope::Overall;
    QString key;
    SpendPeriod period = SpendPeriod::Day;
    Money cap; ///< AUD
    /// "Anthropic, daily", "Overall, monthly", "Campaign “Spring”, daily".
    QString describe() const;
    bool sameSlot(const SpendLimit& other) const
    {
        return scope == other.scope && key == other.key && period == other.period;
    }
};

struct LimitStatus
{
    SpendLimit limit;
    Money spent;    ///< settled in the period
    Money reserved; ///< held by calls in flight
    int percent = 0;
    std::optional<QDate> runsOut; ///< at the 7-day burn rate, within the period
};

struct SpendAlert
{
    SpendLimit limit;
    int threshold = 0; ///< 50, 80, 95 or 100
    Money spent;
    QString message() const;
};

struct ProviderSpend
{
    ProviderId provider = ProviderId::Apollo;
    Money today;
    Money month;
    Money burnPerDay; ///< average of the last 7 whole days and today
};

struct DailySpend
{
    QDate date;
    QHash<ProviderId, Money> byProvider;
};

struct SpendSnapshot
{
    QDateTime at;
    QDate today;
    QList<ProviderSpend> providers; ///< all seventeen, in catalogue order
    Money today_total;
    Money month_total;         ///< metered, without subscriptions
    Money subscriptions_month; ///< the active subscriptions
    Money reserved;            ///< calls in flight
    Money burnPerDay;          ///< all providers
    Money forecastMonth;       ///< metered + subscriptions + burn × days left
    QDate monthEnd;            ///< the period's last day
    QList<LimitStatus> limits;
    QList<DailySpend> daily; ///< the last 30 days, oldest first
};

struct ReservationRequest
{
    ProviderId provider = ProviderId::Apollo;
    QString operation;
    Money worstCase; ///< any currency; reserved in AUD, rounded up
    QString staff;
    QString campaign;
};

class SpendGuard : public QObject, public BudgetHook
{
    Q_OBJECT
public:
    SpendGuard(Database& database, Ledger& ledger, PriceBook& prices,
               SpendCalendar calendar = SpendCalendar(), QObject* parent = nullptr);

    void setClock(Clock clock) { m_clock = std::move(clock); }
    QDateTime now() const { return m_clock(); }
    const SpendCalendar& calendar() const { return m_calendar; }
    void setStaffMember(QString staff) { m_staff = std::move(staff); }
    QString staffMember() const { return m_staff; }
    /// A reservation not settled within this long (a crashed console) stops counting.
    static constexpr qint64 kReservationLifetimeMs = 30 * 60 * 1000;

    Result<QList<SpendLimit>, DatabaseError> limits();
    /// Adds or replaces the limit for its scope, key and period (audited).
    Result<Done, DatabaseError> setLimit(const SpendLimit& limit);
    Result<Done, DatabaseError> removeLimit(const SpendLimit& limit);

    /// Whether `request` would be reserved now, without reserving: empty when every limit leaves room
    /// for it, else why not (the same words a refusal uses). For estimates before a run.
    Result<QString, DatabaseError> affordable(const ReservationRequest& request);
    /// Synchronous core of reserve(): a BudgetExceeded error names the limit and what is left.
    Result<ReservationId, IntegrationError> reserveNow(const ReservationRequest& request);
    /// Ends a reservation: records `cost` (priced and converted to AUD) or, for Unknown, the worst
    /// case as an estimate — the provider may have done the work.
    Result<Done, DatabaseError> settleNow(ReservationId reservation, CallOutcome outcome,
                                          std::optional<CostEvent> cost);
    /// Records a cost that had no reservation (a billed attempt that was retried).
    Result<qint64, DatabaseError> chargeNow(CostEvent cost);
    /// Records `cost` unless the ledger already holds a cost for its provider reference: a send proven
    /// after a crash may have been billed by the console that died. True when recorded.
    Result<bool, DatabaseError> chargeOnce(CostEvent cost);
    /// The provider reported what an estimated call really cost: a correction row keeps both figures.
    Result<Done, DatabaseError> reportLateCost(ProviderId provider, const QString& providerReference,
                                               const Money& reported);

    // BudgetHook
    QCoro::Task<Result<ReservationId, IntegrationError>> reserve(ProviderId provider, QString operation,
                                                                 Money worstCase) override;
    void settle(ReservationId reservation, CallOutcome outcome, std::optional<CostEvent> cost) override;
    void charge(CostEvent cost) override;

    /// Everything the Spend panel, the status bar and `agency-console spend` show.
    Result<SpendSnapshot, DatabaseError> snapshot();
    /// Per provider, today and this month: the panel's aggregate refresh.
    Result<QHash<ProviderId, std::pair<Money, Money>>, DatabaseError> providerTotals();

Q_SIGNALS:
    /// A soft threshold was crossed for the first time in its period.
    void alertRaised(const agency::SpendAlert& alert);
    /// A reservation was refused.
    void refused(const agency::IntegrationError& error);
    /// A reservation was made or ended: what is in flight changed (this console's calls only).
    void reservationsChanged();
    /// A settlement could not be written (the ledger refused): never silent.
    void ledgerFailed(const QString& message);

private:
    CostEvent priced(CostEvent cost, const QString& staff, const QString& campaign) const;
    Result<Money, DatabaseError> spentIn(const SpendLimit& limit, const TimeRange& range, bool reservations,
                                         const QString& provider);
    void checkThresholds(const CostEvent& event);
    /// The first limit `worstAud` more would cross, in words; empty when none.
    Result<QString, DatabaseError> limitRefusal(const ReservationRequest& request, const Money& worstAud,
                                                const QDateTime& at);

    Database& m_database;
    Ledger& m_ledger;
    PriceBook& m_prices;
    SpendCalendar m_calendar;
    Clock m_clock = systemClock();
    QString m_staff;
};

} // namespace agency
