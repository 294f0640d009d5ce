#include "pricebook.h"

#include "model/catalogue.h"

#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace agency {

namespace {
QDate dateOf(const QVariant& value)
{
    return QDate::fromString(value.toString(), Qt::ISODate);
}
} // namespace

Money Subscription::monthlyTotal() const
{
    return unitPrice.times(quantity).value_or(Money());
}

PriceBook::PriceBook(Database& database, QObject* parent)
    : QObject(parent)
    , m_database(database)
{
    (void)reload(); // an unreadable book leaves the seed prices, and the next edit reports the error
}

Result<Done, DatabaseError> PriceBook::reload()
{
    QSqlQuery query(m_database.connection());
    QList<PriceRow> prices;
    if (!query.exec(QStringLiteral("SELECT provider, operation, unit, price_micros, currency, effective_from,"
                                   " changed_by FROM prices ORDER BY effective_from DESC, id DESC")))
        return failure(DatabaseError{describeSqlError(QStringLiteral("the price book"), query.lastError())});
    while (query.next()) {
        const auto provider = providerFromKey(query.value(0).toString());
        if (!provider)
            continue; // a provider this console does not know (a newer console's row)
        prices.append({*provider, query.value(1).toString(), query.value(2).toString(),
                       Money::fromMicros(query.value(3).toLongLong(), query.value(4).toString()),
                       dateOf(query.value(5)), query.value(6).toString()});
    }
    QList<FxRate> rates;
    if (!query.exec(QStringLiteral("SELECT currency, aud_micros_per_unit, effective_from FROM fx_rates"
                                   " ORDER BY effective_from DESC, id DESC")))
        return failure(
            DatabaseError{describeSqlError(QStringLiteral("the exchange rates"), query.lastError())});
    while (query.next())
        rates.append({query.value(0).toString(), query.value(1).toLongLong(), dateOf(query.value(2)), false});
    QList<Subscription> subscriptions;
    if (!query.exec(
            QStringLiteral("SELECT id, provider, name, quantity, unit_price_micros, currency, billing_day,"
                           " active FROM subscriptions ORDER BY id")))
        return failure(
            DatabaseError{describeSqlError(QStringLiteral("the subscriptions"), query.lastError())});
    while (query.next()) {
        const auto provider = providerFromKey(query.value(1).toString());
        if (!provider)
            continue;
        subscriptions.append({query.value(0).toLongLong(), *provider, query.value(2).toString(),
                              query.value(3).toLongLong(),
                              Money::fromMicros(query.value(4).toLongLong(), query.value(5).toString()),
                              query.value(6).toInt(), query.value(7).toInt() != 0});
    }
    m_prices = std::move(prices);
    m_rates = std::move(rates);
    m_subscriptions = std::move(subscriptions);
    Q_EMIT changed();
    return Done{};
}

PriceRow PriceBook::priceFor(ProviderId provider, const QString& operation, const QDate& on) const
{
    // Rows are newest first: the first in force on `on` wins, an operation's own row before the catch-all.
    for (const QString& wanted : {operation, QString()}) {
        for (const PriceRow& row : m_prices) {
            if (row.provider == provider && row.operation == wanted && row.effectiveFrom <= on)
                return row;
        }
    }
    const ProviderInfo& info = providerInfo(provider);
    return {provider, operation, info.unit, info.unitCost, QDate(), QString()};
}

Result<Done, DatabaseError> PriceBook::setPrice(PriceRow row)
{
    if (!row.unitPrice.isValid() || row.unitPrice.isNegative() || !row.effectiveFrom.isValid())
        return failure(
            DatabaseError{tr("A price needs an amount of zero or more and an effective-from date.")});
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("INSERT INTO prices (provider, operation, unit, price_micros, currency,"
                                 " effective_from, changed_by) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    query.addBindValue(providerKey(row.provider));
    query.addBindValue(row.operation.isNull() ? QStringLiteral("") : row.operation);
    query.addBindValue(row.unit.isNull() ? QStringLiteral("") : row.unit);
    query.addBindValue(row.unitPrice.micros());
    query.addBindValue(row.unitPrice.currency());
    query.addBindValue(row.effectiveFrom.toString(Qt::ISODate));
    query.addBindValue(row.changedBy.isNull() ? QStringLiteral("") : row.changedBy);
    if (!query.exec())
        return failure(DatabaseError{describeSqlError(QStringLiteral("the price"), query.lastError())});
    (void)recordAudit(
        m_database, row.changedBy, QStringLiteral("price changed"), providerKey(row.provider),
        QStringLiteral("%1 %2 per %3 from %4")
            .arg(row.operation, row.unitPrice.toString(), row.unit, row.effectiveFrom.toString(Qt::ISODate)));
    return reload();
}

FxRate PriceBook::rateFor(const CurrencyCode& currency, const QDate& on) const
{
    if (currency == u"AUD")
        return {currency, Money::kMicrosPerUnit, QDate(), false};
    for (const FxRate& rate : m_rates) {
        if (rate.currency == currency && rate.effectiveFrom <= on)
            return rate;
    }
    // Nobody set a rate yet: the built-in one, flagged so the panel and Settings say so.
    return {currency, currency == u"USD" ? kDefaultUsdRateMicros : 0, QDate(), true};
}

Result<Done, DatabaseError> PriceBook::setRate(FxRate rate)
{
    if (rate.currency.size() != 3 || rate.audMicrosPerUnit <= 0 || !rate.effectiveFrom.isValid())
        return failure(
            DatabaseError{tr("A rate needs a currency code, a positive rate and an effective-from date.")});
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral(
        "INSERT INTO fx_rates (currency, aud_micros_per_unit, effective_from) VALUES (?, ?, ?)"));
    query.addBindValue(rate.currency.toUpper());
    query.addBindValue(rate.audMicrosPerUnit);
    query.addBindValue(rate.effectiveFrom.toString(Qt::ISODate));
    if (!query.exec())
        return failure(DatabaseError{describeSqlError(QStringLiteral("the rate"), query.lastError())});
    (void)recordAudit(m_database, QString(), QStringLiteral("rate changed"), rate.currency.toUpper(),
                      QStringLiteral("%1 AUD from %2")
                          .arg(Money::aud(rate.audMicrosPerUnit).toDecimalString(),
                               rate.effectiveFrom.toString(Qt::ISODate)));
    return reload();
}

