#include "spendguard.h"

#include "engine/logcategories.h"
#include "model/catalogue.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace agency {

namespace {

constexpr int kThresholds[] = {50, 80, 95, 100};

QString scopeColumn(LimitScope scope)
{
    switch (scope) {
    case LimitScope::Provider:
        return QStringLiteral("provider");
    case LimitScope::Campaign:
        return QStringLiteral("campaign");
    case LimitScope::Staff:
        return QStringLiteral("staff");
    case LimitScope::Overall:
        break;
    }
    return {};
}

bool applies(const SpendLimit& limit, const QString& provider, const QString& staff, const QString& campaign)
{
    switch (limit.scope) {
    case LimitScope::Overall:
        return true;
    case LimitScope::Provider:
        return limit.key == provider;
    case LimitScope::Campaign:
        return !campaign.isEmpty() && limit.key == campaign;
    case LimitScope::Staff:
        return !staff.isEmpty() && limit.key == staff;
    }
    return false;
}

int percentOf(const Money& spent, const Money& cap)
{
    if (cap.micros() <= 0)
        return spent.micros() > 0 ? 100 : 0;
    return int(std::min<qint64>(spent.micros() * 100 / cap.micros(), 9999));
}

} // namespace

QString SpendLimit::describe() const
{
    const QString period = this->period == SpendPeriod::Day
                               ? QCoreApplication::translate("agency::SpendGuard", "daily")
                               : QCoreApplication::translate("agency::SpendGuard", "monthly");
    switch (scope) {
    case LimitScope::Overall:
        return QCoreApplication::translate("agency::SpendGuard", "the overall %1 limit").arg(period);
    case LimitScope::Provider: {
        const auto provider = providerFromKey(key);
        return QCoreApplication::translate("agency::SpendGuard", "the %1 limit for %2")
            .arg(period, provider ? providerInfo(*provider).name : key);
    }
    case LimitScope::Campaign:
        return QCoreApplication::translate("agency::SpendGuard", "the %1 limit for campaign “%2”")
            .arg(period, key);
    case LimitScope::Staff:
        return QCoreApplication::translate("agency::SpendGuard", "the %1 limit for %2").arg(period, key);
    }
    return {};
}