std::optional<Money> PriceBook::toAud(const Money& amount, const QDate& on, Rounding rounding) const
{
    if (!amount.isValid())
        return std::nullopt;
    if (amount.currency() == u"AUD")
        return amount;
    const FxRate rate = rateFor(amount.currency(), on);
    if (rate.audMicrosPerUnit <= 0)
        return std::nullopt;
    return amount.converted(QStringLiteral("AUD"), rate.audMicrosPerUnit, rounding);
}

Result<qint64, DatabaseError> PriceBook::saveSubscription(Subscription subscription)
{
    if (subscription.quantity < 0 || !subscription.unitPrice.isValid() ||
        subscription.unitPrice.isNegative() || subscription.billingDay < 1 || subscription.billingDay > 28)
        return failure(DatabaseError{tr("A subscription needs a quantity of zero or more, a monthly price "
                                        "and a billing day from 1 to 28.")});
    QSqlQuery query(m_database.connection());
    if (subscription.id == 0)
        query.prepare(
            QStringLiteral("INSERT INTO subscriptions (provider, name, quantity, unit_price_micros,"
                           " currency, billing_day, active) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    else
        query.prepare(QStringLiteral("UPDATE subscriptions SET provider = ?, name = ?, quantity = ?,"
                                     " unit_price_micros = ?, currency = ?, billing_day = ?, active = ?"
                                     " WHERE id = ?"));
    query.addBindValue(providerKey(subscription.provider));
    query.addBindValue(subscription.name.isNull() ? QStringLiteral("") : subscription.name);
    query.addBindValue(subscription.quantity);
    query.addBindValue(subscription.unitPrice.micros());
    query.addBindValue(subscription.unitPrice.currency());
    query.addBindValue(subscription.billingDay);
    query.addBindValue(subscription.active ? 1 : 0);
    if (subscription.id != 0)
        query.addBindValue(subscription.id);
    if (!query.exec())
        return failure(
            DatabaseError{describeSqlError(QStringLiteral("the subscription"), query.lastError())});
    qint64 id = subscription.id;
    if (id == 0 && query.next())
        id = query.value(0).toLongLong();
    query.finish();
    auto reloaded = reload();
    if (!reloaded)
        return failure(reloaded.error());
    return id;
}

Result<Done, DatabaseError> PriceBook::removeSubscription(qint64 id)
{
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("DELETE FROM subscriptions WHERE id = ?"));
    query.addBindValue(id);
    if (!query.exec())
        return failure(
            DatabaseError{describeSqlError(QStringLiteral("the subscription"), query.lastError())});
    return reload();
}

Money PriceBook::subscriptionsPerMonthAud(const QDate& on) const
{
    Money total = Money::aud(0);
    for (const Subscription& subscription : m_subscriptions) {
        if (!subscription.active)
            continue;
        const auto aud = toAud(subscription.monthlyTotal(), on);
        total = aud ? total.plus(*aud).value_or(total) : total;
    }
    return total;
}

QList<Subscription> PriceBook::seedSubscriptions()
{
    // The seed's recurring costs (shared/providers): HeyReach seats, InfraForge dedicated IPs, Smartlead's
    // plan.
    return {
        {0, ProviderId::HeyReach, tr("HeyReach seats"), 0, Money::aud(122'000'000), 1, true},
        {0, ProviderId::InfraForge, tr("InfraForge dedicated IPs"), 0, Money::aud(99'000'000), 1, true},
        {0, ProviderId::Smartlead, tr("Smartlead plan"), 0, Money::aud(39'000'000), 1, true},
    };
}

} // namespace agency