QString SpendAlert::message() const
{
    // Whole cents read better in a banner; the ledger keeps the exact figure.
    const Money rounded = Money::aud((this->spent.micros() + 5'000) / 10'000 * 10'000);
    if (threshold >= 100)
        return QCoreApplication::translate(
                   "agency::SpendGuard", "Spend has reached %1 (%2 of %3): calls that cost money are refused "
                                         "until the period ends or the limit is raised.")
            .arg(limit.describe(), rounded.toString(), limit.cap.toString());
    return QCoreApplication::translate("agency::SpendGuard", "Spend has passed %1 % of %2 (%3 of %4).")
        .arg(threshold)
        .arg(limit.describe(), rounded.toString(), limit.cap.toString());
}

SpendGuard::SpendGuard(Database& database, Ledger& ledger, PriceBook& prices, SpendCalendar calendar,
                       QObject* parent)
    : QObject(parent)
    , m_database(database)
    , m_ledger(ledger)
    , m_prices(prices)
    , m_calendar(std::move(calendar))
{
    // The guard's days must be the ledger's days: one calendar for both.
    auto adopted = m_ledger.useCalendar(m_calendar);
    if (!adopted)
        qCCritical(lcSpend).noquote() << adopted.error().message;
}

Result<QList<SpendLimit>, DatabaseError> SpendGuard::limits()
{
    QSqlQuery query(m_database.connection());
    if (!query.exec(QStringLiteral("SELECT scope, scope_key, period, cap_aud_micros FROM spend_limits"
                                   " ORDER BY scope, scope_key, period")))
        return failure(DatabaseError{describeSqlError(QStringLiteral("the limits"), query.lastError())});
    QList<SpendLimit> list;
    while (query.next()) {
        const auto scope = limitScopeFromKey(query.value(0).toString());
        const auto period = spendPeriodFromKey(query.value(2).toString());
        if (scope && period)
            list.append(
                {*scope, query.value(1).toString(), *period, Money::aud(query.value(3).toLongLong())});
    }
    return list;
}

Result<Done, DatabaseError> SpendGuard::setLimit(const SpendLimit& limit)
{
    if (!limit.cap.isValid() || limit.cap.currency() != u"AUD" || limit.cap.isNegative())
        return failure(DatabaseError{tr("A limit is an amount in AUD of zero or more.")});
    if (limit.scope != LimitScope::Overall && limit.key.trimmed().isEmpty())
        return failure(DatabaseError{tr("A provider, campaign or staff limit needs a name.")});
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("INSERT INTO spend_limits (scope, scope_key, period, cap_aud_micros)"
                                 " VALUES (?, ?, ?, ?) ON CONFLICT (scope, scope_key, period) DO UPDATE"
                                 " SET cap_aud_micros = excluded.cap_aud_micros"));
    query.addBindValue(limitScopeKey(limit.scope));
    query.addBindValue(limit.scope == LimitScope::Overall ? QStringLiteral("") : limit.key.trimmed());
    query.addBindValue(spendPeriodKey(limit.period));
    query.addBindValue(limit.cap.micros());
    if (!query.exec())
        return failure(DatabaseError{describeSqlError(QStringLiteral("the limit"), query.lastError())});
    (void)recordAudit(m_database, m_staff, QStringLiteral("limit set"), limit.describe(),
                      limit.cap.toString());
    m_ledger.announce();
    return Done{};
}

Result<Done, DatabaseError> SpendGuard::removeLimit(const SpendLimit& limit)
{
    QSqlQuery query(m_database.connection());
    query.prepare(
        QStringLiteral("DELETE FROM spend_limits WHERE scope = ? AND scope_key = ? AND period = ?"));
    query.addBindValue(limitScopeKey(limit.scope));
    query.addBindValue(limit.scope == LimitScope::Overall ? QStringLiteral("") : limit.key);
    query.addBindValue(spendPeriodKey(limit.period));
    if (!query.exec())
        return failure(DatabaseError{describeSqlError(QStringLiteral("the limit"), query.lastError())});
    (void)recordAudit(m_database, m_staff, QStringLiteral("limit removed"), limit.describe());
    m_ledger.announce();
    return Done{};
}

Result<Money, DatabaseError> SpendGuard::spentIn(const SpendLimit& limit, const TimeRange& range,
                                                 bool reservations, const QString& scopeValue)
{
    const QString key = limit.scope == LimitScope::Overall ? QStringLiteral("") : scopeValue;
    if (!reservations)
        return m_ledger.sumDays(limit.scope, key, m_calendar.localDate(range.start),
                                m_calendar.localDate(range.end.addMSecs(-1)));
    const QString column = scopeColumn(limit.scope);
    QString sql = QStringLiteral("SELECT CAST(SUM(amount_aud_micros) AS BIGINT) FROM reservations"
                                 " WHERE at_ms >= ? AND at_ms < ? AND expires_ms > ?");
    if (!column.isEmpty())
        sql += QStringLiteral(" AND ") + column + QStringLiteral(" = ?");
    QSqlQuery query(m_database.connection());
    query.prepare(sql);
    query.addBindValue(range.start.toMSecsSinceEpoch());
    query.addBindValue(range.end.toMSecsSinceEpoch());
    query.addBindValue(now().toMSecsSinceEpoch());
    if (!column.isEmpty())
        query.addBindValue(key);
    if (!query.exec())
        return failure(
            DatabaseError{describeSqlError(QStringLiteral("the reservations"), query.lastError())});
    const auto micros = query.next() ? sqlMicros(query.value(0)) : std::nullopt;
    if (!micros)
        return failure(DatabaseError{tr("The reservations cannot be read.")});
    return Money::aud(*micros);
}

Result<QString, DatabaseError> SpendGuard::limitRefusal(const ReservationRequest& request,
                                                        const Money& worstAud, const QDateTime& at)
{
    const QString provider = providerKey(request.provider);
    const QString staff = request.staff.isEmpty() ? m_staff : request.staff;
    auto all = limits();
    if (!all)
        return failure(all.error());
    for (const SpendLimit& limit : all.value()) {
        if (!applies(limit, provider, staff, request.campaign))
            continue;
        const QString scopeValue = limit.scope == LimitScope::Provider   ? provider
                                   : limit.scope == LimitScope::Campaign ? request.campaign
                                                                         : staff;
        const TimeRange range = m_calendar.periodAt(limit.period, at);
        auto spent = spentIn(limit, range, false, scopeValue);
        auto held = spentIn(limit, range, true, scopeValue);
        if (!spent)
            return failure(spent.error());
        if (!held)
            return failure(held.error());
        const qint64 used = spent.value().micros() + held.value().micros();
        if (used + worstAud.micros() > limit.cap.micros()) {
            const Money left = Money::aud(std::max<qint64>(0, limit.cap.micros() - used));
            return tr("it could cost up to %1, and only %2 is left of %3 (%4)")
                .arg(worstAud.toString(), left.toString(), limit.describe(), limit.cap.toString());
        }
    }
    return QString();
}

Result<QString, DatabaseError> SpendGuard::affordable(const ReservationRequest& request)
{
    const QDateTime at = now();
    const auto worst = m_prices.toAud(request.worstCase, m_calendar.localDate(at), Rounding::Up);
    if (!worst || worst->isNegative())
        return tr("its cost (%1) cannot be converted to AUD; set an exchange rate in Settings")
            .arg(request.worstCase.toString());
    return limitRefusal(request, *worst, at);
}

Result<ReservationId, IntegrationError> SpendGuard::reserveNow(const ReservationRequest& request)
{
    const auto refuse = [&](const QString& detail) {
        IntegrationError error;
        error.kind = IntegrationError::Kind::BudgetExceeded;
        error.provider = request.provider;
        error.detail = detail;
        Q_EMIT refused(error);
        return failure(error);
    };
    const auto ledgerError = [&](const DatabaseError& error) {
        // No reservation, no call: a ledger that cannot be read cannot prove the call is affordable.
        return refuse(tr("the spend ledger could not be checked (%1)").arg(error.message));
    };
    const QDateTime at = now();
    const auto worst = m_prices.toAud(request.worstCase, m_calendar.localDate(at), Rounding::Up);
    if (!worst || worst->isNegative())
        return refuse(
            tr("its worst-case cost (%1) cannot be converted to AUD; set an exchange rate in Settings")
                .arg(request.worstCase.toString()));
    const QString provider = providerKey(request.provider);
    const QString staff = request.staff.isEmpty() ? m_staff : request.staff;

    Transaction transaction(m_database, Transaction::Lock::Ledger);
    if (transaction.beginError())
        return ledgerError(*transaction.beginError());
    auto overLimit = limitRefusal(request, *worst, at);
    if (!overLimit)
        return ledgerError(overLimit.error());
    if (!overLimit->isEmpty())
        return refuse(overLimit.value());
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("DELETE FROM reservations WHERE expires_ms <= ?"));
    query.addBindValue(at.toMSecsSinceEpoch());
    query.exec();
    query.prepare(
        QStringLiteral("INSERT INTO reservations (at_ms, expires_ms, provider, operation, staff, campaign,"
                       " amount_aud_micros) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    query.addBindValue(at.toMSecsSinceEpoch());
    query.addBindValue(at.toMSecsSinceEpoch() + kReservationLifetimeMs);
    query.addBindValue(provider);
    query.addBindValue(request.operation.isNull() ? QStringLiteral("") : request.operation);
    query.addBindValue(staff.isNull() ? QStringLiteral("") : staff);
    query.addBindValue(request.campaign.isNull() ? QStringLiteral("") : request.campaign);
    query.addBindValue(worst->micros());
    if (!query.exec() || !query.next())
        return ledgerError(
            DatabaseError{describeSqlError(QStringLiteral("the reservation"), query.lastError())});
    const ReservationId id = query.value(0).toULongLong();
    query.finish();
    auto committed = transaction.commit();
    if (!committed)
        return ledgerError(committed.error());
    Q_EMIT reservationsChanged();
    return id;
}

CostEvent SpendGuard::priced(CostEvent cost, const QString& staff, const QString& campaign) const
{
    if (!cost.at.isValid())
        cost.at = now();
    if (cost.staffMember.isEmpty())
        cost.staffMember = staff.isEmpty() ? m_staff : staff;
    if (cost.campaignOrRun.isEmpty())
        cost.campaignOrRun = campaign;
    const QDate on = m_calendar.localDate(cost.at);
    if (cost.source == CostSource::Estimated) {
        // An estimate is the price book's figure: an edited price applies from its date on.
        const PriceRow row = m_prices.priceFor(cost.provider, cost.operation, on);
        if (!row.isSeed()) {
            if (const auto amount = row.unitPrice.times(cost.units)) {
                cost.unitPrice = row.unitPrice;
                cost.amount = *amount;
                cost.amountAud = Money();
            }
        }
    }
    if (!cost.amountAud.isValid() && cost.amount.isValid())
        cost.amountAud = m_prices.toAud(cost.amount, on).value_or(Money());
    return cost;
}

Result<Done, DatabaseError> SpendGuard::settleNow(ReservationId reservation, CallOutcome outcome,
                                                  std::optional<CostEvent> cost)
{
    Transaction transaction(m_database, Transaction::Lock::Ledger);
    if (transaction.beginError())
        return failure(*transaction.beginError());
    QSqlQuery query(m_database.connection());
    query.prepare(
        QStringLiteral("SELECT provider, operation, staff, campaign, amount_aud_micros FROM reservations"
                       " WHERE id = ?"));
    query.addBindValue(reservation);
    if (!query.exec())
        return failure(DatabaseError{describeSqlError(QStringLiteral("the reservation"), query.lastError())});
    const bool found = query.next();
    const auto provider = providerFromKey(query.value(0).toString());
    const QString operation = query.value(1).toString();
    const QString staff = found ? query.value(2).toString() : m_staff;
    const QString campaign = query.value(3).toString();
    const qint64 heldMicros = query.value(4).toLongLong();
    query.finish();
    if (found) {
        query.prepare(QStringLiteral("DELETE FROM reservations WHERE id = ?"));
        query.addBindValue(reservation);
        if (!query.exec())
            return failure(
                DatabaseError{describeSqlError(QStringLiteral("the reservation"), query.lastError())});
    }

    std::optional<CostEvent> event;
    if (outcome == CallOutcome::Succeeded && cost) {
        event = priced(std::move(*cost), staff, campaign);
    } else if (outcome == CallOutcome::Unknown && found && provider) {
        // The provider may have done the work: count the worst case until it says otherwise.
        CostEvent unknown;
        unknown.at = now();
        unknown.provider = *provider;
        unknown.operation = operation;
        unknown.units = 1;
        unknown.unit = QStringLiteral("call");
        unknown.amount = Money::aud(heldMicros);
        unknown.amountAud = unknown.amount;
        unknown.source = CostSource::Estimated;
        unknown.providerReference = QStringLiteral("outcome-unknown");
        event = priced(unknown, staff, campaign);
    }
    if (event) {
        auto appended = m_ledger.appendInTransaction(*event);
        if (!appended)
            return failure(appended.error());
    }
    auto committed = transaction.commit();
    if (!committed)
        return failure(committed.error());
    Q_EMIT reservationsChanged();
    if (event) {
        m_ledger.announce();
        checkThresholds(*event);
    }
    return Done{};
}

Result<qint64, DatabaseError> SpendGuard::chargeNow(CostEvent cost)
{
    const CostEvent event = priced(std::move(cost), m_staff, QString());
    auto id = m_ledger.record(event);
    if (id)
        checkThresholds(event);
    return id;
}

Result<bool, DatabaseError> SpendGuard::chargeOnce(CostEvent cost)
{
    Transaction transaction(m_database, Transaction::Lock::Ledger); // two consoles reconciling at once
    if (transaction.beginError())
        return failure(*transaction.beginError());
    if (!cost.providerReference.isEmpty()) {
        auto known = m_ledger.hasCost(cost.provider, cost.providerReference);
        if (!known)
            return failure(known.error());
        if (known.value())
            return false;
    }
    const CostEvent event = priced(std::move(cost), m_staff, QString());
    auto appended = m_ledger.appendInTransaction(event);
    if (!appended)
        return failure(appended.error());
    auto committed = transaction.commit();
    if (!committed)
        return failure(committed.error());
    m_ledger.announce();
    checkThresholds(event);
    return true;
}

Result<Done, DatabaseError> SpendGuard::reportLateCost(ProviderId provider, const QString& providerReference,
                                                       const Money& reported)
{
    if (!reported.isValid() || providerReference.isEmpty())
        return failure(DatabaseError{tr("A late cost needs the provider's reference and an amount.")});
    Transaction transaction(m_database, Transaction::Lock::Ledger);
    if (transaction.beginError())
        return failure(*transaction.beginError());
    auto estimates = m_ledger.uncorrectedEstimates(provider, providerReference);
    if (!estimates)
        return failure(estimates.error());
    if (estimates.value().isEmpty())
        return failure(DatabaseError{tr("%1: no estimated cost for “%2” is waiting for its real figure.")
                                         .arg(providerInfo(provider).name, providerReference)});
    const LedgerRow& original = estimates.value().constFirst();
    const QDate on = m_calendar.localDate(original.event.at);
    const auto reportedAud = m_prices.toAud(reported, on);
    const auto estimatedAud = original.event.amountAud.isValid()
                                  ? std::optional<Money>(original.event.amountAud)
                                  : m_prices.toAud(original.event.amount, on);
    if (!reportedAud || !estimatedAud)
        return failure(DatabaseError{tr("%1: the late cost %2 cannot be converted to AUD.")
                                         .arg(providerInfo(provider).name, reported.toString())});
    // The correction carries the difference, dated with the call, so both figures stay in the ledger
    // and every total is still a plain sum.
    CostEvent correction = original.event;
    correction.source = CostSource::Reported;
    correction.units = 0;
    correction.unitPrice = Money();
    const bool sameCurrency = reported.currency() == original.event.amount.currency();
    correction.amount = sameCurrency ? reported.minus(original.event.amount).value_or(Money())
                                     : reportedAud->minus(*estimatedAud).value_or(Money());
    correction.amountAud = reportedAud->minus(*estimatedAud).value_or(Money());
    auto appended = m_ledger.appendInTransaction(correction, original.id);
    if (!appended)
        return failure(appended.error());
    auto committed = transaction.commit();
    if (!committed)
        return failure(committed.error());
    m_ledger.announce();
    checkThresholds(correction);
    return Done{};
}

QCoro::Task<Result<ReservationId, IntegrationError>> SpendGuard::reserve(ProviderId provider,
                                                                         QString operation, Money worstCase)
{
    co_return reserveNow({provider, std::move(operation), std::move(worstCase), m_staff, QString()});
}

void SpendGuard::settle(ReservationId reservation, CallOutcome outcome, std::optional<CostEvent> cost)
{
    auto settled = settleNow(reservation, outcome, std::move(cost));
    if (!settled) {
        qCCritical(lcSpend).noquote() << settled.error().message;
        Q_EMIT ledgerFailed(settled.error().message);
    }
}

void SpendGuard::charge(CostEvent cost)
{
    auto charged = chargeNow(std::move(cost));
    if (!charged) {
        qCCritical(lcSpend).noquote() << charged.error().message;
        Q_EMIT ledgerFailed(charged.error().message);
    }
}

void SpendGuard::checkThresholds(const CostEvent& event)
{
    auto all = limits();
    if (!all)
        return;
    const QString provider = providerKey(event.provider);
    const QDateTime at = now();
    for (const SpendLimit& limit : all.value()) {
        if (!applies(limit, provider, event.staffMember, event.campaignOrRun))
            continue;
        const QString scopeValue = limit.scope == LimitScope::Provider   ? provider
                                   : limit.scope == LimitScope::Campaign ? event.campaignOrRun
                                                                         : event.staffMember;
        auto spent = spentIn(limit, m_calendar.periodAt(limit.period, at), false, scopeValue);
        if (!spent)
            continue;
        const int percent = percentOf(spent.value(), limit.cap);
        int newest = 0;
        for (int threshold : kThresholds) {
            if (percent < threshold)
                break;
            // The table remembers what was said, so each alert is raised once per period, on any console.
            QSqlQuery query(m_database.connection());
            query.prepare(
                QStringLiteral("INSERT INTO alerts_sent (scope, scope_key, period, period_key, threshold)"
                               " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"));
            query.addBindValue(limitScopeKey(limit.scope));
            query.addBindValue(limit.key.isNull() ? QStringLiteral("") : limit.key);
            query.addBindValue(spendPeriodKey(limit.period));
            query.addBindValue(m_calendar.periodKey(limit.period, at));
            query.addBindValue(threshold);
            if (query.exec() && query.numRowsAffected() == 1)
                newest = threshold;
        }
        if (newest > 0)
            Q_EMIT alertRaised({limit, newest, spent.value()});
    }
}

Result<QHash<ProviderId, std::pair<Money, Money>>, DatabaseError> SpendGuard::providerTotals()
{
    const auto [first, last] = m_calendar.periodDays(SpendPeriod::Month, now());
    const QDate today = m_calendar.localDate(now());
    auto days = m_ledger.dailyTotals(LimitScope::Provider, QString(), first, last);
    if (!days)
        return failure(days.error());
    QHash<ProviderId, std::pair<qint64, qint64>> sums;
    for (const DayTotal& day : days.value()) {
        if (const auto provider = providerFromKey(day.key)) {
            auto& [todayMicros, monthMicros] = sums[*provider];
            todayMicros += day.date == today ? day.amount.micros() : 0;
            monthMicros += day.amount.micros();
        }
    }
    QHash<ProviderId, std::pair<Money, Money>> totals;
    for (auto it = sums.begin(); it != sums.end(); ++it)
        totals.insert(it.key(), {Money::aud(it.value().first), Money::aud(it.value().second)});
    return totals;
}

Result<SpendSnapshot, DatabaseError> SpendGuard::snapshot()
{
    SpendSnapshot snap;
    snap.at = now();
    snap.today = m_calendar.localDate(snap.at);
    const TimeRange month = m_calendar.periodAt(SpendPeriod::Month, snap.at);
    const QDate monthStart(snap.today.year(), snap.today.month(), 1);
    snap.monthEnd = monthStart.addMonths(1).addDays(-1);
    const QDate first = std::min(monthStart, snap.today.addDays(-29));

    auto days = m_ledger.dailyTotals(LimitScope::Provider, QString(), first, snap.today);
    if (!days)
        return failure(days.error());
    QHash<ProviderId, QHash<QDate, qint64>> perDay;
    for (const DayTotal& day : days.value()) {
        if (const auto provider = providerFromKey(day.key))
            perDay[*provider][day.date] += day.amount.micros();
    }

    const QDate weekStart = snap.today.addDays(-6);
    qint64 todayTotal = 0, monthTotal = 0, weekTotal = 0;
    for (const ProviderInfo& info : providerCatalogue()) {
        const QHash<QDate, qint64>& byDay = perDay.value(info.id);
        qint64 monthMicros = 0, weekMicros = 0;
        for (auto it = byDay.begin(); it != byDay.end(); ++it) {
            if (it.key() >= monthStart)
                monthMicros += it.value();
            if (it.key() >= weekStart)
                weekMicros += it.value();
        }
        const qint64 todayMicros = byDay.value(snap.today);
        snap.providers.append(
            {info.id, Money::aud(todayMicros), Money::aud(monthMicros), Money::aud(weekMicros / 7)});
        todayTotal += todayMicros;
        monthTotal += monthMicros;
        weekTotal += weekMicros;
    }
    snap.today_total = Money::aud(todayTotal);
    snap.month_total = Money::aud(monthTotal);
    snap.burnPerDay = Money::aud(weekTotal / 7);
    snap.subscriptions_month = m_prices.subscriptionsPerMonthAud(snap.today);
    const qint64 daysLeft = snap.today.daysTo(snap.monthEnd);
    snap.forecastMonth =
        Money::aud(monthTotal + snap.subscriptions_month.micros() + snap.burnPerDay.micros() * daysLeft);
    for (int i = 29; i >= 0; --i) {
        DailySpend daily{snap.today.addDays(-i), {}};
        for (auto it = perDay.begin(); it != perDay.end(); ++it) {
            if (const qint64 micros = it.value().value(daily.date))
                daily.byProvider.insert(it.key(), Money::aud(micros));
        }
        snap.daily.append(std::move(daily));
    }

    auto all = limits();
    if (!all)
        return failure(all.error());
    SpendLimit overall;
    auto held = spentIn(overall, month, true, QString());
    if (!held)
        return failure(held.error());
    snap.reserved = held.value();
    for (const SpendLimit& limit : all.value()) {
        const TimeRange range = m_calendar.periodAt(limit.period, snap.at);
        auto spent = spentIn(limit, range, false, limit.key);
        auto reserved = spentIn(limit, range, true, limit.key);
        if (!spent)
            return failure(spent.error());
        if (!reserved)
            return failure(reserved.error());
        LimitStatus status{limit, spent.value(), reserved.value(), percentOf(spent.value(), limit.cap), {}};
        // Burn: the provider's or the whole agency's 7-day rate; a campaign's or person's own so far.
        qint64 burn = snap.burnPerDay.micros();
        if (limit.scope == LimitScope::Provider) {
            const auto provider = providerFromKey(limit.key);
            for (const ProviderSpend& spend : snap.providers)
                burn = provider && spend.provider == *provider ? spend.burnPerDay.micros() : burn;
        } else if (limit.scope != LimitScope::Overall) {
            const qint64 elapsed =
                std::max<qint64>(1, m_calendar.localDate(range.start).daysTo(snap.today) + 1);
            burn = spent.value().micros() / elapsed;
        }
        const qint64 left = limit.cap.micros() - spent.value().micros();
        const QDate periodEnd = m_calendar.localDate(range.end.addMSecs(-1));
        if (left <= 0) {
            status.runsOut = snap.today;
        } else if (burn > 0) {
            const QDate date = snap.today.addDays((left + burn - 1) / burn);
            if (date <= periodEnd)
                status.runsOut = date;
        }
        snap.limits.append(status);
    }
    return snap;
}

} // namespace agency
